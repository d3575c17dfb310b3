"""Business days on real 2025 and 2026 dates, from the ``holidays`` package's Taiwan
calendar, checked against the government's office calendar (政府行政機關辦公日曆表):

- 114年 (2025): 春節 1/25 (Sat) to 2/2 (Sun); 1/27 (Mon), the day before 除夕, an adjusted
  day off worked back on Saturday 2/8 (補行上班). 行政院人事行政總處 114年政府行政機關辦公
  日曆表, as forwarded in https://dtps.chc.edu.tw/posts/3517 (「農曆除夕前一日(1月27日)適逢
  星期一，功能性調整放假，於2月8日(星期六)補行上班」) and listed in
  http://stockq.org/taiwan/holiday2025.php (「1/27(一)彈性放假，2/8(六)補上班」); 勞動節 is
  not a day off for government offices in 2025 (the same list).
- 115年 (2026): 除夕及春節 2/14 (Sat) to 2/22 (Sun); 勞動節 5/1 (Fri) to 5/3 (Sun), from 2026
  a holiday for everyone. 115年政府行政機關辦公日曆表, as listed by the Taichung city
  government: https://www.hdali.taichung.gov.tw/3848599/post
"""

from __future__ import annotations

import datetime as dt

import pytest

from smewindow.desk.businessdays import (
    add_business_days,
    business_days_between,
    elapsed,
    holiday_name,
    is_business_day,
)
from smewindow.rules.engine import TAIPEI

D = dt.date


def test_a_make_up_saturday_is_a_business_day() -> None:
    assert D(2025, 2, 8).weekday() == 5
    assert is_business_day(D(2025, 2, 8))  # 補行上班
    assert not is_business_day(D(2025, 2, 15))  # an ordinary Saturday


@pytest.mark.parametrize(
    "day",
    [
        D(2025, 1, 27),  # the adjusted day off before 除夕
        D(2025, 1, 28),  # 除夕
        D(2025, 1, 29),  # 春節
        D(2025, 1, 31),
        D(2026, 2, 16),  # 除夕 2026
        D(2026, 2, 17),  # 春節
        D(2026, 2, 20),  # 補假 for 除夕 on a Sunday
        D(2026, 5, 1),  # 勞動節, a day off for everyone from 2026
    ],
)
def test_the_new_year_and_holidays_are_not_business_days(day: dt.date) -> None:
    assert day.weekday() < 5 and not is_business_day(day)
    assert holiday_name(day)


def test_ordinary_weekdays_around_them_are() -> None:
    for day in (D(2025, 1, 24), D(2025, 2, 3), D(2026, 2, 13), D(2026, 2, 23), D(2025, 5, 1)):
        assert is_business_day(day), day
    assert holiday_name(D(2026, 2, 23)) == ""


def test_counting_across_the_2026_lunar_new_year() -> None:
    # Friday before the nine days off, to the Monday after: one business day.
    assert business_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert add_business_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert add_business_days(D(2026, 2, 13), 3) == D(2026, 2, 25)


def test_counting_across_the_2025_lunar_new_year_and_its_make_up_day() -> None:
    # After Friday 1/24: 2/3–2/7 (five) and Saturday 2/8 (make-up) are the business days.
    assert business_days_between(D(2025, 1, 24), D(2025, 2, 8)) == 6
    assert add_business_days(D(2025, 2, 7), 1) == D(2025, 2, 8)
    assert add_business_days(D(2025, 2, 7), 2) == D(2025, 2, 10)


def test_same_day_and_backwards_are_zero() -> None:
    assert business_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0
    assert business_days_between(D(2026, 3, 3), D(2026, 3, 2)) == 0
    assert add_business_days(D(2026, 3, 2), 0) == D(2026, 3, 2)


def test_elapsed_counts_taipei_days() -> None:
    # Friday 2026-02-13 23:30 in Taipei is 15:30 UTC; answered Monday 2/23 at 08:00 Taipei.
    asked = dt.datetime(2026, 2, 13, 23, 30, tzinfo=TAIPEI)
    answered = dt.datetime(2026, 2, 23, 8, 0, tzinfo=TAIPEI)
    assert elapsed(asked.astimezone(dt.UTC), answered.astimezone(dt.UTC)) == 1
    # 16:30 UTC on the 13th is already the 14th in Taipei (a holiday): still one day.
    assert elapsed(dt.datetime(2026, 2, 13, 16, 30, tzinfo=dt.UTC), answered) == 1


def test_the_counted_years_agree_with_counting_day_by_day() -> None:
    """``business_days_between`` reads cumulative counts a year (the supervisor's part):
    the same as counting each day, across years, holidays and make-up workdays."""
    import random

    rng = random.Random(14)
    first = dt.date(2024, 12, 1)
    for _ in range(300):
        start = first + dt.timedelta(days=rng.randrange(800))
        end = start + dt.timedelta(days=rng.randrange(-3, 400))
        by_day = sum(
            is_business_day(start + dt.timedelta(days=n)) for n in range(1, (end - start).days + 1)
        )
        assert business_days_between(start, end) == by_day, (start, end)
