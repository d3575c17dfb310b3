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
