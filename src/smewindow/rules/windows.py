"""Application windows: when a program takes applications, from dated parameters.

A window parameter's value is one of:

- ``ongoing`` — a standing service with no closing date;
- ``unannounced`` — the seed says the dates are still to be announced;
- a round ``{opens: DATE, closes: DATE or DATETIME}`` (either may be absent);
- a list of rounds (e.g. the exhibition subsidy's April and October intakes).

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


def _day(value: dt.date | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _dates(round_: dict[str, Any]) -> WindowDates:
    return {"opens": _iso(round_.get("opens")), "closes": _iso(round_.get("closes"))}


def window_status(value: Any, on: dt.date) -> tuple[str, WindowDates | None]:
    """The status of a window parameter's value on ``on``, with the dates that decide it."""
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
            return ONGOING, _dates(round_)
        elif on <= closes:
            return OPEN, _dates(round_)
    if upcoming:
        return UPCOMING, _dates(min(upcoming, key=lambda pair: pair[0])[1])
    return CLOSED, _dates(rounds[-1])
