"""Production by default (issue 13): ``check --deploy`` with the production settings is
clean, SMEWINDOW_HTTPS=off turns HTTPS off, every response has a request id and a
Content-Security-Policy, and a 500 is logged as one JSON line with its request id."""

from __future__ import annotations

import io
import json
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import path

from smewindow.web.logs import JsonFormatter
from smewindow.web.urls import urlpatterns as site_urls

ROOT = Path(__file__).resolve().parents[2]


def _production(tmp_path: Path, code: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """Runs ``manage.py`` with the real settings, DEBUG off and a strong secret key."""
    # Nothing of the test run leaks in (DJANGO_ALLOW_ASYNC_UNSAFE is set for Playwright).
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SMEWINDOW_", "DJANGO_"))}
    environ |= {
        "DJANGO_SETTINGS_MODULE": "smewindow.web.settings",
        "SMEWINDOW_SECRET_KEY": secrets.token_urlsafe(50),
        "SMEWINDOW_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT / "src"),
        **env,
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *code],
        capture_output=True,
        text=True,
        env=environ,
        cwd=ROOT,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    done = _production(tmp_path, ["check", "--deploy", "--fail-level", "WARNING"])
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_https_off_is_an_explicit_choice(tmp_path: Path) -> None:
    done = _production(tmp_path, ["check", "--deploy"], SMEWINDOW_HTTPS="off")
    for warning in ("W004", "W008", "W012", "W016"):
        assert f"security.{warning}" in done.stderr


@pytest.mark.django_db
def test_every_response_has_a_request_id_and_a_csp(client: Client) -> None:
    response = client.get("/")
    assert len(response["X-Request-ID"]) == 32
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_the_proxys_request_id_is_kept_when_plain(client: Client) -> None:
    assert client.get("/", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    forged = client.get("/", HTTP_X_REQUEST_ID='x"\n{"level": "ERROR"}')["X-Request-ID"]
    assert len(forged) == 32 and '"' not in forged


def _boom(request: object) -> None:
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom), *site_urls]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_500_is_logged_as_json_with_its_request_id() -> None:
    handler = next(
        h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter)
    )
    assert isinstance(handler, logging.StreamHandler)
    written = io.StringIO()
    stream = handler.setStream(written)
    try:
        response = Client(raise_request_exception=False).get("/boom/", HTTP_X_REQUEST_ID="req-42")
    finally:
        handler.setStream(stream)
    assert response.status_code == 500
    lines = [json.loads(line) for line in written.getvalue().splitlines()]
    line = next(x for x in lines if x["logger"] == "django.request")
    assert line["level"] == "ERROR" and line["path"] == "/boom/" and line["status"] == 500
    assert "RuntimeError: boom" in line["exception"]
    assert line["request_id"] == "req-42"


def test_behind_the_tls_proxy_the_client_ip_is_the_proxys_entry(tmp_path: Path) -> None:
    """HTTPS-only means one TLS proxy in front: axes and the limits count the client it saw,
    so five wrong passwords for a public 統一編號 lock that client only, not everyone behind
    the proxy (an explicit SMEWINDOW_PROXY_COUNT, or HTTPS off, keeps the given count)."""
    show = [
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.SMEWINDOW_PROXY_COUNT)",
    ]
    assert _production(tmp_path, show).stdout.strip() == "1"
    assert _production(tmp_path, show, SMEWINDOW_HTTPS="off").stdout.strip() == "0"
    assert _production(tmp_path, show, SMEWINDOW_PROXY_COUNT="2").stdout.strip() == "2"
