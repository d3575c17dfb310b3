"""The results' calendar (/results.ics) on real screenings of the example bakery, parsed
with icalendar: deadlines only, their closing times, reminders, and the page's language."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from icalendar import Calendar, Event

from smewindow.finder.state import InterviewState
from smewindow.rules import PROGRAMS_BY_ID, screen
from smewindow.rules.texts import fill

TAIPEI = ZoneInfo("Asia/Taipei")
BAKERY = json.loads((Path(__file__).parents[2] / "examples" / "bakery.json").read_text("utf-8"))


def bakery_state() -> InterviewState:
    state = InterviewState()
    for field, value in BAKERY.items():
        state = state.answer(field, value)
    return state


def deadlines(client: Client, on: str) -> dict[str, Event]:
    """The calendar's events for the bakery screened on ``on``, by program id."""
    response = client.get(f"/results.ics?on={on}&state={bakery_state().encode()}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Taipei"]
    return {str(e["uid"]).split("-deadline-")[0]: e for e in calendar.walk("VEVENT")}


def reminders(event: Event) -> list[dt.datetime]:
    """When each VALARM rings (all-day events: in the firm's own time, here Taipei's)."""
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    if not isinstance(start, dt.datetime):
        start = dt.datetime.combine(start, dt.time(), TAIPEI)
        end = dt.datetime.combine(end, dt.time(), TAIPEI)
    rings = []
    for alarm in event.walk("VALARM"):
        assert alarm["action"] == "DISPLAY" and str(alarm["description"])
        base = end if alarm["trigger"].params.get("RELATED") == "END" else start
        rings.append(base + alarm.decoded("trigger"))
    return sorted(rings)


@pytest.fixture
def client() -> Client:
    return Client()


def test_a_deadline_at_17_00_is_a_timed_event_in_taipei_ending_then(client: Client) -> None:
    training = deadlines(client, "2025-04-01")["digital-training-subsidy"]
    closing = dt.datetime(2025, 12, 31, 17, 0, tzinfo=TAIPEI)
    assert training.decoded("dtend") == closing
    assert training["dtend"].params["TZID"] == "Asia/Taipei"
    assert training.decoded("dtstart") < closing
    assert str(training["summary"]) == "截止：30人以下中小微企業數位轉型培力補助"
    description = str(training["description"])
    assert description.startswith("民國114年12月31日17時截止")
    program = PROGRAMS_BY_ID["digital-training-subsidy"]
    next_steps = fill(program.next_steps, dt.date(2025, 4, 1))
    assert "12小時" in next_steps and next_steps in description and program.contact in description
    assert reminders(training) == [closing - dt.timedelta(days=7), closing - dt.timedelta(days=1)]


def test_a_deadline_on_a_day_stays_all_day_with_morning_reminders(client: Client) -> None:
    livelihood = deadlines(client, "2025-04-01")["livelihood-industry-transformation"]
    assert livelihood.decoded("dtstart") == dt.date(2025, 6, 30)
    assert livelihood.decoded("dtend") == dt.date(2025, 7, 1)
    assert str(livelihood["description"]).startswith("民國114年6月30日截止")
    assert reminders(livelihood) == [
        dt.datetime(2025, 6, 23, 9, 0, tzinfo=TAIPEI),
        dt.datetime(2025, 6, 29, 9, 0, tzinfo=TAIPEI),
    ]


def test_only_deadlines_of_programs_the_firm_can_act_on_are_listed(client: Client) -> None:
    on = "2025-04-01"
    events = deadlines(client, on)
    result = {p["id"]: p for p in screen(BAKERY, on=dt.date.fromisoformat(on))["programs"]}
    # Law's and program's terms are no deadlines: the tax incentives' statute runs to 2033
    # (ip-equity-tax-deferral is eligible and its window open), the guarantee's term to 2028,
    # Taiwan Select's and the overseas-channel program's year to 2025-12-31.
    for term in ("ip-equity-tax-deferral", "rd-investment-credit", "wage-raise-extra-guarantee",
                 "taiwan-select", "overseas-channel-subsidy"):  # fmt: skip
        assert result[term]["window"] == "open" and result[term]["eligibility"] != "ineligible"
        assert term not in events, term
    assert not any(e.decoded("dtstart").year >= 2033 for e in events.values())
    assert result["service-energy-equipment-subsidy"]["eligibility"] == "ineligible"
    assert result["brand-counseling"]["window"] == "closed"
    for program_id, program in result.items():
        if program_id in events:
            assert program["eligibility"] in ("eligible", "unknown"), program_id
            assert program["window"] in ("open", "upcoming"), program_id
    assert set(events) == {
        "digital-training-subsidy", "livelihood-industry-transformation", "service-ai-talent",
        "power-equipment-subsidy", "circular-netzero-diagnosis", "taiwan-excellence",
        "overseas-exhibition-subsidy", "transformation-loan",
    }  # fmt: skip
    assert "資格：可能符合（尚需資料）" in str(events["transformation-loan"]["description"])
    assert str(events["circular-netzero-diagnosis"]["description"]).startswith(
        "民國114年12月20日24時截止"
    )
    for event in events.values():
        assert len(event.walk("VALARM")) == 2


def test_an_upcoming_window_lists_its_deadline_and_says_when_it_opens(client: Client) -> None:
    events = deadlines(client, "2025-01-20")
    excellence = events["taiwan-excellence"]
    assert excellence.decoded("dtstart") == dt.date(2025, 6, 30)
    assert "受理：尚未開始，民國114年4月1日起" in str(excellence["description"])
    assert events["brand-counseling"].decoded("dtstart") == dt.date(2025, 3, 31)


def test_the_calendar_speaks_the_pages_language(client: Client) -> None:
    client.cookies["django_language"] = "en"
    events = deadlines(client, "2025-04-01")
    training = events["digital-training-subsidy"]
    program = PROGRAMS_BY_ID["digital-training-subsidy"]
    assert str(training["summary"]) == f"Deadline: {program.name_en}"
    description = str(training["description"])
    assert description.startswith("Closes 2025-12-31 17:00 (Taiwan time)")
    next_steps = fill(program.next_steps_en, dt.date(2025, 4, 1), "en")
    assert next_steps in description and program.contact_en in description
    assert "Eligibility: Eligible" in description and "截止" not in description
    loan = str(events["transformation-loan"]["description"])
    assert "Eligibility: Possibly eligible (answers needed)" in loan
