"""The readiness questionnaire in a real browser (Debian's Chromium driven by Playwright): a
firm answers the four questions by clicks and typing, reads its group, follows a recommended
program and carries its answers on into the finder; no serious accessibility violations at
360 and 1280 px, in Chinese and English. Screenshots go to var/test-artifacts/."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from .support import fits, serious_violations, shot

ON = "2025-04-01"


def fill_in(page: Page) -> None:
    """Answer as a small bakery with a POS system trying AI in one process would."""
    page.get_by_label("1. 最近一年平均有幾位員工（依勞保投保人數）？").fill("12人")
    page.get_by_role("group", name="2. 最想在哪些方面得到協助？（可複選）").get_by_label(
        "導入AI"
    ).check()
    tools = page.get_by_role("group", name="3. 目前使用哪些數位工具？（可複選）")
    tools.get_by_label("POS收銀系統").check()
    page.get_by_role("group", name="4. 貴企業使用AI的情形？").get_by_label(
        "在一個工作流程試行AI"
    ).check()
    page.get_by_role("button", name="看分群結果").click()


def test_a_firm_answers_reads_its_group_and_goes_on(live_server: Any, phone: Page) -> None:
    phone.goto(f"{live_server.url}/")
    phone.get_by_role(
        "link", name="AI準備度快速檢測：4個問題，看貴企業屬於哪一群、先從哪裡開始"
    ).click()
    phone.wait_for_url("**/readiness/")
    assert fits(phone)
    assert serious_violations(phone) == []
    shot(phone, "readiness-form-360")
    phone.goto(f"{live_server.url}/readiness/?on={ON}")
    fill_in(phone)
    group = phone.get_by_role("region", name="貴企業的分群")
    assert "小型企業" in group.inner_text()
    assert "第 3 級（共 4 級）：AI試行" in group.inner_text()
    assert group.locator("ol li").first.inner_text().startswith("中小微計畫 AI")
    assert "技術法人" in group.inner_text() and "SME AI平台" in group.inner_text()
    assert fits(phone)
    assert serious_violations(phone) == []
    shot(phone, "readiness-result-360")
    group.locator("ol li a").first.click()
    phone.wait_for_url("**/programs/ai-readiness-diagnosis?on=2025-04-01")
    phone.go_back()
    phone.get_by_role("link", name="帶著這些答案繼續找資源").click()
    phone.wait_for_url("**/finder?state=*")
    assert phone.locator("legend").first.is_visible()  # the interview goes on, needs answered


def test_a_wrong_number_is_explained_at_its_box(live_server: Any, phone: Page) -> None:
    phone.goto(f"{live_server.url}/readiness/?on={ON}")
    phone.get_by_label("1. 最近一年平均有幾位員工（依勞保投保人數）？").fill("很多")
    phone.get_by_role("button", name="看分群結果").click()
    assert "無法讀成數字" in phone.get_by_role("alert").inner_text()
    box = phone.get_by_label("1. 最近一年平均有幾位員工（依勞保投保人數）？")
    assert box.get_attribute("aria-invalid") == "true"
    assert serious_violations(phone) == []


@pytest.mark.parametrize("locale", ["zh-TW", "en-US"])
def test_no_serious_or_critical_accessibility_violations_at_1280(
    live_server: Any, browser: Browser, locale: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale=locale)
    if locale == "en-US":
        page.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": live_server.url}]
        )
    query = "sent=1&employees=40&needs=netzero&needs=funding&digital_tools=__none__&ai_use=none"
    page.goto(f"{live_server.url}/readiness/?on={ON}&{query}")
    assert page.get_by_role("region").count() == 1
    assert serious_violations(page) == []
    shot(page, f"readiness-result-1280-{locale}")
    page.close()
