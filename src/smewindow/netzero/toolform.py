"""The net-zero tool's form (/netzero/): what is on a firm's bills and the equipment it has,
read from the query string — so the link itself carries the inputs, as the finder's does,
and nothing is stored until the firm chooses to send its estimate.

The form has a path for each sector (``SECTORS``): a shop or restaurant is asked for its
electricity, gas, LPG and the refrigerant topped up at each service, and for its
air-conditioners, refrigerators, lighting …; a factory for its electricity and fuels and for
its air compressors and motors, fans and pumps. Each equipment line is a row of fields
named ``<row>_<field>`` (``c0_kw``, ``s1_kind``); a row with nothing typed in is no item.

``read_tool`` turns the query into the carbon estimate's inputs (``rules.carbon``) and the
savings calculator's request (``rules.energy``), or raises ``ToolFormError`` naming every
field that cannot be used, by its form name, in Chinese and English. Numbers are read as
people type them (``finder.numbers``: 1,200度 · 3萬 · １５瓩). A field left blank is unknown.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django.http import QueryDict

from smewindow.finder.numbers import UNIT_WORDS, NumberError, read_number
from smewindow.rules.carbon import (
    MAX_YEAR,
    REFRIGERANTS,
    CarbonInputError,
    check_inputs,
    first_year,
)
from smewindow.rules.carbon_comparison import MAX_FLOOR_AREA_M2
from smewindow.rules.energy import SavingsInputError, parse_request
from smewindow.rules.logic import Resolve
from smewindow.rules.parameters import resolver
from smewindow.rules.predicates import meets_sme_size
from smewindow.rules.profile import FieldError
from smewindow.rules.taiwan import COUNTIES, DIVISIONS

Sector = Literal["service", "manufacturing"]
SECTORS: tuple[Sector, ...] = ("service", "manufacturing")

FUELS_OF: dict[Sector, tuple[str, ...]] = {
    "service": ("natural_gas_m3", "lpg_kg", "gasoline_l", "diesel_l"),
    "manufacturing": ("natural_gas_m3", "lpg_kg", "diesel_l", "fuel_oil_l", "gasoline_l"),
}
"""The fuels each path asks for, in its order (every fuel of ``rules.carbon.FUELS``)."""

REFRIGERANT_ROWS = 2
"""Refrigerant top-up rows (``r0_gas``, ``r0_kg`` …)."""

SERVICE_KINDS = (
    "air_conditioner", "refrigerator", "freezer", "lighting", "heat_pump_water_heater",
    "gas_stove",
)  # fmt: skip
"""The service path's equipment: 服務業高效率設備 (seed 策略2)."""
POWER_KINDS = ("motor", "fan", "pump")
"""The factory path's other power equipment (動力與公用設備) beside air compressors."""


@dataclass(frozen=True)
class RowGroup:
    """A set of equipment rows: ``prefix`` + index, the kinds it offers and its fields."""

    prefix: str
    rows: int
    kinds: tuple[str, ...]
    fields: tuple[str, ...]


COMPRESSORS = RowGroup(
    "c", 2, ("air_compressor",), ("type", "class", "kw", "units", "hours", "old_kw", "cost")
)
POWER = RowGroup("m", 2, POWER_KINDS, ("kind", "kw", "units", "hours", "old_kw", "cost"))
SERVICE = RowGroup("s", 3, SERVICE_KINDS, ("kind", "kw", "units", "hours", "old_kw", "cost"))
GROUPS_OF: dict[Sector, tuple[RowGroup, ...]] = {
    "service": (SERVICE,),
    "manufacturing": (COMPRESSORS, POWER),
}

ITEM_FIELD = {
    "type": "compressor_type",
    "class": "efficiency_class",
    "kind": "kind",
    "kw": "kw",
    "units": "units",
    "hours": "hours_per_year",
    "old_kw": "old_kw",
    "cost": "cost_ntd",
}
"""A row's form field → the savings calculator's item field."""
CHOICE_FIELDS = frozenset({"type", "class", "kind"})
WHOLE_FIELDS = frozenset({"units", "cost"})
ROW_UNITS = {"kw": "瓩", "old_kw": "瓩", "units": "台數", "cost": "新臺幣元", "hours": ""}

NUMBER_UNITS: dict[str, str] = {
    "electricity": "",
    "natural_gas_m3": "立方公尺",
    "lpg_kg": "公斤",
    "diesel_l": "公升",
    "gasoline_l": "公升",
    "fuel_oil_l": "公升",
    "employees": "員工數",
    "revenue": "新臺幣元",
    "tariff": "新臺幣元",
}
"""The single-number fields and the unit words each takes (``finder.numbers.UNIT_WORDS``)."""
WHOLE = frozenset({"employees"})
ELECTRICITY_UNITS = {"kwh": "度", "ntd": "新臺幣元"}
"""How the electricity is given: kWh from the bills, or the bills' NT$."""

INDUSTRY_SECTIONS: dict[Sector, str] = {"service": "GHIJKLMNPQRS", "manufacturing": "C"}
"""The sections (大類) whose divisions each path offers as the firm's industry."""

PING_M2 = 400 / 121
"""One 坪 in m²: 6 × 6 臺尺 of 10/33 m each (Taiwan's customary floor-area unit)."""
AREA_SUFFIXES = ("平方公尺", "平方米", "m2")
"""How a floor area in m² may end (NFKC reads ㎡ as m2)."""


def _units(key: str) -> frozenset[str]:
    return frozenset(u.lower() for u in UNIT_WORDS.get(key, ()))


class ToolFormError(ValueError):
    """The form has fields that cannot be used; ``errors`` maps each form name to why."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("；".join(f"{k}: {v}" for k, v in errors.items()))


@dataclass(frozen=True)
class Row:
    """An equipment row typed in: its form prefix (``c0``) and its calculator item."""

    name: str
    item: dict[str, Any]


@dataclass(frozen=True)
class Tool:
    """The form read: the sector, the county, the estimate's inputs and the savings request
    (None without equipment), and the rows behind the request's items."""

    sector: Sector
    county: str
    carbon: dict[str, Any]
    savings: dict[str, Any] | None
    rows: tuple[Row, ...] = ()
    refrigerant_rows: tuple[str, ...] = ()
    industry: str | None = None
    """A 2-digit division (行業中類) code."""
    floor_area_m2: float | None = None


def _text(query: QueryDict, name: str) -> str:
    values = query.getlist(name)
    if len(values) > 1:
        raise _Bad(name, "請只填一個值", "give one value only")
    return values[0].strip() if values else ""


class _Bad(ValueError):
    def __init__(self, name: str, zh: str, en: str) -> None:
        super().__init__(name)
        self.name, self.zh, self.en = name, zh, en


def _message(zh: str, en: str, lang: str) -> str:
    return en if lang == "en" else zh


def _number(query: QueryDict, name: str, unit: str, whole: bool) -> int | float | None:
    text = _text(query, name)
    if not text:
        return None
    try:
        return read_number(text, units=_units(unit), whole=whole)
    except NumberError as error:
        raise _Bad(name, error.message_zh, error.message_en) from None


def _area(query: QueryDict, name: str) -> float | None:
    """A floor area in m², typed in m² or in 坪 (30坪 · 100平方公尺 · 100㎡)."""
    text = unicodedata.normalize("NFKC", _text(query, name))
    if not text:
        return None
    ping = text.endswith("坪")
    for suffix in ("坪", *AREA_SUFFIXES):
        text = text.removesuffix(suffix)
    try:
        value = float(read_number(text))
    except NumberError as error:
        raise _Bad(name, error.message_zh, error.message_en) from None
    return value * PING_M2 if ping else value


def industries(sector: Sector) -> list[str]:
    """The division codes a path offers, in code order."""
    return sorted(c for c, section in DIVISIONS.items() if section in INDUSTRY_SECTIONS[sector])


def sector_of(query: QueryDict) -> Sector | None:
    """The path chosen, or None before one is."""
    value = query.get("sector", "")
    return value if value in SECTORS else None


def default_year(today: dt.date) -> int:
    """The year the form proposes: last year, the latest whole year of bills."""
    return min(max(today.year - 1, first_year()), MAX_YEAR)


def year_choices(today: dt.date) -> list[int]:
    """The years the form offers, newest first: from the first grid factor to this year."""
    return list(range(min(today.year, MAX_YEAR), first_year() - 1, -1))


def read_tool(query: QueryDict, today: dt.date, lang: str = "zh") -> Tool:
    """The form's inputs; ``ToolFormError`` naming every field that cannot be used."""
    errors: dict[str, str] = {}

    def attempt(name: str, read: Any) -> Any:
        try:
            return read()
        except _Bad as bad:
            errors.setdefault(bad.name, _message(bad.zh, bad.en, lang))
            return None

    sector = sector_of(query)
    if sector is None:
        raise ToolFormError({"sector": _message("請先選擇行業別", "choose a sector first", lang)})
    carbon: dict[str, Any] = {}
    year_text = attempt("year", lambda: _text(query, "year"))
    if year_text:
        if re.fullmatch(r"\d{4}", year_text):
            carbon["year"] = int(year_text)
        else:
            errors["year"] = _message("請選擇年度", "choose a year", lang)
    else:
        carbon["year"] = default_year(today)
    unit = attempt("electricity_unit", lambda: _text(query, "electricity_unit")) or "kwh"
    if unit not in ELECTRICITY_UNITS:
        errors["electricity_unit"] = _message("請選擇度數或電費", "choose kWh or NT$", lang)
        unit = "kwh"
    electricity = attempt(
        "electricity",
        lambda: _number(query, "electricity", ELECTRICITY_UNITS[unit], False),
    )
    if electricity is not None:
        carbon["electricity_kwh" if unit == "kwh" else "electricity_ntd"] = electricity
    for fuel in FUELS_OF[sector]:
        value = attempt(fuel, lambda f=fuel: _number(query, f, NUMBER_UNITS[f], False))
        if value is not None:
            carbon[fuel] = value
    refrigerants, refrigerant_rows = [], []
    for i in range(REFRIGERANT_ROWS):
        gas = attempt(f"r{i}_gas", lambda i=i: _text(query, f"r{i}_gas"))
        kg = attempt(f"r{i}_kg", lambda i=i: _number(query, f"r{i}_kg", "公斤", False))
        if kg is None:
            continue
        if gas not in REFRIGERANTS:
            errors[f"r{i}_gas"] = _message("請選擇冷媒種類", "choose the refrigerant", lang)
            continue
        refrigerants.append({"gas": gas, "kg": kg})
        refrigerant_rows.append(f"r{i}")
    if refrigerants:
        carbon["refrigerants"] = refrigerants
    for name in ("employees", "revenue"):
        value = attempt(name, lambda n=name: _number(query, n, NUMBER_UNITS[n], n in WHOLE))
        if value is not None:
            carbon[name] = value
    county = attempt("county", lambda: _text(query, "county").replace("台", "臺")) or ""
    if county and county not in COUNTIES:
        errors["county"] = _message("請從清單選擇縣市", "choose a county from the list", lang)
        county = ""
    tariff = attempt("tariff", lambda: _number(query, "tariff", "新臺幣元", False))
    industry = attempt("industry", lambda: _text(query, "industry")) or None
    if industry is not None and industry not in industries(sector):
        errors["industry"] = _message("請從清單選擇行業", "choose an industry from the list", lang)
    floor_area = attempt("floor_area", lambda: _area(query, "floor_area"))
    if floor_area is not None and not 0 < floor_area <= MAX_FLOOR_AREA_M2:
        errors["floor_area"] = _message(
            f"面積須大於0且不大於 {MAX_FLOOR_AREA_M2:,} 平方公尺",
            f"the area must be above 0 and at most {MAX_FLOOR_AREA_M2:,} m²",
            lang,
        )
    rows = tuple(
        row
        for group in GROUPS_OF[sector]
        for i in range(group.rows)
        if (row := attempt(f"{group.prefix}{i}", lambda g=group, i=i: _row(query, g, i)))
    )
    if errors:
        raise ToolFormError(errors)
    savings: dict[str, Any] | None = None
    if rows:
        savings = {"items": [row.item for row in rows]}
        sme = _sme(carbon.get("employees"), resolver(today))
        if sme is not None:
            savings["sme"] = sme
        if carbon.get("revenue") is not None:
            savings["revenue"] = int(carbon["revenue"])
        if tariff is not None:
            savings["tariff_ntd_per_kwh"] = tariff
    tool = Tool(
        sector, county, carbon, savings, rows, tuple(refrigerant_rows), industry, floor_area
    )
    _check(tool, today, lang)
    return tool


def _row(query: QueryDict, group: RowGroup, index: int) -> Row | None:
    """The row's item, or None when nothing of it is typed in (a choice alone is nothing)."""
    name = f"{group.prefix}{index}"
    typed = {f: _text(query, f"{name}_{f}") for f in group.fields}
    if not any(typed[f] for f in group.fields if f not in CHOICE_FIELDS):
        return None
    item: dict[str, Any] = {"kind": group.kinds[0]}
    for key, text in typed.items():
        if not text:
            continue
        if key in CHOICE_FIELDS:
            item[ITEM_FIELD[key]] = text
            continue
        try:
            item[ITEM_FIELD[key]] = read_number(
                text, units=_units(ROW_UNITS[key]), whole=key in WHOLE_FIELDS
            )
        except NumberError as error:
            raise _Bad(f"{name}_{key}", error.message_zh, error.message_en) from None
    return Row(name, item)


def _sme(employees: int | None, resolve: Resolve) -> bool | None:
    """Whether the firm meets the SME standard's head count (unknown without it)."""
    result: bool | None = meets_sme_size().compile_py(resolve)(
        {"employees": employees, "paid_in_capital": None}
    )
    return result


CARBON_FIELD = {"electricity_kwh": "electricity", "electricity_ntd": "electricity"}
"""An estimate's input field → its form name, where they differ."""


def _check(tool: Tool, today: dt.date, lang: str) -> None:
    """The rules' own checks, each error put on the form field it came from."""
    errors: dict[str, str] = {}
    try:
        check_inputs(tool.carbon)
    except CarbonInputError as error:
        for found in error.errors:
            errors.setdefault(_carbon_name(found.field, tool), _field_message(found, lang))
    if tool.savings is not None:
        try:
            parse_request(tool.savings)
        except SavingsInputError as error:
            for found in error.errors:
                errors.setdefault(_savings_name(found.field, tool), _field_message(found, lang))
    if errors:
        raise ToolFormError(errors)


def _field_message(found: FieldError, lang: str) -> str:
    return _message(found.message_zh, found.message_en, lang)


def _carbon_name(name: str, tool: Tool) -> str:
    match = re.fullmatch(r"refrigerants\[(\d+)\]\.(gas|kg)", name)
    if match:
        return f"{tool.refrigerant_rows[int(match[1])]}_{match[2]}"
    return CARBON_FIELD.get(name, name)


def _savings_name(name: str, tool: Tool) -> str:
    match = re.fullmatch(r"items\[(\d+)\]\.(\w+)", name)
    if match:
        form = {v: k for k, v in ITEM_FIELD.items()}.get(match[2], match[2])
        return f"{tool.rows[int(match[1])].name}_{form}"
    return {"tariff_ntd_per_kwh": "tariff"}.get(name, name)


def carried(query: Mapping[str, Any]) -> dict[str, str]:
    """The form's own names and values in ``query`` (for links to the PDF, CSV and send)."""
    names = set(_form_names())
    return {k: v for k, v in query.items() if k in names and v}


def _form_names() -> list[str]:
    names = [
        "sector", "sent", "year", "electricity", "electricity_unit", *NUMBER_UNITS, "county",
        "industry", "floor_area",
        *(f"r{i}_{f}" for i in range(REFRIGERANT_ROWS) for f in ("gas", "kg")),
    ]  # fmt: skip
    for groups in GROUPS_OF.values():
        for group in groups:
            names += [f"{group.prefix}{i}_{f}" for i in range(group.rows) for f in group.fields]
    return names


COMPRESSOR_PROFILE = {
    "compressor_type": "air_compressor_type",
    "efficiency_class": "air_compressor_class",
    "kw": "air_compressor_kw",
    "units": "air_compressor_units",
}
"""The first air-compressor row's item fields → the profile's (which describe one kind)."""


def profile_answers(tool: Tool) -> dict[str, Any]:
    """What the form says that the finder asks too, as profile answers: head count,
    revenue, industry, county, the first air-compressor row and the service equipment's
    total cost (only when every service row has its cost), and the need 減碳與節能."""
    answers: dict[str, Any] = {"needs": ["netzero"]}
    if tool.carbon.get("employees") is not None:
        answers["employees"] = tool.carbon["employees"]
    if tool.carbon.get("revenue") is not None:
        answers["annual_revenue"] = int(tool.carbon["revenue"])
    if tool.industry:
        answers["industry"] = tool.industry
    if tool.county:
        answers["county"] = tool.county
    compressors = [r.item for r in tool.rows if r.item["kind"] == "air_compressor"]
    if compressors:
        answers |= {
            field: compressors[0][key]
            for key, field in COMPRESSOR_PROFILE.items()
            if compressors[0].get(key) is not None
        }
    costs = [r.item.get("cost_ntd") for r in tool.rows if r.name.startswith(SERVICE.prefix)]
    if costs and all(c is not None for c in costs):
        answers["energy_equipment_cost"] = sum(c for c in costs if c is not None)
    return answers
