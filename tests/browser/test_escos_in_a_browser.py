"""The ESCO directory in a real browser (Debian's Chromium driven by Playwright) on the demo
ESCOs: a bakery owner picks a county and a service on a 360 px phone and at 1280 px, reads
the cards (demo ones marked) and reaches the desk when nothing matches; a bad link is
explained; no serious accessibility violations, in Chinese and English. Screenshots go to
var/test-artifacts/escos-*.png."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from smewindow.netzero.services import demo_escos_load

from .support import fits, serious_violations, shot


@pytest.fixture
def escos(transactional_db: None) -> None:
    """The demo ESCOs, committed so that the live server sees them."""
    demo_escos_load()


@pytest.fixture
def wide(browser: Browser) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    yield page
    page.close()


def search(page: Page, county: str, service: str) -> None:
    """Choose a county and a service by their labels and search."""
    page.get_by_label("縣市").select_option(county)
    page.get_by_label("服務項目").select_option(label=service)
    page.get_by_role("button", name="查詢").click()


@pytest.mark.usefixtures("escos")
def test_a_bakery_finds_an_esco_on_a_phone(live_server: Any, phone: Page) -> None:
    phone.goto(f"{live_server.url}/netzero/escos/")
    expect(phone.locator(".esco-count")).to_have_text("共 12 家業者，第 1／1 頁")
    assert fits(phone)
    assert serious_violations(phone) == []
    shot(phone, "escos-all-360")

    search(phone, "彰化縣", "冷凍冷藏")
    phone.wait_for_url("**/netzero/escos/?*service=refrigeration*")
    cards = phone.locator("article.esco")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 1
    for card in cards.all():
        text = card.inner_text()
        assert "冷凍冷藏" in text and "示範資料" in text
        assert "彰化縣" in text or "全國" in text
    expect(phone.get_by_text("注意：標示「示範資料」的業者")).to_be_visible()
    expect(phone.get_by_label("縣市")).to_have_value("彰化縣")
    assert fits(phone)
    assert serious_violations(phone) == []
    shot(phone, "escos-changhua-refrigeration-360")

    phone.get_by_label("關鍵字").fill("沒有這家公司")
    phone.get_by_role("button", name="查詢").click()
    expect(phone.get_by_text("找不到符合條件的業者。")).to_be_visible()
    desk = phone.get_by_role("link", name="0800-056-476").last
    assert desk.get_attribute("href") == "tel:0800056476"
    assert fits(phone)
    assert serious_violations(phone) == []
    shot(phone, "escos-none-360")


@pytest.mark.usefixtures("escos")
def test_a_bad_link_is_explained(live_server: Any, phone: Page) -> None:
    response = phone.goto(f"{live_server.url}/netzero/escos/?county=火星市&page=0")
    assert response is not None and response.status == 400
    alert = phone.get_by_role("alert")
    expect(alert).to_contain_text("「縣市」須為 22 個縣市之一")
    expect(alert).to_contain_text("「頁次」須為 1 以上的整數")
    assert fits(phone)
    assert serious_violations(phone) == []
    shot(phone, "escos-bad-360")


@pytest.mark.parametrize("locale", ["zh-TW", "en-US"])
@pytest.mark.usefixtures("escos")
def test_at_1280_in_both_languages(live_server: Any, browser: Browser, locale: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale=locale)
    if locale == "en-US":
        page.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": live_server.url}]
        )
    page.goto(f"{live_server.url}/netzero/escos/")
    if locale == "en-US":
        page.get_by_label("County or city").select_option("高雄市")
        page.get_by_label("Service").select_option(label="refrigeration and freezers")
        page.get_by_role("button", name="Search", exact=True).click()
    else:
        search(page, "高雄市", "冷凍冷藏")
    page.wait_for_url("**service=refrigeration*")
    expect(page.locator("article.esco").first).to_be_visible()
    assert serious_violations(page) == []
    shot(page, f"escos-kaohsiung-refrigeration-1280-{locale}")
    page.close()
