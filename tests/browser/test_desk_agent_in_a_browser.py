"""A desk agent in a real browser, on a phone screen and a desktop one: finds the firm by
its 統一編號, types in the call with the notice read out, sees the firm's screening and
segment beside the case, replies from a template that quotes the rules, and refers the case
to a partner. The pages have no serious accessibility violations and fit 360 px."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from playwright.sync_api import Browser

from smewindow.applications.intake import firm_create
from smewindow.desk.models import Consultation, Partner, PartnerStaff

from ..applications.conftest import business_id
from .support import fits, serious_violations, shot


@pytest.mark.parametrize("width", [360, 1280])
def test_an_agent_types_in_a_call_answers_and_refers(
    live_server: Any, transactional_db: None, browser: Browser, width: int
) -> None:
    agent = User.objects.create_user("browser-agent")
    agent.groups.add(Group.objects.get_or_create(name="desk_agent")[0])
    owner = User.objects.create_user("bakery-owner", email="owner@bakery.tw")
    firm = firm_create(
        user=owner, business_id=business_id(2468), name="好麵包坊", county="臺中市", industry="08"
    )
    partner = Partner.objects.create(name="工研院", kind="research_institute")
    PartnerStaff.objects.create(partner=partner, user=User.objects.create_user("ri-staff"))
    client = Client()
    client.force_login(agent)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-TW")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/desk/agent/phone/")
    page.get_by_label("統一編號或企業名稱").fill(firm.business_id)
    page.get_by_role("button", name="查詢").click()
    page.get_by_role("link", name="帶入「好麵包坊」的資料").click()
    assert page.get_by_label("企業名稱（必填）").input_value() == "好麵包坊"
    page.get_by_label("來電詢問的問題（必填）").fill(
        "公司在試用 AI 排班，想找人診斷，也想幫員工上課。"
    )
    page.get_by_label("員工人數（勞保投保人數）").fill("8")
    page.get_by_label("在一個工作流程試行AI").check()
    page.get_by_label("聯絡電話").fill("04-2222-3333")
    assert serious_violations(page) == [] and (width > 360 or fits(page))
    shot(page, f"desk-agent-phone-{width}")
    page.get_by_label("已宣讀告知事項", exact=False).check()
    page.get_by_role("button", name="建立案件").click()
    case = Consultation.objects.get()
    assert (case.channel, case.firm, case.created_by) == ("phone", firm, agent)
    side = page.locator("aside").inner_text()
    assert "small-L3" in side and "AI試行" in side and "技術法人" in side and "今日篩選" in side
    assert serious_violations(page) == [] and (width > 360 or fits(page))
    shot(page, f"desk-agent-case-{width}")
    page.get_by_label("回覆範本", exact=False).select_option("ai-readiness-diagnosis")
    page.get_by_role("button", name="帶入範本").click()
    reply = page.get_by_label("回覆內容").input_value()
    assert reply.startswith("好麵包坊您好") and "/programs/ai-readiness-diagnosis" in reply
    page.get_by_role("button", name="送出回覆").click()
    page.get_by_label("工研院", exact=False).check()
    page.get_by_label("轉介說明").fill("AI 試行中，請安排診斷")
    page.get_by_role("button", name="轉介", exact=True).click()
    text = page.locator("main").inner_text()
    assert "工研院：已轉介" in text and "請安排診斷" in text
    assert serious_violations(page) == [] and (width > 360 or fits(page))
    shot(page, f"desk-agent-referred-{width}")
    case.refresh_from_db()
    assert case.status == "referred" and case.messages.get().author == "desk"
    page.goto(f"{live_server.url}/desk/agent/")
    assert "好麵包坊" in page.locator("main").inner_text()
    assert serious_violations(page) == [] and (width > 360 or fits(page))
    shot(page, f"desk-agent-queue-{width}")
    context.close()
