"""The browser shared by the browser tests: Debian's Chromium driven by Playwright (never a
downloaded browser), with the flags of shared/DESIGN.md."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from smewindow.catalog.services import demo_catalog_load

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's loop runs in the test thread


class CspWatch:
    """The browser, noting every Content-Security-Policy refusal its pages log to the console
    (an inline script or style the site's CSP blocks), so each test can assert there were
    none."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser
        self.refusals: list[str] = []

    def _note(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.refusals.append(message.text)

    def new_page(self, **options: Any) -> Page:
        page = self._browser.new_page(**options)
        page.on("console", self._note)
        return page

    def new_context(self, **options: Any) -> BrowserContext:
        context = self._browser.new_context(**options)
        context.on("console", self._note)
        return context

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture(scope="module")
def browser() -> Iterator[CspWatch]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield CspWatch(browser)
        browser.close()


@pytest.fixture(autouse=True)
def no_csp_refusals(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each browser test: the site's CSP blocked nothing (issue 13)."""
    yield
    if "browser" in request.fixturenames:
        watch: CspWatch = request.getfixturevalue("browser")
        refusals, watch.refusals[:] = list(watch.refusals), []
        assert not refusals, refusals


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A 360 px wide phone screen in Taiwanese Chinese."""
    page = browser.new_page(viewport={"width": 360, "height": 800}, locale="zh-TW")
    yield page
    page.close()


@pytest.fixture
def catalogue(transactional_db: None) -> None:
    """The demo catalogue (courses, providers and 12 software products), committed so that
    the live server sees it."""
    demo_catalog_load()
