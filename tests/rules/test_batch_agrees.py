"""The one-firm path and the batch path give the same answers, field by field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from smewindow.rules import screen
from smewindow.rules.batch import output_columns, profile_schema, screen_frame
from tests.rules.strategies import dates, profiles

ELIGIBLE = {"eligible": True, "ineligible": False, "unknown": None}
RESULT = {"met": True, "unmet": False, "unknown": None}


@settings(max_examples=150, deadline=None)
@given(st.lists(profiles(), min_size=1, max_size=40), dates)
def test_one_firm_and_batch_agree(batch: list[dict[str, Any]], on: dt.date) -> None:
    frame = pl.DataFrame(batch, schema=profile_schema())
    rows = screen_frame(frame, on, criteria=True).to_dicts()
    for profile, row in zip(batch, rows, strict=True):
        for program in screen(profile, on=on)["programs"]:
            eligible, window, amount = output_columns(program["id"])
            assert row[eligible] == ELIGIBLE[program["eligibility"]], (program["id"], profile)
            assert row[window] == program["window"], program["id"]
            assert row[amount] == program["benefit"]["amount"], (program["id"], profile)
            for criterion in program["criteria"]:
                column = f"{program['id']}.{criterion['id']}"
                assert row[column] == RESULT[criterion["result"]], (column, profile)
