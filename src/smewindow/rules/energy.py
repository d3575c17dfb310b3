"""What each energy saving is worth: the equipment subsidies, and the kWh, NT$ and CO2e saved.

Two programs of 策略2 pay for equipment (factsheet §7):

- 動力與公用設備補助 (``power-equipment-subsidy``): a unit rate in NT$ per kW by the air
  compressor's type, its efficiency class (d value) and its rated-power band
  (``energy.air_compressor_rates``), times the SME uplift
  (``netzero.power_equipment_sme_multiplier``) for an SME, at most
  ``netzero.power_equipment_cap_per_year`` a year (``…_cap_per_year_large`` for revenue of
  ``netzero.power_equipment_large_revenue`` or more). The rates of fans, pumps and motors
  were not found: their subsidy is unknown.
- 商業服務業節能設備補助 (``service-energy-equipment-subsidy``): ``netzero.
  service_energy_equipment_rate`` of the purchase cost, at most ``netzero.
  service_energy_equipment_cap`` per applicant (the per-item caps were not found).

The rules are :class:`~smewindow.rules.logic.Expr` trees written once here: the screening
(``programs/netzero.py``) prices the profile's air compressors with them, compiled to Python
and to Polars, and :func:`savings` prices a list of items with the same trees compiled for one
date, as ``training.py`` does for the training subsidy.

A saving is the old unit's consumption less the new one's, a year: from the old unit's input
power (``old_kw``), from the old and new efficiencies, or else from a typical saving share
(a dated parameter marked as an assumption, which the firm's own figures replace). Money is
the kWh at the firm's tariff (default ``carbon.average_tariff``), carbon the kWh times
``carbon.grid_factor`` of the latest year on the date (the carbon estimate's parameters:
one source for both). Unknown stays unknown (None), never 0.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import polars as pl
import pydantic
from pydantic import BaseModel, ConfigDict, Field

from smewindow.rules.logic import (
    Coalesce,
    Const,
    Expr,
    IfElse,
    Param,
    PyFn,
    Resolve,
    RoundTWD,
    minimum,
)
from smewindow.rules.logic import Field as F
from smewindow.rules.parameters import load_parameters, resolver
from smewindow.rules.profile import CompressorClass as EfficiencyClass
from smewindow.rules.profile import CompressorType, FieldError, _field_error

PowerKind = Literal["air_compressor", "fan", "pump", "motor"]
ServiceKind = Literal[
    "air_conditioner", "refrigerator", "freezer", "lighting", "heat_pump_water_heater",
    "gas_stove",
]  # fmt: skip
Kind = Literal[PowerKind, ServiceKind]
POWER_KINDS: frozenset[str] = frozenset(("air_compressor", "fan", "pump", "motor"))
"""Equipment of the power and utility equipment subsidy; the rest is the service subsidy's."""

RATES = Param("energy.air_compressor_rates")
SME_MULTIPLIER = Param("netzero.power_equipment_sme_multiplier")
POWER_CAP = Param("netzero.power_equipment_cap_per_year")
POWER_CAP_LARGE = Param("netzero.power_equipment_cap_per_year_large")
LARGE_REVENUE = Param("netzero.power_equipment_large_revenue")
SERVICE_RATE = Param("netzero.service_energy_equipment_rate")
SERVICE_CAP = Param("netzero.service_energy_equipment_cap")
TARIFF = Param("carbon.average_tariff")
GRID_FACTOR = Param("carbon.grid_factor")
SAVING_SHARES = {
    "motor": "energy.motor_saving_share",
    "air_conditioner": "energy.air_conditioner_saving_share",
    "variable_speed_compressor": "energy.variable_speed_compressor_saving_share",
}
USED_PARAMETERS: frozenset[str] = frozenset(
    {"carbon.average_tariff", "carbon.grid_factor", *SAVING_SHARES.values()}
)
"""The parameters only this module reads (the code-health test counts them as used)."""


@dataclass(frozen=True, eq=False)
class CompressorRate(Expr):
    """The unit rate (NT$ per kW) of an air compressor of ``kind``, efficiency class
    ``klass`` and rated power ``kw`` in the ``table`` (``energy.air_compressor_rates``).

    Unknown when an input is, or when the table lists no rate for that band (null); 0 when
    the table has no such class for the type, or the power is outside its bands (the
    subsidy's table covers no such product). Bands: from the type's ``min_kw`` up to and
    including the first edge, then above it up to and including the second.
    """

    table: Param
    kind: Expr
    klass: Expr
    kw: Expr

    def children(self) -> tuple[Expr, ...]:
        return (self.table, self.kind, self.klass, self.kw)

    def compile_py(self, resolve: Resolve) -> PyFn:
        table = resolve(self.table.name)
        kind, klass, kw = (e.compile_py(resolve) for e in (self.kind, self.klass, self.kw))

        def rate(p: Mapping[str, Any]) -> Any:
            t, c, k = kind(p), klass(p), kw(p)
            if t is None or c is None or k is None:
                return None
            return compressor_rate(table, t, c, k)

        return rate

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        table = resolve(self.table.name)
        kind, klass, kw = (e.compile_pl(resolve) for e in (self.kind, self.klass, self.kw))
        chain: Any = pl.when(kind.is_null() | klass.is_null() | kw.is_null()).then(
            pl.lit(None, pl.Float64)
        )
        for ctype, row in table.items():
            low, (edge, top) = row["min_kw"], row["bands_kw"]
            for cls, (first, second) in _classes(row):
                match = (kind == ctype) & (klass == cls)
                chain = (
                    chain.when(match & (kw >= low) & (kw <= edge))
                    .then(pl.lit(first, pl.Float64))
                    .when(match & (kw > edge) & (kw <= top))
                    .then(pl.lit(second, pl.Float64))
                )
        result: pl.Expr = chain.otherwise(pl.lit(0.0, pl.Float64))
        return result


def _classes(row: Mapping[str, Any]) -> list[tuple[str, list[float | None]]]:
    return [(k, v) for k, v in row.items() if k not in ("min_kw", "bands_kw")]


def compressor_rate(table: Mapping[str, Any], kind: str, klass: str, kw: float) -> float | None:
    """The unit rate of one compressor by the table (see :class:`CompressorRate`)."""
    row = table.get(kind)
    if row is None or klass not in row or klass in ("min_kw", "bands_kw"):
        return 0.0
    edge, top = row["bands_kw"]
    first, second = row[klass]
    if row["min_kw"] <= kw <= edge:
        return None if first is None else float(first)
    if edge < kw <= top:
        return None if second is None else float(second)
    return 0.0


def compressor_subsidy(kind: Expr, klass: Expr, kw: Expr, units: Expr, sme: Expr) -> Expr:
    """The subsidy of ``units`` compressors of one kind, before the yearly cap: the unit
    rate × kW × units, × the SME multiplier when ``sme`` holds, in whole NT$ (halves up)."""
    uplift = IfElse(sme, SME_MULTIPLIER, Const(1))
    return RoundTWD(CompressorRate(RATES, kind, klass, kw) * kw * units * uplift)


@dataclass(frozen=True, eq=False)
class Unasked(Expr):
    """``part``, whose fields the interview never asks: an unknown value here names no field
    to answer (``compile_unknowns`` sees no children), so a result never points the firm to a
    question that does not exist. The revenue deciding the power cap is one (no question
    asks a firm's revenue)."""

    part: Expr

    def compile_py(self, resolve: Resolve) -> PyFn:
        return self.part.compile_py(resolve)

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        return self.part.compile_pl(resolve)


def power_capped(total: Expr, revenue: Expr) -> Expr:
    """A year's power-equipment subsidy ``total`` within the recipient's cap: the cap for
    revenue of ``netzero.power_equipment_large_revenue`` or more is the larger one. A total
    within the smaller cap needs no revenue."""
    capped = IfElse(
        Unasked(revenue >= LARGE_REVENUE),
        minimum(total, POWER_CAP_LARGE),
        minimum(total, POWER_CAP),
    )
    return Coalesce(IfElse(total <= POWER_CAP, total, Const(None)), capped)


def service_subsidy(cost: Expr) -> Expr:
    """The service equipment subsidy of ``cost`` (NT$): the rate of it, at most the cap per
    applicant."""
    return minimum(cost * SERVICE_RATE, SERVICE_CAP)


# ---------------------------------------------------------------------------------------
# Items: what the firm has, and what each is worth

Kw = Annotated[float, Field(gt=0, le=100_000, allow_inf_nan=False)]
Share = Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]
HOURS_IN_A_YEAR = 8784  # a leap year's hours: no machine runs more


class Item(BaseModel):
    """One line of equipment: ``units`` identical new units replacing old ones."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    kind: Kind
    kw: Kw | None = None
    """Rated power of one new unit (kW): a compressor's, fan's, pump's or motor's output,
    an air-conditioner's or lamp's input."""
    units: Annotated[int, Field(ge=1, le=100_000)] = 1
    compressor_type: CompressorType | None = None
    efficiency_class: EfficiencyClass | None = None
    hours_per_year: (
        Annotated[float, Field(ge=0, le=HOURS_IN_A_YEAR, allow_inf_nan=False)] | None
    ) = None
    load_factor: Share | None = None
    """Average load as a share of rated power; unknown reads the hours as full-load hours."""
    cost_ntd: Annotated[int, Field(ge=0, le=10**12)] | None = None
    """What the new units cost in all (NT$)."""
    old_kw: Kw | None = None
    """Input power of one old unit (kW) at the same duty."""
    old_efficiency: Share | None = None
    new_efficiency: Share | None = None
    saving_share: Annotated[float, Field(ge=0, lt=1, allow_inf_nan=False)] | None = None
    """The firm's own figure: the share of the old unit's consumption the new one saves."""


class Request(BaseModel):
    """The savings calculator's input."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    sme: bool | None = None
    revenue: Annotated[int, Field(ge=0, le=10**13)] | None = None
    tariff_ntd_per_kwh: Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)] | None = None
    items: Annotated[list[Item], Field(min_length=1, max_length=200)]


@dataclass(frozen=True)
class Assumption:
    """A parameter a result used: its value, unit and sources."""

    name: str
    value: Any
    unit: str
    sources: tuple[str, ...]
    unconfirmed: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "sources": list(self.sources),
            "unconfirmed": self.unconfirmed,
        }


def _assumption(name: str, on: dt.date) -> Assumption:
    param = load_parameters()[name]
    return Assumption(
        name,
        param.at(on),
        param.unit,
        tuple(r.cite() for r in param.reference_on(on)),
        param.unconfirmed_on(on),
    )


_ITEM = {n: F(n) for n in ("type", "class", "kw", "units", "sme", "cost")}
_COMPRESSOR = compressor_subsidy(
    _ITEM["type"], _ITEM["class"], _ITEM["kw"], _ITEM["units"], _ITEM["sme"]
)
_SERVICE_ITEM = RoundTWD(_ITEM["cost"] * SERVICE_RATE)
_SERVICE_TOTAL = service_subsidy(_ITEM["cost"])
_POWER_TOTAL = power_capped(F("total"), F("revenue"))
_POWER_AT_LEAST = Coalesce(_POWER_TOTAL, minimum(F("total"), POWER_CAP))
"""At least: with revenue unknown, the smaller cap."""


def _saving_share(item: Item, on: dt.date, used: set[str]) -> float | None:
    """The share of the old consumption saved: the firm's own, else the typical one."""
    if item.saving_share is not None:
        return item.saving_share
    key = {"motor": "motor", "fan": "motor", "pump": "motor", "air_conditioner": "air_conditioner"}
    name = key.get(item.kind)
    if item.kind == "air_compressor" and item.compressor_type == "variable_speed_rotary":
        name = "variable_speed_compressor"
    if name is None:
        return None
    used.add(SAVING_SHARES[name])
    value = load_parameters()[SAVING_SHARES[name]].at(on)
    return None if value is None else float(value)


def saved_kwh(item: Item, on: dt.date, used: set[str] | None = None) -> float | None:
    """The kWh a year the new units save over the old ones; None when unknown.

    With the old unit's input power: (old_kw − kw) × hours × load × units. With both
    efficiencies: kw × load × hours × units × (1/old − 1/new). Otherwise the new units'
    consumption kw × load × hours × units and a saving share s of the old consumption:
    new × s / (1 − s). A gas stove saves gas, not electricity: None.
    """
    used = set() if used is None else used
    if item.kind == "gas_stove" or item.hours_per_year is None or item.kw is None:
        return None
    load = 1.0 if item.load_factor is None else item.load_factor
    running = item.hours_per_year * load * item.units
    if item.old_kw is not None:
        return (item.old_kw - item.kw) * running
    if item.old_efficiency is not None and item.new_efficiency is not None:
        return item.kw * running * (1 / item.old_efficiency - 1 / item.new_efficiency)
    share = _saving_share(item, on, used)
    if share is None:
        return None
    return item.kw * running * share / (1 - share)


@dataclass(frozen=True)
class ItemResult:
    """What one item is worth a year; None wherever an input is unknown."""

    kind: str
    program: str
    subsidy: int | None
    """Before the cap across items (which only the totals apply)."""
    subsidy_note: str | None
    kwh: float | None
    ntd: float | None
    co2e_kg: float | None
    payback_years: float | None
    """(cost − subsidy) ÷ NT$ saved a year."""
    payback_years_without_subsidy: float | None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _item_subsidy(item: Item, sme: bool | None, resolve: Resolve) -> tuple[int | None, str | None]:
    if item.kind == "air_compressor":
        subsidy = _COMPRESSOR.compile_py(resolve)(
            {
                "type": item.compressor_type,
                "class": item.efficiency_class,
                "kw": item.kw,
                "units": item.units,
                "sme": sme,
            }
        )
        if subsidy == 0:
            return 0, "not_in_rate_table"
        return subsidy, None
    if item.kind in POWER_KINDS:
        return None, "rate_unconfirmed"
    amount = _SERVICE_ITEM.compile_py(resolve)({"cost": item.cost_ntd})
    return amount, "item_caps_unconfirmed"


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def _times(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a * b


def _sum(values: Sequence[float | int | None]) -> float | None:
    return None if any(v is None for v in values) else math.fsum(v for v in values if v is not None)


class SavingsInputError(ValueError):
    """The calculator's input failed validation; ``errors`` names each bad field, as
    ``items[0].kw``, in Chinese and English."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("節能試算資料有誤 (invalid input): " + "；".join(map(str, errors)))


_MESSAGES = {
    "extra_forbidden": ("不是節能試算的欄位", "is not a field of the calculator"),
    "greater_than": ("須大於 {gt}", "must be more than {gt}"),
    "less_than": ("須小於 {lt}", "must be less than {lt}"),
    "too_short": ("至少要有 {min_length} 項", "needs at least {min_length} item(s)"),
    "too_long": ("至多 {max_length} 項", "takes at most {max_length} items"),
    "missing": ("必填", "is required"),
}


def _input_error(error: Any) -> FieldError:
    found = _field_error(error)
    if error["type"] in _MESSAGES:
        zh, en = _MESSAGES[error["type"]]
        ctx = error.get("ctx") or {}
        found = FieldError(found.field, zh.format(**ctx), en.format(**ctx))
    path = ""
    for part in error.get("loc") or ():
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return FieldError(path or "(body)", found.message_zh, found.message_en)


def parse_request(data: Any) -> Request:
    """``data`` (e.g. parsed JSON) as a :class:`Request`; SavingsInputError when it is not."""
    if isinstance(data, Request):
        return data
    if not isinstance(data, Mapping):
        raise SavingsInputError([FieldError("(body)", "須為 JSON 物件", "must be a JSON object")])
    try:
        return Request.model_validate(data)
    except pydantic.ValidationError as exc:
        raise SavingsInputError([_input_error(e) for e in exc.errors()]) from None


def savings(request: Request | Mapping[str, Any], on: dt.date) -> dict[str, Any]:
    """Each item's subsidy, yearly kWh, NT$ and CO2e saved and simple payback, and the
    totals of both programs after their caps, by the parameters in force ``on``.

    ``request`` is a :class:`Request` or a mapping validated as one
    (:class:`SavingsInputError` when it is not).
    """
    req = parse_request(request)
    resolve = resolver(on)
    used: set[str] = {"carbon.grid_factor"}
    tariff = req.tariff_ntd_per_kwh
    if tariff is None:
        tariff = resolve("carbon.average_tariff")
        used.add("carbon.average_tariff")
    factor = resolve("carbon.grid_factor")
    results = []
    for item in req.items:
        subsidy, note = _item_subsidy(item, req.sme, resolve)
        program = "power" if item.kind in POWER_KINDS else "service"
        used |= (
            {"energy.air_compressor_rates", "netzero.power_equipment_sme_multiplier"}
            if item.kind == "air_compressor"
            else {"netzero.service_energy_equipment_rate"}
            if program == "service"
            else set()
        )
        kwh = saved_kwh(item, on, used)
        ntd = _times(kwh, tariff)
        net = None if item.cost_ntd is None or subsidy is None else item.cost_ntd - subsidy
        results.append(
            ItemResult(
                kind=item.kind,
                program=f"{program}-equipment-subsidy"
                if program == "power"
                else "service-energy-equipment-subsidy",
                subsidy=subsidy,
                subsidy_note=note,
                kwh=kwh,
                ntd=ntd,
                co2e_kg=_times(kwh, factor),
                payback_years=_ratio(net, ntd),
                payback_years_without_subsidy=_ratio(
                    None if item.cost_ntd is None else float(item.cost_ntd), ntd
                ),
            )
        )
    totals = _totals(req, results, resolve, used)
    return {
        "on": on.isoformat(),
        "tariff_ntd_per_kwh": tariff,
        "items": [r.as_dict() for r in results],
        "totals": totals,
        "assumptions": [_assumption(n, on).as_dict() for n in sorted(used)],
    }


def _totals(
    req: Request, results: list[ItemResult], resolve: Resolve, used: set[str]
) -> dict[str, Any]:
    power = [r for r in results if r.program == "power-equipment-subsidy"]
    service = [r for r in results if r.program != "power-equipment-subsidy"]
    power_total = power_at_least = None
    if power:
        used |= {
            "netzero.power_equipment_cap_per_year",
            "netzero.power_equipment_cap_per_year_large",
            "netzero.power_equipment_large_revenue",
        }
        capped = _POWER_TOTAL.compile_py(resolve)
        raw = _sum([r.subsidy for r in power])
        power_total = None if raw is None else capped({"total": raw, "revenue": req.revenue})
        known = math.fsum(r.subsidy for r in power if r.subsidy is not None)
        power_at_least = _POWER_AT_LEAST.compile_py(resolve)(
            {"total": known, "revenue": req.revenue}
        )
    service_total = None
    if service:
        used.add("netzero.service_energy_equipment_cap")
        costs = [i.cost_ntd for i in req.items if i.kind not in POWER_KINDS]
        cost = _sum(costs)
        service_total = _SERVICE_TOTAL.compile_py(resolve)({"cost": cost})
    kwh = _sum([r.kwh for r in results])
    return {
        "power_equipment_subsidy": _whole(power_total),
        "power_equipment_subsidy_at_least": _whole(power_at_least),
        "service_energy_equipment_subsidy": _whole(service_total),
        "kwh": kwh,
        "ntd": _sum([r.ntd for r in results]),
        "co2e_kg": _sum([r.co2e_kg for r in results]),
        "cost_ntd": _sum([i.cost_ntd for i in req.items]),
    }


def _whole(amount: float | None) -> int | None:
    return None if amount is None else int(amount)


def compressor_expr(sme: Expr) -> Expr:
    """The profile's air compressors' subsidy before the cap (the screening's rule)."""
    return compressor_subsidy(
        F("air_compressor_type"),
        F("air_compressor_class"),
        F("air_compressor_kw"),
        F("air_compressor_units"),
        sme,
    )
