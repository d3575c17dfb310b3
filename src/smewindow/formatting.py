"""How results read to people: ROC dates, NT$ amounts and Chinese labels."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from smewindow.rules.engine import today_taipei
from smewindow.rules.model import GROUPS, Benefit
from smewindow.rules.parameters import load_parameters
from smewindow.rules.texts import PLACEHOLDER as PLACEHOLDER
from smewindow.rules.texts import display_date as display_date
from smewindow.rules.texts import fill
from smewindow.rules.texts import parameter_text as parameter_text
from smewindow.rules.texts import roc_date as roc_date
from smewindow.rules.texts import twd as twd
from smewindow.rules.texts import twd_words as twd_words

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
    "unannounced": "尚未公告",
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
            "unannounced": "not yet announced",
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


def rule_text(item: Any, attribute: str, lang: str = "zh", on: dt.date | None = None) -> str:
    """A rule's text (name, label, next steps, contact …) in Chinese or English, with the
    parameters it names as in force on ``on`` (default: today in Taipei)."""
    text = str(getattr(item, f"{attribute}_en" if lang == "en" else attribute))
    return fill(text, on or today_taipei(), lang)


def label(table: str, key: str, lang: str = "zh") -> str:
    """The label of ``key`` in one of the tables, in Chinese or English."""
    return LABELS["en" if lang == "en" else "zh"][table][key]


def parameter_label(name: str, lang: str = "zh") -> str:
    """A parameter as a page names it: its description, or in English its
    ``description_en`` (its name when a parameter file gives none)."""
    param = load_parameters()[name]
    if lang == "en":
        return param.description_en or name
    return str(param.description)


def window_label(window: str, on: dt.date, lang: str = "zh") -> str:
    """A window's status as people read it on ``on``. A round not yet announced names the
    year of the date shown (「115年度尚未公告」): the seed's rounds to come in 2025, and any
    later year whose round no source has announced by the program's last verification."""
    if window == "unannounced":
        if lang == "en":
            return f"{on.year} round not yet announced"
        return f"{on.year - 1911}年度尚未公告"
    return label("window", window, lang)


def taipei_minute(moment: dt.datetime | None, lang: str = "zh") -> str:
    """A moment in Taiwan time, to the minute: the ROC calendar in Chinese
    ("民國114年12月31日 17:00"), ISO in English ("2025-12-31 17:00"); "" for none."""
    if moment is None:
        return ""
    local = moment.astimezone(ZoneInfo("Asia/Taipei"))
    if lang == "en":
        return local.strftime("%Y-%m-%d %H:%M")
    return f"{roc_date(local.date())} {local:%H:%M}"


def benefit_summary(benefit: Benefit, on: dt.date, lang: str = "zh") -> str:
    """A benefit's summary with every parameter it names stated as in force on ``on``
    ('' when the program states none)."""
    return fill(benefit.summary_en if lang == "en" else benefit.summary, on, lang)
