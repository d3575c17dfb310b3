"""The carbon estimate of a registry (rules/carbon_frame.py through batch.screen_frame):
rows against a hand calculation with the cited values, unknown staying null, the grid
factor's year and its fallback, the refused rows, and the property that every row gives
what ``carbon.estimate`` gives for it — the same figures, or the same refusal."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smewindow.rules.batch import (
    FrameError,
    RowError,
    carbon_plan,
    conform,
    input_schema,
    output_columns,
    screen_frame,
    validate_frame,
)
from smewindow.rules.carbon import (
    BOUNDS,
    MAX_YEAR,
    CarbonInputError,
    average_tariff,
    estimate,
    first_year,
)
from smewindow.rules.carbon_frame import (
    EXTENSIONS,
    INPUT_COLUMNS,
    OUTPUTS,
    QUANTITY_COLUMNS,
    REFRIGERANT_COLUMNS,
    YEAR,
    quantity_column,
)
from smewindow.rules.profile import FIELDS
from smewindow.rules.programs import PROGRAMS

ON = dt.date(2025, 4, 1)  # the carbon year defaults to 2024


def carbon(rows: list[dict[str, Any]], year: int | None = None) -> list[dict[str, Any]]:
    """The carbon output columns of ``rows`` (dicts of carbon and profile columns)."""
    frame = pl.DataFrame(rows, schema=_schema(rows))
    return screen_frame(frame, ON, carbon_year=year).select(OUTPUTS).to_dicts()


def errors(rows: list[dict[str, Any]], year: int | None = None) -> list[RowError]:
    """Every refused value of ``rows``, as the batch reports them."""
    schema = _schema(rows)
    frame = conform(pl.DataFrame(rows, schema=schema))
    return validate_frame(frame, carbon=carbon_plan(schema, ON, year), limit=10**6)


def _schema(rows: list[dict[str, Any]]) -> dict[str, pl.DataType]:
    """The registry dtypes of the columns of ``rows``."""
    columns = {name for row in rows for name in row}
    return {n: t for n, t in input_schema().items() if n in columns}


# --- hand calculations (the cited values of parameters/carbon.yaml, written out) --------


def test_electricity_by_the_year_of_the_row() -> None:
    rows: list[dict[str, Any]] = [
        {"electricity_kwh": 12_345.0, "carbon.year": 2023},  # x 0.494 = 6,098.43
        {"electricity_kwh": 12_345.0, "carbon.year": None},  # 2024: x 0.474 = 5,851.53
        {"electricity_kwh": 1_000.0, "carbon.year": 2026},  # not published: 2024's
        {"electricity_kwh": 1_000.0, "carbon.year": 2017},  # x 0.554
    ]
    got = carbon(rows)
    assert [r["carbon.scope2_kg"] for r in got] == [6098.43, 5851.53, 474.0, 554.0]
    assert [r["carbon.total_kg"] for r in got] == [6098.43, 5851.53, 474.0, 554.0]
    assert all(r["carbon.scope1_kg"] is None for r in got)  # no fuel given: unknown


def test_the_run_year_fills_rows_without_one() -> None:
    row = {"electricity_kwh": 1_000.0}
    assert carbon([row])[0]["carbon.scope2_kg"] == 474.0  # the year before ON: 2024
    assert carbon([row], 2023)[0]["carbon.scope2_kg"] == 494.0
    assert carbon([row], 2030)[0]["carbon.scope2_kg"] == 474.0  # the latest published
    assert carbon([{**row, "carbon.year": 2019}], 2030)[0]["carbon.scope2_kg"] == 509.0


def test_bills_convert_at_the_years_average_tariff() -> None:
    # 2024: (3.1154 x 91 + 3.4518 x 198 + 3.7556 x 77) / 366 = 3.432074 NT$/kWh
    tariff = (3.1154 * 91 + 3.4518 * 198 + 3.7556 * 77) / 366
    assert average_tariff(2024) == pytest.approx(tariff)
    (got,) = carbon([{"carbon.electricity_ntd": 343_207.377}])  # ≈ 100,000 kWh
    assert got["carbon.scope2_kg"] == pytest.approx(47_400, abs=0.001)  # x 0.474


def test_fuels_and_refrigerants_make_scope_1_without_r22() -> None:
    row = {
        "diesel_l": 1_000.0,  # x 2.6063 = 2,606.3
        "lpg_kg": 300.0,  # x 3.1815 = 954.45
        "carbon.refrigerant_r410a_kg": 2.5,  # x 1,923.5 = 4,808.75
        "carbon.refrigerant_r22_kg": 1.0,  # 1,760: a Montreal gas, not added
        "employees": 5,
        "annual_revenue": 10_000_000,
    }
    (got,) = carbon([row])
    assert got["carbon.scope1_kg"] == 8369.5  # 2,606.3 + 954.45 + 4,808.75
    assert got["carbon.scope2_kg"] is None
    assert got["carbon.total_kg"] == 8369.5
    assert got["carbon.per_employee_kg"] == 1673.9  # 8,369.5 / 5
    assert got["carbon.per_million_ntd_kg"] == 836.95  # 8,369.5 / 10


def test_both_scopes_add_up() -> None:
    row = {
        "electricity_kwh": 10_000.0,  # x 0.474 = 4,740
        "natural_gas_m3": 2_400.0,  # x 1.879 = 4,509.6
        "gasoline_l": 1_000.0,  # x 2.2631 = 2,263.1
        "carbon.fuel_oil_l": 500.0,  # x 3.111 = 1,555.5
        "carbon.refrigerant_r32_kg": 1.0,  # x 677
        "carbon.refrigerant_r134a_kg": 1.0,  # x 1,300
        "carbon.refrigerant_r404a_kg": 1.0,  # x 3,942.8
    }
    (got,) = carbon([row])
    assert got["carbon.scope1_kg"] == pytest.approx(4509.6 + 2263.1 + 1555.5 + 677 + 1300 + 3942.8)
    assert got["carbon.scope2_kg"] == 4740.0
    assert got["carbon.total_kg"] == pytest.approx(14248.0 + 4740.0)


# --- unknown stays unknown --------------------------------------------------------------


def test_unknown_is_null_never_zero() -> None:
    rows: list[dict[str, Any]] = [
        {"electricity_kwh": None, "diesel_l": None, "employees": 3},
        {"electricity_kwh": None, "diesel_l": 100.0, "employees": 0},
        {"electricity_kwh": 0.0, "diesel_l": None, "employees": None},
        {"carbon.refrigerant_r22_kg": 3.0},  # only R-22: no scope 1 source counted
    ]
    nothing, fuel_only, zero_kwh, r22_only = carbon(rows)
    assert set(nothing.values()) == {None}
    assert fuel_only["carbon.scope2_kg"] is None
    assert fuel_only["carbon.total_kg"] == fuel_only["carbon.scope1_kg"] == 260.63
    assert fuel_only["carbon.per_employee_kg"] is None  # 0 employees: no intensity
    assert fuel_only["carbon.per_million_ntd_kg"] is None  # revenue unknown
    assert zero_kwh["carbon.scope2_kg"] == 0.0 and zero_kwh["carbon.scope1_kg"] is None
    assert set(r22_only.values()) == {None}


def test_a_registry_without_carbon_columns_gets_no_carbon_columns() -> None:
    frame = pl.DataFrame({"employees": [3], "annual_revenue": [1_000_000]})
    columns = screen_frame(frame, ON).columns
    assert not [c for c in columns if c.startswith("carbon.")]
    expected = ["business_id", "name", "county"]
    for program in PROGRAMS:
        expected += output_columns(program.id)
    assert columns == expected


@pytest.mark.parametrize("column", ["lpg_kg", "carbon.refrigerant_r32_kg"])
def test_carbon_columns_follow_the_programs(column: str) -> None:
    frame = pl.DataFrame({column: [1.0]})  # a profile column, or an extension, alone
    columns = screen_frame(frame, ON).columns
    assert columns[-len(OUTPUTS) :] == list(OUTPUTS)
    assert len(set(columns)) == len(columns)


def test_the_quantities_are_the_profiles_columns_where_it_has_them() -> None:
    assert list(QUANTITY_COLUMNS) == [
        "electricity_kwh",
        "carbon.electricity_ntd",
        "natural_gas_m3",
        "lpg_kg",
        "diesel_l",
        "gasoline_l",
        "carbon.fuel_oil_l",
    ]
    assert {c for c in QUANTITY_COLUMNS if not c.startswith("carbon.")} <= set(FIELDS)
    assert list(EXTENSIONS) == [  # what the profile lacks, and nothing else
        "carbon.year",
        "carbon.electricity_ntd",
        "carbon.fuel_oil_l",
        "carbon.refrigerant_r22_kg",
        "carbon.refrigerant_r32_kg",
        "carbon.refrigerant_r134a_kg",
        "carbon.refrigerant_r410a_kg",
        "carbon.refrigerant_r404a_kg",
    ]
    assert not {c.removeprefix("carbon.") for c in EXTENSIONS} & set(FIELDS)


def test_a_carbon_prefixed_copy_of_a_profile_column_is_not_a_column() -> None:
    with pytest.raises(FrameError, match=r"carbon\.electricity_kwh"):
        conform(pl.DataFrame({"carbon.electricity_kwh": [1.0]}))


# --- refused rows -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        # the profile's columns: its own check for what it refuses, the estimate's bound
        # for what it lets through (one error a cell either way)
        ({"electricity_kwh": -1.0}, "electricity_kwh", "須介於 0 與 1,000,000,000,000"),
        ({"diesel_l": math.nan}, "diesel_l", "must be from 0 to"),
        ({"lpg_kg": math.inf}, "lpg_kg", "must be from 0 to"),
        ({"lpg_kg": 2e12}, "lpg_kg", "must be from 0 to"),
        ({"electricity_kwh": 1e9 + 1}, "electricity_kwh", "全年用電度數須介於 0 與 1,000,000,000"),
        ({"natural_gas_m3": 100_000_001.0}, "natural_gas_m3", "天然氣"),
        ({"gasoline_l": 1e11}, "gasoline_l", "check the unit"),
        # the extensions
        ({"carbon.fuel_oil_l": -1.0}, "carbon.fuel_oil_l", "燃料油"),
        ({"carbon.fuel_oil_l": math.nan}, "carbon.fuel_oil_l", "finite"),
        ({"carbon.refrigerant_r410a_kg": 100_001.0}, "carbon.refrigerant_r410a_kg", "R-410A"),
        ({"carbon.electricity_ntd": -5.0}, "carbon.electricity_ntd", "electricity bills"),
        (
            {"electricity_kwh": 1.0, "carbon.electricity_ntd": 1.0},
            "carbon.electricity_ntd",
            "擇一",
        ),
        ({"carbon.year": 2016, "lpg_kg": 1.0}, "carbon.year", "2017"),
        ({"carbon.year": MAX_YEAR + 1}, "carbon.year", "2050"),
        ({"carbon.year": 2018, "carbon.electricity_ntd": 1.0}, "carbon.electricity_ntd", "2019"),
    ],
)
def test_bad_carbon_values_are_reported_by_column(
    row: dict[str, Any], column: str, words: str
) -> None:
    good = {"electricity_kwh": None, "lpg_kg": 2.0}
    found = errors([good, row, good])
    assert found, row
    assert {(e.row, e.field) for e in found} == {(2, column)}
    (error,) = found
    assert words in error.reason
    assert "(" in error.reason  # Chinese, then English in brackets


def test_a_bad_year_is_refused_once_not_for_its_tariff_too() -> None:
    found = errors([{"carbon.year": 2010, "carbon.electricity_ntd": 10.0}])
    assert [e.field for e in found] == ["carbon.year"]


def test_bills_before_the_first_tariff_year_are_refused_for_the_run_year() -> None:
    (error,) = errors([{"carbon.electricity_ntd": 10.0}], year=2018)
    assert error.field == "carbon.electricity_ntd" and "2019" in error.reason
    assert errors([{"electricity_kwh": 10.0}], year=2018) == []


@pytest.mark.parametrize("year", [2016, MAX_YEAR + 1])
def test_a_run_year_out_of_range_is_refused(year: int) -> None:
    with pytest.raises(FrameError, match="invalid carbon year"):
        carbon_plan(["lpg_kg"], ON, year)
    with pytest.raises(FrameError, match="invalid carbon year"):
        carbon_plan(["employees"], ON, year)  # given, it is checked even unread
    assert carbon_plan(["employees"], dt.date(2060, 1, 1)) is None  # the default, unread


def test_a_string_column_is_refused() -> None:
    with pytest.raises(FrameError, match=r"carbon\.electricity_ntd"):
        conform(pl.DataFrame({"carbon.electricity_ntd": ["many"]}))
    with pytest.raises(FrameError, match="lpg_kg"):
        conform(pl.DataFrame({"lpg_kg": ["many"]}))
    with pytest.raises(FrameError, match=r"carbon\.scope1_kg"):
        conform(pl.DataFrame({"carbon.scope1_kg": [1.0]}))  # an output is not an input


# --- the property: a row gives what estimate() gives -----------------------------------

QUANTITIES = {**QUANTITY_COLUMNS, **{c: "refrigerant_kg" for c in REFRIGERANT_COLUMNS}}
YEARS = st.integers(first_year(), MAX_YEAR) | st.sampled_from([2017, 2018, 2019, 2024, 2025])


def _quantity(column: str, bad: bool) -> st.SearchStrategy[float | None]:
    bound = BOUNDS[QUANTITIES[column]]
    good = (
        st.none()
        | st.floats(0, 10_000)
        | st.floats(0, bound)
        | st.sampled_from([0.0, -0.0, 0.5, 1e-9, bound])
    )
    if not bad:
        return good
    return good | st.sampled_from([-0.001, -bound, math.nan, math.inf, -math.inf, bound * 1.01])


@st.composite
def registries(draw: st.DrawFn, bad: bool) -> tuple[list[dict[str, Any]], int]:
    """Rows over a random subset of the carbon columns (each row a firm) and the run year."""
    columns = draw(st.sets(st.sampled_from(sorted(INPUT_COLUMNS)), min_size=1))
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        row: dict[str, Any] = {
            "employees": draw(st.none() | st.integers(0, 300)),
            "annual_revenue": draw(st.none() | st.integers(0, 10**9)),
        }
        for column in sorted(columns):
            if column == YEAR:
                years = YEARS | st.sampled_from([2000, 2016, MAX_YEAR + 1]) if bad else YEARS
                row[column] = draw(st.none() | years)
            else:
                row[column] = draw(_quantity(column, bad))
        rows.append(row)
    year = draw(st.integers(2019, MAX_YEAR))
    for row in rows if not bad else ():  # kWh or bills, and bills only with a tariff
        if row.get("electricity_kwh") is not None or (row.get(YEAR) or year) < 2019:
            row.pop("carbon.electricity_ntd", None)
    return rows, year


def estimate_inputs(row: dict[str, Any], year: int) -> dict[str, Any]:
    """The estimate's inputs for a registry row (refrigerants in ``REFRIGERANTS`` order)."""
    inputs: dict[str, Any] = {"year": row.get(YEAR) or year}
    for column, field in QUANTITY_COLUMNS.items():
        if row.get(column) is not None:
            inputs[field] = row[column]
    refrigerants = [
        {"gas": gas, "kg": row[column]}
        for column, gas in REFRIGERANT_COLUMNS.items()
        if row.get(column) is not None
    ]
    if refrigerants:
        inputs["refrigerants"] = refrigerants
    inputs["employees"] = row["employees"]
    inputs["revenue"] = row["annual_revenue"]
    return inputs


def same_kg(batch: float | None, one: float | None) -> bool:
    """Equal to the gram both round to (Polars and Python may round a near-tie apart)."""
    if batch is None or one is None:
        return batch is one
    return math.isclose(batch, one, rel_tol=1e-12, abs_tol=0.0010001)


@settings(max_examples=200, deadline=None)
@given(registries(bad=False))
def test_every_row_gives_what_estimate_gives(registry: tuple[list[dict[str, Any]], int]) -> None:
    rows, year = registry
    assert errors(rows, year) == []
    for row, got in zip(rows, carbon(rows, year), strict=True):
        expected = estimate(estimate_inputs(row, year))
        for column, value in (
            ("carbon.scope1_kg", expected["scope1_kg"]),
            ("carbon.scope2_kg", expected["scope2_kg"]),
            ("carbon.total_kg", expected["total_kg"]),
            ("carbon.per_employee_kg", expected["intensity"]["per_employee_kg"]),
            ("carbon.per_million_ntd_kg", expected["intensity"]["per_million_ntd_kg"]),
        ):
            assert same_kg(got[column], value), (column, got[column], value, row)


@settings(max_examples=200, deadline=None)
@given(registries(bad=True))
def test_a_row_is_refused_exactly_when_estimate_refuses_it(
    registry: tuple[list[dict[str, Any]], int],
) -> None:
    rows, year = registry
    found: dict[int, set[str]] = {}
    for error in errors(rows, year):
        found.setdefault(error.row, set()).add(error.field)
    for number, row in enumerate(rows, start=1):
        inputs = estimate_inputs(row, year)
        try:
            estimate(inputs)
        except CarbonInputError as exc:
            columns = {_column(e.field, inputs) for e in exc.errors}
            assert columns <= found.get(number, set()), (row, exc.errors)
        else:
            assert number not in found, (row, found[number])


def _column(field: str, inputs: dict[str, Any]) -> str:
    """The registry column of one of ``check_inputs``'s error fields."""
    if field.startswith("refrigerants["):
        index = int(field.removeprefix("refrigerants[").split("]")[0])
        gas = inputs["refrigerants"][index]["gas"]
        return next(c for c, g in REFRIGERANT_COLUMNS.items() if g == gas)
    return YEAR if field == "year" else quantity_column(field)
