"""Application windows: when a program takes applications, from dated parameters.

A window parameter's value is one of:

- ``ongoing`` — a standing service with no closing date;
- ``unannounced`` — the seed says the dates are still to be announced;
- a round ``{opens: DATE, closes: DATE or DATETIME}`` (either may be absent);
- a list of rounds (e.g. the exhibition subsidy's April and October intakes).

A round's ``closes`` is the deadline for applying unless the round says
``closes_is_deadline: false``: then it is the end of a law's or a program's term (the tax
incentives' statute to 2033, a program period), shown as the window's end but never
offered as a deadline (``application_deadline``). The flag does not change the status.

Windows are compared by calendar day in Asia/Taipei: a window that closes at
17:00 on a day is open on that day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

OPEN, UPCOMING, CLOSED, ONGOING, UNANNOUNCED = (
    "open",
    "upcoming",
    "closed",
    "ongoing",
    "unannounced",
)
STATUSES = (OPEN, UPCOMING, CLOSED, ONGOING, UNANNOUNCED)

WindowDates = dict[str, str | None]
ROUND_KEYS = frozenset({"opens", "closes", "closes_is_deadline"})


def _day(value: dt.date | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _dates(round_: dict[str, Any]) -> WindowDates:
    return {"opens": _iso(round_.get("opens")), "closes": _iso(round_.get("closes"))}


def _deciding_round(value: Any, on: dt.date) -> tuple[str, dict[str, Any] | None]:
    """The status of a window parameter's value on ``on`` and the round that decides it."""
    if value is None or value == UNANNOUNCED:
        return UNANNOUNCED, None
    if value == ONGOING:
        return ONGOING, None
    rounds = value if isinstance(value, list) else [value]
    upcoming: list[tuple[dt.date, dict[str, Any]]] = []
    for round_ in rounds:
        opens, closes = _day(round_.get("opens")), _day(round_.get("closes"))
        if opens is not None and on < opens:
            upcoming.append((opens, round_))
        elif closes is None:
            return ONGOING, round_
        elif on <= closes:
            return OPEN, round_
    if upcoming:
        return UPCOMING, min(upcoming, key=lambda pair: pair[0])[1]
    return CLOSED, rounds[-1]


def window_status(value: Any, on: dt.date) -> tuple[str, WindowDates | None]:
    """The status of a window parameter's value on ``on``, with the dates that decide it."""
    status, round_ = _deciding_round(value, on)
    return status, None if round_ is None else _dates(round_)


def application_deadline(value: Any, on: dt.date) -> dt.date | None:
    """The closing day or moment (a datetime) of the round deciding the status on ``on``,
    when it is a deadline for applying; None for a window without one."""
    _, round_ = _deciding_round(value, on)
    if round_ is None or round_.get("closes_is_deadline", True) is not True:
        return None
    closes: dt.date | None = round_.get("closes")
    return closes
