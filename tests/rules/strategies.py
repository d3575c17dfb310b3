"""Hypothesis strategies for random profiles, heavy on the rules' boundaries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from smewindow.rules.batch import profile_schema
from smewindow.rules.profile import (
    ENUM_FIELDS,
    LIST_FIELDS,
    enum_values,
    field_bounds,
    without_contradicted,
)
from smewindow.rules.taiwan import COUNTIES, DIVISIONS

BOUNDARIES = [
    0, 1, 2, 4, 5, 12, 29, 30, 31, 99, 100, 199, 200, 201, 9_999, 10_000, 10_001,
    99_999, 100_000, 999_999, 1_000_000, 1_000_001, 2_500_000, 4_000_000, 10_000_000,
    10_000_001, 35_000_000, 100_000_000, 100_000_001,
]  # fmt: skip
VALID_BUSINESS_IDS = ["04595257", "22099131", "12345675", "00000000"]


def _int_field(name: str) -> st.SearchStrategy[int]:
    low, high = field_bounds(name)
    assert low is not None and high is not None
    return st.one_of(
        st.sampled_from([b for b in BOUNDARIES if b <= high]),
        st.integers(0, 40),
        st.integers(max(int(low), -(10**9)), min(int(high), 10**9)),
    )


def _value(name: str, dtype: Any) -> st.SearchStrategy[Any]:
    if name in LIST_FIELDS:
        return st.lists(st.sampled_from(enum_values(name)), unique=True, max_size=4)
    if name in ENUM_FIELDS:
        return st.sampled_from(enum_values(name))
    if name == "business_id":
        return st.sampled_from(VALID_BUSINESS_IDS)
    if name == "county":
        return st.sampled_from([*COUNTIES, "台北市", "台東縣"])
    if name == "industry":
        return st.sampled_from(sorted(DIVISIONS))
    if name == "name":
        return st.text(max_size=20)
    kind = str(dtype)
    if kind == "Boolean":
        return st.booleans()
    if kind == "Int64":
        return _int_field(name)
    if name == "own_brand_revenue_share":
        return st.one_of(st.sampled_from([0.0, 0.19, 0.2, 0.21, 1.0]), st.floats(0, 1))
    return st.one_of(st.sampled_from([0.0, 99.9, 100.0, 100.1]), st.floats(0, 1e6))


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A random profile: each field unknown about half the time."""
    profile = {}
    for name, dtype in profile_schema().items():
        if draw(st.booleans()):
            profile[name] = draw(_value(name, dtype))
    return without_contradicted(profile)  # answers the profile refuses together


dates = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2028, 12, 31)) | st.sampled_from(
    [dt.date(2025, 1, 14), dt.date(2025, 8, 6), dt.date(2025, 8, 7), dt.date(2025, 12, 31)]
)
