"""Regions of Taiwan (北 / 中 / 南 / 東 / 離島) by county, and the county of an address.

Pure Python beside ``smewindow.rules.taiwan`` (whose ``COUNTIES`` and ``normalize_county``
it uses); it belongs next to them and can move there when the rules' owners agree.

Basis: the National Development Council's four regions (國家發展委員會區域劃分, the
「臺灣地區綜合開發計畫」 四分法): 北部 臺北市、新北市、基隆市、桃園市、新竹縣、新竹市、宜蘭縣;
中部 苗栗縣、臺中市、彰化縣、南投縣、雲林縣; 南部 嘉義縣、嘉義市、臺南市、高雄市、屏東縣、
澎湖縣; 東部 花蓮縣、臺東縣. 金門縣 and 連江縣 (Fuchien Province) lie outside the four and are
離島 here, as in DGBAS's regional tables (金馬地區). 澎湖縣 follows the NDC into 南部.
"""

from __future__ import annotations

import re

from smewindow.rules.taiwan import COUNTIES, normalize_county

REGIONS: dict[str, str] = {
    "north": "北",
    "central": "中",
    "south": "南",
    "east": "東",
    "islands": "離島",
}
"""Region codes and their Chinese labels, in display order."""

_COUNTIES_BY_REGION: dict[str, tuple[str, ...]] = {
    "north": ("臺北市", "新北市", "基隆市", "桃園市", "新竹縣", "新竹市", "宜蘭縣"),
    "central": ("苗栗縣", "臺中市", "彰化縣", "南投縣", "雲林縣"),
    "south": ("嘉義縣", "嘉義市", "臺南市", "高雄市", "屏東縣", "澎湖縣"),
    "east": ("花蓮縣", "臺東縣"),
    "islands": ("金門縣", "連江縣"),
}

REGION_OF_COUNTY: dict[str, str] = {
    county: region for region, counties in _COUNTIES_BY_REGION.items() for county in counties
}
"""The region code of each of the 22 counties (official 臺 spelling)."""

assert sorted(REGION_OF_COUNTY) == sorted(COUNTIES), "every county has exactly one region"

_LEADING_POSTCODE = re.compile(r"^[\d\s-]*")


def county_of_address(address: str) -> str | None:
    """The county an address starts with (official spelling), after an optional postcode.

    ``"104臺北市中山區…"`` → ``"臺北市"``; ``"台中市…"`` → ``"臺中市"``; None when the address
    does not start with one of the 22 counties.
    """
    rest = _LEADING_POSTCODE.sub("", address.strip())
    return normalize_county(rest[:3])


def region_of_county(county: str) -> str | None:
    """The region code of a county (台 or 臺), or None for a name that is not a county."""
    official = normalize_county(county)
    return REGION_OF_COUNTY[official] if official else None


def region_code(text: str) -> str | None:
    """A region code from its code or its Chinese label, with or without 區 (北區 → north)."""
    text = text.strip()
    if text in REGIONS:
        return text
    label = text.removesuffix("區").removesuffix("部")
    return next((code for code, name in REGIONS.items() if name == label), None)
