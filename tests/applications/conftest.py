"""A round open now with a budget per track, firms with users, reviewers, finance, and
listed courses of known hours."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter

from smewindow.applications import roles
from smewindow.applications.identifiers import LETTER_CODES
from smewindow.applications.intake import application_create, firm_create, trainee_add
from smewindow.applications.models import Application, Budget, Document, Firm, Round
from smewindow.applications.refusals import ApplicationRefused
from smewindow.applications.uploads import document_store
from smewindow.catalog.models import Course, Provider
from smewindow.rules.taiwan import business_id_is_valid

NOW = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)
_serial = itertools.count(1)


def _blank_pdf() -> bytes:
    """A real one-page PDF (pypdf), as the uploads' checks parse every file."""
    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


def image_bytes(format: str, size: tuple[int, int] = (4, 3)) -> bytes:
    """A real small image (Pillow) in ``format``."""
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format)
    return out.getvalue()


PDF = _blank_pdf()
PNG = image_bytes("PNG")
JPEG = image_bytes("JPEG")


@pytest.fixture(autouse=True)
def upload_dir(settings: Any, tmp_path: Path) -> Path:
    """Each test's documents in a folder of its own."""
    settings.APPLICATION_UPLOAD_DIR = tmp_path / "uploads"
    return settings.APPLICATION_UPLOAD_DIR


def refused(code: str) -> pytest.RaisesExc[ApplicationRefused]:
    """Expect the services to refuse with ``code``."""
    return pytest.raises(ApplicationRefused, check=lambda e: e.code == code)


def attach(application: Application, name: str = "文件.pdf") -> Document:
    """The firm uploads a (real, small) PDF for the application's present stage; the file
    takes its stored name as the upload commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return document_store(
            application=application,
            upload=SimpleUploadedFile(name, PDF),
            user=application.firm.user,
        )


def national_id(n: int, letter: str = "A", sex: str = "1") -> str:
    """A valid national ID: ``letter``, ``sex``, seven digits from ``n``, the check digit."""
    body = f"{sex}{n:07d}"
    code = LETTER_CODES[letter]
    total = (
        code // 10
        + 9 * (code % 10)
        + sum(int(d) * w for d, w in zip(body, range(8, 0, -1), strict=True))
    )
    return f"{letter}{body}{(10 - total % 10) % 10}"


def business_id(n: int) -> str:
    """A valid 統一編號 made from ``n`` (the last digit chosen to pass the check)."""
    for last in range(10):
        candidate = f"{n:07d}{last}"
        if business_id_is_valid(candidate):
            return candidate
    raise AssertionError(n)


def user(name: str, *groups: str) -> User:
    account = User.objects.create_user(name)
    for group in groups:
        account.groups.add(Group.objects.get_or_create(name=group)[0])
    return account


@pytest.fixture
def round_() -> Round:
    return Round.objects.create(
        name="測試梯次",
        opens_at=NOW - dt.timedelta(days=30),
        deadline=NOW + dt.timedelta(days=30),
        raise_deadline=NOW + dt.timedelta(days=60),
    )


@pytest.fixture
def open_round(round_: Round) -> Round:
    """The fixture round, open now, with raise-bonus claims open for 60 days."""
    now = timezone.now()
    round_.opens_at, round_.deadline = now - dt.timedelta(days=1), now + dt.timedelta(days=30)
    round_.raise_deadline = now + dt.timedelta(days=60)
    round_.save()
    return round_


def client_for(account: User) -> Client:
    """A test client logged in as ``account``."""
    client = Client()
    client.force_login(account)
    return client


@pytest.fixture
def budgets(round_: Round) -> dict[str, Budget]:
    return {
        track: Budget.objects.create(round=round_, track=track, total=1_000_000)
        for track in ("manufacturing", "services")
    }


@pytest.fixture
def course() -> Course:
    """A listed 12-hour course (8 physical + 4 online)."""
    provider = Provider.objects.create(name="測試開課單位")
    return Course.objects.create(
        name="AI 入門", provider=provider, physical_hours=Decimal(8), online_hours=Decimal(4)
    )


@pytest.fixture
def make_firm() -> Callable[..., Firm]:
    def make(industry: str = "25", county: str = "臺中市") -> Firm:
        n = next(_serial)
        return firm_create(
            user=user(f"firm{n}"),
            business_id=business_id(1_000_000 + n),
            name=f"測試企業{n}",
            county=county,
            industry=industry,
        )

    return make


@pytest.fixture
def make_application(
    round_: Round, budgets: dict[str, Budget], course: Course, make_firm: Callable[..., Firm]
) -> Callable[..., Application]:
    """A draft with ``trainees`` trainees, each taking ``course`` at ``cost``."""

    def make(
        trainees: int = 1, cost: int = 10_000, priority_group: bool = False, **firm: Any
    ) -> Application:
        application = application_create(
            firm=make_firm(**firm), round=round_, priority_group=priority_group, now=NOW
        )
        for _ in range(trainees):
            n = next(_serial)
            trainee_add(
                application=application,
                name=f"員工{n}",
                national_id=national_id(n),
                cost=cost,
                courses=[course],
            )
        return application

    return make


@pytest.fixture
def reviewer() -> User:
    return user("reviewer", roles.REVIEWER["manufacturing"])


@pytest.fixture
def finance() -> User:
    return user("finance", roles.FINANCE)


def download_status(client: Client, url: str) -> int:
    """The status of a document download, the file it streams read to its end and closed (an
    unread FileResponse leaves its file open; the test client closes a streamed response at
    its end without closing the database connection, as ``response.close()`` would)."""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code
