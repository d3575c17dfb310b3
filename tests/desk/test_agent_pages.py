"""The desk agent's pages with the test client: the queue, a phone case typed in (the firm
found and prefilled, the oral consent recorded), the case page with the screening and
segment beside it, a reply from a template, referrals, calls and closing; refusals answer
422 with the reason and change nothing. (404 for everyone else: test_pages.py.)"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client, TestCase

from smewindow.applications.models import Firm
from smewindow.desk import consent
from smewindow.desk.models import CallLog, Consultation, Event, Partner, Status
from smewindow.outbox.models import Mail

from ..applications.conftest import business_id
from .conftest import client_for, web_case

pytestmark = pytest.mark.django_db
Make = Callable[..., tuple[Partner, User]]

PHONE = {
    "channel": "phone",
    "question": "想幫員工上 AI 課程，有補助嗎？",
    "firm_name": "好麵包坊",
    "business_id": "",
    "contact_name": "王小明",
    "contact_phone": "04-2222-3333",
    "contact_email": "owner@bakery.tw",
    "county": "臺中市",
    "industry": "08",
    "needs": ["training"],
    "employees": "8",
    "ai_use": "exploring",
    "preferred_time": "any",
    "preferred_channel": "phone",
    "consent": "oral",
}


def post(client: Client, url: str, data: dict[str, Any]) -> Any:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data)


def test_the_queue_lists_new_cases_with_the_clock(agent: User) -> None:
    case, _ = web_case(firm_name="排隊公司")
    page = client_for(agent).get("/desk/agent/").content.decode()
    assert f'href="/desk/agent/case/{case.pk}/"' in page and "排隊公司" in page
    assert "已過 0 個工作天" in page and "1 個工作天內首次回覆" in page
    filtered = client_for(agent).get("/desk/agent/", {"channel": "phone"}).content.decode()
    assert "排隊公司" not in filtered
    bad = client_for(agent).get("/desk/agent/", {"status": "lost"})
    assert bad.status_code == 422 and "狀態不在可選的項目中" in bad.content.decode()


def test_a_phone_case_found_prefilled_and_recorded(agent: User, firm: Firm) -> None:
    client = client_for(agent)
    found = client.get("/desk/agent/phone/", {"q": firm.business_id}).content.decode()
    assert "本站註冊企業" in found and f"use=firm-{firm.pk}" in found
    form = client.get("/desk/agent/phone/", {"use": f"firm-{firm.pk}"}).content.decode()
    assert f'value="{firm.business_id}"' in form and 'value="好麵包坊"' in form
    assert f"版本 {consent.VERSION}" in form and "蒐集目的" in form  # the notice to read out
    bad = client.get("/desk/agent/phone/", {"q": "12345678"})
    assert bad.status_code == 422 and "檢查碼不符" in bad.content.decode()
    response = post(client, "/desk/agent/phone/", {**PHONE, "business_id": firm.business_id})
    case = Consultation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/desk/agent/case/{case.pk}/"
    assert (case.channel, case.created_by, case.firm) == ("phone", agent, firm)
    assert (case.consent, case.consent_version) == (True, consent.VERSION)
    assert case.needs == ["training"] and case.profile == {"employees": 8, "ai_use": "exploring"}
    assert any("owner@bakery.tw" in m.to for m in Mail.objects.all())  # the private link


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"consent": ""}, "請勾選同意"),
        ({"business_id": "12345678"}, "統一編號格式或檢查碼不符"),
        ({"question": ""}, "請填寫諮詢內容"),
        ({"employees": "很多"}, ""),
        ({"channel": "web"}, "管道須為電話或主動聯繫"),
        ({"industry": "ZZ"}, "行業不在可選的項目中"),
    ],
)
def test_a_bad_phone_case_answers_422(agent: User, changes: dict[str, str], words: str) -> None:
    response = post(client_for(agent), "/desk/agent/phone/", {**PHONE, **changes})
    page = response.content.decode()
    assert response.status_code == 422 and words in page and 'role="alert"' in page
    assert "王小明" in page  # what was typed stays
    assert not Consultation.objects.exists()


def test_the_case_page_shows_screening_and_segment(agent: User, make_partner: Make) -> None:
    make_partner("工研院", "research_institute")
    far, _ = make_partner("高雄碳服務站", "carbon_station")
    far.counties = ["高雄市"]
    far.save()
    case, _ = web_case(profile={"employees": 8, "ai_use": "pilot"}, county="臺中市")
    page = client_for(agent).get(f"/desk/agent/case/{case.pk}/").content.decode()
    assert "small-L3" in page and "小型企業" in page and "AI試行" in page
    assert "今日篩選" in page and "可以申請" in page
    assert "技術法人" in page and "工研院" in page and "高雄碳服務站" not in page
    assert 'name="template"' in page and "想導入 AI 排班" in page


def test_reply_from_a_template_then_refer_call_and_close(agent: User, make_partner: Make) -> None:
    ri, staff = make_partner("工研院", "research_institute")
    case, _ = web_case(profile={"employees": 8}, county="臺中市")
    client, base = client_for(agent), f"/desk/agent/case/{case.pk}/"
    page = client.get(base, {"template": "digital-training-subsidy"}).content.decode()
    box = re.search(r'<textarea id="body"[^>]*>(.*?)</textarea>', page, re.S)
    assert box and "好麵包坊您好" in box.group(1) and "1萬元" in box.group(1)
    assert post(client, base + "reply", {"body": "您好，" + "回覆內容"}).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ANSWERED and case.messages.get().author == "desk"
    refused = post(client, base + "refer", {"partners": [], "note": "x"})
    assert refused.status_code == 422 and "請選擇至少一個合作單位" in refused.content.decode()
    response = post(client, base + "refer", {"partners": [str(ri.pk)], "note": "請診斷"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.REFERRED and case.referrals.get().note == "請診斷"
    assert any(staff.email in m.to for m in Mail.objects.all())
    again = post(client, base + "refer", {"partners": [str(ri.pk)]})
    assert again.status_code == 422 and "已轉介給該合作單位" in again.content.decode()
    bad_call = post(client, base + "call", {"result": "call_back", "call_note": "再聯絡"})
    assert bad_call.status_code == 422 and "回電日期" in bad_call.content.decode()
    assert "再聯絡" in bad_call.content.decode() and not CallLog.objects.exists()
    assert (
        post(client, base + "call", {"result": "reached", "call_note": "已說明"}).status_code == 302
    )
    assert "已接通" in client.get(base).content.decode()
    assert post(client, base + "close", {"close_note": "已轉介完成"}).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    closed = post(client, base + "reply", {"body": "再補充"})
    assert closed.status_code == 422 and "本案已結案" in closed.content.decode()
    assert Event.objects.filter(consultation=case, note__startswith="外撥").count() == 1


def test_a_firm_found_by_name_among_earlier_cases(agent: User) -> None:
    web_case(firm_name="老字號餅店", business_id=business_id(555))
    page = client_for(agent).get("/desk/agent/phone/", {"q": "字號"}).content.decode()
    assert "老字號餅店" in page and "過去的案件" in page


def test_csrf_on_the_agent_forms(agent: User) -> None:
    case, _ = web_case()
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent)
    assert (
        'name="csrfmiddlewaretoken"' in client.get(f"/desk/agent/case/{case.pk}/").content.decode()
    )
    for action in ("reply", "refer", "call", "close"):
        assert client.post(f"/desk/agent/case/{case.pk}/{action}", {}).status_code == 403
    assert client.post("/desk/agent/phone/", PHONE).status_code == 403


def test_the_agent_pages_in_english(agent: User) -> None:
    case, _ = web_case(profile={"employees": 8})
    client = client_for(agent)
    client.cookies["django_language"] = "en"
    assert "The desk's queue" in client.get("/desk/agent/").content.decode()
    page = client.get(f"/desk/agent/case/{case.pk}/", {"template": "transformation-loan"})
    text = page.content.decode()
    assert "Screening today" in text and "Dear 好麵包坊," in text
    assert "Read the personal data notice" in client.get("/desk/agent/phone/").content.decode()
