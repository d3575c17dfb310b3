"""Issue 14's whole path in a real browser, at the dates the clock must get right: a bakery
asks from its results on Friday 2026-02-13, the eve of the Lunar New Year's nine days off;
an agent answers from a template and refers it to a research institute on Monday 02-23;
the institute accepts on Tuesday 02-24, schedules a diagnosis and records its report; the
firm sees each step by its private link, closes and rates; the supervisor's dashboard
counts the case, with the first answer 1 business day late-free across the holidays.
Time is moved with time-machine (the live server runs in this process); each member of
staff logs in at the day they act (a session cookie made then)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page

from smewindow.desk.models import Consultation, Partner, PartnerStaff
from smewindow.finder.state import InterviewState
from tests.applications.conftest import user

from .support import serious_violations, shot

TAIPEI = dt.timezone(dt.timedelta(hours=8))


def at(day: str, hour: int = 10) -> dt.datetime:
    """``day`` (ISO) at ``hour`` o'clock in Taipei."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), TAIPEI)


def signed_in(browser: Browser, server: str, account: User) -> BrowserContext:
    """A browser context with ``account``'s session, made now (the travelled day)."""
    client = Client()
    client.force_login(account)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server}]
    )
    return context


def checked(page: Page, name: str) -> str:
    """The main text of a page without serious accessibility violations, shot as ``name``."""
    assert serious_violations(page) == [], name
    shot(page, f"desk-path-{name}")
    return page.locator("main").inner_text()


@pytest.mark.django_db(transaction=True)
def test_a_case_from_results_to_rating_and_the_dashboard(
    live_server: Any, browser: Browser, settings: Any
) -> None:
    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600  # the sessions outlive the travel
    server = live_server.url
    agent = user("path-agent", "desk_agent")
    supervisor = user("path-supervisor", "desk_supervisor")
    institute = Partner.objects.create(name="工業技術研究院", kind="research_institute")
    staff = user("path-institute")
    PartnerStaff.objects.create(partner=institute, user=staff)
    answers = {"needs": ["ai"], "county": "臺中市", "employees": 8, "ai_use": "pilot"}
    state = InterviewState().record(answers).encode()

    with time_machine.travel(at("2026-02-13"), tick=True) as clock:
        firm = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-TW")
        firm.goto(f"{server}/results?state={state}")
        firm.get_by_role("link", name="我要諮詢").click()
        firm.get_by_label("您想詢問的問題").fill("8 個人的烘焙坊在試用 AI 排班，可以找誰診斷？")
        firm.get_by_label("企業名稱").fill("好麵包坊")
        firm.get_by_label("聯絡電話").fill("04-2222-3333")
        firm.get_by_label("我已閱讀上述告知事項").check()
        firm.get_by_role("button", name="送出諮詢").click()
        assert "請保存這個專屬連結" in checked(firm, "asked")
        private_link = firm.url.split("?")[0]
        case = Consultation.objects.get()
        assert case.profile == answers

        clock.move_to(at("2026-02-23"))  # Monday after the nine days off
        desk = signed_in(browser, server, agent).new_page()
        desk.goto(f"{server}/desk/agent/")
        assert "好麵包坊" in checked(desk, "queue")
        desk.get_by_role("link", name="好麵包坊", exact=False).first.click()
        assert "AI試行" in desk.locator("aside").inner_text()
        desk.get_by_label("回覆範本", exact=False).select_option("ai-readiness-diagnosis")
        desk.get_by_role("button", name="帶入範本").click()
        assert "/programs/ai-readiness-diagnosis" in desk.get_by_label("回覆內容").input_value()
        desk.get_by_role("button", name="送出回覆").click()
        desk.get_by_label("工業技術研究院", exact=False).check()
        desk.get_by_label("轉介說明").fill("AI 排班試行中，請安排診斷")
        desk.get_by_role("button", name="轉介", exact=True).click()
        assert "工業技術研究院：已轉介" in checked(desk, "referred")

        clock.move_to(at("2026-02-24"))
        partner = signed_in(browser, server, staff).new_page()
        partner.goto(f"{server}/desk/partner/")
        partner.get_by_role("link", name=f"案件 {case.pk}：好麵包坊").click()
        assert "請安排診斷" in checked(partner, "referral")
        partner.get_by_role("button", name="受理本案").click()
        partner.get_by_label("訪視或診斷日期").fill("2026-03-02")
        partner.get_by_role("button", name="排定日期").click()
        assert "已排定" in partner.locator("main").inner_text()

        clock.move_to(at("2026-03-02", 16))
        partner.reload()
        partner.get_by_role("radio", name="完成診斷報告").check()
        partner.get_by_label("說明", exact=False).last.fill("建議先導入排班模組，再申請 AI 補助")
        partner.get_by_role("button", name="記錄結果").click()
        assert "完成診斷報告" in checked(partner, "outcome")

        clock.move_to(at("2026-03-03"))
        firm.goto(private_link)
        text = checked(firm, "firm-sees")
        timeline = firm.locator("ol.timeline").inner_text()
        for step in ("已轉介", "工業技術研究院：已受理", "工業技術研究院：已排定", "已記錄結果"):
            assert step in timeline, step
        assert "完成診斷報告" in text and "好麵包坊您好" in text  # the outcome, the reply
        assert "民國115年2月23日" in timeline  # each step on its day
        firm.get_by_role("button", name="結案").click()
        firm.get_by_label("5", exact=True).check()
        firm.get_by_role("button", name="送出評分").click()
        assert "您給這次服務 5 分" in checked(firm, "rated")

        clock.move_to(at("2026-03-04"))
        boss = signed_in(browser, server, supervisor).new_page()
        dashboard_counts_the_case(boss, server, case.pk)


def row(page: Page, table: str, label: str) -> list[str]:
    """The cells of the row ``label`` of the dashboard table captioned ``table``."""
    found = page.locator("table", has=page.locator("caption", has_text=table))
    return (
        found.locator("tr", has=page.locator("th", has_text=label)).locator("td").all_inner_texts()
    )


def dashboard_counts_the_case(page: Page, server: str, case_pk: int) -> None:
    """The supervisor's dashboard for February and March 2026 counts the one case: from the
    web, closed, rated 5, referred to the institute with its diagnosis report; answered in
    1 business day (Friday 02-13 → Monday 02-23: the nine days off are not counted) and
    accepted in 1, both within their targets."""
    page.goto(f"{server}/desk/supervisor/?from=2026-02-01&to=2026-03-31")
    checked(page, "dashboard")
    # target, done, within, overdue, pending, % within, median, p90
    assert row(page, "服務水準", "首次回覆") == ["1", "1", "1", "0", "0", "100.0", "1", "1"]
    assert row(page, "服務水準", "合作單位受理")[1:] == ["1", "1", "0", "0", "100.0", "1", "1"]
    assert row(page, "管道", "網站")[0] == "1"
    assert row(page, "狀態", "已結案")[0] == "1"
    institute = row(page, "合作單位", "工業技術研究院")
    assert institute[:2] == ["1", "1"] and "1" in institute[2:]
    assert row(page, "滿意度", "5 分")[0] == "1"
    assert Consultation.objects.get(pk=case_pk).rating == 5
