"""A firm's carbon estimate: scope 1 and 2 for one year, from what is on its bills.

``estimate(inputs, year)`` multiplies each quantity by its dated, cited factor
(``parameters/carbon.yaml``): electricity (kWh, or the bills' NT$ over the year's average
tariff) by the Energy Administration's grid factor of the year (scope 2); natural gas, LPG,
diesel, gasoline and fuel oil by the MOENV factor table's CO2 factors, and refrigerant
top-ups (kg) by their AR5 GWPs (scope 1). R-22 (HCFC-22) is a Montreal Protocol gas that a
Taiwanese inventory does not total: its CO2e is shown apart (``scope`` None) and not added.

Unknown stays unknown: a quantity not given is no source (never 0), a scope with no source
given is None, and the intensities are None without employees or revenue. Bad input raises
``CarbonInputError`` naming every bad field in Chinese and English (``FieldError``, as the
profile does). The bounds (``BOUNDS``) are far above any small firm and refuse only what
cannot be a year's bill: docs/carbon.md lists them.

Pure: no Django, no I/O; the web page, the API (``/api/v1/carbon/estimate``) and the CLI
(``smewindow carbon``) all call this function; ``carbon_frame`` applies the same factors
(``factor``), lists and bounds to a whole registry in ``smewindow batch``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass
from typing import Any

from smewindow.rules.parameters import Parameter, load_parameters
from smewindow.rules.profile import MAX_COUNT, MAX_MONEY, FieldError


class CarbonInputError(ValueError):
    """The estimate's inputs failed validation; ``errors`` names each bad field."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("碳排估算資料有誤 (invalid carbon inputs): " + "；".join(map(str, errors)))


@dataclass(frozen=True)
class Source:
    """One emission source: its input field, factor parameter, unit and names."""

    key: str
    field: str
    parameter: str
    unit: str
    label: str
    label_en: str


GRID = "carbon.grid_factor"
TARIFF = "carbon.average_tariff"

FUELS: tuple[Source, ...] = (
    Source(
        "natural_gas", "natural_gas_m3", "carbon.natural_gas_factor", "m3", "天然氣", "Natural gas"
    ),
    Source("lpg", "lpg_kg", "carbon.lpg_factor", "kg", "液化石油氣", "LPG"),
    Source("diesel", "diesel_l", "carbon.diesel_factor", "L", "柴油", "Diesel"),
    Source("gasoline", "gasoline_l", "carbon.gasoline_factor", "L", "車用汽油", "Gasoline"),
    Source("fuel_oil", "fuel_oil_l", "carbon.fuel_oil_factor", "L", "燃料油", "Fuel oil"),
)
"""The fuels burnt on site (scope 1), in the order the estimate lists them."""

REFRIGERANTS: dict[str, str] = {
    "R-22": "carbon.gwp_r22",
    "R-32": "carbon.gwp_r32",
    "R-134a": "carbon.gwp_r134a",
    "R-410A": "carbon.gwp_r410a",
    "R-404A": "carbon.gwp_r404a",
}
"""The refrigerants a top-up may name, by their ASHRAE number, and their GWP parameters."""

NOT_COUNTED = frozenset({"R-22"})
"""Montreal Protocol gases: shown with their CO2e, not added to the totals."""

BOUNDS: dict[str, float] = {
    "electricity_kwh": 1_000_000_000,  # 1 TWh: a very large factory uses a tenth of it
    "electricity_ntd": 5_000_000_000,  # the same at about NT$5 per kWh
    "natural_gas_m3": 100_000_000,
    "lpg_kg": 50_000_000,
    "diesel_l": 100_000_000,
    "gasoline_l": 100_000_000,
    "fuel_oil_l": 100_000_000,
    "refrigerant_kg": 100_000,  # one gas's top-ups in a year
    "employees": MAX_COUNT,
    "revenue": MAX_MONEY,
}
"""The largest quantity read for each input (a year's total); above it is a typing error."""

MAX_REFRIGERANTS = 20
"""The most refrigerant rows read."""

MAX_YEAR = 2050
"""The last year estimated (the national net-zero target year)."""

QUANTITY_FIELDS = ("electricity_kwh", "electricity_ntd", *(s.field for s in FUELS))
"""The inputs that are one quantity of a source (refrigerants are a list of them)."""

INPUT_FIELDS = ("year", *QUANTITY_FIELDS, "refrigerants", "employees", "revenue")
"""Every field of the estimate's inputs (the API's body), in order."""

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "year": ("估算年度（西元）", "year (Gregorian)"),
    "electricity_kwh": ("全年用電度數", "electricity used in the year (kWh)"),
    "electricity_ntd": ("全年電費（新臺幣元）", "electricity bills in the year (NT$)"),
    "natural_gas_m3": ("全年天然氣用量（立方公尺）", "natural gas (m³)"),
    "lpg_kg": ("全年液化石油氣用量（公斤）", "LPG (kg)"),
    "diesel_l": ("全年柴油用量（公升）", "diesel (L)"),
    "gasoline_l": ("全年汽油用量（公升）", "gasoline (L)"),
    "fuel_oil_l": ("全年燃料油用量（公升）", "fuel oil (L)"),
    "refrigerants": ("全年冷媒補充量", "refrigerant top-ups"),
    "employees": ("員工數", "employees"),
    "revenue": ("全年營業額（新臺幣元）", "annual revenue (NT$)"),
}
"""Each input's name in Chinese and English, for forms and errors."""

USED_PARAMETERS: frozenset[str] = frozenset(
    {GRID, TARIFF, *(s.parameter for s in FUELS), *REFRIGERANTS.values()}
)
"""The parameters the estimate reads."""


def _params() -> dict[str, Parameter]:
    return load_parameters()


def first_year() -> int:
    """The first year with a grid factor: no estimate before it."""
    return _params()[GRID].dates[0].year


def first_tariff_year() -> int:
    """The first year with an average tariff from its January 1: bills convert from it."""
    start = _params()[TARIFF].dates[0]
    return start.year if (start.month, start.day) == (1, 1) else start.year + 1


def factor(name: str, year: int) -> float:
    """The value of factor parameter ``name`` (``GRID``, a fuel's, a GWP) used for ``year``:
    the one in force on its January 1, so a year whose grid factor is not published yet
    gets the latest one (``grid_year`` says which)."""
    return float(_params()[name].at(dt.date(year, 1, 1)))


def grid_year(year: int) -> int:
    """The year of the grid factor used for ``year``."""
    return [d for d in _params()[GRID].dates if d <= dt.date(year, 1, 1)][-1].year


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_quantity(field: str, value: Any, bound: float, errors: list[FieldError]) -> None:
    if not _number(value):
        errors.append(FieldError(field, "須為數字", "must be a number"))
    elif not math.isfinite(value):
        errors.append(FieldError(field, "須為有限的數字", "must be a finite number"))
    elif value < 0:
        errors.append(FieldError(field, "不得為負數", "must not be negative"))
    elif value > bound:
        errors.append(
            FieldError(
                field,
                f"不得大於 {bound:,.0f}（一年的用量不會這麼多，請檢查單位）",
                f"must be at most {bound:,.0f} (no year's use is that large; check the unit)",
            )
        )


def refrigerant_name(gas: str) -> str | None:
    """The refrigerant's canonical name for how people write it (R410A, r-410a, R 410A,
    HFC-134a), or None when it is not one the estimate knows."""
    wanted = gas.upper().replace("HFC", "R").replace("HCFC", "R").replace(" ", "").replace("-", "")
    for name in REFRIGERANTS:
        if name.upper().replace("-", "") == wanted:
            return name
    return None


def _check_refrigerants(value: Any, errors: list[FieldError]) -> list[tuple[str, float]]:
    if not isinstance(value, list):
        errors.append(
            FieldError("refrigerants", "須為清單（JSON 陣列）", "must be a list (JSON array)")
        )
        return []
    if len(value) > MAX_REFRIGERANTS:
        errors.append(
            FieldError(
                "refrigerants",
                f"最多 {MAX_REFRIGERANTS} 筆",
                f"must have at most {MAX_REFRIGERANTS} rows",
            )
        )
        return []
    rows = []
    known = "、".join(REFRIGERANTS)
    for i, row in enumerate(value):
        where = f"refrigerants[{i}]"
        if not isinstance(row, dict) or set(row) != {"gas", "kg"}:
            errors.append(
                FieldError(
                    where,
                    '須為 {"gas": 冷媒名稱, "kg": 補充公斤數}',
                    'must be {"gas": name, "kg": kilograms topped up}',
                )
            )
            continue
        gas = refrigerant_name(row["gas"]) if isinstance(row["gas"], str) else None
        if gas is None:
            errors.append(
                FieldError(
                    f"{where}.gas",
                    f"不是可估算的冷媒，須為下列之一：{known}",
                    f"is not a refrigerant the estimate knows; one of {', '.join(REFRIGERANTS)}",
                )
            )
        before = len(errors)
        _check_quantity(f"{where}.kg", row["kg"], BOUNDS["refrigerant_kg"], errors)
        if gas is not None and len(errors) == before:
            rows.append((gas, float(row["kg"])))
    return rows


@dataclass(frozen=True)
class Inputs:
    """Checked inputs: None for a quantity not given."""

    year: int
    quantities: dict[str, float | None]
    refrigerants: list[tuple[str, float]]
    employees: int | None
    revenue: float | None


def check_inputs(inputs: Any, year: Any = None) -> Inputs:
    """The inputs checked, or ``CarbonInputError`` naming every bad field. ``year`` given
    overrides the inputs' own ``year``."""
    if not isinstance(inputs, dict):
        raise CarbonInputError(
            [FieldError("(inputs)", "估算資料須為 JSON 物件", "the inputs must be a JSON object")]
        )
    errors: list[FieldError] = []
    for field in inputs:
        if field not in INPUT_FIELDS:
            errors.append(
                FieldError(str(field), "不是碳排估算的欄位", "is not a carbon estimate field")
            )
    year = inputs.get("year") if year is None else year
    first = first_year()
    if year is None:
        errors.append(FieldError("year", "必填：估算哪一年的排放", "required: the year estimated"))
    elif not isinstance(year, int) or isinstance(year, bool):
        errors.append(
            FieldError("year", "須為西元年（整數），例如 2024", "must be a year, e.g. 2024")
        )
    elif year < first:
        errors.append(
            FieldError(
                "year",
                f"最早可估算 {first} 年（電力排碳係數自該年起公告）",
                f"must be {first} or later (the first year with a published grid factor)",
            )
        )
    elif year > MAX_YEAR:
        errors.append(
            FieldError("year", f"不得晚於 {MAX_YEAR} 年", f"must be {MAX_YEAR} or earlier")
        )
    quantities: dict[str, float | None] = {}
    for field in QUANTITY_FIELDS:
        value = inputs.get(field)
        quantities[field] = None
        if value is not None:
            before = len(errors)
            _check_quantity(field, value, BOUNDS[field], errors)
            if len(errors) == before:
                quantities[field] = float(value)
    if quantities["electricity_kwh"] is not None and quantities["electricity_ntd"] is not None:
        errors.append(
            FieldError(
                "electricity_ntd",
                "用電度數與電費擇一填寫（有度數時請只填度數）",
                "give electricity_kwh or electricity_ntd, not both (kWh when known)",
            )
        )
    refrigerants = []
    if inputs.get("refrigerants") is not None:
        refrigerants = _check_refrigerants(inputs["refrigerants"], errors)
    employees = inputs.get("employees")
    if employees is not None:
        if not isinstance(employees, int) or isinstance(employees, bool):
            errors.append(FieldError("employees", "須為整數", "must be a whole number"))
        else:
            _check_quantity("employees", employees, BOUNDS["employees"], errors)
    revenue = inputs.get("revenue")
    if revenue is not None:
        _check_quantity("revenue", revenue, BOUNDS["revenue"], errors)
    since = first_tariff_year()
    if (
        isinstance(year, int)
        and not errors
        and quantities["electricity_ntd"] is not None
        and year < since
    ):
        errors.append(
            FieldError(
                "electricity_ntd",
                f"{year} 年沒有平均電價資料，無法由電費換算度數（{since} 年起可用），請填用電度數",
                f"no average tariff for {year} to convert bills (from {since}); give kWh",
            )
        )
    if errors:
        raise CarbonInputError(errors)
    assert isinstance(year, int)
    return Inputs(
        year=year,
        quantities=quantities,
        refrigerants=refrigerants,
        employees=employees,
        revenue=None if revenue is None else float(revenue),
    )


def average_tariff(year: int) -> float:
    """The year's average tariff (NT$/kWh): each value in force weighted by its days in the
    year. The tariff must have a value on January 1 (``check_inputs`` says so otherwise)."""
    param = _params()[TARIFF]
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    cuts = [start, *(d for d in param.dates if start < d < end), end]
    weighted = sum(param.at(a) * (b - a).days for a, b in itertools.pairwise(cuts))
    return float(weighted / (end - start).days)


def _factor(name: str, label: str, label_en: str, on: dt.date, value: float) -> dict[str, Any]:
    param = _params()[name]
    valid = [d for d in param.dates if d <= on]
    refs = param.reference_on(on)
    return {
        "name": name,
        "label": label,
        "label_en": label_en,
        "value": value,
        "unit": param.unit,
        "year": valid[-1].year if valid else None,
        "source": refs[0].cite() if refs else None,
        "unconfirmed": param.unconfirmed_on(on),
    }


def _kg(value: float) -> float:
    return round(value, 3)


def estimate(inputs: Any, year: int | None = None) -> dict[str, Any]:
    """The firm's scope 1 and 2 emissions (kg CO2e) for ``year`` (or the inputs' ``year``):
    ``scope1_kg``, ``scope2_kg``, ``total_kg`` (None when no source of it was given),
    ``by_source`` [{source, label, label_en, scope, quantity, unit, factor, kg}],
    ``factors`` [{name, label, label_en, value, unit, year, source, unconfirmed}],
    ``notes`` [{code, zh, en}], ``missing`` (the quantity fields not given) and
    ``intensity`` {per_employee_kg, per_million_ntd_kg} (None when unknown)."""
    checked = check_inputs(inputs, year)
    year = checked.year
    on = dt.date(year, 1, 1)
    by_source: list[dict[str, Any]] = []
    factors: list[dict[str, Any]] = []
    notes: list[dict[str, str]] = []
    scope1: float | None = None
    scope2: float | None = None

    kwh = checked.quantities["electricity_kwh"]
    ntd = checked.quantities["electricity_ntd"]
    if ntd is not None:
        tariff = average_tariff(year)
        kwh = ntd / tariff
        factors.append(_factor(TARIFF, "平均電價", "Average tariff", on, round(tariff, 4)))
        notes.append(
            {
                "code": "electricity_from_bills",
                "zh": f"用電度數由電費 {ntd:,.0f} 元除以 {year} 年平均電價每度 {tariff:.4f} 元換算，"
                "實際單價依用電種類不同；有電費單上的度數時請改填度數。",
                "en": f"kWh converted from NT${ntd:,.0f} of bills at {year}'s average tariff of"
                f" NT${tariff:.4f} per kWh; prices differ by tariff class, so give the bills'"
                " kWh when known.",
            }
        )
    if kwh is not None:
        grid = factor(GRID, year)
        used_year = grid_year(year)
        if used_year != year:
            notes.append(
                {
                    "code": "grid_factor_fallback",
                    "zh": f"{year} 年電力排碳係數尚未公告，暫用 {used_year} 年的係數每度 {grid} 公斤CO2e。",
                    "en": f"The grid factor for {year} is not published yet; {used_year}'s,"
                    f" {grid} kg CO2e per kWh, is used.",
                }
            )
        kg = kwh * grid
        scope2 = kg
        by_source.append(
            {
                "source": "electricity",
                "label": "外購電力",
                "label_en": "Purchased electricity",
                "scope": 2,
                "quantity": round(kwh, 3),
                "unit": "kWh",
                "factor": grid,
                "kg": _kg(kg),
            }
        )
        factors.append(_factor(GRID, "電力排碳係數", "Grid emission factor", on, grid))

    for fuel in FUELS:
        quantity = checked.quantities[fuel.field]
        if quantity is None:
            continue
        value = factor(fuel.parameter, year)
        kg = quantity * value
        scope1 = (scope1 or 0.0) + kg
        by_source.append(
            {
                "source": fuel.key,
                "label": fuel.label,
                "label_en": fuel.label_en,
                "scope": 1,
                "quantity": quantity,
                "unit": fuel.unit,
                "factor": value,
                "kg": _kg(kg),
            }
        )
        factors.append(
            _factor(fuel.parameter, f"{fuel.label}排放係數", f"{fuel.label_en} factor", on, value)
        )
    if any(checked.quantities[f.field] is not None for f in FUELS):
        notes.append(
            {
                "code": "co2_only",
                "zh": "燃料只計二氧化碳；甲烷與氧化亞氮在這些燃料約占不到1%，未計入。",
                "en": "Fuels count CO2 only; their methane and nitrous oxide, well under 1%,"
                " are left out.",
            }
        )

    seen: set[str] = set()
    for gas, kg_gas in checked.refrigerants:
        gwp = factor(REFRIGERANTS[gas], year)
        kg = kg_gas * gwp
        counted = gas not in NOT_COUNTED
        if counted:
            scope1 = (scope1 or 0.0) + kg
        by_source.append(
            {
                "source": f"refrigerant:{gas}",
                "label": f"冷媒 {gas} 補充",
                "label_en": f"Refrigerant {gas} top-up",
                "scope": 1 if counted else None,
                "quantity": kg_gas,
                "unit": "kg",
                "factor": gwp,
                "kg": _kg(kg),
            }
        )
        if gas not in seen:
            seen.add(gas)
            factors.append(_factor(REFRIGERANTS[gas], f"{gas} 全球暖化潛勢", f"{gas} GWP", on, gwp))
        if not counted and "montreal_gas" not in {n["code"] for n in notes}:
            notes.append(
                {
                    "code": "montreal_gas",
                    "zh": "R-22 屬蒙特婁議定書管制物質，不列入溫室氣體盤查總量，僅另列其二氧化碳當量供參考。",
                    "en": "R-22 is a Montreal Protocol gas, left out of a greenhouse gas"
                    " inventory's totals; its CO2e is shown apart for reference.",
                }
            )

    total = None if scope1 is None and scope2 is None else (scope1 or 0.0) + (scope2 or 0.0)
    per_employee = (
        _kg(total / checked.employees) if total is not None and checked.employees else None
    )
    per_million = (
        _kg(total / (checked.revenue / 1_000_000))
        if total is not None and checked.revenue
        else None
    )
    missing = [
        f
        for f in ("electricity_kwh", *(s.field for s in FUELS))
        if checked.quantities[f] is None
        and not (f == "electricity_kwh" and checked.quantities["electricity_ntd"] is not None)
    ]
    if not checked.refrigerants:
        missing.append("refrigerants")
    return {
        "year": year,
        "scope1_kg": None if scope1 is None else _kg(scope1),
        "scope2_kg": None if scope2 is None else _kg(scope2),
        "total_kg": None if total is None else _kg(total),
        "by_source": by_source,
        "factors": factors,
        "notes": notes,
        "missing": missing,
        "intensity": {"per_employee_kg": per_employee, "per_million_ntd_kg": per_million},
    }


def inputs_from_profile(data: dict[str, Any]) -> dict[str, Any]:
    """The estimate's inputs from a profile file (the CLI's PROFILE.json): its ``carbon``
    object if it has one, else its top-level estimate fields; ``employees`` and
    ``revenue`` fall back to the profile's ``employees`` and ``annual_revenue``."""
    nested = data.get("carbon")
    source = nested if isinstance(nested, dict) else data
    inputs = {k: v for k, v in source.items() if k in INPUT_FIELDS}
    if isinstance(nested, dict):
        inputs.update({k: v for k, v in nested.items() if k not in INPUT_FIELDS})
    if inputs.get("employees") is None and data.get("employees") is not None:
        inputs["employees"] = data["employees"]
    if inputs.get("revenue") is None and data.get("annual_revenue") is not None:
        inputs["revenue"] = data["annual_revenue"]
    return inputs
