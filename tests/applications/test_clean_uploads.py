"""An upload is written under a temporary name and renamed when its row commits, so a killed
process leaves only ``.part`` files; ``manage.py clean_uploads`` removes those older than an
hour, stored files no row names and Django's spooled temporary uploads, and finishes the
rename of a file whose row did commit."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from smewindow.applications.models import Application, Document, Round
from smewindow.applications.uploads import MAX_DOCUMENTS, document_store, path_of

from .conftest import PDF, attach, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(open_round: Round, make_application: Callable[..., Application]) -> Application:
    return make_application(trainees=0)


@pytest.fixture
def spool(settings: Any, tmp_path: Path) -> Path:
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "upload-tmp"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    return Path(settings.FILE_UPLOAD_TEMP_DIR)


def store(application: Application) -> Document:
    return document_store(
        application=application, upload=SimpleUploadedFile("a.pdf", PDF), user=application.firm.user
    )


def aged(path: Path, hours: float = 2) -> Path:
    """``path`` (created if missing) last changed ``hours`` ago."""
    if not path.exists():
        path.write_bytes(b"partial")
    past = time.time() - hours * 3600
    os.utime(path, (past, past))
    return path


def test_the_file_has_a_temporary_name_until_the_row_commits(
    draft: Application, upload_dir: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = store(draft)
    final = path_of(document)
    assert [p.name for p in upload_dir.iterdir()] == [f".{final.name}.part"]
    for callback in callbacks:  # the commit
        callback()
    assert [p.name for p in upload_dir.iterdir()] == [final.name]
    assert final.read_bytes() == PDF


def test_a_refusal_inside_the_transaction_leaves_no_file(
    draft: Application, upload_dir: Path
) -> None:
    for _ in range(MAX_DOCUMENTS):
        attach(draft)
    before = sorted(upload_dir.iterdir())
    with refused("too_many"):
        store(draft)
    assert sorted(upload_dir.iterdir()) == before


def test_clean_uploads_removes_orphans_and_keeps_what_rows_name(
    draft: Application, upload_dir: Path, spool: Path
) -> None:
    kept = path_of(attach(draft))
    aged(kept)
    young_part = upload_dir / ".0123.pdf.part"
    young_part.write_bytes(b"an upload in progress")
    killed = aged(upload_dir / ".dead.pdf.part")  # killed before its commit
    deleted = aged(upload_dir / "gone.pdf")  # no row names it
    spooled = aged(spool / "tmpab12.upload.pdf")  # Django's spool of a killed request
    fresh_spool = spool / "tmpcd34.upload.pdf"
    fresh_spool.write_bytes(b"arriving")
    call_command("clean_uploads", verbosity=0)
    assert kept.read_bytes() == PDF and young_part.exists() and fresh_spool.exists()
    assert not killed.exists() and not deleted.exists() and not spooled.exists()


def test_clean_uploads_finishes_a_rename_the_commit_missed(
    draft: Application, upload_dir: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=False):  # killed after commit
        document = store(draft)
    part = aged(upload_dir / f".{document.stored_name}.part")
    call_command("clean_uploads", verbosity=0)
    assert not part.exists() and path_of(document).read_bytes() == PDF


def test_dry_run_deletes_nothing(upload_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    upload_dir.mkdir()
    orphan = aged(upload_dir / ".x.pdf.part")
    call_command("clean_uploads", "--dry-run", verbosity=2)
    assert orphan.exists() and str(orphan) in capsys.readouterr().out


def test_big_uploads_spool_under_var_not_tmp() -> None:
    from django.conf import settings

    assert Path(settings.FILE_UPLOAD_TEMP_DIR).is_dir()
    assert Path(settings.FILE_UPLOAD_TEMP_DIR).parent == Path(settings.VAR_DIR)
