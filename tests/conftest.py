"""Every test starts in the site's default language: a page requested in English leaves
English active in the thread (LocaleMiddleware does not switch back), and code that reads
the active language outside a request would otherwise depend on the tests run before."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from smewindow.finder import views


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    with translation.override(settings.LANGUAGE_CODE):
        yield


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
