"""How results read to people: ROC dates, NT$ amounts and Chinese labels."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from smewindow.rules.model import GROUPS

ELIGIBILITY_LABELS = {
    "eligible": "符合",
    "unknown": "可能符合（尚需資料）",
    "ineligible": "不符合",
}
WINDOW_LABELS = {
    "open": "受理中",
    "upcoming": "尚未開始",
    "closed": "已截止",
    "ongoing": "常態受理",
    "unannounced": "尚待公告",
}
KIND_LABELS = {
    "grant": "補助",
    "loan": "利息補貼",
    "guarantee": "信用保證",
    "tax_saving": "節稅",
    "points": "點數",
    "service": "服務",
    "counselling": "輔導",
    "training": "培訓",
}
RESULT_LABELS = {"met": "符合", "unmet": "不符合", "unknown": "未知"}
LABELS: dict[str, dict[str, dict[str, str]]] = {
    "zh": {
        "eligibility": ELIGIBILITY_LABELS,
        "window": WINDOW_LABELS,
        "kind": KIND_LABELS,
        "result": RESULT_LABELS,
        "group": GROUPS,
    },
    "en": {
        "eligibility": {
            "eligible": "Eligible",
            "unknown": "Possibly eligible (answers needed)",
            "ineligible": "Not eligible",
        },
        "window": {
            "open": "open",
            "upcoming": "upcoming",
            "closed": "closed",
            "ongoing": "always open",
            "unannounced": "to be announced",
        },
        "kind": {
            "grant": "grant",
            "loan": "interest subsidy",
            "guarantee": "credit guarantee",
            "tax_saving": "tax saving",
            "points": "points",
            "service": "service",
            "counselling": "counselling",
            "training": "training",
        },
        "result": {"met": "met", "unmet": "not met", "unknown": "unknown"},
        "group": {
            "digital": "Strategy 1: digital transformation",
            "netzero": "Strategy 2: net-zero transformation",
            "channel": "Strategy 3: channel development",
            "support": "Support measures",
            "finance": "Finance counselling",
        },
    },
}
"""Every label table, in Traditional Chinese (zh) and English (en)."""


def label(table: str, key: str, lang: str = "zh") -> str:
    """The label of ``key`` in one of the tables, in Chinese or English."""
    return LABELS["en" if lang == "en" else "zh"][table][key]


def display_date(value: dt.date | str, lang: str = "zh") -> str:
    """ROC calendar in Chinese (民國114年4月1日), ISO in English."""
    if lang != "en":
        return roc_date(value)
    return value[:10] if isinstance(value, str) else value.isoformat()


def roc_date(value: dt.date | str) -> str:
    """A date in the ROC calendar: 2025-04-01 → 民國114年4月1日."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime):
        when = f"{value.hour}時" if (value.hour, value.minute) != (0, 0) else ""
        if (value.hour, value.minute) == (23, 59):
            when = "24時"
        value, time = value.date(), when
    else:
        time = ""
    return f"民國{value.year - 1911}年{value.month}月{value.day}日{time}"


def twd(amount: int | float | None) -> str:
    """NT$ with thousands separators; '—' when unknown."""
    return "—" if amount is None else f"NT${amount:,.0f}"


def taipei_minute(moment: dt.datetime | None, lang: str = "zh") -> str:
    """A moment in Taiwan time, to the minute: the ROC calendar in Chinese
    ("民國114年12月31日 17:00"), ISO in English ("2025-12-31 17:00"); "" for none."""
    if moment is None:
        return ""
    local = moment.astimezone(ZoneInfo("Asia/Taipei"))
    if lang == "en":
        return local.strftime("%Y-%m-%d %H:%M")
    return f"{roc_date(local.date())} {local:%H:%M}"
