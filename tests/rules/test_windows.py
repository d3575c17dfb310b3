"""Windows on the real parameters: a closing that is the end of a term keeps its status
but is no deadline for applying; a deadline keeps its time of day."""

from __future__ import annotations

import datetime as dt

from smewindow.rules.parameters import load_parameters
from smewindow.rules.windows import application_deadline, window_status

PLUS_8 = dt.timezone(dt.timedelta(hours=8))


def window(name: str, on: dt.date) -> tuple[tuple[str, dict[str, str | None] | None], object]:
    value = load_parameters()[name].at(on)
    return window_status(value, on), application_deadline(value, on)


def test_a_laws_term_is_open_but_no_deadline() -> None:
    status, deadline = window("tax.window", dt.date(2025, 4, 1))
    assert status == ("open", {"opens": "2024-01-01", "closes": "2033-12-31"})
    assert deadline is None
    status, deadline = window("guarantee.window", dt.date(2029, 1, 1))
    assert status == ("closed", {"opens": "2025-01-15", "closes": "2028-12-31"})
    assert deadline is None


def test_a_deadline_keeps_its_closing_moment() -> None:
    status, deadline = window("digital_training.window", dt.date(2025, 12, 31))
    assert status[0] == "open"
    assert deadline == dt.datetime(2025, 12, 31, 17, 0, tzinfo=PLUS_8)
    assert window("loan.window", dt.date(2025, 4, 1))[1] == dt.date(2028, 10, 31)


def test_the_deadline_is_the_round_that_decides_the_status() -> None:
    status, deadline = window("channel.exhibition_window", dt.date(2025, 5, 2))
    assert status == ("upcoming", {"opens": "2025-10-01", "closes": "2025-10-31"})
    assert deadline == dt.date(2025, 10, 31)
    assert window("digital.cloud_ai_window", dt.date(2025, 4, 1)) == (("unannounced", None), None)
    assert window("netzero.esco_window", dt.date(2025, 4, 1)) == (("ongoing", None), None)
