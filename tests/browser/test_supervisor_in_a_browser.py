"""The desk's supervisor in a real browser, on a phone screen and a desktop one: the
dashboard of a period (a case answered across the 2026 Lunar New Year counts within the
service level), then an outbound campaign made from a Parquet screening — upload, choose
the program and county, preview without the firm that has a case, create. The pages have
no serious accessibility violations and fit 360 px."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.test import Client
from playwright.sync_api import Browser, Page

from smewindow.desk import roles, services
from smewindow.desk.models import Campaign

from ..applications.conftest import business_id, user
from ..desk.conftest import web_case
from .support import fits, serious_violations, shot

TPE = dt.timezone(dt.timedelta(hours=8))
PROGRAM = "digital-training-subsidy"


def _checked(page: Page, name: str, width: int) -> None:
    assert serious_violations(page) == [], name
    assert width > 360 or fits(page), name
    shot(page, f"{name}-{width}")


@pytest.mark.parametrize("width", [360, 1280])
def test_a_supervisor_reads_the_dashboard_and_makes_a_campaign(
    live_server: Any,
    transactional_db: None,
    browser: Browser,
    width: int,
    tmp_path: Path,
    settings: Any,
) -> None:
    settings.SMEWINDOW_OUTREACH_DIR = tmp_path / "outreach"
    agent = user("browser-agent", roles.AGENT)
    case, _ = web_case(now=dt.datetime(2026, 2, 13, 10, tzinfo=TPE), county="臺中市")
    services.reply(
        consultation=case,
        body="您好",
        author="desk",
        who=agent,
        now=dt.datetime(2026, 2, 23, 10, tzinfo=TPE),
    )
    ids = [business_id(3000 + i) for i in range(3)]
    web_case(business_id=ids[2], county="臺中市")
    results = tmp_path / "results.parquet"
    pl.DataFrame(
        {
            "business_id": ids,
            "name": ["甲公司", "乙公司", "丙公司"],
            "county": ["臺中市"] * 3,
            f"{PROGRAM}.eligible": [True, None, True],
        }
    ).write_parquet(results)

    client = Client()
    client.force_login(user("browser-supervisor", roles.SUPERVISOR))
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-TW")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/desk/supervisor/")
    page.get_by_label("起日").fill("2026-02-01")
    page.get_by_label("迄日").fill("2026-02-28")
    page.get_by_role("button", name="查詢").click()
    service = page.locator("table", has=page.locator("caption", has_text="服務水準"))
    first = service.locator("tbody tr").first.inner_text()
    assert first.split("\t")[:4] == ["首次回覆", "1", "1", "1"], first  # 1 business day
    assert "下載「服務水準（營業日）」（CSV）" in page.locator("main").inner_text()
    _checked(page, "desk-supervisor-dashboard", width)

    page.get_by_role("link", name="建立外撥活動").first.click()
    page.get_by_label("篩選結果檔").set_input_files(str(results))
    page.get_by_role("button", name="上傳並檢查").click()
    page.get_by_label("措施").select_option(PROGRAM)
    page.get_by_label("縣市").select_option("臺中市")
    page.get_by_label("符合或可能符合（尚需資料）").check()
    page.get_by_role("button", name="預覽").click()
    main = page.locator("main").inner_text()
    assert "符合條件且尚無諮詢案件：2 家" in main and "已有案件而排除：1 家" in main
    _checked(page, "desk-supervisor-preview", width)
    page.get_by_label("活動名稱").fill("臺中數位培力外撥")
    page.get_by_role("button", name="建立外撥活動").click()
    assert page.get_by_role("heading", name="臺中數位培力外撥").is_visible()
    assert "甲公司" in page.locator("main").inner_text()
    _checked(page, "desk-supervisor-campaign", width)
    campaign = Campaign.objects.get()
    assert sorted(campaign.firms.values_list("business_id", flat=True)) == sorted(ids[:2])
    context.close()
