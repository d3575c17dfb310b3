"""The desk agent's reads and its one write (``desk/agent.py``): the queue with its
business-day clock (across the 2026 Lunar New Year), finding a firm by 統一編號 or name,
prefilling from it, the case's profile for the rules, the partners suggested, and the
outbound calls, journaled and append-only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from smewindow.applications.models import AppendOnly, Firm
from smewindow.desk import agent, services
from smewindow.desk.models import CallLog, Event, Partner, Status

from ..applications.conftest import business_id, user
from .conftest import NOW, client_for, refused, web_case

pytestmark = pytest.mark.django_db
Make = Callable[..., tuple[Partner, User]]
FRIDAY = dt.datetime(2026, 2, 13, 2, 0, tzinfo=dt.UTC)  # before the nine days of New Year
AFTER_NEW_YEAR = dt.datetime(2026, 2, 23, 2, 0, tzinfo=dt.UTC)  # Monday, back at work


def test_the_queue_is_new_cases_oldest_first_with_the_clock(agent_user: User) -> None:
    old, _ = web_case(now=FRIDAY)
    young, _ = web_case(now=AFTER_NEW_YEAR, firm_name="新公司")
    new, mine = agent.queue(agent_user, now=AFTER_NEW_YEAR + dt.timedelta(hours=1))
    assert [i.case for i in new.items] == [old, young] and mine.items == [] and new.total == 2
    # Friday before New Year to the Monday after: one business day, not ten days
    assert (new.items[0].days, new.items[0].overdue) == (1, False)
    later = dt.datetime(2026, 2, 25, 2, 0, tzinfo=dt.UTC)  # Wednesday: 3 business days
    new, _ = agent.queue(agent_user, now=later)
    assert (new.items[0].days, new.items[0].overdue) == (3, True)


def test_the_queue_shows_the_oldest_and_counts_all(agent_user: User) -> None:
    cases = [
        web_case(now=FRIDAY + dt.timedelta(minutes=n))[0] for n in range(agent.QUEUE_SHOWN + 3)
    ]
    new, _ = agent.queue(agent_user, now=AFTER_NEW_YEAR)
    assert [i.case for i in new.items] == cases[: agent.QUEUE_SHOWN]
    assert new.total == agent.QUEUE_SHOWN + 3
    page = client_for(agent_user).get("/desk/agent/").content.decode()
    assert (
        f"新案件（{agent.QUEUE_SHOWN + 3}）" in page
        and f"顯示最早送達的 {agent.QUEUE_SHOWN} 件" in page
    )
    assert f"/desk/agent/case/{cases[-1].pk}/" not in page


def test_the_agents_open_cases_follow_and_filters_apply(agent_user: User) -> None:
    answered, _ = web_case(now=NOW)
    services.reply(consultation=answered, body="您好", author="desk", who=agent_user, now=NOW)
    others, _ = web_case(now=NOW)
    someone = user("agent-two", "desk_agent")
    services.reply(consultation=others, body="您好", author="desk", who=someone, now=NOW)
    called, _ = web_case(now=NOW, channel="web")
    agent.call_record(consultation=called, agent=agent_user, result="no_answer", now=NOW)
    new, mine = agent.queue(agent_user, now=NOW)
    assert [i.case for i in new.items] == [called]  # a call is no answer: still new
    assert [i.case for i in mine.items] == [answered]
    new, mine = agent.queue(agent_user, status="answered", now=NOW)
    assert new.items == [] and [i.case for i in mine.items] == [answered]
    nothing = agent.Listing([], 0)
    assert agent.queue(agent_user, channel="phone", now=NOW) == (nothing, nothing)
    with refused("channel"):
        agent.queue(agent_user, channel="fax")
    with refused("status"):
        agent.queue(agent_user, status="lost")


def test_finding_a_firm_by_its_number_or_name(firm: Firm) -> None:
    earlier, _ = web_case(
        firm_name="好麵包坊台中店", business_id=business_id(4321), county="臺中市"
    )
    found = agent.find_firm(firm.business_id)
    assert [(f.source, f.name, f.county) for f in found] == [("firm", "好麵包坊", "臺中市")]
    by_name = agent.find_firm("麵包")
    assert [f.key for f in by_name] == [f"firm-{firm.pk}", f"case-{earlier.pk}"]
    assert agent.find_firm("無此公司") == []
    with refused("q"):
        agent.find_firm("12345678")  # the check digit does not match
    with refused("q"):
        agent.find_firm("好")


def test_prefill_from_a_firm_or_an_earlier_case(firm: Firm) -> None:
    earlier, _ = web_case(needs=["ai"], county="臺南市")
    assert agent.prefill(f"firm-{firm.pk}") == {
        "firm_name": "好麵包坊",
        "business_id": firm.business_id,
        "county": "臺中市",
        "industry": "08",
    }
    values = agent.prefill(f"case-{earlier.pk}")
    assert values["contact_phone"] == "04-2222-3333" and values["needs"] == ["ai"]
    assert agent.prefill("firm-999") == agent.prefill("nonsense") == {}


def test_the_case_profile_completes_the_answers_with_the_case() -> None:
    case, _ = web_case(
        profile={"employees": 8, "county": "臺南市"}, county="", industry="08", needs=["ai"]
    )
    profile = agent.case_profile(case)
    assert profile["employees"] == 8 and profile["county"] == "臺南市"
    assert profile["industry"] == "08" and profile["needs"] == ["ai"]
    assert "registration_type" not in profile  # unknown stays unknown


def test_partners_suggested_by_kind_and_county(make: Make) -> None:
    ri, _ = make("工研院", "research_institute")
    south, _ = make("南部碳服務站", "carbon_station")
    south.counties = ["高雄市"]
    south.save()
    closed, _ = make("停辦單位", "elearning")
    closed.active = False
    closed.save()
    sc, _ = make("聯輔基金會", "sme_counselling")
    case, _ = web_case(county="臺中市")
    found = agent.partners_for(case, ["sme_counselling"])
    assert [(s.partner, s.suggested) for s in found] == [(sc, True), (ri, False)]
    assert agent.chosen_partners(case, [str(ri.pk)]) == [ri]
    for bad in (str(south.pk), str(closed.pk), "x"):
        with refused("partners"):
            agent.chosen_partners(case, [bad])


def test_an_outbound_call_is_recorded_and_journaled(agent_user: User) -> None:
    case, _ = web_case(now=NOW)
    call = agent.call_record(
        consultation=case,
        agent=agent_user,
        result="call_back",
        call_back_on=dt.date(2026, 3, 4),
        note="負責人開會中",
        now=NOW,
    )
    assert (call.result, call.call_back_on) == ("call_back", dt.date(2026, 3, 4))
    event = Event.objects.filter(consultation=case).last()
    assert event is not None and event.who == agent_user
    assert (event.from_status, event.to_status) == ("new", "new")
    assert "約定回電 2026-03-04 負責人開會中" in event.note
    case.refresh_from_db()
    assert case.status == Status.NEW and case.first_answered_at is None
    with pytest.raises(AppendOnly):
        call.save()
    with pytest.raises(AppendOnly):
        CallLog.objects.all().delete()


@pytest.mark.parametrize(
    ("result", "day", "code"),
    [
        ("busy", None, "result"),
        ("call_back", None, "call_back_on"),
        ("call_back", dt.date(2026, 3, 1), "call_back_on"),  # yesterday in Taipei
        ("call_back", dt.date(2027, 3, 10), "call_back_on"),  # over a year ahead
        ("reached", dt.date(2026, 3, 4), "call_back_on"),
    ],
)
def test_bad_calls_are_refused_and_nothing_is_kept(
    agent_user: User, result: str, day: dt.date | None, code: str
) -> None:
    case, _ = web_case(now=NOW)
    with refused(code):
        agent.call_record(
            consultation=case, agent=agent_user, result=result, call_back_on=day, now=NOW
        )
    assert not CallLog.objects.exists() and Event.objects.filter(consultation=case).count() == 1


def test_only_agents_call_and_only_open_cases(agent_user: User, firm: Firm) -> None:
    case, _ = web_case(now=NOW)
    with refused("not_agent"):
        agent.call_record(consultation=case, agent=firm.user, result="reached")
    services.close(consultation=case, who=agent_user, now=NOW)
    with refused("closed"):
        agent.call_record(consultation=case, agent=agent_user, result="reached")
    assert not CallLog.objects.exists()


@pytest.fixture
def agent_user(agent: User) -> User:
    return agent


@pytest.fixture
def make(make_partner: Make) -> Make:
    return make_partner
