"""A firm applies in a real browser (logged in by a session cookie): it creates a draft in the
demo round, adds a trainee with a course picked from the catalogue, uploads a PDF and
submits; the application page has no serious accessibility violations and fits 360 px."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.test import Client
from playwright.sync_api import Browser

from smewindow.applications.demo import demo_round_load
from smewindow.applications.intake import firm_create
from smewindow.applications.models import Application, Status
from smewindow.catalog.models import Course, Provider
from tests.applications.conftest import PDF, business_id, national_id, user

from .support import serious_violations, shot


def test_a_firm_applies(
    live_server: Any, transactional_db: None, browser: Browser, settings: Any, tmp_path: Any
) -> None:
    settings.APPLICATION_UPLOAD_DIR = tmp_path
    demo_round_load()
    provider = Provider.objects.create(name="測試開課單位")
    Course.objects.create(
        name="AI 應用實務", provider=provider, physical_hours=Decimal(12), online_hours=Decimal(0)
    )
    firm = firm_create(
        user=user("browserfirm"),
        business_id=business_id(2_000_001),
        name="瀏覽器測試企業",
        county="臺中市",
        industry="25",
    )
    client = Client()
    client.force_login(firm.user)
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="zh-TW")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/apply/new")
    page.get_by_role("button", name="建立草稿").click()
    page.get_by_label("搜尋公告課程").fill("AI")
    page.get_by_role("button", name="搜尋", exact=True).click()
    page.get_by_label("姓名").fill("王小明")
    page.get_by_label("身分證字號").fill(national_id(7001))
    page.get_by_label("訓練費用（新臺幣元）").fill("12000")
    page.get_by_label("AI 應用實務（12 小時，開課日期未知").check()
    page.get_by_role("button", name="新增受訓員工").click()
    assert "NT$10,000" in page.locator("#amount").locator("..").inner_text()
    page.get_by_label("上傳申請文件").set_input_files(
        {"name": "申請書.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="上傳", exact=True).click()
    assert page.get_by_role("link", name="申請書.pdf").is_visible()
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="送出申請").click()
    assert "已送件" in page.locator("main").inner_text()
    shot(page, "apply-submitted")
    application = Application.objects.get(firm=firm)
    assert application.status == Status.SUBMITTED and application.requested_amount == 10_000
    assert application.documents.count() == 1
    context.close()
