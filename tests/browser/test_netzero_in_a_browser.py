"""The net-zero tool in a real browser (Debian's Chromium driven by Playwright): a restaurant
(electricity, gas, refrigerant, air-conditioners) and a plastics factory (air compressors,
motors) fill in their bills by typing and clicking, read their estimate, what each saving is
worth and the ESCOs near them, and send it on; no serious accessibility violations at 360
and 1280 px. Screenshots go to var/test-artifacts/."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from smewindow.netzero.services import demo_escos_load

from .support import fits, serious_violations, shot


@pytest.fixture
def escos(transactional_db: None) -> None:
    """The demo ESCO list, committed so that the live server sees it."""
    demo_escos_load()


def test_a_restaurant_estimates_its_carbon_and_sends_it_to_an_esco(
    live_server: Any, phone: Page, escos: None
) -> None:
    phone.goto(f"{live_server.url}/netzero/")
    assert fits(phone) and serious_violations(phone) == []
    shot(phone, "netzero-paths-360")
    phone.get_by_role("link", name="餐廳、商店與服務業").click()
    phone.get_by_label("全年用電（度數或電費）").fill("36,000度")
    phone.get_by_label("全年天然氣用量（立方公尺）").fill("1,500")
    phone.get_by_label("冷媒 1 種類").select_option("R-410A")
    phone.get_by_label("補充公斤數").first.fill("3")
    phone.get_by_label("員工數").fill("8")
    phone.get_by_label("行業").select_option("56")
    phone.get_by_label("營業場所面積（坪或平方公尺）").fill("30坪")
    phone.get_by_label("所在縣市（找附近的節能業者）").select_option("臺中市")
    phone.get_by_label("新設備每台功率（瓩）").first.fill("3.5")
    phone.get_by_label("台數").first.fill("2")
    phone.get_by_label("一年運轉幾小時").first.fill("2400")
    phone.get_by_label("新設備購置費用合計（元，可不填）").first.fill("8萬")
    assert fits(phone) and serious_violations(phone) == []
    shot(phone, "netzero-restaurant-form-360")
    phone.get_by_role("button", name="開始試算").click()
    results = phone.get_by_role("region", name="2024 年的試算結果").or_(
        phone.locator("section.carbon-results")
    )
    text = results.first.inner_text()
    assert "公噸" in text and "NT$40,000" in text
    assert "每平方公尺一年用電" in text  # compared with the cited shop surveys
    assert fits(phone) and serious_violations(phone) == []
    shot(phone, "netzero-restaurant-results-360")
    phone.locator("form.send input[name=escos]").first.check()
    phone.get_by_label("企業名稱").fill("好食小館")
    phone.get_by_label("聯絡電話").fill("04-2222-3333")
    phone.get_by_label("我已閱讀並同意上述個人資料的蒐集、處理及利用。").check()
    phone.get_by_label("我同意將試算結果與聯絡資料提供給我勾選的業者。").check()
    phone.get_by_role("button", name="送出，請業者或服務中心聯絡我").click()
    phone.wait_for_url("**/desk/case/**")
    assert "碳排與節能試算" in phone.locator("main").inner_text()


@pytest.mark.parametrize("width", [360, 1280])
def test_a_plastics_factory_prices_its_compressors_and_motors(
    live_server: Any, browser: Any, escos: None, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-TW")
    page.goto(f"{live_server.url}/netzero/")
    page.get_by_role("link", name="工廠與製造業").click()
    page.get_by_label("全年用電（度數或電費）").fill("120萬")
    page.get_by_label("全年柴油用量（公升）").fill("2000")
    page.get_by_label("員工數").fill("45")
    page.get_by_label("行業").select_option("22")
    page.get_by_label("所在縣市（找附近的節能業者）").select_option("臺中市")
    compressor = page.get_by_role("group", name="空氣壓縮機 1")
    compressor.get_by_label("型式").select_option(label="可變轉速迴轉式（變頻）")
    compressor.get_by_label("能源效率等級（d值）").select_option("d30")
    compressor.get_by_label("新設備每台功率（瓩）").fill("37")
    compressor.get_by_label("台數").fill("2")
    compressor.get_by_label("一年運轉幾小時").fill("6000")
    motor = page.get_by_role("group", name="設備 1")
    motor.get_by_label("設備種類").select_option(label="馬達")
    motor.get_by_label("新設備每台功率（瓩）").fill("15")
    motor.get_by_label("台數").fill("4")
    motor.get_by_label("一年運轉幾小時").fill("5000")
    motor.get_by_label("舊設備每台耗電功率（瓩，可不填）").fill("17")
    page.get_by_role("button", name="開始試算").click()
    results = page.locator("section.carbon-results").inner_text()
    assert "40,000" in results  # the motors' kWh saved a year
    assert "動力與公用設備補助" in results
    assert "目前找不到與貴企業同業可比較的公開數據" in results  # none for plastics (22)
    assert "空氣壓縮機" in page.locator("article.esco").first.inner_text()
    assert serious_violations(page) == []
    if width == 360:
        assert fits(page)
    shot(page, f"netzero-factory-results-{width}")
    with page.expect_download() as download:
        page.get_by_role("link", name="下載CSV（Excel可開）").click()
    assert download.value.suggested_filename == "smewindow-carbon.csv"
    page.get_by_role("link", name="查看完整的業者名錄").click()
    page.wait_for_url("**/netzero/escos/?county=*")
    assert page.locator("article.esco").count() >= 1
    page.close()
