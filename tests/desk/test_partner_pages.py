"""The partner unit's pages (/desk/partner/): a partner's staff see only their partners'
referrals, grouped by where they stand with the acceptance clock; the referral page shows
the case as the partner needs it (answers in words, the segment, the desk's note, the
contact unless erased or returned) and runs each action through the services — accept,
return with a reason, schedule, record the outcome (a typed loan amount read like the
finder's, 300萬) — with refusals shown (422) and nothing changed. (The 404s of every route for everyone else are walked in test_pages.py.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client, TestCase

from smewindow.desk import partner as partner_reads
from smewindow.desk import services
from smewindow.desk.businessdays import taipei_day
from smewindow.desk.models import (
    Consultation,
    Event,
    Partner,
    PartnerStaff,
    Referral,
    ReferralStatus,
    Status,
)
from smewindow.rules.interview import question_for

from .conftest import client_for, web_case

pytestmark = pytest.mark.django_db
Make = Callable[..., tuple[Partner, User]]
PROFILE = {"employees": 3, "needs": ["ai"], "ai_use": "pilot", "county": "臺中市"}


def referred(
    agent: User, *partners: Partner, now: dt.datetime | None = None, **case: Any
) -> tuple[Consultation, list[Referral]]:
    """A web case referred to ``partners`` by ``agent`` with a note."""
    found, _ = web_case(**case)
    with TestCase.captureOnCommitCallbacks(execute=True):
        referrals = services.refer(
            consultation=found,
            partners=list(partners),
            note="請協助 AI 排班診斷",
            agent=agent,
            now=now,
        )
    return found, referrals


def page_of(client: Client, referral: Referral) -> str:
    response = client.get(f"/desk/partner/referral/{referral.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def post(client: Client, referral: Referral, action: str, **data: str) -> Any:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/desk/partner/referral/{referral.pk}/{action}", data)


def test_the_board_shows_only_its_partners_referrals_by_group(
    agent: User, make_partner: Make
) -> None:
    itri, staff = make_partner()
    other, _ = make_partner("聯輔基金會", "sme_counselling")
    _, (waiting, elsewhere) = referred(agent, itri, other, firm_name="甲公司")
    _, (working,) = referred(agent, itri, firm_name="乙公司")
    _, (given_back,) = referred(agent, itri, firm_name="丙公司")
    services.referral_accept(referral=working, who=staff)
    services.referral_return(referral=given_back, who=staff, reason="非本單位服務範圍")
    page = Client()
    page.force_login(staff)
    html = page.get("/desk/partner/").content.decode()
    to_accept, in_progress, done = (
        html.index("待受理（1）"),
        html.index("處理中（1）"),
        html.index("已完成（1）"),
    )
    assert to_accept < html.index("甲公司") < in_progress < html.index("乙公司") < done
    assert done < html.index("丙公司")
    for mine in (waiting, working, given_back):
        assert f'href="/desk/partner/referral/{mine.pk}/"' in html
    assert f"/desk/partner/referral/{elsewhere.pk}/" not in html
    assert "聯輔基金會" not in html and "工研院" in html


def test_staff_of_two_partners_see_each(agent: User, make_partner: Make) -> None:
    itri, staff = make_partner()
    other, _ = make_partner("聯輔基金會", "sme_counselling")
    PartnerStaff.objects.create(partner=other, user=staff)
    _, (first, second) = referred(agent, itri, other)
    html = client_for(staff).get("/desk/partner/").content.decode()
    assert html.count("待受理（1）") == 2
    assert "工研院" in html and "聯輔基金會" in html
    assert f"/referral/{first.pk}/" in html and f"/referral/{second.pk}/" in html


def test_the_acceptance_clock_counts_business_days(agent: User, make_partner: Make) -> None:
    itri, staff = make_partner()
    friday = dt.datetime(2026, 2, 13, 2, 0, tzinfo=dt.UTC)  # before the Lunar New Year
    _, (referral,) = referred(agent, itri, now=friday)
    after = partner_reads.clock(referral, dt.datetime(2026, 2, 23, 2, 0, tzinfo=dt.UTC))
    assert (after.days, after.limit, after.running, after.late) == (1, 3, True, False)
    html = client_for(staff).get("/desk/partner/").content.decode()
    assert "已等候" in html and "逾服務水準" in html  # months ago, still waiting
    services.referral_accept(
        referral=referral, who=staff, now=dt.datetime(2026, 2, 24, 2, 0, tzinfo=dt.UTC)
    )
    html = client_for(staff).get("/desk/partner/").content.decode()
    assert "受理用了 2 個工作天" in html and "逾服務水準" not in html


def test_the_referral_page_shows_the_case_as_the_partner_needs_it(
    agent: User, make_partner: Make
) -> None:
    itri, staff = make_partner()
    _, (referral,) = referred(agent, itri, profile=PROFILE, industry="25")
    html = page_of(client_for(staff), referral)
    for words in (
        "好麵包坊",
        "想導入 AI 排班，有哪些補助？",
        "請協助 AI 排班診斷",  # the desk's note
        "王小明",
        'href="tel:04-2222-3333"',
        "owner@bakery.tw",
        "臺中市",
        "金屬製品製造業",  # industry 25 in words
        question_for("employees").title,
        "使用AI的情形",
        "在一個工作流程試行AI",
        "micro-L3",  # the segment
        "AI試行",
        "微型企業",
        "受理本案",
        "退回本案",
    ):
        assert words in html, words
    assert '"pilot"' not in html and ">pilot<" not in html  # options in words
    assert ">記錄結果</button>" not in html  # not before accepting


def test_erased_or_returned_contacts_are_not_shown(agent: User, make_partner: Make) -> None:
    itri, staff = make_partner()
    case, (referral,) = referred(agent, itri)
    Consultation.objects.filter(pk=case.pk).update(
        contact_name="", contact_phone="", contact_email="", contacts_erased_at=case.created_at
    )
    html = page_of(client_for(staff), referral)
    assert "聯絡資料已依保存期限刪除" in html and "王小明" not in html
    _, (returned,) = referred(agent, itri, firm_name="乙公司")
    services.referral_return(referral=returned, who=staff, reason="非服務範圍")
    html = page_of(client_for(staff), returned)
    assert "不再顯示聯絡資料" in html and "owner@bakery.tw" not in html
    assert "非服務範圍" in html and "受理本案" not in html


def test_accept_schedule_and_record_a_loan(agent: User, make_partner: Make) -> None:
    itri, staff = make_partner("聯輔基金會", "sme_counselling")
    case, (referral,) = referred(agent, itri)
    client = client_for(staff)
    response = post(client, referral, "accept")
    assert response.status_code == 302
    assert response["Location"] == f"/desk/partner/referral/{referral.pk}/"
    referral.refresh_from_db()
    case.refresh_from_db()
    assert (referral.status, case.status) == (ReferralStatus.ACCEPTED, Status.IN_PROGRESS)
    event = Event.objects.filter(referral=referral).last()
    assert event is not None and (event.actor, event.who) == ("partner", staff)
    html = page_of(client, referral)
    assert "排定日期" in html and "記錄結果" in html and "受理本案" not in html
    # the programs of the partner's kind come first
    assert html.index("transformation-loan") < html.index("ai-readiness-diagnosis")
    day = taipei_day(dt.datetime.now(dt.UTC)) + dt.timedelta(days=7)
    assert post(client, referral, "schedule", scheduled_for=day.isoformat()).status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.scheduled_for) == (ReferralStatus.SCHEDULED, day)
    assert "更改日期" in page_of(client, referral)
    response = post(
        client, referral, "outcome", outcome_kind="loan_approved", outcome_loan_amount="300萬"
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.outcome_loan_amount) == (ReferralStatus.OUTCOME, 3_000_000)
    html = page_of(client, referral)
    assert "貸款核准" in html and "3,000,000" in html and ">記錄結果</button>" not in html


def test_record_a_program_applied_and_other(agent: User, make_partner: Make) -> None:
    itri, staff = make_partner()
    client = client_for(staff)
    _, (first, second) = referred(agent, itri, make_partner("聯輔", "sme_counselling")[0])
    services.referral_accept(referral=first, who=staff)
    response = post(
        client,
        first,
        "outcome",
        outcome_kind="program_applied",
        outcome_program_id="ai-readiness-diagnosis",
        outcome_loan_amount="5萬",  # not a loan: ignored
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.outcome_kind, first.outcome_program_id, first.outcome_loan_amount) == (
        "program_applied",
        "ai-readiness-diagnosis",
        None,
    )
    _, (third,) = referred(agent, itri, firm_name="乙公司")
    services.referral_accept(referral=third, who=staff)
    note = "企業決定自行處理"
    assert (
        post(client, third, "outcome", outcome_kind="other", outcome_note=note).status_code == 302
    )
    third.refresh_from_db()
    assert (third.outcome_kind, third.outcome_note) == ("other", note)
    assert second.status == ReferralStatus.SENT


@pytest.mark.parametrize(
    ("action", "data", "words"),
    [
        ("return", {"reason": "  "}, "請填寫退回理由"),
        ("schedule", {"scheduled_for": "明天"}, "排定日期格式不符"),
        ("schedule", {"scheduled_for": "2020-01-06"}, "排定日期須在今天"),
        ("outcome", {"outcome_kind": "won_lottery"}, "結果不在可選的項目中"),
        ("outcome", {"outcome_kind": "other"}, "請填寫結果說明"),
        ("outcome", {"outcome_kind": "program_applied"}, "申請的措施不在可選的項目中"),
        ("outcome", {"outcome_kind": "loan_approved"}, "核貸金額須為"),
        (
            "outcome",
            {"outcome_kind": "loan_approved", "outcome_loan_amount": "三百塊壽司"},
            "核貸金額",
        ),
        (
            "outcome",
            {"outcome_kind": "loan_approved", "outcome_loan_amount": "20億"},
            "核貸金額須為",
        ),
        ("outcome", {"outcome_kind": "loan_approved", "outcome_loan_amount": "3 00萬"}, "核貸金額"),
    ],
)
def test_refusals_are_shown_and_change_nothing(
    agent: User, make_partner: Make, action: str, data: dict[str, str], words: str
) -> None:
    itri, staff = make_partner()
    _, (referral,) = referred(agent, itri)
    services.referral_accept(referral=referral, who=staff)
    events = Event.objects.count()
    response = post(client_for(staff), referral, action, **data)
    html = response.content.decode()
    assert response.status_code == 422 and words in html, html
    assert 'role="alert"' in html
    if "outcome_loan_amount" in data:  # what was typed stays in the form
        assert f'value="{data["outcome_loan_amount"]}"' in html
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and Event.objects.count() == events


def test_an_action_out_of_turn_is_refused(agent: User, make_partner: Make) -> None:
    itri, staff = make_partner()
    case, (referral,) = referred(agent, itri)
    client = client_for(staff)
    response = post(client, referral, "outcome", outcome_kind="nothing_needed")
    assert response.status_code == 422 and "不能執行此動作" in response.content.decode()
    assert post(client, referral, "accept").status_code == 302
    assert post(client, referral, "accept").status_code == 422
    services.close(consultation=case, who=agent)
    response = post(client, referral, "outcome", outcome_kind="nothing_needed")
    assert response.status_code == 422 and "本案已結案" in response.content.decode()
    assert ">記錄結果</button>" not in page_of(client, referral)


def test_returning_gives_the_case_back_to_the_desk(agent: User, make_partner: Make) -> None:
    itri, staff = make_partner()
    case, (referral,) = referred(agent, itri)
    assert post(client_for(staff), referral, "return", reason="非本單位服務縣市").status_code == 302
    referral.refresh_from_db()
    case.refresh_from_db()
    assert (referral.status, referral.return_reason) == ("returned", "非本單位服務縣市")
    assert case.status == Status.ANSWERED


def test_an_inactive_partners_staff_see_nothing(agent: User, make_partner: Make) -> None:
    itri, staff = make_partner()
    _, (referral,) = referred(agent, itri)
    Partner.objects.filter(pk=itri.pk).update(active=False)
    client = client_for(staff)
    assert client.get("/desk/partner/").status_code == 404
    assert client.get(f"/desk/partner/referral/{referral.pk}/").status_code == 404
    assert post(client, referral, "accept").status_code == 404
    staff.is_active = False
    staff.save()
    Partner.objects.filter(pk=itri.pk).update(active=True)
    assert Client().get("/desk/partner/").status_code == 404
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_csrf_on_every_action(agent: User, make_partner: Make) -> None:
    itri, staff = make_partner()
    _, (referral,) = referred(agent, itri)
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    html = page_of(client, referral)
    assert html.count('name="csrfmiddlewaretoken"') >= 2
    for action in ("accept", "return", "schedule", "outcome"):
        assert post(client, referral, action, reason="x").status_code == 403
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_the_pages_in_english(agent: User, make_partner: Make) -> None:
    itri, staff = make_partner()
    _, (referral,) = referred(agent, itri, profile=PROFILE)
    client = client_for(staff)
    client.cookies["django_language"] = "en"
    home = client.get("/desk/partner/").content.decode()
    assert "To accept (1)" in home and "Research institutes" in home
    html = page_of(client, referral)
    assert "Accept the referral" in html and "Piloting AI" in html
