"""The synthetic firm registry: one column per Profile field, every row a valid profile."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from smewindow.rules import parse_profile
from smewindow.rules.batch import carbon_plan, conform, screen_frame, validate_frame
from smewindow.rules.carbon_frame import EXTENSIONS, QUANTITY_COLUMNS, REFRIGERANT_COLUMNS
from smewindow.rules.profile import FIELDS, LIST_FIELDS, Profile
from smewindow.rules.taiwan import business_id_is_valid

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "generate_firms.py"
ROWS = 2_000


def _run(out: Path, *extra: str) -> str:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--rows", str(ROWS), "--out", str(out), *extra],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout


def _expected_dtype(field: str) -> pl.DataType:
    if field in LIST_FIELDS:
        return pl.List(pl.String)
    annotation = str(Profile.model_fields[field].annotation)
    for name, dtype in (("bool", pl.Boolean), ("int", pl.Int64), ("float", pl.Float64)):
        if f"Annotated[{name}," in annotation:
            return dtype()
    return pl.String()


@pytest.fixture(scope="module")
def firms(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    out = tmp_path_factory.mktemp("firms") / "firms.parquet"
    stdout = _run(out, "--seed", "3")
    assert f"{ROWS:,} rows" in stdout
    return pl.read_parquet(out)


def test_one_column_per_field_with_its_dtype(firms: pl.DataFrame) -> None:
    assert firms.height == ROWS
    assert firms.columns == list(FIELDS)
    for field in FIELDS:
        assert firms.schema[field] == _expected_dtype(field), field


def test_about_forty_percent_of_employee_counts_unknown(firms: pl.DataFrame) -> None:
    share = firms["employees"].null_count() / firms.height
    assert 0.35 <= share <= 0.45


def test_shape_of_taiwan_firms(firms: pl.DataFrame) -> None:
    employees = firms["employees"].drop_nulls()
    assert 0.5 <= (employees <= 4).mean() <= 0.7  # type: ignore[operator]
    both = firms.drop_nulls(["employees", "employees_min_6m"])
    assert (both["employees_min_6m"] <= both["employees"]).all()
    assert firms["name"].str.starts_with("測試企業").all()
    ids = firms["business_id"].drop_nulls()
    assert all(business_id_is_valid(i) for i in ids)
    assert ids.n_unique() == ids.len()


def test_every_row_is_a_valid_profile(firms: pl.DataFrame) -> None:
    for row in firms.iter_rows(named=True):
        parse_profile({k: v for k, v in row.items() if v is not None})


def test_same_seed_same_firms(tmp_path: Path, firms: pl.DataFrame) -> None:
    out = tmp_path / "again.parquet"
    _run(out, "--seed", "3")
    assert pl.read_parquet(out).equals(firms)


def test_csv_writes_lists_as_joined_strings(tmp_path: Path, firms: pl.DataFrame) -> None:
    out = tmp_path / "firms.csv"
    _run(out, "--seed", "3", "--format", "csv")
    csv = pl.read_csv(out, infer_schema=False)
    assert csv.columns == list(FIELDS)
    for field in LIST_FIELDS:
        expected = [
            None if items is None else ";".join(items) if items else "[]"
            for items in firms[field].to_list()
        ]
        assert csv[field].to_list() == expected, field


# --- the carbon estimate's inputs: the profile's fields, and --carbon's extensions -------


def _known(column: pl.Series) -> float:
    """The share of rows with a value."""
    return (column.len() - column.null_count()) / column.len()


def test_the_profiles_carbon_fields_are_what_the_batch_accepts(firms: pl.DataFrame) -> None:
    on = dt.date(2025, 4, 1)
    plan = carbon_plan(firms.columns, on)
    assert plan is not None and plan.columns == frozenset(QUANTITY_COLUMNS) & set(FIELDS)
    assert validate_frame(conform(firms), carbon=plan) == []
    screened = screen_frame(firms, on)
    assert 0.6 <= _known(screened["carbon.total_kg"]) <= 0.8  # a firm gives some source


@pytest.fixture(scope="module")
def carbon_firms(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    out = tmp_path_factory.mktemp("carbon") / "firms.parquet"
    _run(out, "--seed", "3", "--carbon")
    return pl.read_parquet(out)


def test_carbon_adds_the_extensions_after_the_same_firms(
    carbon_firms: pl.DataFrame, firms: pl.DataFrame
) -> None:
    assert carbon_firms.columns == [*FIELDS, *EXTENSIONS]
    assert carbon_firms.select(FIELDS).equals(firms)  # drawn after: the profile is unchanged
    for column, dtype in EXTENSIONS.items():
        assert carbon_firms.schema[column] == dtype, column


def test_carbon_shares_are_as_documented(carbon_firms: pl.DataFrame) -> None:
    given = {c: _known(carbon_firms[c]) for c in EXTENSIONS}
    kwh_unknown = 1 - _known(carbon_firms["electricity_kwh"])
    assert 0.2 <= given["carbon.electricity_ntd"] / kwh_unknown <= 0.3  # a quarter, bills
    assert 0.15 <= given["carbon.year"] <= 0.25
    assert 0.0005 <= given["carbon.fuel_oil_l"] <= 0.01  # a few manufacturers
    for column in REFRIGERANT_COLUMNS:  # a few report refrigerant top-ups
        assert 0.002 <= given[column] <= 0.10, column


def test_carbon_rows_are_what_the_batch_accepts(carbon_firms: pl.DataFrame) -> None:
    both = (
        carbon_firms["electricity_kwh"].is_not_null()
        & carbon_firms["carbon.electricity_ntd"].is_not_null()
    )
    assert not both.any()
    plan = carbon_plan(carbon_firms.columns, dt.date(2025, 4, 1))
    assert validate_frame(conform(carbon_firms), carbon=plan) == []
    screened = screen_frame(carbon_firms, dt.date(2025, 4, 1))
    assert 0.7 <= _known(screened["carbon.total_kg"]) <= 0.9
