"""A firm asks the desk from its results in a real browser on a phone screen and a desktop
one: the finder's answers come along, the consent box must be ticked, the page after
sending shows the private link, the firm writes back, closes and rates. The pages have no
serious accessibility violations and fit 360 px."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from smewindow.desk.models import Consultation
from smewindow.finder.state import InterviewState

from .support import fits, serious_violations, shot


@pytest.mark.parametrize("width", [360, 1280])
def test_a_firm_asks_from_its_results(
    live_server: Any, transactional_db: None, browser: Browser, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-TW")
    state = InterviewState().record({"needs": ["ai"], "county": "臺中市", "employees": 8}).encode()
    page.goto(f"{live_server.url}/results?state={state}")
    page.get_by_role("link", name="我要諮詢").click()
    assert "您在問答中的 3 項回答" in page.locator("main").inner_text()
    assert serious_violations(page) == [] and (width > 360 or fits(page))
    page.get_by_label("您想詢問的問題").fill("想導入 AI 排班，可以找誰診斷？")
    page.get_by_label("企業名稱").fill("瀏覽器麵包坊")
    page.get_by_label("聯絡電話").fill("04-2222-3333")
    shot(page, f"desk-ask-{width}")
    page.get_by_role("button", name="送出諮詢").click()  # the browser asks for the consent
    assert Consultation.objects.count() == 0
    page.get_by_label("我已閱讀上述告知事項").check()
    page.get_by_role("button", name="送出諮詢").click()
    assert "請保存這個專屬連結" in page.locator("main").inner_text()
    assert serious_violations(page) == [] and (width > 360 or fits(page))
    shot(page, f"desk-case-{width}")
    case = Consultation.objects.get()
    assert case.profile == {"needs": ["ai"], "county": "臺中市", "employees": 8}
    page.get_by_label("留言給服務中心").fill("補充：員工 8 人")
    page.get_by_role("button", name="送出留言").click()
    page.get_by_role("button", name="結案").click()
    page.get_by_label("5", exact=True).check()
    page.get_by_role("button", name="送出評分").click()
    assert "您給這次服務 5 分" in page.locator("main").inner_text()
    assert serious_violations(page) == [] and (width > 360 or fits(page))
    shot(page, f"desk-rated-{width}")
    case.refresh_from_db()
    assert (case.status, case.rating) == ("closed", 5)
