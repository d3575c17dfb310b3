"""The results report as a PDF (WeasyPrint), from this machine's fonts and files only.

A report embeds a subset of the Noto Sans CJK TC face, cut from a 20 MB font collection.
HarfBuzz's subsetter (Debian's libharfbuzz-subset0) does that in about 0.1 s; without it
WeasyPrint falls back to fontTools, which takes 14–40 s on every report
(docs/benchmarks.md). ``scripts/system-packages`` installs it and the system check below
warns at start-up when it is missing.

The system's fonts are gathered once per process, and the renders of one process take turns
so they can share them. Files the report links to (a stylesheet, an image) are read from the
static files on disk; any other URL is refused, so a report never waits on the network, nor
on the very server that is rendering it.
"""

from __future__ import annotations

import ctypes.util
import mimetypes
import threading
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import checks
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

_RENDERING = threading.Lock()


@cache
def _fonts() -> FontConfiguration:
    """The system's fonts, gathered once per process (Pango then keeps the faces it opened)."""
    return FontConfiguration()


class StaticFiles(URLFetcher):
    """WeasyPrint's fetcher for a report: the site's static files (``site`` + STATIC_URL) from
    disk and ``data:`` URLs; anything else is refused, never fetched."""

    def __init__(self, site: str) -> None:
        super().__init__()
        self.static = urljoin(site, settings.STATIC_URL)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(self.static):
            name = unquote(urlsplit(url).path).removeprefix(urlsplit(self.static).path)
            found = finders.find(name)
            if isinstance(found, str):
                kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
                return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": kind})
        raise ValueError(f"a report reads only the site's static files, not {url}")


def report_pdf(html: str, site: str) -> bytes:
    """The PDF of a report's HTML; ``site`` is the site's root URL, for links and static
    files."""
    with _RENDERING:
        document = HTML(string=html, base_url=site, url_fetcher=StaticFiles(site))
        return bytes(document.write_pdf(font_config=_fonts()))


@checks.register
def harfbuzz_subset_check(**kwargs: Any) -> list[checks.CheckMessage]:
    """Warn when HarfBuzz's subsetter is missing: every PDF report would take many seconds."""
    if ctypes.util.find_library("harfbuzz-subset"):
        return []
    return [
        checks.Warning(
            "HarfBuzz-Subset (libharfbuzz-subset0) is missing: each PDF report takes 14–40 s "
            "instead of under a second.",
            hint="Run `bash scripts/system-packages` (apt-get install libharfbuzz-subset0).",
            id="finder.W001",
        )
    ]
