"""The vectorized 統一編號 check agrees with the one-value check on any string."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from smewindow.rules.taiwan import business_id_is_valid, business_id_valid_expr

EIGHT_DIGITS = st.text(alphabet="0123456789", min_size=8, max_size=8)
ANYTHING = st.one_of(EIGHT_DIGITS, st.text(max_size=10), st.none())


@settings(max_examples=200, deadline=None)
@given(st.lists(ANYTHING, min_size=1, max_size=200))
def test_column_check_agrees_with_one_value_check(values: list[str | None]) -> None:
    frame = pl.DataFrame({"business_id": values}, schema={"business_id": pl.String})
    got = frame.select(business_id_valid_expr(pl.col("business_id"))).to_series().to_list()
    assert got == [None if v is None else business_id_is_valid(v) for v in values]


def test_known_numbers() -> None:
    values = [
        "22099131",
        "04595257",
        "10458574",
        "10458575",
        "12345678",
        "1234567",
        "２２０９９１３１",
    ]
    frame = pl.DataFrame({"b": values})
    got = frame.select(business_id_valid_expr(pl.col("b"))).to_series().to_list()
    assert got == [True, True, True, True, False, False, False]
