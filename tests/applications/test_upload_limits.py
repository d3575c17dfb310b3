"""A body over the limit is refused with 413 before it is read: a browser's form gets a page
in the page's language with the limit and a link back, the API keeps its JSON."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from smewindow.applications.models import Application, Document, Round

from .conftest import PDF, client_for
from .test_firm_pages import stored_files

pytestmark = pytest.mark.django_db

OVER = settings.MAX_UPLOAD_BODY_BYTES + 1024


@pytest.fixture
def draft(open_round: Round, make_application: Callable[..., Application]) -> Application:
    return make_application(trainees=0)


def post_huge(client: Client, application: Application, **headers: str) -> object:
    """A real multipart body with a PDF a little over the 11 MB limit."""
    big = SimpleUploadedFile("scan.pdf", PDF + bytes(OVER), content_type="application/pdf")
    return client.post(f"/apply/{application.pk}/documents", {"file": big}, **headers)


def test_a_file_over_the_limit_gets_a_page(draft: Application) -> None:
    client = client_for(draft.firm.user)
    referer = f"http://testserver/apply/{draft.pk}/"
    response = post_huge(client, draft, HTTP_REFERER=referer)
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert 'lang="zh-Hant-TW"' in page and "檔案太大" in page
    assert "每個檔案最大 10 MB" in page and "超過 11 MB" in page
    assert f'href="{referer}"' in page
    assert not Document.objects.exists() and stored_files() == []


def test_the_page_follows_the_language(draft: Application) -> None:
    client = client_for(draft.firm.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = post_huge(client, draft).content.decode()
    assert '<html lang="en">' in page and "SME Window" in page and "10 MB" in page
    assert "中小微企業單一窗口" not in page


@pytest.mark.parametrize("referer", ["", "https://evil.example/apply/1/", "javascript:alert(1)"])
def test_the_link_back_stays_on_the_site(draft: Application, referer: str) -> None:
    headers = {"HTTP_REFERER": referer} if referer else {}
    page = post_huge(client_for(draft.firm.user), draft, **headers).content.decode()
    assert 'href="/apply/"' in page and "evil" not in page and "javascript" not in page


def test_the_api_keeps_json() -> None:
    body = json.dumps({"name": "x" * (settings.MAX_BODY_BYTES + 1)})
    response = Client().post(
        "/api/v1/screen", body, content_type="application/json", HTTP_ACCEPT="text/html"
    )
    assert response.status_code == 413 and "64 KB" in response.json()["detail"]


def test_a_form_over_64_kb_on_another_page_gets_the_page_without_files() -> None:
    response = Client().post("/finder", {"answers": "x" * (settings.MAX_BODY_BYTES + 1)})
    page = response.content.decode()
    assert response.status_code == 413 and "超過 64 KB" in page and "每個檔案" not in page
