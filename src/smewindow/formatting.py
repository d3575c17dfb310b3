"""How results read to people: ROC dates, NT$ amounts and Chinese labels."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from smewindow.rules import parameters
from smewindow.rules.model import GROUPS, Benefit

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
RESULT_LABELS = {"met": "符合", "unmet": "不符合", "unknown": "未知", "not_applicable": "不適用"}
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
        "result": {
            "met": "met",
            "unmet": "not met",
            "unknown": "unknown",
            "not_applicable": "does not apply",
        },
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


def rule_text(item: Any, attribute: str, lang: str = "zh") -> str:
    """A rule's text (name, label, next steps, contact …) in Chinese or English."""
    return str(getattr(item, f"{attribute}_en" if lang == "en" else attribute))


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


def twd_words(amount: int | float) -> str:
    """An amount as people say it in Chinese: 10000 → 1萬元, 2500000 → 250萬元,
    35000000 → 3,500萬元, 150000000 → 1.5億元, 406 → 406元."""
    value = Decimal(str(amount))
    for unit, size in (("億", Decimal(10**8)), ("萬", Decimal(10**4))):
        if value >= size and (value * 10) % size == 0:
            return f"{_number(value / size)}{unit}元"
    return f"{_number(value)}元"


def _number(value: Decimal) -> str:
    """A number with thousands separators and no trailing zeros: 3500 → 3,500; 1.50 → 1.5."""
    whole = value.to_integral_value()
    return f"{int(whole):,}" if value == whole else f"{value.normalize():f}"


def _percent(value: float) -> str:
    if abs(value * 3 - round(value * 3)) < 1e-9 and round(value * 3) % 3:
        return f"{round(value * 3)}/3"
    return f"{Decimal(str(round(value * 100, 4))).normalize():f}%"


_UNITS: dict[str, tuple[str, str]] = {
    "persons": ("{}人", "{} people"),
    "hours": ("{}小時", "{} hours"),
    "kW": ("{}瓩", "{} kW"),
    "count": ("{}", "{}"),
}


def parameter_text(value: Any, unit: str, lang: str = "zh") -> str:
    """A parameter's value as a sentence states it, by its unit: money in 萬元 (NT$ in
    English), rates and shares as percentages, years (in months below one), dates in the ROC
    calendar; a range of two values reads 「a至b」."""
    if value is None:
        return "(to be announced)" if lang == "en" else "（尚待公告）"
    if isinstance(value, list):
        low, high = (parameter_text(v, unit, lang) for v in value)
        return f"{low} to {high}" if lang == "en" else f"{low}至{high}"
    english = lang == "en"
    if unit == "TWD":
        return twd(value) if english else twd_words(value)
    if unit in ("rate", "share"):
        return _percent(value)
    if unit == "years":
        months = round(value * 12)
        if value < 1:
            return f"{months} months" if english else f"{months}個月"
        return f"{value:g} years" if english else f"{value:g}年"
    if unit == "date":
        return display_date(value, lang)
    zh, en = _UNITS[unit]
    return (en if english else zh).format(f"{value:,g}")


PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z0-9_]+)\}")
"""A parameter named in a text: ``{digital_training.firm_cap}``."""


def benefit_summary(benefit: Benefit, on: dt.date, lang: str = "zh") -> str:
    """A benefit's summary with every parameter it names stated as in force on ``on``
    ('' when the program states none)."""
    text = benefit.summary_en if lang == "en" else benefit.summary
    params = parameters.load_parameters()

    def value(match: re.Match[str]) -> str:
        param = params[match.group(1)]
        return parameter_text(param.at(on), param.unit, lang)

    return PLACEHOLDER.sub(value, text)
