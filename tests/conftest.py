"""Every test starts in the site's default language: a page requested in English leaves
English active in the thread (LocaleMiddleware does not switch back), and code that reads
the active language outside a request would otherwise depend on the tests run before.
``mail_server`` is the tests' mail server, which a test can take down."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend
from django.utils import translation

from smewindow.finder import views


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    with translation.override(settings.LANGUAGE_CODE):
        yield


@dataclass
class MailServer:
    """The tests' mail server (Django's locmem backend); ``up = False`` makes every send
    raise ConnectionRefusedError, as SMTP does when the server is down."""

    up: bool = True


@pytest.fixture
def mail_server(monkeypatch: pytest.MonkeyPatch) -> MailServer:
    server = MailServer()
    send = EmailBackend.send_messages

    def send_or_refuse(backend: EmailBackend, messages: Sequence[EmailMessage]) -> int:
        if not server.up:
            raise ConnectionRefusedError(111, "Connection refused")
        return send(backend, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_or_refuse)
    return server


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the browser tests ``browser`` and ``slow``: ``-m "not slow"`` runs the rest in a
    fraction of the time while working."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Every test starts with an empty cache: no limit counts or cached reports (PDFs)
    carried over from the tests before."""
    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each report rendered (its HTML), answered with a stand-in PDF instead of WeasyPrint."""
    done: list[str] = []

    def render(html: str, site: str) -> bytes:
        done.append(html)
        return b"%PDF-stand-in " + str(len(done)).encode()

    monkeypatch.setattr(views, "report_pdf", render)
    return done
