"""The number reader: numbers as people type them in Taiwan, and clear errors otherwise."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smewindow.finder.numbers import (
    NumberError,
    allows_negative,
    is_money,
    is_share,
    read_number,
    read_percent,
    units_for,
)
from smewindow.rules.interview import question_for, question_texts
from smewindow.rules.profile import MAX_MONEY

MONEY = units_for("paid_in_capital")
PEOPLE = units_for("employees")


@pytest.mark.parametrize(
    ("text", "units", "expected"),
    [
        ("100萬", MONEY, 1_000_000),
        ("1.5億", MONEY, 150_000_000),
        ("3千5百萬", MONEY, 35_000_000),
        ("一百五十萬", MONEY, 1_500_000),
        ("兩百萬", MONEY, 2_000_000),
        ("9,000", MONEY, 9_000),
        ("9，000", MONEY, 9_000),
        ("１２，０００", MONEY, 12_000),
        ("NT$9,000", MONEY, 9_000),
        ("$ 1,500", MONEY, 1_500),
        ("  2500元  ", MONEY, 2_500),
        ("100萬元", MONEY, 1_000_000),
        ("壹佰萬元整", MONEY, 1_000_000),
        ("新臺幣50萬元", MONEY, 500_000),
        ("約 100 萬", MONEY, 1_000_000),
        ("1.5萬", MONEY, 15_000),
        ("兩萬五", MONEY, 25_000),
        ("一億二", MONEY, 120_000_000),
        ("一萬零五", MONEY, 10_005),
        ("1萬2345", MONEY, 12_345),
        ("3千500", MONEY, 3_500),
        ("40K", MONEY, 40_000),
        ("8人", PEOPLE, 8),
        ("八人", PEOPLE, 8),
        ("三十", PEOPLE, 30),
        ("十五位", PEOPLE, 15),
        ("０", PEOPLE, 0),
        ("2個地區", units_for("overseas_regions"), 2),
        ("3場", units_for("exhibitions_physical"), 3),
    ],
)
def test_whole_numbers_as_people_type_them(text: str, units: frozenset[str], expected: int) -> None:
    value = read_number(text, units=units, whole=True)
    assert value == expected and isinstance(value, int)


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("120kW", "contract_capacity_kw", 120.0),
        ("120 瓩", "contract_capacity_kw", 120.0),
        ("1萬度", "electricity_kwh", 10_000.0),
        ("12.5公升", "diesel_l", 12.5),
        ("３００ｍ³", "natural_gas_m3", 300.0),
    ],
)
def test_quantities_take_their_own_units(text: str, field: str, expected: float) -> None:
    value = read_number(text, units=units_for(field))
    assert value == expected and isinstance(value, float)


def test_negative_numbers_only_where_the_field_allows_them() -> None:
    assert allows_negative("taxable_income") and not allows_negative("paid_in_capital")
    assert read_number("-50萬", units=MONEY, whole=True, negative=True) == -500_000
    assert read_number("負50萬", units=MONEY, whole=True, negative=True) == -500_000
    assert read_number("NT$-5,000", units=MONEY, whole=True, negative=True) == -5_000
    with pytest.raises(NumberError, match="這一題不能填負數：-5") as error:
        read_number("-5", units=MONEY, whole=True)
    assert error.value.message_en == "this answer cannot be negative: -5"


@pytest.mark.parametrize(
    ("text", "units", "zh", "en"),
    [
        ("1.5人", PEOPLE, "這一題要填整數，1.5人 不是整數", "is a whole number"),
        ("abc", MONEY, "無法讀成數字：abc", "cannot read a number in: abc"),
        ("一百萬多", MONEY, "無法讀成數字：一百萬多", "cannot read a number"),
        ("100萬人", MONEY, "這一題的答案不用「人」這個單位：100萬人", "not measured in “人”"),
        ("8元", PEOPLE, "這一題的答案不用「元」這個單位：8元", "not measured in “元”"),
        ("NT$8", PEOPLE, "這一題的答案不用「NT$」這個單位", "not measured in “NT$”"),
        ("5kg", MONEY, "這一題的答案不用「kg」這個單位", "not measured in"),
        ("90,00", MONEY, "千分位逗號的位置不對", "thousands separator is misplaced"),
        ("1,0000", MONEY, "千分位逗號的位置不對", "thousands separator is misplaced"),
        ("1 000", MONEY, "數字中間不能有空格：1 000", "no spaces inside a number"),
        ("20%", MONEY, "這一題不是百分比：20%", "not a percentage"),
        ("萬", MONEY, "無法讀成數字：萬", "cannot read a number"),
        ("元", MONEY, "無法讀成數字：元", "cannot read a number"),
        ("1萬20000", MONEY, "無法讀成數字", "cannot read a number"),
        ("百千", MONEY, "無法讀成數字", "cannot read a number"),
        ("1萬2萬", MONEY, "無法讀成數字", "cannot read a number"),
        ("一二三", MONEY, "無法讀成數字", "cannot read a number"),
        ("9" * 41, MONEY, "太長了，無法讀成數字", "too long"),
    ],
)
def test_anything_else_is_an_error_that_names_the_problem(
    text: str, units: frozenset[str], zh: str, en: str
) -> None:
    with pytest.raises(NumberError) as error:
        read_number(text, units=units, whole=True)
    assert zh in error.value.message_zh
    assert en in error.value.message_en
    assert str(error.value) == f"{error.value.message_zh} ({error.value.message_en})"


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("20", 0.2),
        ("20%", 0.2),
        ("２０％", 0.2),
        ("20 %", 0.2),
        ("百分之二十", 0.2),
        ("兩成", 0.2),
        ("33.5%", 0.335),
        ("0", 0.0),
        ("100%", 1.0),
    ],
)
def test_a_percentage_is_read_as_a_share(text: str, share: float) -> None:
    assert read_percent(text) == share


@pytest.mark.parametrize(
    ("text", "zh"),
    [
        ("101%", "百分比要在 0 到 100 之間：101%"),
        ("-5%", "這一題不能填負數"),
        ("很多", "無法讀成數字：很多"),
        ("%", "無法讀成數字：%"),
        ("20元", "這一題的答案不用「元」這個單位"),
    ],
)
def test_a_bad_percentage_is_an_error(text: str, zh: str) -> None:
    with pytest.raises(NumberError) as error:
        read_percent(text)
    assert zh in error.value.message_zh


def test_fields_are_told_apart_by_the_profile_not_by_name() -> None:
    assert is_share("own_brand_revenue_share")
    assert not is_share("paid_in_capital") and not is_share("contract_capacity_kw")
    assert is_money("loan_amount") and is_money("taxable_income")
    assert not is_money("employees") and not is_money("electricity_kwh")
    numbers = [f for f in question_texts() if question_for(f).kind in ("number", "whole_number")]
    assert len(numbers) > 15
    for field in numbers:
        assert is_share(field) or units_for(field), f"{field} takes no unit"


FULL_WIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")
CHINESE_DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """``n`` in Chinese numerals, written the formal way (一千零五, 一萬零三百)."""
    if n == 0:
        return "零"
    groups = []
    while n:
        n, group = divmod(n, 10_000)
        groups.append(group)
    text = ""
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        if text and group < 1000:
            text += "零"
        part, zero = "", False
        for place, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = group // place % 10
            if digit == 0:
                zero = bool(part)
                continue
            if zero:
                part, zero = part + "零", False
            part += CHINESE_DIGITS[digit] + name
        text += part + ("", "萬", "億", "兆")[index]
    return text


def ways_to_write(n: int) -> list[str]:
    """``n`` as people write it: plain, with separators, full width, with NT$ or 元, in
    Chinese numerals, and with 萬 or 億 where they fit."""
    ways = [str(n), f"{n:,}", f"{n:,}".translate(FULL_WIDTH), f"NT${n:,}", f" {n}元 ", chinese(n)]
    ten_thousands, rest = divmod(n, 10_000)
    if ten_thousands:
        ways.append(
            f"{ten_thousands}萬{'零' if rest < 1000 else ''}{rest}"
            if rest
            else f"{ten_thousands}萬"
        )
        ways.append(f"{(Decimal(n) / 10_000).normalize():f}萬")
    if n >= 10**8:
        ways.append(f"{(Decimal(n) / 10**8).normalize():f}億")
    return ways


@given(st.integers(min_value=0, max_value=MAX_MONEY - 1))
def test_any_amount_written_any_way_reads_back_the_same(n: int) -> None:
    for text in ways_to_write(n):
        assert read_number(text, units=MONEY, whole=True) == n, text


@given(st.integers(min_value=0, max_value=100), st.sampled_from(["{}", "{}%", "{}％", "百分之{}"]))
def test_any_whole_percentage_reads_back_as_its_share(p: int, form: str) -> None:
    text = form.format(chinese(p) if form.startswith("百分之") else p)
    assert read_percent(text) == p / 100


def test_chinese_numerals_of_the_property_test() -> None:
    assert chinese(1005) == "一千零五"
    assert chinese(10_300) == "一萬零三百"
    assert chinese(100_050_000) == "一億零五萬"
    assert chinese(35_000_000) == "三千五百萬"


def test_a_title_that_says_year_takes_no_kwh() -> None:
    """本年度研究發展支出 holds 度 in 年度: it is money, and 度 is no unit of it."""
    assert "度" not in units_for("rd_expense")
    assert units_for("electricity_kwh") == frozenset({"度", "kwh"})
