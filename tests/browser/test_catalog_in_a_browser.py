"""The catalogue's pages in a real browser (Debian's Chromium driven by Playwright) on the demo
catalogue: the charts' Chinese labels render, no serious accessibility violations, and the
pages fit a 360 px phone. Screenshots go to var/test-artifacts/."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from smewindow.catalog.models import Course
from smewindow.catalog.services import demo_catalog_load

from .support import serious_violations, shot


@pytest.fixture
def catalogue(transactional_db: None) -> None:
    """The demo catalogue, committed so that the live server sees it."""
    demo_catalog_load()


def test_statistics_charts_render_chinese(live_server: Any, catalogue: None, phone: Page) -> None:
    phone.goto(f"{live_server.url}/catalog/statistics")
    chart = phone.get_by_role("img", name="開課單位家數（依類型與區域）")
    labels = chart.locator("text").all_text_contents()
    assert {"公協會", "法人", "學校", "民間單位", "北", "離島"} <= set(labels)
    box = chart.locator("text", has_text="民間單位").bounding_box()
    assert box is not None and box["width"] > 20  # drawn with a CJK font, not missing glyphs
    industries = phone.get_by_role("img", name="製造業課程數（依行業別）")
    assert "塑膠製品" in industries.locator("text").all_text_contents()
    assert phone.get_by_role("table", name="製造業課程數（依行業別）").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "catalog-statistics")
    with phone.expect_download() as download:
        phone.get_by_role("link", name="下載「製造業課程數（依行業別）」（CSV）").click()
    assert download.value.suggested_filename == "smewindow-industries.csv"


def test_course_and_provider_pages(live_server: Any, catalogue: None, phone: Page) -> None:
    course = Course.objects.get(name="數位AI及綠色雙軌轉型--組織碳盤查")
    phone.goto(f"{live_server.url}/catalog/courses/{course.pk}")
    assert phone.locator("h1").inner_text() == course.name
    assert "民國114年2月17日" in phone.get_by_role("table").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "catalog-course")
    phone.get_by_role("link", name="中華民國資訊軟體協會").click()
    assert phone.locator("h1").inner_text() == "中華民國資訊軟體協會"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "catalog-provider")


@pytest.mark.parametrize("locale", ["zh-TW", "en-US"])
def test_no_serious_or_critical_accessibility_violations(
    live_server: Any, catalogue: None, browser: Browser, locale: str
) -> None:
    course = Course.objects.filter(is_demo=True).first()
    assert course is not None and course.provider_id is not None
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale=locale)
    for name, path in (
        ("statistics", "/catalog/statistics"),
        ("course", f"/catalog/courses/{course.pk}"),
        ("provider", f"/catalog/providers/{course.provider_id}"),
    ):
        page.goto(live_server.url + path)
        assert serious_violations(page) == [], path
        shot(page, f"catalog-{name}-desktop-{locale}")
    page.close()
