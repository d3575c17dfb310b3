"""Parsers for the cells of the official lists: each takes the cell's text (never blank)
and returns the value to store, or raises ``CellError`` in Chinese and English."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Choices

from smewindow.catalog.regions import REGIONS, region_code
from smewindow.rules.taiwan import business_id_is_valid

Parser = Callable[[str], Any]


class CellError(ValueError):
    """A cell that cannot be stored: what is wrong, in Chinese and in English."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} ({en})")
        self.zh = zh
        self.en = en


def name_key(name: str) -> str:
    """A name as compared between lists: NFKC, no spaces, 臺 for 台 (台北市… = 臺北市…)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).replace("台", "臺")


def text(max_length: int) -> Callable[[str], str]:
    """Text of at most ``max_length`` characters."""

    def parse(value: str) -> str:
        if len(value) > max_length:
            raise CellError(
                f"長度超過 {max_length} 字（{len(value)} 字）",
                f"longer than {max_length} characters ({len(value)})",
            )
        return value

    return parse


_HOURS = re.compile(r"^\d{1,4}(\.\d+)?$")
_TENTH = Decimal("0.1")


def hours(value: str) -> Decimal:
    """Hours: a number 0–9999.9 with at most one decimal (18, 1.5)."""
    value = unicodedata.normalize("NFKC", value)
    try:
        number = Decimal(value) if _HOURS.match(value) else None
    except InvalidOperation:
        number = None
    if number is None:
        raise CellError("時數須為 0 以上的數字", "hours must be a number, 0 or more")
    if number != number.quantize(_TENTH):
        raise CellError("時數至多一位小數", "hours take at most one decimal")
    return number.quantize(_TENTH)


_URL = URLValidator(schemes=["http", "https"])


def url(value: str) -> str:
    """A well-formed http(s) URL of at most 500 characters."""
    try:
        _URL(value)
    except ValidationError:
        raise CellError(
            "網址格式不正確，須為 http:// 或 https:// 開頭的完整網址",
            "not a well-formed http(s) URL",
        ) from None
    return text(500)(value)


def business_id(value: str) -> str:
    """A 統一編號 whose check digit is right (``smewindow.rules.taiwan``)."""
    value = unicodedata.normalize("NFKC", value)
    if value.isascii() and value.isdigit() and len(value) < 8:
        raise CellError(
            "統一編號須為 8 位數字；若開頭的 0 被 Excel 去掉，請把此欄設為文字",
            "a business ID has 8 digits; Excel may have dropped a leading 0 (format the column as text)",
        )
    if not business_id_is_valid(value):
        raise CellError("統一編號格式或檢查碼不正確", "not a valid business ID (check digit)")
    return value


def choice(choices: type[Choices]) -> Parser:
    """One of ``choices``, by its Chinese label (or its code)."""
    by_text = {str(label): value for value, label in choices.choices} | {
        value: value for value in choices.values
    }

    def parse(value: str) -> str:
        found = by_text.get(unicodedata.normalize("NFKC", value))
        if found is None:
            allowed = "、".join(str(label) for label in choices.labels)
            raise CellError(f"須為下列之一：{allowed}", f"must be one of {allowed}")
        return str(found)

    return parse


def region(value: str) -> str:
    """A region: 北, 中, 南, 東 or 離島 (區 may follow)."""
    code = region_code(value)
    if code is None:
        allowed = "、".join(REGIONS.values())
        raise CellError(f"區域須為下列之一：{allowed}", f"region must be one of {allowed}")
    return code


_DATE = re.compile(r"^(\d{2,4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def date(value: str) -> dt.date:
    """A date: 2025-06-05, 2025/6/5, or the ROC year 114/6/5 and 114年6月5日."""
    match = _DATE.match(unicodedata.normalize("NFKC", value))
    try:
        if not match:
            raise ValueError(value)
        year, month, day = (int(part) for part in match.groups())
        return dt.date(year + 1911 if year < 1911 else year, month, day)
    except ValueError:
        raise CellError(
            "日期須為 YYYY-MM-DD（例如 2025-06-05）或民國年 114/6/5",
            "a date is YYYY-MM-DD (2025-06-05) or an ROC date such as 114/6/5",
        ) from None


_PRICE = re.compile(r"^(?:NT\$|\$)?\s*(\d{1,3}(?:,\d{3})+|\d+)\s*元?$")


def price(value: str) -> int:
    """A price in whole NT$: 12000, 12,000, 12,000元 or NT$12,000."""
    match = _PRICE.match(unicodedata.normalize("NFKC", value))
    if not match:
        raise CellError("售價須為新臺幣整數元，例如 12,000", "a price is whole NT$, e.g. 12,000")
    number = int(match.group(1).replace(",", ""))
    if number > 2_147_483_647:
        raise CellError("售價過大", "price too large")
    return number
