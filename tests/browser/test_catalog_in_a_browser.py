"""The catalogue's pages in a real browser (Debian's Chromium driven by Playwright) on the demo
catalogue: the charts' Chinese labels render, a search typed by keyboard in the course zone
(with JavaScript: results as one types; without: Enter submits), no serious accessibility
violations, and the pages fit a 360 px phone. Screenshots go to var/test-artifacts/."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from smewindow.catalog.models import Course

from .support import serious_violations, shot, tab_to_search_box


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
        ("courses", "/catalog/courses?industry=common&session_from=2025-01-01"),
        ("providers", "/catalog/providers?q=協會"),
    ):
        page.goto(live_server.url + path)
        assert serious_violations(page) == [], path
        shot(page, f"catalog-{name}-desktop-{locale}")
    page.close()


def test_search_typed_by_keyboard_updates_the_results(
    live_server: Any, catalogue: None, phone: Page
) -> None:
    phone.goto(f"{live_server.url}/catalog/courses")
    caption = phone.locator("#results-caption")
    expect(caption).to_have_text("共 713 門課程，第 1／36 頁")
    phone.evaluate("window.notReloaded = true")
    tab_to_search_box(phone)
    phone.keyboard.type("電商", delay=80)  # no Enter
    expect(phone.get_by_role("link", name="一站式會員電商預約管理")).to_be_visible()
    expect(caption).not_to_contain_text("713")
    assert "q=%E9%9B%BB%E5%95%86" in phone.url  # the address restores the search
    assert phone.evaluate("window.notReloaded") is True  # replaced in place, no page load
    assert phone.evaluate("document.activeElement.id") == "q"
    expect(phone.get_by_role("status")).to_have_text(caption.inner_text())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "catalog-courses-typed")

    phone.keyboard.press("Tab")  # the filters: tick 塑膠製品 with the keyboard
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")  # opens 篩選條件
    phone.get_by_label("塑膠製品").focus()
    phone.keyboard.press("Space")
    expect(phone.locator("[data-count]")).to_contain_text("找不到符合條件的課程")
    assert "industry=plastics" in phone.url and "q=" in phone.url
    phone.reload()  # the link restores the search and the filter
    expect(phone.get_by_label("關鍵字")).to_have_value("電商")
    expect(phone.get_by_label("塑膠製品")).to_be_checked()


def test_search_without_javascript_submits_with_enter(
    live_server: Any, catalogue: None, browser: Browser
) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 800}, locale="zh-TW"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/catalog/courses")
    tab_to_search_box(page)
    page.keyboard.type("電商")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=%E9%9B%BB%E5%95%86" in page.url
    expect(page.get_by_role("link", name="一站式會員電商預約管理")).to_be_visible()
    expect(page.get_by_label("關鍵字")).to_have_value("電商")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "catalog-courses-no-javascript")
    page.goto(f"{live_server.url}/catalog/providers")
    tab_to_search_box(page)
    page.keyboard.type("華岡")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="財團法人華岡興業基金會")).to_be_visible()
    expect(page.get_by_role("link", name="3 門課程")).to_be_visible()
    shot(page, "catalog-providers-no-javascript")
    context.close()
