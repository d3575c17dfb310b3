"""The desk's services: each transition and its refusals, the journal, the outbox rows
written in the same transaction, the private token kept hashed, bad input refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import TestCase

from smewindow.applications.models import AppendOnly, Firm
from smewindow.desk import selectors, services
from smewindow.desk.models import (
    Consultation,
    Event,
    Message,
    OutcomeKind,
    Partner,
    Referral,
    ReferralStatus,
    Status,
)
from smewindow.desk.services import hash_token
from smewindow.outbox.models import Mail

from .conftest import NOW, refused, web_case

pytestmark = pytest.mark.django_db
Make = Callable[..., tuple[Partner, User]]


def journal(case: Consultation) -> list[tuple[str, str, str]]:
    """(referral's partner or "", from, to) of every event, in order."""
    return [
        (e.referral.partner.name if e.referral_id else "", e.from_status, e.to_status)
        for e in Event.objects.filter(consultation=case).select_related("referral__partner")
    ]


def test_a_web_case_keeps_only_the_tokens_hash_and_mails_the_link(mailoutbox: list) -> None:
    case, token = web_case(now=NOW)
    assert case.status == Status.NEW and case.consent and case.consent_version
    assert case.token_hash == hash_token(token) and token not in case.token_hash
    assert selectors.case_by_token(token) == case
    assert selectors.case_by_token(token + "x") is None
    assert journal(case) == [("", "", "new")]
    mail = Mail.objects.get()
    assert mail.to == ["owner@bakery.tw"] and mail.state == "sent"
    (sent,) = mailoutbox
    assert f"https://window.example.tw/desk/case/{token}/" in sent.body
    assert str(case.pk) in sent.subject


def test_the_mail_is_in_the_cases_transaction() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        services.consultation_create(
            channel="web",
            firm_name="甲",
            question="問",
            consent_given=True,
            contact_email="a@b.tw",
        )
        assert Mail.objects.count() == 1
        raise RuntimeError("the request fails after the write")
    assert Consultation.objects.count() == Mail.objects.count() == Event.objects.count() == 0


def test_consent_is_required() -> None:
    with refused("consent"):
        web_case(consent_given=False)
    assert Consultation.objects.count() == Mail.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("business_id", "12345678", "business_id"),
        ("business_id", "１２３４５６７８", "business_id"),
        ("question", "問" * 4001, "question"),
        ("question", " \u202e ", "question"),
        ("firm_name", "", "firm_name"),
        ("contact_email", "not-an-address", "contact_email"),
        ("contact_phone", "call me", "contact_phone"),
        ("county", "東京都", "county"),
        ("program_id", "no-such-program", "program_id"),
        ("needs", ["world-peace"], "needs"),
        ("profile", {"employees": -1}, "profile"),
        ("profile", {"no_such_field": 1}, "profile"),
        ("preferred_channel", "fax", "preferred_channel"),
    ],
)
def test_bad_input_is_refused_naming_the_field(field: str, value: object, code: str) -> None:
    with refused(code) as caught:
        web_case(**{field: value})
    assert caught.value.zh and caught.value.en
    assert Consultation.objects.count() == Mail.objects.count() == 0


def test_no_way_to_answer_is_refused() -> None:
    with refused("contact") as caught:
        web_case(contact_phone="", contact_email="")
    assert "電話或電子郵件" in caught.value.zh


def test_bidi_controls_and_control_characters_are_stripped() -> None:
    case, _ = web_case(firm_name="好\u202e麵包\u2066坊", question="第一行\n第二\x00行\u200f")
    assert case.firm_name == "好麵包坊"
    assert case.question == "第一行\n第二行"


def test_the_finder_answers_fill_the_case(firm: Firm) -> None:
    profile = {
        "name": "麵包坊",
        "business_id": firm.business_id,
        "county": "臺中市",
        "industry": "08",
        "needs": ["ai", "funding"],
        "employees": 8,
    }
    case, _ = web_case(profile=profile, firm_name="")
    assert (case.county, case.industry, case.needs) == ("臺中市", "08", ["ai", "funding"])
    assert case.firm_name == "麵包坊" and case.profile == profile
    assert case.business_id == firm.business_id
    # a number typed on the web links no firm: anyone could type another's
    assert case.firm is None and not selectors.cases_of(firm.user).exists()


def test_an_agent_links_the_firm_by_its_business_id(firm: Firm, agent: User) -> None:
    case, _ = web_case(channel="phone", agent=agent, business_id=firm.business_id)
    assert case.firm == firm and list(selectors.cases_of(firm.user)) == [case]


def test_a_logged_in_firms_case_is_its_own(firm: Firm) -> None:
    case, _ = web_case(user=firm.user, business_id="")
    assert case.user == firm.user and case.firm == firm and case.business_id == firm.business_id
    assert list(selectors.cases_of(firm.user)) == [case]


def test_phone_cases_are_typed_in_by_agents(agent: User) -> None:
    with refused("not_agent"):
        web_case(channel="phone")
    case, _ = web_case(channel="phone", agent=agent, contact_email="")
    assert case.created_by == agent and Mail.objects.count() == 0  # nowhere to mail
    assert Event.objects.get().actor == "desk"


def test_the_whole_path_is_journaled(agent: User, make_partner: Make) -> None:
    case, _ = web_case(now=NOW)
    research, staff = make_partner()
    counselling, _ = make_partner("聯輔基金會", "sme_counselling")
    later = NOW + dt.timedelta(hours=2)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.reply(
            consultation=case, body="您好，建議先做 AI 診斷。", author="desk", who=agent, now=later
        )
    case.refresh_from_db()
    assert case.status == Status.ANSWERED and case.first_answered_at == later
    before = Mail.objects.count()
    referrals = services.refer(
        consultation=case,
        partners=[research, counselling],
        note="AI 診斷",
        agent=agent,
        site="https://window.example/",
    )
    assert Mail.objects.count() == before + 3  # each partner's staff, and the firm
    (to_research,) = [
        m for m in Mail.objects.filter(subject__contains="新轉介") if staff.email in m.to
    ]
    assert research.contact_email in to_research.to
    link = f"https://window.example/desk/partner/referral/{referrals[0].pk}/"
    assert link in to_research.body  # the staff open the referral from the mail
    first = referrals[0]
    services.referral_accept(referral=first, who=staff)
    services.referral_return(referral=referrals[1], who=agent, reason="非服務範圍")
    services.referral_schedule(referral=first, who=staff, on=dt.date.today() + dt.timedelta(days=3))
    services.referral_record_outcome(
        referral=first, who=staff, kind=OutcomeKind.LOAN_APPROVED, loan_amount=2_000_000
    )
    services.close(consultation=case, by_firm=True)
    services.rate(consultation=case, rating=5, comment="很有幫助")
    case.refresh_from_db()
    assert (case.status, case.rating, case.rating_comment) == (Status.CLOSED, 5, "很有幫助")
    assert journal(case) == [
        ("", "", "new"),
        ("", "new", "answered"),
        ("工研院", "", "sent"),
        ("聯輔基金會", "", "sent"),
        ("", "answered", "referred"),
        ("工研院", "sent", "accepted"),
        ("", "referred", "in_progress"),
        ("聯輔基金會", "sent", "returned"),
        ("工研院", "accepted", "scheduled"),
        ("工研院", "scheduled", "outcome"),
        ("", "in_progress", "closed"),
    ]
    first.refresh_from_db()
    assert first.outcome_loan_amount == 2_000_000 and first.accepted_at is not None
    actors = list(Event.objects.filter(consultation=case).values_list("actor", flat=True))
    assert actors[5] == "partner" and actors[7] == "desk" and actors[-1] == "firm"


def test_the_journal_is_append_only(case: Consultation) -> None:
    event = Event.objects.get()
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        Event.objects.update(note="x")
    with pytest.raises(AppendOnly):
        Event.objects.all().delete()


def test_only_agents_answer_and_refer(case: Consultation, make_partner: Make) -> None:
    partner, staff = make_partner()
    with refused("not_agent"):
        services.reply(consultation=case, body="hi", author="desk", who=staff)
    with refused("not_agent"):
        services.refer(consultation=case, partners=[partner], note="", agent=staff)
    with refused("not_agent"):
        services.close(consultation=case, who=staff)
    assert Message.objects.count() == Referral.objects.count() == 0


def test_referral_refusals(case: Consultation, agent: User, make_partner: Make) -> None:
    partner, staff = make_partner()
    other, other_staff = make_partner("信保基金", "credit_guarantee")
    with refused("partners"):
        services.refer(consultation=case, partners=[], note="", agent=agent)
    (referral,) = services.refer(consultation=case, partners=[partner], note="", agent=agent)
    with refused("referred_already"):
        services.refer(consultation=case, partners=[partner], note="", agent=agent)
    Partner.objects.filter(pk=other.pk).update(active=False)
    other.refresh_from_db()
    with refused("partner_inactive"):
        services.refer(consultation=case, partners=[other], note="", agent=agent)
    with refused("not_partner"):  # another partner's staff
        services.referral_accept(referral=referral, who=other_staff)
    with refused("wrong_status"):  # not accepted yet
        services.referral_schedule(referral=referral, who=staff, on=dt.date.today())
    with refused("wrong_status"):
        services.referral_record_outcome(referral=referral, who=staff, kind="nothing_needed")
    services.referral_accept(referral=referral, who=staff)
    with refused("wrong_status"):
        services.referral_accept(referral=referral, who=staff)
    with refused("scheduled_for"):
        services.referral_schedule(referral=referral, who=staff, on=dt.date(2020, 1, 1))
    with refused("scheduled_for"):
        services.referral_schedule(
            referral=referral, who=staff, on=dt.date.today() + dt.timedelta(days=400)
        )
    with refused("reason"):
        services.referral_return(referral=referral, who=staff, reason=" ")
    for kwargs in (
        {"kind": "loan_approved"},
        {"kind": "loan_approved", "loan_amount": 0},
        {"kind": "loan_approved", "loan_amount": services.MAX_LOAN_AMOUNT + 1},
        {"kind": "program_applied", "program_id": "nothing"},
        {"kind": "other"},
        {"kind": "bribe"},
    ):
        with pytest.raises(services.DeskRefused):
            services.referral_record_outcome(referral=referral, who=staff, **kwargs)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and referral.outcome_kind == ""
    services.referral_record_outcome(
        referral=referral, who=staff, kind="program_applied", program_id="transformation-loan"
    )
    referral.refresh_from_db()
    assert referral.outcome_program_id == "transformation-loan"


def test_a_returned_referral_gives_the_case_back_to_the_desk(
    case: Consultation, agent: User, make_partner: Make
) -> None:
    partner, staff = make_partner()
    (referral,) = services.refer(consultation=case, partners=[partner], note="", agent=agent)
    services.referral_accept(referral=referral, who=staff)
    services.referral_return(referral=referral, who=staff, reason="企業不在服務縣市")
    case.refresh_from_db()
    assert case.status == Status.ANSWERED
    # returned: the same partner can be asked again
    services.refer(consultation=case, partners=[partner], note="再請協助", agent=agent)
    assert Referral.objects.filter(partner=partner).count() == 2


def test_a_closed_case_takes_nothing_more(
    case: Consultation, agent: User, make_partner: Make
) -> None:
    partner, _ = make_partner()
    with refused("not_closed"):
        services.rate(consultation=case, rating=4)
    services.close(consultation=case, who=agent, note="已電話說明")
    with refused("closed"):
        services.reply(consultation=case, body="還有問題", author="firm")
    with refused("closed"):
        services.refer(consultation=case, partners=[partner], note="", agent=agent)
    with refused("closed"):
        services.close(consultation=case, by_firm=True)
    for bad in (0, 6, True):
        with refused("rating"):
            services.rate(consultation=case, rating=bad)  # type: ignore[arg-type]
    services.rate(consultation=case, rating=3)
    with refused("rated_already"):
        services.rate(consultation=case, rating=5)
    case.refresh_from_db()
    assert case.rating == 3


def test_service_levels_in_business_days(agent: User, make_partner: Make) -> None:
    # In on Friday 2026-02-13 at 10:00 Taipei; answered on Monday 2/23: one business day.
    asked = dt.datetime(2026, 2, 13, 2, 0, tzinfo=dt.UTC)
    case, _ = web_case(now=asked)
    services.reply(
        consultation=case,
        body="您好",
        author="desk",
        who=agent,
        now=dt.datetime(2026, 2, 23, 1, 0, tzinfo=dt.UTC),
    )
    case.refresh_from_db()
    assert selectors.first_answer_days(case) == 1
    partner, staff = make_partner()
    (referral,) = services.refer(
        consultation=case, partners=[partner], note="", agent=agent,
        now=dt.datetime(2026, 2, 23, 2, 0, tzinfo=dt.UTC),
    )  # fmt: skip
    services.referral_accept(
        referral=referral, who=staff, now=dt.datetime(2026, 2, 26, 2, 0, tzinfo=dt.UTC)
    )
    referral.refresh_from_db()
    assert selectors.acceptance_days(referral) == 3


def test_erasing_contacts_after_the_retention_period(agent: User, settings: object) -> None:
    old, _ = web_case(now=NOW - dt.timedelta(days=1200))
    services.close(consultation=old, who=agent, now=NOW - dt.timedelta(days=1100))
    recent, _ = web_case(now=NOW - dt.timedelta(days=10))
    services.close(consultation=recent, who=agent, now=NOW - dt.timedelta(days=5))
    still_open, _ = web_case(now=NOW - dt.timedelta(days=2000))
    assert services.contacts_erase(now=NOW, days=1095) == 1
    old.refresh_from_db()
    assert (old.contact_name, old.contact_phone, old.contact_email) == ("", "", "")
    assert old.contacts_erased_at == NOW and old.question  # the case itself stays
    last = Event.objects.filter(consultation=old).last()
    assert last is not None and last.actor == "system" and "刪除聯絡資料" in last.note
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.contact_email == "owner@bakery.tw" and kept.contacts_erased_at is None
    assert services.contacts_erase(now=NOW, days=1095) == 0
