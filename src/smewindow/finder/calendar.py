"""An iCalendar (.ics) of the deadlines of the programs a firm is eligible for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from icalendar import Calendar, Event


def deadlines_calendar(result: dict[str, Any], stamp: dt.datetime) -> bytes:
    """All-day events: the closing day of each open window and the opening day of each
    upcoming one, for the eligible programs of a screening result."""
    calendar = Calendar()
    calendar.add("prodid", "-//SME Window//中小微企業單一窗口//ZH-TW")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "中小微企業補助與措施截止日")
    for program in result["programs"]:
        dates = program["window_dates"] or {}
        if program["eligibility"] != "eligible":
            continue
        moments = []
        if program["window"] == "open" and dates.get("closes"):
            moments.append(("截止", dates["closes"]))
        if program["window"] == "upcoming" and dates.get("opens"):
            moments.append(("開始受理", dates["opens"]))
        for what, when in moments:
            day = dt.date.fromisoformat(when[:10])
            event = Event()
            event.add("uid", f"{program['id']}-{what}-{day.isoformat()}@smewindow")
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            event.add("dtend", day + dt.timedelta(days=1))
            event.add("summary", f"{what}：{program['name']}")
            event.add("description", f"{program['next_steps']}\n聯絡：{program['contact']}")
            event.add("url", program["url"])
            calendar.add_component(event)
    return bytes(calendar.to_ical())
