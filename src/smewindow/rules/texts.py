"""Texts that state the plan's parameters: a label, a question or a summary names each
amount, rate, count or date as ``{parameter.name}``, and :func:`fill` states it as in force
on the screening date, so no text copies a number that a dated value could change.

Plain Python (no Django): the engine fills criterion labels once per parameter epoch, the
interview its questions, the pages the rest; ``smewindow.formatting`` re-exports these.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from smewindow.rules import parameters

PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z0-9_]+)\}")
"""A parameter named in a text: ``{digital_training.firm_cap}``."""


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
    "months": ("{}個月", "{} months"),
    "days": ("{}日", "{} days"),
    "age": ("{}歲", "{}"),
    "kW": ("{}瓩", "{} kW"),
    "TWD/kW": ("每瓩{}元", "NT${} per kW"),
    "TWD/kWh": ("每度{}元", "NT${} per kWh"),
    "kgCO2e/kWh": ("每度{}公斤CO2e", "{} kg CO2e per kWh"),
    "count": ("{}", "{}"),
    "kgCO2e/m3": ("每立方公尺{}公斤CO2e", "{} kg CO2e/m³"),
    "kgCO2e/kg": ("每公斤{}公斤CO2e", "{} kg CO2e/kg"),
    "kgCO2e/L": ("每公升{}公斤CO2e", "{} kg CO2e/L"),
    "GWP": ("GWP {}", "GWP {}"),
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


UNCONFIRMED_MARK = {"zh": "（待確認）", "en": " (unconfirmed)"}
"""Said after a value whose source is marked unconfirmed (a guess, not a notice's word)."""

_FILLED: dict[tuple[str, int, str], str] = {}


def state_parameter(name: str, on: dt.date, lang: str = "zh") -> str:
    """The parameter ``name`` as in force on ``on``, as a sentence states it, marked
    「（待確認）」 where its source is unconfirmed."""
    param = parameters.load_parameters()[name]
    stated = parameter_text(param.at(on), param.unit, lang)
    if param.unconfirmed_on(on):
        stated += UNCONFIRMED_MARK["en" if lang == "en" else "zh"]
    return stated


def fill(text: str, on: dt.date, lang: str = "zh") -> str:
    """``text`` with every ``{parameter.name}`` stated as in force on ``on``, in Chinese or
    English, marked 「（待確認）」 where its source is unconfirmed (kept per parameter epoch:
    a text is filled once for every span of dates in which no parameter changes). An
    unknown name raises KeyError."""
    if "{" not in text:
        return text
    key = (text, parameters.epoch(on), lang)
    found = _FILLED.get(key)
    if found is None:
        found = _FILLED[key] = PLACEHOLDER.sub(
            lambda match: state_parameter(match.group(1), on, lang), text
        )
    return found
