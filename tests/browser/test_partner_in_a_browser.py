"""A partner's staff member works a referral in a real browser (logged in by a session
cookie), on a phone screen and a desktop one: the board, then the referral — accept it,
schedule the visit, record the loan approved, typed as 300萬. The pages have no serious
accessibility violations and fit 360 px; screenshots of each step."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import Browser, Page

from smewindow.desk import services
from smewindow.desk.businessdays import taipei_day
from smewindow.desk.models import Consultation, Partner, PartnerStaff, Referral
from tests.applications.conftest import user

from .support import fits, serious_violations, shot


def _referral() -> tuple[Referral, User]:
    agent = user("browser-agent", "desk_agent")
    partner = Partner.objects.create(name="中小企業聯合輔導基金會", kind="sme_counselling")
    staff = user("browser-partner")
    PartnerStaff.objects.create(partner=partner, user=staff)
    case, _ = services.consultation_create(
        channel="web",
        firm_name="瀏覽器麵包坊",
        question="想申請數位轉型貸款，請問資格？",
        consent_given=True,
        contact_name="王小明",
        contact_phone="04-2222-3333",
        profile={"employees": 8, "needs": ["funding"], "county": "臺中市", "ai_use": "none"},
    )
    (referral,) = services.refer(
        consultation=case, partners=[partner], note="請協助貸款資格認定", agent=agent
    )
    return referral, staff


def _checked(page: Page, name: str, width: int) -> None:
    assert serious_violations(page) == [], name
    assert width > 360 or fits(page), name
    shot(page, f"{name}-{width}")


@pytest.mark.parametrize("width", [360, 1280])
def test_a_partner_accepts_schedules_and_records_a_loan(
    live_server: Any, transactional_db: None, browser: Browser, width: int
) -> None:
    referral, staff = _referral()
    client = Client()
    client.force_login(staff)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-TW")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/desk/partner/")
    assert "待受理（1）" in page.locator("main").inner_text()
    _checked(page, "partner-board", width)
    page.get_by_role("link", name=f"案件 {referral.consultation_id}：瀏覽器麵包坊").click()
    main = page.locator("main")
    assert "請協助貸款資格認定" in main.inner_text() and "04-2222-3333" in main.inner_text()
    _checked(page, "partner-referral", width)
    page.get_by_role("button", name="受理本案").click()
    assert "已受理" in main.inner_text()
    day = taipei_day(dt.datetime.now(dt.UTC)) + dt.timedelta(days=3)
    page.get_by_label("訪視或診斷日期").fill(day.isoformat())
    page.get_by_role("button", name="排定日期").click()
    assert "已排定" in main.inner_text()
    page.get_by_role("radio", name="貸款核准").check()
    page.get_by_role("textbox", name="核貸金額").fill("300萬")
    _checked(page, "partner-outcome-form", width)
    page.get_by_role("button", name="記錄結果").click()
    assert "貸款核准：NT$3,000,000" in main.inner_text()
    _checked(page, "partner-outcome", width)
    referral.refresh_from_db()
    assert (referral.status, referral.scheduled_for, referral.outcome_loan_amount) == (
        "outcome",
        day,
        3_000_000,
    )
    assert Consultation.objects.get().status == "in_progress"
    context.close()
