"""An iCalendar (.ics) of the application deadlines a firm can act on.

Listed: the programs the firm is eligible or possibly eligible for whose window is open or
upcoming, and only a deadline for applying (``engine.program_deadline``: never the end of a
law's or a program's term, such as the tax incentives' statute to 2033). A deadline at a time
of day (17:00) is a timed event in Asia/Taipei, with its VTIMEZONE, ending at that moment; a
deadline on a day is an all-day event on that day. Each event reminds 7 days and 1 day
before. Summary and description are in the page's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext
from icalendar import Alarm, Calendar, Event

from smewindow.formatting import display_date, label, taipei_minute
from smewindow.rules.engine import TAIPEI, program_deadline
from smewindow.rules.windows import OPEN, UPCOMING

ACTIONABLE = {"eligible", "unknown"}
REMINDER_DAYS = (7, 1)
TIMED_LENGTH = dt.timedelta(hours=1)
"""A deadline at a time of day is shown as the hour before it."""
MORNING = dt.timedelta(hours=9)
"""An all-day deadline's reminders ring at 09:00, 7 days and 1 day before its day."""


def deadlines_calendar(result: dict[str, Any], on: dt.date, stamp: dt.datetime, lang: str) -> bytes:
    """The deadlines of the programs of a screening result on ``on`` that the firm can still
    apply to; ``lang`` is the page's language (zh or en)."""
    calendar = Calendar()
    calendar.add("prodid", "-//SME Window//中小微企業單一窗口//ZH-TW")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", gettext("中小微企業補助與措施申請截止日"))
    for program in result["programs"]:
        if program["eligibility"] in ACTIONABLE and program["window"] in (OPEN, UPCOMING):
            closes = program_deadline(program, on)
            if closes is not None:
                calendar.add_component(_deadline_event(program, closes, stamp, lang))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def closing_words(closes: dt.date, lang: str) -> str:
    """「民國114年12月31日17時截止」, or "Closes 2025-12-31 17:00 (Taiwan time)"."""
    if isinstance(closes, dt.datetime):
        local = closes.astimezone(TAIPEI)
        when = taipei_minute(local, lang) if lang == "en" else display_date(local, lang)
    else:
        when = display_date(closes, lang)
    return gettext("%(when)s截止") % {"when": when}


def _deadline_event(
    program: dict[str, Any], closes: dt.date, stamp: dt.datetime, lang: str
) -> Event:
    english = lang == "en"
    summary = gettext("截止：%(name)s") % {"name": program["name_en" if english else "name"]}
    words = closing_words(closes, lang)
    event = Event()
    event.add("uid", f"{program['id']}-deadline-{closes:%Y%m%d}@smewindow")
    event.add("dtstamp", stamp)
    if isinstance(closes, dt.datetime):
        end = closes.astimezone(TAIPEI)
        event.add("dtstart", end - TIMED_LENGTH)
        event.add("dtend", end)
        triggers = [(-dt.timedelta(days=days), "END") for days in REMINDER_DAYS]
    else:
        event.add("dtstart", closes)
        event.add("dtend", closes + dt.timedelta(days=1))
        triggers = [(MORNING - dt.timedelta(days=days), "START") for days in REMINDER_DAYS]
    event.add("summary", summary)
    event.add("description", _description(program, words, lang))
    event.add("url", program["url"])
    for trigger, related in triggers:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{summary}\n{words}")
        alarm.add("trigger", trigger, parameters={"RELATED": related})
        event.add_component(alarm)
    return event


def _description(program: dict[str, Any], words: str, lang: str) -> str:
    """The closing in words, the eligibility, the window, the next steps and the contact."""
    english = lang == "en"
    window = gettext("受理：") + label("window", program["window"], lang)
    opens = (program["window_dates"] or {}).get("opens")
    if program["window"] == UPCOMING and opens:
        window += gettext("，%(opens)s起") % {"opens": display_date(opens, lang)}
    lines = [
        words,
        gettext("資格：") + label("eligibility", program["eligibility"], lang),
        window,
        gettext("下一步：") + program["next_steps_en" if english else "next_steps"],
        gettext("聯絡：") + program["contact_en" if english else "contact"],
        program["url"],
    ]
    return "\n".join(lines)
