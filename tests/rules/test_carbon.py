"""The carbon estimate (rules/carbon.py): every factor's arithmetic against a hand
calculation with the cited value, the grid factor's switch between years and its fallback,
the tariff conversion, the bounds and the errors, and the ``smewindow carbon`` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from smewindow.cli import main
from smewindow.rules.carbon import (
    BOUNDS,
    MAX_YEAR,
    CarbonInputError,
    average_tariff,
    estimate,
    inputs_from_profile,
    refrigerant_name,
)
from smewindow.rules.parameters import load_parameters

# The cited values (parameters/carbon.yaml), written out so a changed value fails here.
GRID = {2017: 0.554, 2018: 0.533, 2019: 0.509, 2020: 0.502, 2021: 0.509, 2022: 0.495}
GRID |= {2023: 0.494, 2024: 0.474}


def _source(result: dict[str, Any], key: str) -> dict[str, Any]:
    return next(s for s in result["by_source"] if s["source"] == key)


def _errors(inputs: Any, year: int | None = None) -> dict[str, tuple[str, str]]:
    with pytest.raises(CarbonInputError) as caught:
        estimate(inputs, year)
    return {e.field: (e.message_zh, e.message_en) for e in caught.value.errors}


@pytest.mark.parametrize(("year", "factor"), sorted(GRID.items()))
def test_the_grid_factor_of_each_year(year: int, factor: float) -> None:
    result = estimate({"year": year, "electricity_kwh": 10_000})
    # 10,000 kWh x the year's factor, e.g. 2023: 10,000 x 0.494 = 4,940 kg.
    assert result["scope2_kg"] == pytest.approx(10_000 * factor)
    assert result["total_kg"] == result["scope2_kg"]
    assert result["scope1_kg"] is None  # no fuel given: unknown, not 0
    (grid,) = result["factors"]
    assert (grid["name"], grid["value"], grid["year"]) == ("carbon.grid_factor", factor, year)
    assert grid["unit"] == "kgCO2e/kWh"
    assert not [n for n in result["notes"] if n["code"] == "grid_factor_fallback"]


def test_the_grid_factor_switches_with_the_year() -> None:
    # 2023: 12,345 kWh x 0.494 = 6,098.43 kg; 2024: 12,345 x 0.474 = 5,851.53 kg.
    assert estimate({"year": 2023, "electricity_kwh": 12_345})["scope2_kg"] == 6098.43
    assert estimate({"year": 2024, "electricity_kwh": 12_345})["scope2_kg"] == 5851.53
    # The sources: 2023 the news of 2024-04-26, 2024 the Energy Administration's notice.
    src = {y: estimate({"year": y, "electricity_kwh": 1})["factors"][0] for y in (2023, 2024)}
    assert "businesstoday" in src[2023]["source"] and not src[2023]["unconfirmed"]
    assert "moeaea" in src[2024]["source"] and src[2024]["unconfirmed"]


def test_a_year_without_a_published_factor_uses_the_latest_with_a_note() -> None:
    result = estimate({"year": 2026, "electricity_kwh": 1000})
    # 1,000 kWh x 2024's 0.474 = 474 kg.
    assert result["scope2_kg"] == 474.0
    assert result["factors"][0]["year"] == 2024
    (note,) = [n for n in result["notes"] if n["code"] == "grid_factor_fallback"]
    assert "2026 年電力排碳係數尚未公告" in note["zh"] and "2024" in note["zh"]
    assert "2026 is not published" in note["en"]


@pytest.mark.parametrize(
    ("field", "source", "factor", "quantity", "unit"),
    [
        # 2,400 m³ x 1.879 = 4,509.6 kg
        ("natural_gas_m3", "natural_gas", 1.879, 2400, "m3"),
        # 300 kg x 3.1815 = 954.45 kg
        ("lpg_kg", "lpg", 3.1815, 300, "kg"),
        # 1,000 L x 2.6063 = 2,606.3 kg
        ("diesel_l", "diesel", 2.6063, 1000, "L"),
        # 1,000 L x 2.2631 = 2,263.1 kg
        ("gasoline_l", "gasoline", 2.2631, 1000, "L"),
        # 500 L x 3.111 = 1,555.5 kg
        ("fuel_oil_l", "fuel_oil", 3.111, 500, "L"),
    ],
)
def test_each_fuel_factor(field: str, source: str, factor: float, quantity: int, unit: str) -> None:
    result = estimate({"year": 2024, field: quantity})
    row = _source(result, source)
    assert (row["scope"], row["quantity"], row["unit"], row["factor"]) == (
        1,
        quantity,
        unit,
        factor,
    )
    assert row["kg"] == pytest.approx(quantity * factor)
    assert result["scope1_kg"] == row["kg"] and result["scope2_kg"] is None
    assert result["total_kg"] == row["kg"]
    assert [n["code"] for n in result["notes"]] == ["co2_only"]
    (cited,) = result["factors"]
    assert cited["value"] == factor and cited["source"] and cited["unconfirmed"]


@pytest.mark.parametrize(
    ("gas", "gwp"),
    [
        ("R-32", 677),  # AR5 HFC-32
        ("R-134a", 1300),  # AR5 HFC-134a
        ("R-410A", 0.5 * 677 + 0.5 * 3170),  # 50% HFC-32 + 50% HFC-125 = 1,923.5
        ("R-404A", 0.44 * 3170 + 0.52 * 4800 + 0.04 * 1300),  # = 3,942.8
    ],
)
def test_each_refrigerant_gwp(gas: str, gwp: float) -> None:
    result = estimate({"year": 2024, "refrigerants": [{"gas": gas, "kg": 2.5}]})
    row = _source(result, f"refrigerant:{gas}")
    assert row["factor"] == pytest.approx(gwp)
    assert row["kg"] == pytest.approx(2.5 * gwp)  # e.g. R-410A: 2.5 kg x 1,923.5 = 4,808.75
    assert row["scope"] == 1 and result["scope1_kg"] == row["kg"]


def test_r22_is_shown_apart_and_not_added() -> None:
    result = estimate(
        {"year": 2024, "refrigerants": [{"gas": "R-22", "kg": 2}, {"gas": "R-32", "kg": 1}]}
    )
    r22 = _source(result, "refrigerant:R-22")
    assert (r22["scope"], r22["factor"], r22["kg"]) == (None, 1760, 3520)  # 2 x 1,760
    assert result["scope1_kg"] == 677  # R-32 only: 1 x 677
    assert "montreal_gas" in [n["code"] for n in result["notes"]]


def test_a_restaurant_adds_up_by_hand() -> None:
    result = estimate(
        {
            "year": 2024,
            "electricity_kwh": 36_000,
            "natural_gas_m3": 2_400,
            "refrigerants": [{"gas": "R410A", "kg": 3}],
            "employees": 8,
            "revenue": 6_000_000,
        }
    )
    # scope 2: 36,000 x 0.474 = 17,064; scope 1: 2,400 x 1.879 + 3 x 1,923.5 = 4,509.6 +
    # 5,770.5 = 10,280.1; total 27,344.1; per employee /8 = 3,418.0125; per NT$ million /6.
    assert result["scope2_kg"] == 17_064.0
    assert result["scope1_kg"] == pytest.approx(10_280.1)
    assert result["total_kg"] == pytest.approx(27_344.1)
    assert result["intensity"]["per_employee_kg"] == pytest.approx(3418.012, abs=1e-3)
    assert result["intensity"]["per_million_ntd_kg"] == pytest.approx(4557.35)
    assert result["missing"] == ["lpg_kg", "diesel_l", "gasoline_l", "fuel_oil_l"]
    assert [s["source"] for s in result["by_source"]] == [
        "electricity",
        "natural_gas",
        "refrigerant:R-410A",
    ]


def test_unknown_stays_unknown() -> None:
    result = estimate({"year": 2024})
    assert (result["scope1_kg"], result["scope2_kg"], result["total_kg"]) == (None, None, None)
    assert result["by_source"] == [] and result["factors"] == []
    assert result["intensity"] == {"per_employee_kg": None, "per_million_ntd_kg": None}
    known = estimate({"year": 2024, "electricity_kwh": 100, "employees": 0})
    assert known["intensity"]["per_employee_kg"] is None  # no one to divide by
    assert known["intensity"]["per_million_ntd_kg"] is None  # revenue unknown


def test_the_average_tariff_weights_each_price_by_its_days() -> None:
    # 2024 (366 days): 3.1154 for Jan 1-Mar 31 (91 days), 3.4518 for Apr 1-Oct 15 (198),
    # 3.7556 for Oct 16-Dec 31 (77).
    by_hand = (3.1154 * 91 + 3.4518 * 198 + 3.7556 * 77) / 366
    assert average_tariff(2024) == pytest.approx(by_hand)
    assert average_tariff(2021) == pytest.approx(2.6253)  # one price all year
    result = estimate({"year": 2024, "electricity_ntd": 120_000})
    kwh = 120_000 / by_hand
    row = _source(result, "electricity")
    assert row["quantity"] == pytest.approx(kwh, abs=1e-3)
    assert result["scope2_kg"] == pytest.approx(kwh * 0.474, abs=1e-3)
    assert [f["name"] for f in result["factors"]] == ["carbon.average_tariff", "carbon.grid_factor"]
    assert "electricity_from_bills" in [n["code"] for n in result["notes"]]


def test_bills_before_the_first_tariff_are_refused() -> None:
    errors = _errors({"year": 2018, "electricity_ntd": 1000})
    assert "2018 年沒有平均電價資料" in errors["electricity_ntd"][0]


@pytest.mark.parametrize(
    ("inputs", "field", "zh"),
    [
        ({"year": 2024, "diesel_l": -1}, "diesel_l", "不得為負數"),
        (
            {"year": 2024, "electricity_kwh": BOUNDS["electricity_kwh"] + 1},
            "electricity_kwh",
            "請檢查單位",
        ),
        ({"year": 2024, "lpg_kg": "many"}, "lpg_kg", "須為數字"),
        ({"year": 2024, "lpg_kg": True}, "lpg_kg", "須為數字"),
        ({"year": 2024, "coal_kg": 5}, "coal_kg", "不是碳排估算的欄位"),
        ({"year": 2016, "electricity_kwh": 5}, "year", "最早可估算 2017 年"),
        ({"year": MAX_YEAR + 1}, "year", "不得晚於"),
        ({"year": "2024"}, "year", "須為西元年"),
        ({}, "year", "必填"),
        (
            {"year": 2024, "refrigerants": [{"gas": "R-999", "kg": 1}]},
            "refrigerants[0].gas",
            "不是可估算的冷媒",
        ),
        (
            {"year": 2024, "refrigerants": [{"gas": "R-32", "kg": -2}]},
            "refrigerants[0].kg",
            "不得為負數",
        ),
        ({"year": 2024, "refrigerants": [{"gas": "R-32"}]}, "refrigerants[0]", "須為"),
        ({"year": 2024, "refrigerants": {"gas": "R-32"}}, "refrigerants", "須為清單"),
        ({"year": 2024, "electricity_kwh": 1, "electricity_ntd": 4}, "electricity_ntd", "擇一"),
        ({"year": 2024, "employees": 2.5}, "employees", "須為整數"),
        ({"year": 2024, "revenue": -5}, "revenue", "不得為負數"),
    ],
)
def test_bad_input_names_the_field(inputs: dict[str, Any], field: str, zh: str) -> None:
    errors = _errors(inputs)
    assert field in errors, errors
    assert zh in errors[field][0]
    assert errors[field][1]  # and in English


def test_every_bad_field_is_named_at_once() -> None:
    errors = _errors({"year": 2024, "diesel_l": -1, "gasoline_l": 1e12, "fuel": 3})
    assert set(errors) == {"diesel_l", "gasoline_l", "fuel"}
    assert _errors([1, 2]) == {
        "(inputs)": ("估算資料須為 JSON 物件", "the inputs must be a JSON object")
    }


def test_the_bounds_themselves_are_accepted() -> None:
    result = estimate({"year": 2024, "electricity_kwh": BOUNDS["electricity_kwh"], "diesel_l": 0})
    assert result["scope2_kg"] == pytest.approx(BOUNDS["electricity_kwh"] * 0.474)
    assert result["scope1_kg"] == 0  # given as 0: known, and none


@pytest.mark.parametrize("written", ["R-410A", "R410A", "r410a", "R 410A", "r-410a"])
def test_refrigerant_names_as_people_write_them(written: str) -> None:
    assert refrigerant_name(written) == "R-410A"
    assert refrigerant_name("HFC-134a") == "R-134a"
    assert refrigerant_name("propane") is None


def test_every_factor_is_cited_with_a_unit() -> None:
    params = load_parameters()
    for name in (n for n in params if n.startswith("carbon.")):
        param = params[name]
        assert param.unit and param.references, name
        for on in param.dates:
            assert param.reference_on(on), (name, on)


def test_inputs_from_a_profile_file() -> None:
    profile = {"name": "x", "employees": 8, "annual_revenue": 6_000_000, "carbon": {"year": 2024}}
    assert inputs_from_profile(profile) == {"year": 2024, "employees": 8, "revenue": 6_000_000}
    flat = {"industry": "56", "electricity_kwh": 10, "employees": 3}
    assert inputs_from_profile(flat) == {"electricity_kwh": 10, "employees": 3}


# --- the command ----------------------------------------------------------------------


def _run(*args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(main, list(args), input=stdin)


def test_the_command_gives_the_estimate_as_json() -> None:
    example = Path(__file__).parents[2] / "examples" / "restaurant-carbon.json"
    result = _run("carbon", str(example))
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    inputs = inputs_from_profile(json.loads(example.read_text("utf-8")))
    assert body == estimate(inputs)
    # 36,000 x 0.474 + 2,400 x 1.879 + 300 x 3.1815 + 3 x 1,923.5 = 28,298.55
    assert body["total_kg"] == pytest.approx(28_298.55)


def test_the_command_takes_the_year_and_prints_a_table() -> None:
    stdin = json.dumps({"electricity_kwh": 1000})
    result = _run("carbon", "-", "--year", "2023", "--format", "table", stdin=stdin)
    assert result.exit_code == 0, result.output
    assert "494.0" in result.output  # 1,000 x 0.494
    assert "範疇二" in result.output and "未知" in result.output  # scope 1 unknown


def test_the_command_names_bad_fields() -> None:
    result = _run("carbon", "-", "--year", "2024", stdin=json.dumps({"diesel_l": -3}))
    assert result.exit_code == 2
    assert "diesel_l" in result.output and "不得為負數" in result.output
    early = _run("carbon", "-", "--year", "2010", stdin="{}")
    assert early.exit_code == 2 and "最早可估算" in early.output
