"""The firms' documents: PDF, JPEG or PNG, parsed and checked whole (``filecheck``: never
by name or first bytes alone), at most 10 MB each and 10 per purpose (application,
supplement, completion, raise evidence), stored by a random name in
``settings.APPLICATION_UPLOAD_DIR`` (outside the web root). A document can be deleted until
it has been sent with its stage.

A file is written under a temporary name (``.<name>.part``) and renamed to its stored name
only once the row's transaction commits: a process killed mid-upload leaves at most a
``.part`` file, which ``manage.py clean_uploads`` removes (``orphans``)."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from smewindow.applications import filecheck
from smewindow.applications.models import PURPOSE_OF_STATUS, Application, Document, Purpose, Status
from smewindow.applications.refusals import ApplicationRefused
from smewindow.applications.selectors import locked, unsent_documents

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_DOCUMENTS = 10
"""Per purpose: the application's, a supplement, completion, raise evidence."""
PART = ".part"
"""The suffix of a file not yet committed (its name starts with a dot too)."""
ORPHAN_AGE = dt.timedelta(hours=1)
"""How old a temporary or unreferenced file must be before ``orphans`` lists it: older
than any upload still in progress."""


def path_of(document: Document) -> Path:
    return Path(settings.APPLICATION_UPLOAD_DIR) / document.stored_name


def document_store(
    *, application: Application, upload: UploadedFile[bytes], user: User
) -> Document:
    """Check and store ``upload`` for ``application``; refused (nothing stored) when it is
    not a safe PDF, JPEG or PNG (``filecheck``), too large, one too many, or the
    application takes none now."""
    if upload.size is None or upload.size > MAX_DOCUMENT_BYTES:
        raise ApplicationRefused(
            "too_large", "檔案：每個檔案不可超過 10 MB", "file: each file must be 10 MB or less"
        )
    upload.seek(0)
    data = upload.read()
    kind = filecheck.inspect(data)
    directory = Path(settings.APPLICATION_UPLOAD_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    stored_name = secrets.token_hex(16) + kind.extension
    part = directory / f".{stored_name}{PART}"
    _write_synced(part, data)
    try:
        with transaction.atomic():
            case = locked(application)
            purpose = _purpose_now(case, "上傳", "uploaded")
            if case.documents.filter(purpose=purpose).count() >= MAX_DOCUMENTS:
                raise ApplicationRefused(
                    "too_many",
                    f"檔案：{purpose.label}最多 {MAX_DOCUMENTS} 個檔案",
                    f"file: at most {MAX_DOCUMENTS} files of this kind",
                )
            document = Document.objects.create(
                application=case,
                purpose=purpose,
                original_name=filecheck.file_name(Path(upload.name or "file").name, kind)[:200],
                stored_name=stored_name,
                content_type=kind.content_type,
                size=len(data),
                uploaded_by=user,
            )
            transaction.on_commit(lambda: os.replace(part, directory / stored_name))
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return document


def _write_synced(path: Path, data: bytes) -> None:
    """``data`` in a new file at ``path``, on disk before the row that names it commits."""
    with path.open("xb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _purpose_now(application: Application, zh: str, en: str) -> Purpose:
    """What documents the application takes in its present status; refused when none."""
    purpose = PURPOSE_OF_STATUS.get(Status(application.status))
    if purpose is None:
        raise ApplicationRefused(
            "wrong_status",
            f"申請案目前為「{application.get_status_display()}」，不能{zh}文件",
            f"the application is {application.status}; no documents can be {en} now",
        )
    return purpose


def document_delete(*, document: Document) -> None:
    """Delete a document not yet sent: the application is still in the status it was
    uploaded in. The file goes once the transaction commits."""
    with transaction.atomic():
        case = locked(document.application)
        _purpose_now(case, "刪除", "deleted")
        if not unsent_documents(case).filter(pk=document.pk).exists():
            raise ApplicationRefused(
                "document_sent",
                "此文件已隨申請案送出，不能刪除",
                "this document has been sent with the application and cannot be deleted",
            )
        path = path_of(document)
        document.delete()
        transaction.on_commit(lambda: path.unlink(missing_ok=True))


def orphans(now: dt.datetime) -> list[Path]:
    """Files in the upload folders, older than ``ORPHAN_AGE`` at ``now``, that no committed
    upload uses: ``.part`` files (a process killed before its commit), stored files no
    document names (a deletion whose unlink did not run), and Django's temporary upload
    files (``FILE_UPLOAD_TEMP_DIR``). A ``.part`` file whose document did commit is not one:
    it is renamed to its stored name here (the rename is all it missed)."""
    cutoff = (now - ORPHAN_AGE).timestamp()
    named = set(Document.objects.values_list("stored_name", flat=True))
    directory = Path(settings.APPLICATION_UPLOAD_DIR)
    found = []
    for path in _old_files(directory, cutoff):
        final = path.name.removeprefix(".").removesuffix(PART)
        if final not in named:
            found.append(path)
        elif path.name != final:
            os.replace(path, directory / final)
    if settings.FILE_UPLOAD_TEMP_DIR:
        found += _old_files(Path(settings.FILE_UPLOAD_TEMP_DIR), cutoff)
    return found


def _old_files(directory: Path, cutoff: float) -> list[Path]:
    """The files (not folders) directly in ``directory`` last changed before ``cutoff``."""
    if not directory.is_dir():
        return []
    return [p for p in directory.iterdir() if p.is_file() and p.stat().st_mtime < cutoff]
