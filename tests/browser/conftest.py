"""The browser shared by the browser tests: Debian's Chromium driven by Playwright (never a
downloaded browser), with the flags of shared/DESIGN.md."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from smewindow.catalog.services import demo_catalog_load

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's loop runs in the test thread


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


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
