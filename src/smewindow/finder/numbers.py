"""Reading a number as people type it in Taiwan: 1,500,000 · １２，０００ · 150萬 · 1.5億 ·
3千5百萬 · 兩百萬 · 八人 · NT$9,000 · 20%.

- Full-width digits and marks are read as their ASCII forms (Unicode NFKC); spaces around
  the number and its unit are ignored, a space between two digits is not.
- Thousands separators must fall every three digits (9,000 · 9，000).
- Chinese numerals (一 … 九, 兩, 零, 十 百 千, 萬 億 兆, and the formal 壹 貳 … 仟) and the
  multipliers 萬 億 兆 千 百 十 and K mix with Arabic digits: 3千5百萬 = 35,000,000. A single
  digit after a multiplier is its next lower place, as people say it: 兩萬五 = 25,000,
  一億二 = 120,000,000; after 零 it is a plain number: 一萬零五 = 10,005.
- A unit is accepted where it fits the question (元 and NT$ for money, 人 位 名 for people,
  瓩 kW for contract capacity …, :func:`units_for`) and refused where it does not.
- Anything else is a :class:`NumberError` that names the problem, in Chinese and English.

Values are computed exactly (``Decimal``): a whole-number question refuses 1.5人 but takes
1.5萬 (15,000).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import cache

from smewindow.rules.profile import field_bounds, field_title

MAX_LENGTH = 40
"""The longest text read: a number with its unit fits in far fewer characters."""

DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "貳": 2, "兩": 2, "三": 3, "參": 3, "四": 4,
    "肆": 4, "五": 5, "伍": 5, "六": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9,
    "玖": 9,
}  # fmt: skip
PLACES = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "k": 1000}
"""Multipliers inside a group of four digits (K for thousand, as in 40K)."""
GROUPS = {"萬": 10**4, "億": 10**8, "兆": 10**12}
"""Multipliers of a whole group of four digits."""

UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "新臺幣元": ("元", "元整", "塊", "塊錢", "NT$", "NTD", "NT", "$", "新臺幣", "新台幣",
                 "臺幣", "台幣"),
    "員工數": ("人", "位", "名", "個人"),
    "展覽數": ("場", "次", "個"),
    "地區數": ("個", "個地區", "地區", "區", "處"),
    "台數": ("台", "臺", "部"),
    "瓩": ("瓩", "kW", "千瓦"),
    "度": ("度", "kWh"),
    "立方公尺": ("立方公尺", "立方米", "m3", "度"),
    "公斤": ("公斤", "kg"),
    "公升": ("公升", "升", "L"),
}  # fmt: skip
"""What a person may type after (or, for money, before) a number, by the unit or count
named in the profile field's title (``（新臺幣元）``, ``員工數`` …)."""
ALL_UNITS = sorted({u.lower() for words in UNIT_WORDS.values() for u in words}, key=len)[::-1]
"""Every unit word, lower case, longest first (千瓦 before 千, kWh before kW)."""
MONEY_PREFIXES = ("nt$", "ntd", "nt", "$", "新臺幣", "新台幣", "臺幣", "台幣")
"""Money units written before the number (lower case, longest first)."""
APPROXIMATELY = ("大約", "大概", "約")
ABOUT = ("左右", "上下")

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SPACES = re.compile(r"(?<=\d)\s+(?=\d)")


class NumberError(ValueError):
    """A text that is not a number this question takes; the message names the problem."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} ({en})")
        self.message_zh, self.message_en = zh, en


@cache
def units_for(field: str) -> frozenset[str]:
    """The unit words (lower case) a number answer for the profile ``field`` may carry."""
    title = field_title(field).replace("年度", "年")  # 本年度研究發展支出 is money, not kWh
    return frozenset(u.lower() for key, words in UNIT_WORDS.items() if key in title for u in words)


def is_money(field: str) -> bool:
    """Whether ``field`` is an amount of New Taiwan dollars."""
    return "元" in units_for(field)


def is_share(field: str) -> bool:
    """Whether ``field`` is a share from 0 to 1 (asked as a percentage)."""
    return field_bounds(field) == (0.0, 1.0)


def allows_negative(field: str) -> bool:
    """Whether ``field`` takes numbers below zero (a loss as taxable income)."""
    low, _ = field_bounds(field)
    return low is None or low < 0


def _shown(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


def _normal(text: str) -> str:
    """NFKC (full-width to ASCII), spaces dropped except between two digits (refused)."""
    text = unicodedata.normalize("NFKC", text).strip()
    if _SPACES.search(text):
        raise NumberError(
            f"數字中間不能有空格：{_shown(text)}", f"no spaces inside a number: {_shown(text)}"
        )
    return re.sub(r"\s+", "", text)


def _strip_words(text: str, original: str, units: frozenset[str]) -> str:
    """``text`` without 約/左右, NT$ before it and a unit after it; a unit that does not fit
    the question is refused."""
    for word in APPROXIMATELY:
        text = text.removeprefix(word)
    for word in ABOUT:
        text = text.removesuffix(word)
    lower = text.lower()
    for prefix in MONEY_PREFIXES:
        if lower.startswith(prefix):
            if prefix not in units:
                raise _wrong_unit(text[: len(prefix)], original)
            text, lower = text[len(prefix) :], lower[len(prefix) :]
            break
    for unit in ALL_UNITS:
        if lower.endswith(unit) and len(lower) > len(unit):
            if unit not in units:
                raise _wrong_unit(text[-len(unit) :], original)
            return text[: -len(unit)]
    return text


def _wrong_unit(unit: str, original: str) -> NumberError:
    return NumberError(
        f"這一題的答案不用「{unit}」這個單位：{_shown(original)}",
        f"this answer is not measured in “{unit}”: {_shown(original)}",
    )


def _unreadable(original: str) -> NumberError:
    return NumberError(
        f"無法讀成數字：{_shown(original)}", f"cannot read a number in: {_shown(original)}"
    )


def _tokens(core: str, original: str) -> list[tuple[str, Decimal, bool]]:
    """(kind, value, one character) for each piece: a number, 零, a place or a group."""
    tokens: list[tuple[str, Decimal, bool]] = []
    position = 0
    while position < len(core):
        match = _NUMBER.match(core, position)
        if match:
            number = match.group()
            if "," in number and not _GROUPED.fullmatch(number):
                raise NumberError(
                    f"千分位逗號的位置不對（每三位數一個）：{_shown(original)}",
                    f"a thousands separator is misplaced: {_shown(original)}",
                )
            tokens.append(("number", Decimal(number.replace(",", "")), len(number) == 1))
            position = match.end()
            continue
        char = core[position].lower()
        if char in ("零", "〇"):
            tokens.append(("zero", Decimal(0), True))
        elif char in DIGITS:
            tokens.append(("number", Decimal(DIGITS[char]), True))
        elif char in PLACES:
            tokens.append(("place", Decimal(PLACES[char]), True))
        elif char in GROUPS:
            tokens.append(("group", Decimal(GROUPS[char]), True))
        else:
            raise _unreadable(original)
        position += 1
    return tokens


def _value(tokens: list[tuple[str, Decimal, bool]], original: str) -> Decimal:
    """The value of the pieces, Chinese style: 3 千 5 百 萬 = (3000 + 500) × 10,000."""
    total = group = Decimal(0)
    pending: Decimal | None = None
    single = after_zero = False
    last_place: Decimal | None = None
    last_group: Decimal | None = None
    unit_before: Decimal | None = None
    for kind, value, one_char in tokens:
        if kind == "number":
            if pending is not None:
                raise _unreadable(original)
            pending, single = value, one_char
        elif kind == "zero":
            if pending is not None:
                raise _unreadable(original)
            after_zero = True
        elif kind == "place":
            if last_place is not None and value >= last_place:
                raise _unreadable(original)
            group += (1 if pending is None else pending) * value
            pending, last_place, unit_before, after_zero = None, value, value, False
        else:
            if last_group is not None and value >= last_group:
                raise _unreadable(original)
            group += pending or 0
            if group == 0:
                raise _unreadable(original)
            total += group * value
            group, pending, last_place, last_group = Decimal(0), None, None, value
            unit_before, after_zero = value, False
    if pending is not None:
        if unit_before is not None and not after_zero:
            if single and pending == pending.to_integral_value() and unit_before >= 10:
                pending *= unit_before / 10  # 兩萬五: the next lower place
            elif pending >= unit_before:
                raise _unreadable(original)
        group += pending
    return total + group


def read_number(
    text: str, *, units: frozenset[str] = frozenset(), whole: bool = False, negative: bool = False
) -> int | float:
    """The number in ``text``: an int when ``whole``, else a float. ``units`` are the unit
    words (lower case) the question accepts; ``negative`` allows a minus sign (or 負)."""
    original = text.strip()
    if len(original) > MAX_LENGTH:
        raise NumberError("太長了，無法讀成數字", "too long to be a number")
    core = _normal(original)
    sign = 1
    for minus in ("-", "−", "負"):
        if core.startswith(minus):
            sign, core = -1, core[len(minus) :]
            break
    core = _strip_words(core, original, units)
    if core.startswith("-") and sign == 1:  # NT$-5,000
        sign, core = -1, core[1:]
    if core.endswith("%"):
        raise NumberError(
            f"這一題不是百分比：{_shown(original)}",
            f"this answer is not a percentage: {_shown(original)}",
        )
    if not core:
        raise _unreadable(original)
    value = sign * _value(_tokens(core, original), original)
    if value < 0 and not negative:
        raise NumberError(
            f"這一題不能填負數：{_shown(original)}",
            f"this answer cannot be negative: {_shown(original)}",
        )
    if whole:
        if value != value.to_integral_value():
            raise NumberError(
                f"這一題要填整數，{_shown(original)} 不是整數",
                f"this answer is a whole number; {_shown(original)} is not",
            )
        return int(value)
    return float(value)


def read_percent(text: str) -> float:
    """A percentage as a share from 0 to 1: 20 · 20% · ２０％ · 百分之二十 · 兩成 → 0.2."""
    original = text.strip()
    core = _normal(original) if len(original) <= MAX_LENGTH else original
    tenths = core.endswith("成")
    core = core.removeprefix("百分之").removesuffix("%").removesuffix("成")
    if not core:
        raise _unreadable(original)
    percent = Decimal(str(read_number(core)))
    if tenths:
        percent *= 10
    if not 0 <= percent <= 100:
        raise NumberError(
            f"百分比要在 0 到 100 之間：{_shown(original)}",
            f"a percentage is from 0 to 100: {_shown(original)}",
        )
    return float(percent / 100)
