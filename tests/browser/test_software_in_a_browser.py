"""The software list and a product's page in a real browser (Debian's Chromium driven by
Playwright) on the demo catalogue: a search typed by keyboard (with JavaScript: results as
one types; without: Enter submits), a product's page with how it counts within the subsidy,
a 360 px phone, and no serious accessibility violations at 1280 px in both languages.
Screenshots go to var/test-artifacts/software-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from smewindow.catalog.models import SoftwareProduct

from .support import fits, serious_violations, shot, tab_to_search_box


def test_search_and_a_product_on_a_phone(
    live_server: Any, catalogue: None, phone: Page, browser: Browser
) -> None:
    phone.goto(f"{live_server.url}/catalog/software")
    caption = phone.locator("#results-caption")
    expect(caption).to_have_text("共 12 項軟體，第 1／1 頁")
    assert fits(phone)
    shot(phone, "software-list")
    phone.evaluate("window.notReloaded = true")
    tab_to_search_box(phone)
    phone.keyboard.type("客服", delay=80)  # no Enter: the results follow the typing
    expect(caption).to_have_text("共 1 項軟體，第 1／1 頁")
    assert phone.evaluate("window.notReloaded") is True
    assert phone.evaluate("document.activeElement.id") == "q"
    expect(phone.get_by_role("status")).to_have_text("共 1 項軟體，第 1／1 頁")
    assert "q=%E5%AE%A2%E6%9C%8D" in phone.url
    shot(phone, "software-typed")

    phone.get_by_role("link", name="（示範）智慧客服系統").click()
    expect(phone.locator("h1")).to_have_text("（示範）智慧客服系統")
    counts = phone.get_by_role("list").filter(has_text="每位本國籍受訓員工補助上限")
    expect(counts).to_contain_text("NT$10,000")
    expect(counts).to_contain_text("最多可計入 NT$12,000")
    assert fits(phone)
    shot(phone, "software-product")

    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 800}, locale="zh-TW"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/catalog/software")
    tab_to_search_box(page)
    page.keyboard.type("點餐")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="（示範）智慧點餐系統")).to_be_visible()
    expect(page.locator("#results-caption")).to_have_text("共 1 項軟體，第 1／1 頁")
    assert fits(page)
    shot(page, "software-no-javascript")
    context.close()


@pytest.mark.parametrize("locale", ["zh-TW", "en-US"])
def test_no_serious_or_critical_accessibility_violations(
    live_server: Any, catalogue: None, browser: Browser, locale: str
) -> None:
    product = SoftwareProduct.objects.order_by("pk").first()
    assert product is not None
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale=locale)
    for name, path in (
        ("list", "/catalog/software?category=智慧客服&max_price=x"),  # filters open, a notice
        ("product", f"/catalog/software/{product.pk}"),
    ):
        page.goto(live_server.url + path)
        assert serious_violations(page) == [], path
        shot(page, f"software-{name}-desktop-{locale}")
    page.close()
