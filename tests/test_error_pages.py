"""404, 405 and 500 with DEBUG off: JSON ``{"detail": ...}`` under /api/v1/, the site's own
pages in Traditional Chinese (English when chosen) elsewhere. They used to be Django's
English defaults, and the API's 405 and 500 answered plain text or HTML."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory, override_settings

from smewindow.web import errors


def boom(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("a bug")


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_page_not_found_is_the_sites_chinese_page(client: Client) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    html = response.content.decode()
    assert "找不到這個網頁" in html and "中小微企業單一窗口" in html  # the site's header
    assert "Not Found" not in html
    english = client.get("/no-such-page", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This page cannot be found" in english


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_page_that_fails_is_the_sites_chinese_500(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("smewindow.finder.views.label", boom)
    response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "系統發生錯誤" in html and "請稍後再試" in html and "中小微企業單一窗口" in html
    assert "Server Error" not in html


@override_settings(DEBUG=False)
def test_the_500_page_needs_no_database_nor_a_working_request() -> None:
    """No ``django_db`` mark: any query would fail the test. The request has no session or
    user (the middleware never ran)."""
    response = errors.server_error(RequestFactory().get("/results"))
    assert response.status_code == 500 and "系統發生錯誤" in response.content.decode()


def test_the_500_page_has_a_last_resort(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errors, "render_to_string", boom)
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "系統發生錯誤" in response.content.decode()


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_the_apis_404_is_json(client: Client) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": errors.NOT_FOUND}


@pytest.mark.django_db
@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("get", "/api/v1/screen", "POST"),
        ("put", "/api/v1/interview/next", "POST"),
        ("post", "/api/v1/programs", "GET"),
    ],
)
def test_the_apis_405_is_json_naming_the_methods(
    client: Client, method: str, path: str, allowed: str
) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == 405 and response["Content-Type"] == "application/json"
    assert response["Allow"] == allowed
    detail = response.json()["detail"]
    assert "不接受" in detail and method.upper() in detail and allowed in detail


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_the_apis_500_is_json(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("smewindow.api.api.screen", boom)
    response = client.post("/api/v1/screen", data="{}", content_type="application/json")
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": errors.SERVER_ERROR}
