"""What the net-zero tool shows for a form read (``toolform.Tool``): the carbon estimate
(``rules.carbon.estimate``) with its chart, factors and sources, what each energy saving is
worth (``rules.energy.savings``), and the ESCOs that do the work the firm's equipment needs.

One function, ``tool_results``, builds it for the page, the PDF and the CSV alike, so the
three never disagree; every figure comes from the rules' functions, none is computed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext

from smewindow.catalog.charts import bar_chart
from smewindow.netzero.models import Esco, Service
from smewindow.netzero.search import EscoFilters, filter_escos
from smewindow.netzero.toolform import Tool
from smewindow.rules.carbon import FIELD_LABELS, estimate
from smewindow.rules.carbon_comparison import comparisons, fitting
from smewindow.rules.energy import savings
from smewindow.rules.texts import parameter_text

KIND_LABELS: dict[str, tuple[str, str]] = {
    "air_compressor": ("空氣壓縮機", "Air compressor"),
    "motor": ("馬達", "Motor"),
    "fan": ("風機", "Fan"),
    "pump": ("泵浦", "Pump"),
    "air_conditioner": ("一級能效空調", "Grade-1 air-conditioner"),
    "refrigerator": ("一級能效電冰箱", "Grade-1 refrigerator"),
    "freezer": ("節能標章冷凍櫃", "Energy-label freezer"),
    "lighting": ("節能標章照明燈具", "Energy-label lighting"),
    "heat_pump_water_heater": ("熱泵熱水器", "Heat-pump water heater"),
    "gas_stove": ("一級能效瓦斯爐", "Grade-1 gas stove"),
}
"""Each kind of equipment as the seed's 策略2 names it (服務業高效率設備, 動力與公用設備)."""

SERVICE_OF: dict[str, str] = {
    "air_compressor": Service.AIR_COMPRESSOR,
    "motor": Service.FAN_PUMP_MOTOR,
    "fan": Service.FAN_PUMP_MOTOR,
    "pump": Service.FAN_PUMP_MOTOR,
    "air_conditioner": Service.AIR_CONDITIONING,
    "refrigerator": Service.REFRIGERATION,
    "freezer": Service.REFRIGERATION,
    "lighting": Service.LIGHTING,
    "heat_pump_water_heater": Service.HEAT,
    "gas_stove": Service.HEAT,
}
"""The ESCO service that does each kind of equipment (``netzero.models.Service``)."""

ESCOS_SHOWN = 6
"""The most ESCOs suggested on the page (the directory lists them all)."""

NOTE_TEXTS = {
    "not_in_rate_table": (
        "補助單價表沒有這種型式、效率等級與功率的組合，依表補助 0 元",
        "the rate table lists no such type, class and power: no subsidy by the table",
    ),
    "rate_unconfirmed": (
        "這類設備的每瓩補助單價尚未查證，補助金額不確定",
        "the rate per kW for this equipment is not confirmed: the subsidy is unknown",
    ),
    "item_caps_unconfirmed": (
        "依購置費用的補助比率計算，各品項的單項上限尚未查證",
        "the share of the cost; the per-item caps are not confirmed",
    ),
}


@dataclass(frozen=True)
class Results:
    """Everything the page, the PDF and the CSV show."""

    estimate: dict[str, Any]
    savings: dict[str, Any] | None
    chart: SafeString | None
    escos: list[Esco]
    services: list[str]
    """The ESCO services the firm's equipment needs (diagnosis when it named none)."""
    comparisons: list[dict[str, Any]]
    """The firm beside each cited public figure for its industry (``rules.carbon_comparison``)."""
    comparable: bool
    """Whether any public figure fits the firm's industry (then the floor area is asked)."""


def _label(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def kind_label(kind: str, lang: str) -> str:
    """A kind of equipment's name in ``lang``."""
    return _label(KIND_LABELS[kind], lang)


def note_text(code: str | None, lang: str) -> str:
    """Why an item's subsidy is what it is, or '' when nothing needs saying."""
    return _label(NOTE_TEXTS[code], lang) if code else ""


def input_label(field: str, lang: str) -> str:
    """An estimate input's name (``rules.carbon.FIELD_LABELS``)."""
    return _label(FIELD_LABELS[field], lang)


def parameter_value(value: Any, unit: str, lang: str) -> str:
    """A parameter's value as a sentence states it; a rate table is named, not spelt out."""
    if isinstance(value, Mapping):
        return gettext("依型式、效率等級與功率級距的每瓩單價表（見出處）")
    return parameter_text(value, unit, lang)


def tool_results(tool: Tool, today: dt.date, lang: str) -> Results:
    """The estimate, the savings (priced by the parameters in force ``today``), the chart
    and the ESCOs suggested for the firm's county and equipment."""
    found = estimate(tool.carbon)
    saved = savings(tool.savings, today) if tool.savings is not None else None
    chart = None
    counted = [s for s in found["by_source"] if s["scope"] is not None]
    if counted:
        chart = bar_chart(
            "carbon-chart",
            gettext("各排放源的排放量（公斤CO2e）"),
            [],
            [(s["label_en"] if lang == "en" else s["label"], [round(s["kg"])]) for s in counted],
        )
    kinds = [row.item["kind"] for row in tool.rows]
    services = list(dict.fromkeys(SERVICE_OF[k] for k in kinds)) or [Service.DIAGNOSIS]
    compared = comparisons(
        found, industry=tool.industry, floor_area_m2=tool.floor_area_m2, on=today
    )
    return Results(
        found,
        saved,
        chart,
        suggested_escos(tool.county, services),
        services,
        compared,
        bool(fitting(tool.industry)),
    )


def suggested_escos(county: str, services: list[str]) -> list[Esco]:
    """Up to ``ESCOS_SHOWN`` ESCOs on the registry list serving ``county`` (all when blank)
    that do the first service, then the others, by name."""
    chosen: list[Esco] = []
    for service in services:
        filters = EscoFilters(county=county or None, service=service, approved=True)
        for esco in filter_escos(filters).order_by("name", "pk"):
            if esco not in chosen and len(chosen) < ESCOS_SHOWN:
                chosen.append(esco)
    return chosen


def csv_rows(results: Results, lang: str) -> list[list[Any]]:
    """The results as CSV rows: the estimate by source, the factors with their sources,
    the notes, and each equipment line's worth."""
    english = lang == "en"
    found = results.estimate
    rows: list[list[Any]] = [
        ["section", "item", "quantity", "unit", "factor", "kg_co2e", "source"],
        ["total", "scope1", "", "", "", found["scope1_kg"], ""],
        ["total", "scope2", "", "", "", found["scope2_kg"], ""],
        ["total", "total", "", "", "", found["total_kg"], ""],
    ]
    for s in found["by_source"]:
        label = s["label_en"] if english else s["label"]
        rows.append(["source", label, s["quantity"], s["unit"], s["factor"], s["kg"], ""])
    for f in found["factors"]:
        label = f["label_en"] if english else f["label"]
        rows.append(["factor", label, "", f["unit"], f["value"], "", f["source"]])
    for n in found["notes"]:
        rows.append(["note", n["en"] if english else n["zh"], "", "", "", "", ""])
    if results.savings is not None:
        rows.append(
            ["equipment", "item", "subsidy_ntd", "kwh_saved", "ntd_saved", "kg_co2e_saved",
             "payback_years"]
        )  # fmt: skip
        for item in results.savings["items"]:
            rows.append(
                ["equipment", kind_label(item["kind"], lang), item["subsidy"], item["kwh"],
                 item["ntd"], item["co2e_kg"], item["payback_years"]]
            )  # fmt: skip
        for a in results.savings["assumptions"]:
            rows.append(["assumption", a["name"], "", a["unit"], a["value"], "",
                         "; ".join(a["sources"])])  # fmt: skip
    return rows
