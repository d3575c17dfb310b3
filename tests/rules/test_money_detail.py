"""The firm's own money in ``benefit.detail`` (``Benefit.money_detail``: a part of its amount,
a fee) is none for an ineligible firm, as its amount is 0 (docs/contracts.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings

from smewindow.rules import PROGRAMS_BY_ID, screen
from tests.rules.strategies import dates, profiles


def test_some_program_reports_money_in_its_detail() -> None:
    money = {pid for pid, p in PROGRAMS_BY_ID.items() if p.benefit.money_detail}
    assert {"digital-training-subsidy", "transformation-loan"} <= money


@settings(max_examples=150, deadline=None)
@given(profiles(), dates)
def test_an_ineligible_firm_has_no_money_in_its_detail(
    profile: dict[str, Any], on: dt.date
) -> None:
    for program in screen(profile, on=on)["programs"]:
        detail = program["benefit"]["detail"]
        for key in PROGRAMS_BY_ID[program["id"]].benefit.money_detail:
            if program["eligibility"] == "ineligible":
                assert detail[key] is None, (program["id"], key, profile)
            else:
                assert key in detail and (detail[key] is None or isinstance(detail[key], int))
