"""Every test starts in the site's default language: a page requested in English leaves
English active in the thread (LocaleMiddleware does not switch back), and code that reads
the active language outside a request would otherwise depend on the tests run before."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    with translation.override(settings.LANGUAGE_CODE):
        yield


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the browser tests ``browser`` and ``slow``: ``-m "not slow"`` runs the rest in a
    fraction of the time while working."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
