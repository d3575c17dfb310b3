"""The vectorized 統一編號 check agrees with the one-value check on any string; the English
industry names match the Chinese ones."""

from __future__ import annotations

import re

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from smewindow.rules.taiwan import (
    DIVISION_NAMES,
    DIVISION_NAMES_EN,
    DIVISIONS,
    SECTION_NAMES_EN,
    SECTIONS,
    business_id_is_valid,
    business_id_valid_expr,
)

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


# CJK symbols and punctuation, ideographs and their extensions, compatibility ideographs,
# full-width forms (e.g. the ideographic comma 、 and the full-width semicolon ；).
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")


def test_english_division_names_match_the_chinese_table() -> None:
    assert list(DIVISION_NAMES_EN) == list(DIVISION_NAMES)
    assert set(DIVISION_NAMES_EN) == set(DIVISIONS)
    for code, name in DIVISION_NAMES_EN.items():
        assert name.strip() == name and name, code
        assert not CJK.search(name), (code, name)


def test_english_section_names_match_the_chinese_table() -> None:
    assert list(SECTION_NAMES_EN) == list(SECTIONS)
    for letter, name in SECTION_NAMES_EN.items():
        assert name.strip() == name and name, letter
        assert not CJK.search(name), (letter, name)


def test_cjk_pattern_catches_chinese_text() -> None:
    assert CJK.search(DIVISION_NAMES["01"])
    assert CJK.search("Public Administration；")
    assert not CJK.search("Public Administration and Defence; Compulsory Social Security")
