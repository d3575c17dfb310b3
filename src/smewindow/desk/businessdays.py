"""Business days in Taiwan for the desk's service levels: Saturdays and Sundays off, the
public holidays off, and the make-up workdays (補班, a Saturday worked in exchange for a
bridge day off) on — as the government's office calendar (行政院人事行政總處「政府行政機關辦公
日曆表」) sets them each year.

The calendar comes from the maintained ``holidays`` package (``holidays.country_holidays
("TW")``, checked by its maintainers against that office calendar), never from a hand list:
``HolidayBase.is_working_day`` counts a weekend day in its ``weekend_workdays`` (the 補班)
as a working day and a holiday (including an observed one, 補假, and a bridge day,
調整放假) as a day off. A new year's calendar arrives with a new release of the package.

A service level is counted in whole business days after the day a clock starts: a case
in on Friday and answered on Monday took 1 business day; answered the same day, 0.
"""

from __future__ import annotations

import datetime as dt
import threading
from functools import cache

import holidays
from django.utils import timezone

from smewindow.rules.engine import TAIPEI

FIRST_ANSWER_DAYS = 1
"""Service level: the desk answers a case by the end of the next business day. Not in the
seed (UNCONFIRMED): the agency's own target, to be confirmed; one place to change it."""
ACCEPTANCE_DAYS = 3
"""Service level: a partner accepts or returns a referral within 3 business days
(UNCONFIRMED, as above)."""

_lock = threading.Lock()
"""The calendar adds a year the first time a day of it is asked (a dict filled in place):
one thread at a time."""


@cache
def _calendar() -> holidays.HolidayBase:
    """Taiwan's public holidays (the office calendar's days off), years added on demand."""
    return holidays.country_holidays("TW")


def is_business_day(day: dt.date) -> bool:
    """Whether ``day`` is a working day of Taiwan's government offices."""
    with _lock:
        return bool(_calendar().is_working_day(day))


def holiday_name(day: dt.date) -> str:
    """The holiday's name (Traditional Chinese), "" when ``day`` is none."""
    with _lock:
        return str(_calendar().get(day) or "")


def business_days_between(start: dt.date, end: dt.date) -> int:
    """The business days after ``start`` up to and including ``end`` (0 when ``end`` is not
    after ``start``)."""
    if end <= start:
        return 0
    years = sum(_year_total(year) for year in range(start.year, end.year))
    return years + _days_to(end) - _days_to(start)


@cache
def _year_counts(year: int) -> tuple[int, ...]:
    """For each day of ``year`` (index: day of the year - 1), the business days from
    1 January up to and including it. Counted once a year, so that a clock over months
    costs two look-ups, not a look-up a day (the supervisor's dashboards count thousands)."""
    day, total, counts = dt.date(year, 1, 1), 0, []
    while day.year == year:
        total += is_business_day(day)
        counts.append(total)
        day += dt.timedelta(days=1)
    return tuple(counts)


def _year_total(year: int) -> int:
    return _year_counts(year)[-1]


def _days_to(day: dt.date) -> int:
    """The business days from 1 January of ``day``'s year up to and including ``day``."""
    return _year_counts(day.year)[day.timetuple().tm_yday - 1]


def add_business_days(start: dt.date, days: int) -> dt.date:
    """The ``days``-th business day after ``start`` (``start`` itself for 0)."""
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        days -= is_business_day(day)
    return day


def taipei_day(moment: dt.datetime) -> dt.date:
    """The day of ``moment`` in Asia/Taipei."""
    return timezone.localtime(moment, TAIPEI).date()


def elapsed(start: dt.datetime, end: dt.datetime | None = None) -> int:
    """Business days from ``start`` to ``end`` (default now), by their Taipei days."""
    return business_days_between(taipei_day(start), taipei_day(end or timezone.now()))
