"""The carbon estimate of a whole registry: ``carbon.estimate``'s rules as Polars expressions.

A registry gives the estimate's quantities in the profile's own columns where the profile
has them (``electricity_kwh``, ``natural_gas_m3``, ``lpg_kg``, ``diesel_l``,
``gasoline_l``: the names of the API and ``smewindow carbon``), and may add what the profile
lacks in optional ``carbon.`` columns (``EXTENSIONS``): ``carbon.electricity_ntd``,
``carbon.fuel_oil_l``, one column per refrigerant (``carbon.refrigerant_r410a_kg`` …) and
``carbon.year``; a row without a year takes the run's. ``CarbonPlan.outputs`` adds
``OUTPUTS``: scope 1 and 2 and the total in kg CO2e (null when the row gave no source of
it), and the intensities from the profile's ``employees`` and ``annual_revenue``.
``CarbonPlan.problems`` finds the rows that ``check_inputs`` would refuse and the profile's
own checks let through.

Every factor, list and bound comes from ``carbon`` (``factor``, ``FUELS``,
``REFRIGERANTS``, ``NOT_COUNTED``, ``BOUNDS``, ``average_tariff``), and the sums run in
``estimate``'s order, so a row gives ``estimate``'s figures (to the gram it rounds to:
the property test in tests/rules/test_carbon_batch.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl

from smewindow.rules.carbon import (
    BOUNDS,
    FIELD_LABELS,
    FUELS,
    GRID,
    MAX_YEAR,
    NOT_COUNTED,
    QUANTITY_FIELDS,
    REFRIGERANTS,
    average_tariff,
    factor,
    first_tariff_year,
    first_year,
)
from smewindow.rules.profile import FIELDS, field_bounds

PREFIX = "carbon."
YEAR = "carbon.year"


def quantity_column(field: str) -> str:
    """The column of one of the estimate's quantities: the profile's field of that name
    when the profile has one, else ``carbon.<field>``."""
    return field if field in FIELDS else f"{PREFIX}{field}"


def refrigerant_column(gas: str) -> str:
    """The column of a refrigerant's top-ups in kg: R-410A → ``carbon.refrigerant_r410a_kg``."""
    return f"{PREFIX}refrigerant_{gas.lower().replace('-', '')}_kg"


KWH = quantity_column("electricity_kwh")
NTD = quantity_column("electricity_ntd")

QUANTITY_COLUMNS: dict[str, str] = {quantity_column(field): field for field in QUANTITY_FIELDS}
"""Each quantity column and the estimate's field it gives."""

REFRIGERANT_COLUMNS: dict[str, str] = {refrigerant_column(gas): gas for gas in REFRIGERANTS}
"""Each refrigerant column and its gas, in ``REFRIGERANTS`` order."""

EXTENSIONS: dict[str, pl.DataType] = {
    YEAR: pl.Int64(),
    **{c: pl.Float64() for c in (*QUANTITY_COLUMNS, *REFRIGERANT_COLUMNS) if c not in FIELDS},
}
"""The carbon input columns a registry may add to the profile's, and their dtypes."""

INPUT_COLUMNS = frozenset({*QUANTITY_COLUMNS, *EXTENSIONS})
"""Every carbon input column: the profile's quantities and the extensions."""

SCOPE1, SCOPE2, TOTAL = "carbon.scope1_kg", "carbon.scope2_kg", "carbon.total_kg"
PER_EMPLOYEE, PER_MILLION = "carbon.per_employee_kg", "carbon.per_million_ntd_kg"
OUTPUTS = (SCOPE1, SCOPE2, TOTAL, PER_EMPLOYEE, PER_MILLION)
"""The output columns, added when a registry has any carbon input column."""
_RAW = {name: f"__{name}" for name in (SCOPE1, SCOPE2)}


def _label(column: str) -> tuple[str, str]:
    """A quantity column's name in Chinese and English, for errors."""
    gas = REFRIGERANT_COLUMNS.get(column)
    if gas is None:
        return FIELD_LABELS[QUANTITY_COLUMNS[column]]
    return f"全年冷媒 {gas} 補充量（公斤）", f"{gas} topped up in the year (kg)"


def _known_sum(terms: list[tuple[pl.Expr, pl.Expr]]) -> pl.Expr:
    """The sum of the terms (kg, whether given) given, left to right as ``estimate`` adds
    them; null when none is."""
    if not terms:
        return pl.lit(None, dtype=pl.Float64)
    given = pl.any_horizontal(known for _, known in terms)
    return pl.when(given).then(pl.sum_horizontal(kg for kg, _ in terms))


@dataclass(frozen=True)
class CarbonPlan:
    """The carbon columns a registry has and the year of its rows without ``carbon.year``."""

    columns: frozenset[str]
    year: int

    def _year(self) -> pl.Expr | None:
        """Each row's year, or None when every row has ``self.year``."""
        return pl.col(YEAR).fill_null(self.year) if YEAR in self.columns else None

    def _by_year(self, value: Callable[[int], float | None]) -> pl.Expr:
        """``value`` of each row's year: a literal when every row has the plan's year, else
        one branch per change of the value over the years read (a ``when`` ladder is
        several times faster than ``replace_strict`` in the streaming engine). A year out of
        range gets the nearest year's: ``problems`` refuses its row."""
        year = self._year()
        if year is None:
            return pl.lit(value(self.year), dtype=pl.Float64)
        first = first_year()
        years = range(first, MAX_YEAR + 1)
        steps = [(y, value(y)) for y in years if y == first or value(y) != value(y - 1)]
        if len(steps) == 1:
            return pl.lit(steps[0][1], dtype=pl.Float64)
        ladder: Any = pl
        for (_, v), (until, _) in itertools.pairwise(steps):
            ladder = ladder.when(year < until).then(pl.lit(v, dtype=pl.Float64))
        result: pl.Expr = ladder.otherwise(pl.lit(steps[-1][1], dtype=pl.Float64))
        return result

    def _factor(self, parameter: str) -> pl.Expr:
        return self._by_year(lambda year: factor(parameter, year))

    def _scope2(self) -> list[tuple[pl.Expr, pl.Expr]]:
        kwh = pl.col(KWH) if KWH in self.columns else None
        if NTD in self.columns:
            since = first_tariff_year()
            tariff = self._by_year(lambda y: average_tariff(y) if y >= since else None)
            from_bills = pl.col(NTD) / tariff
            kwh = from_bills if kwh is None else pl.coalesce(kwh, from_bills)
        return [] if kwh is None else [(kwh * self._factor(GRID), kwh.is_not_null())]

    def _scope1(self) -> list[tuple[pl.Expr, pl.Expr]]:
        fuels = [(quantity_column(fuel.field), fuel.parameter) for fuel in FUELS]
        gases = [(c, REFRIGERANTS[gas]) for c, gas in REFRIGERANT_COLUMNS.items()]
        return [
            (pl.col(column) * self._factor(parameter), pl.col(column).is_not_null())
            for column, parameter in fuels + gases
            if column in self.columns and REFRIGERANT_COLUMNS.get(column) not in NOT_COUNTED
        ]

    def sums(self) -> list[pl.Expr]:
        """Scope 1 and 2 unrounded, as columns that ``outputs`` reads: computed in the pass
        that screens, once."""
        return [
            _known_sum(self._scope1()).alias(_RAW[SCOPE1]),
            _known_sum(self._scope2()).alias(_RAW[SCOPE2]),
        ]

    def outputs(self) -> list[pl.Expr]:
        """The ``OUTPUTS`` columns, over the profile columns and the ``sums`` columns."""
        scope1, scope2 = pl.col(_RAW[SCOPE1]), pl.col(_RAW[SCOPE2])
        # (scope 1 or 0) + (scope 2 or 0), as estimate() adds them
        total = _known_sum([(scope1, scope1.is_not_null()), (scope2, scope2.is_not_null())])
        employees = pl.col("employees")
        revenue = pl.col("annual_revenue").cast(pl.Float64)
        return [
            scope1.round(3).alias(SCOPE1),
            scope2.round(3).alias(SCOPE2),
            total.round(3).alias(TOTAL),
            pl.when(employees > 0).then(total / employees).round(3).alias(PER_EMPLOYEE),
            pl.when(revenue > 0).then(total / (revenue / 1_000_000)).round(3).alias(PER_MILLION),
        ]

    def problems(self) -> list[tuple[str, pl.Expr, str]]:
        """Per check: the column named, an expression true where a row breaks it (null or
        false for an empty cell) and why, in Chinese and English."""
        checks: list[tuple[str, pl.Expr, str]] = []
        first = first_year()
        if YEAR in self.columns:
            checks.append(
                (
                    YEAR,
                    ~pl.col(YEAR).is_between(first, MAX_YEAR),
                    f"估算年度須為 {first} 至 {MAX_YEAR} 年（電力排碳係數自 {first} 年起公告）"
                    f" (the year must be from {first} to {MAX_YEAR})",
                )
            )
        quantities = {**QUANTITY_COLUMNS, **{c: "refrigerant_kg" for c in REFRIGERANT_COLUMNS}}
        for column, field in quantities.items():
            if column not in self.columns:
                continue
            bound = BOUNDS[field]
            zh, en = _label(column)
            bad = ~pl.col(column).is_between(0, bound)  # false for NaN and ±inf too
            if column in FIELDS:  # what the profile refuses, its own check reports, once
                low, high = field_bounds(column)
                bad = bad & pl.col(column).is_between(low, high)
            checks.append(
                (
                    column,
                    bad,
                    f"{zh}須介於 0 與 {bound:,.0f} 之間（不得為負數或非有限的數字；超過上限請檢查單位）"
                    f" ({en} must be a finite number from 0 to {bound:,.0f}; above it, check"
                    " the unit)",
                )
            )
        if KWH in self.columns and NTD in self.columns:
            checks.append(
                (
                    NTD,
                    pl.col(KWH).is_not_null() & pl.col(NTD).is_not_null(),
                    f"用電度數與電費擇一填寫（有度數時請只填度數）(give {KWH} or {NTD},"
                    " not both; kWh when known)",
                )
            )
        since = first_tariff_year()
        year = self._year()
        if NTD in self.columns and (year is not None or self.year < since):
            # a year out of range is refused as such, not for its tariff too
            before = pl.lit(True) if year is None else year.is_between(first, since - 1)
            checks.append(
                (
                    NTD,
                    pl.col(NTD).is_not_null() & before,
                    f"{since} 年以前沒有平均電價資料，無法由電費換算度數，請填用電度數"
                    f" (no average tariff before {since} to convert bills; give kWh)",
                )
            )
        return checks


def carbon_columns(columns: Iterable[str]) -> frozenset[str]:
    """The carbon input columns among ``columns`` (profile or extension)."""
    return frozenset(c for c in columns if c in INPUT_COLUMNS)
