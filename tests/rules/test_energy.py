"""What each energy saving is worth (rules/energy.py): the rates at each band edge, the caps,
the SME uplift, the savings arithmetic by hand, unknowns kept, and the screening's amounts
computed by the same rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest

from smewindow.rules import screen
from smewindow.rules.batch import screen_frame
from smewindow.rules.energy import SavingsInputError, compressor_rate, savings
from smewindow.rules.parameters import load_parameters

ON = dt.date(2025, 6, 2)
TABLE = load_parameters()["energy.air_compressor_rates"].at(ON)


def compressor(kw: float, **more: Any) -> dict[str, Any]:
    return {
        "kind": "air_compressor",
        "compressor_type": "fixed_speed_rotary",
        "efficiency_class": "d25",
        "kw": kw,
        **more,
    }


def one(item: dict[str, Any], **request: Any) -> dict[str, Any]:
    result: dict[str, Any] = savings({"items": [item], **request}, ON)["items"][0]
    return result


@pytest.mark.parametrize(
    ("kind", "klass", "kw", "rate"),
    [
        ("fixed_speed_rotary", "d25", 3.69, 0.0),
        ("fixed_speed_rotary", "d25", 3.7, 4300.0),
        ("fixed_speed_rotary", "d25", 75.0, 4300.0),
        ("fixed_speed_rotary", "d25", 75.01, 4100.0),
        ("fixed_speed_rotary", "d25", 200.0, 4100.0),
        ("fixed_speed_rotary", "d25", 200.01, 0.0),
        ("fixed_speed_rotary", "d15", 75.0, 2700.0),
        ("fixed_speed_rotary", "d15", 76.0, 2400.0),
        ("fixed_speed_rotary", "d5", 75.0, 1000.0),
        ("fixed_speed_rotary", "d5", 76.0, 700.0),
        ("fixed_speed_rotary", "d30", 50.0, 0.0),
        ("reciprocating", "d15", 75.0, 1100.0),
        ("reciprocating", "d5", 75.0, 1000.0),
        ("reciprocating", "d15", 76.0, None),
        ("variable_speed_rotary", "d30", 7.49, 0.0),
        ("variable_speed_rotary", "d30", 7.5, 5000.0),
        ("variable_speed_rotary", "d30", 75.0, 5000.0),
        ("variable_speed_rotary", "d30", 75.5, 4800.0),
        ("variable_speed_rotary", "d25", 75.0, 3300.0),
        ("variable_speed_rotary", "d25", 200.0, 3000.0),
        ("variable_speed_rotary", "d15", 75.0, 1000.0),
        ("variable_speed_rotary", "d15", 200.0, 700.0),
    ],
)
def test_the_rate_at_each_band_edge(kind: str, klass: str, kw: float, rate: float | None) -> None:
    assert compressor_rate(TABLE, kind, klass, kw) == rate


def test_the_rate_table_is_the_factsheets_and_carried_past_the_amendment() -> None:
    param = load_parameters()["energy.air_compressor_rates"]
    assert param.at(dt.date(2026, 1, 29)) == TABLE
    assert not param.unconfirmed_on(dt.date(2026, 1, 28))
    assert param.unconfirmed_on(dt.date(2026, 1, 29))


def test_the_sme_uplift_multiplies_the_rate() -> None:
    assert one(compressor(75.0), sme=False)["subsidy"] == 75 * 4300
    assert one(compressor(75.0), sme=True)["subsidy"] == 387_000  # 75 × 4,300 × 1.2
    assert one(compressor(75.0))["subsidy"] is None  # SME unknown: unknown
    assert one(compressor(100.0, units=3), sme=True)["subsidy"] == 1_476_000  # 100×4100×3×1.2


def test_the_yearly_caps_across_items() -> None:
    # two lines of 10 × 200 kW d25 compressors, no uplift: 8,200,000 each
    items = [compressor(200.0, units=10), compressor(200.0, units=10)]
    small = savings({"sme": False, "revenue": 99_999_999, "items": items}, ON)["totals"]
    assert small["power_equipment_subsidy"] == 5_000_000
    large = savings({"sme": False, "revenue": 100_000_000, "items": items}, ON)["totals"]
    assert large["power_equipment_subsidy"] == 15_000_000
    one_line = savings({"sme": False, "revenue": 100_000_000, "items": items[:1]}, ON)
    assert one_line["totals"]["power_equipment_subsidy"] == 8_200_000
    unknown = savings({"sme": False, "items": items}, ON)["totals"]
    assert unknown["power_equipment_subsidy"] is None  # above 5M, the cap needs the revenue
    assert unknown["power_equipment_subsidy_at_least"] == 5_000_000
    within = savings({"sme": False, "items": [compressor(75.0)]}, ON)["totals"]
    assert within["power_equipment_subsidy"] == 322_500  # within 5M: no revenue needed


def test_the_service_subsidy_is_half_the_cost_within_the_applicants_cap() -> None:
    ac = {"kind": "air_conditioner", "kw": 2.0, "cost_ntd": 600_000}
    lamp = {"kind": "lighting", "kw": 1.0, "cost_ntd": 500_000}
    result = savings({"items": [ac, lamp]}, ON)
    assert [i["subsidy"] for i in result["items"]] == [300_000, 250_000]
    assert result["items"][0]["subsidy_note"] == "item_caps_unconfirmed"
    assert result["totals"]["service_energy_equipment_subsidy"] == 500_000
    half = savings({"items": [{**ac, "cost_ntd": 999_998}]}, ON)["totals"]
    assert half["service_energy_equipment_subsidy"] == 499_999
    unknown = savings({"items": [{**ac, "cost_ntd": None}, lamp]}, ON)["totals"]
    assert unknown["service_energy_equipment_subsidy"] is None


def test_savings_from_the_old_units_power_by_hand() -> None:
    # 2 compressors, old 90 kW, new 75 kW, 4,000 h at 80% load:
    # (90 − 75) × 4,000 × 0.8 × 2 = 96,000 kWh; × 3.7556 = 360,537.6 NT$; × 0.474 = 45,504 kg
    item = one(
        compressor(75.0, units=2, old_kw=90.0, hours_per_year=4000, load_factor=0.8, cost_ntd=3e6)
        | {"cost_ntd": 3_000_000},
        sme=True,
    )
    assert item["kwh"] == pytest.approx(96_000)
    assert item["ntd"] == pytest.approx(360_537.6)
    assert item["co2e_kg"] == pytest.approx(45_504)
    assert item["subsidy"] == 774_000  # 75 × 4,300 × 2 × 1.2
    assert item["payback_years"] == pytest.approx((3_000_000 - 774_000) / 360_537.6)
    assert item["payback_years_without_subsidy"] == pytest.approx(3_000_000 / 360_537.6)


def test_savings_from_efficiencies_and_from_the_typical_share_by_hand() -> None:
    # a 10 kW motor, IE1 0.88 → IE3 0.92, 5,000 h: 10 × 5,000 × (1/0.88 − 1/0.92)
    motor = {"kind": "motor", "kw": 10.0, "hours_per_year": 5000}
    exact = one(motor | {"old_efficiency": 0.88, "new_efficiency": 0.92})
    assert exact["kwh"] == pytest.approx(10 * 5000 * (1 / 0.88 - 1 / 0.92))
    assert exact["subsidy"] is None and exact["subsidy_note"] == "rate_unconfirmed"
    # the typical 2%: the new motor uses 50,000 kWh, the old 50,000 / 0.98
    typical = one(motor)
    assert typical["kwh"] == pytest.approx(50_000 * 0.02 / 0.98)
    own = one(motor | {"saving_share": 0.05})
    assert own["kwh"] == pytest.approx(50_000 * 0.05 / 0.95)
    # a first-grade air-conditioner, 3 kW, 2,000 h: 6,000 kWh new; the typical 32%
    ac = one({"kind": "air_conditioner", "kw": 3.0, "hours_per_year": 2000})
    assert ac["kwh"] == pytest.approx(6000 * 0.32 / 0.68)


def test_the_firms_tariff_replaces_the_average() -> None:
    item = compressor(75.0, old_kw=85.0, hours_per_year=1000)
    mine = savings({"tariff_ntd_per_kwh": 4.5, "items": [item]}, ON)
    assert mine["items"][0]["ntd"] == pytest.approx(10_000 * 4.5)
    assert "carbon.average_tariff" not in {a["name"] for a in mine["assumptions"]}
    later = savings({"items": [item]}, dt.date(2025, 10, 1))
    assert later["tariff_ntd_per_kwh"] == 3.7823
    assert later["items"][0]["ntd"] == pytest.approx(37_823)


def test_the_grid_factor_is_the_carbon_estimates() -> None:
    """10 kW saved for 1,000 hours is 10,000 kWh; times the latest year's grid factor on the
    day, 2024's 0.474 kg CO2e/kWh — the carbon estimate's own parameter, one source."""
    item = {"items": [compressor(75.0, old_kw=85.0, hours_per_year=1000)]}
    result = savings(item, dt.date(2025, 4, 14))
    assert result["items"][0]["co2e_kg"] == pytest.approx(10_000 * 0.474)
    assert "carbon.grid_factor" in {a["name"] for a in result["assumptions"]}


def test_unknowns_stay_unknown() -> None:
    result = savings(
        {
            "items": [
                compressor(75.0),  # no hours
                {"kind": "fan", "kw": 5.0, "hours_per_year": 100, "old_kw": 6.0},
                {"kind": "refrigerator", "kw": 0.5, "hours_per_year": 8760},  # no share
                {"kind": "gas_stove", "hours_per_year": 1000, "cost_ntd": 20_000},
            ]
        },
        ON,
    )
    items = result["items"]
    assert [i["kwh"] for i in items] == [None, pytest.approx(100), None, None]
    assert items[0]["ntd"] is None and items[0]["co2e_kg"] is None
    assert items[0]["payback_years"] is None
    assert items[1]["subsidy"] is None  # a fan's rate is not confirmed
    assert items[3]["subsidy"] == 10_000
    totals = result["totals"]
    assert totals["kwh"] is None and totals["ntd"] is None and totals["co2e_kg"] is None
    assert totals["power_equipment_subsidy"] is None  # the fan's part is unknown
    assert totals["power_equipment_subsidy_at_least"] == 0  # nothing known for sure
    assert totals["cost_ntd"] is None


def test_every_assumption_names_its_source_and_marks_guesses() -> None:
    result = savings({"items": [{"kind": "motor", "kw": 1.0, "hours_per_year": 1}]}, ON)
    by_name = {a["name"]: a for a in result["assumptions"]}
    assert by_name["energy.motor_saving_share"]["unconfirmed"] is True
    assert by_name["energy.motor_saving_share"]["value"] == 0.02
    assert all(a["sources"] for a in result["assumptions"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"items": []}, "items"),
        ({}, "items"),
        ({"items": [{"kind": "boiler"}]}, "items[0].kind"),
        ({"items": [{"kind": "motor", "kw": 0}]}, "items[0].kw"),
        ({"items": [{"kind": "motor", "kw": "5"}]}, "items[0].kw"),
        (
            {"items": [{"kind": "motor"}, {"kind": "motor", "hours_per_year": 9000}]},
            "items[1].hours_per_year",
        ),
        ({"items": [{"kind": "motor", "units": 0}]}, "items[0].units"),
        ({"items": [{"kind": "motor", "saving_share": 1}]}, "items[0].saving_share"),
        ({"items": [{"kind": "motor"}], "sme": "yes"}, "sme"),
        ({"items": [{"kind": "motor"}], "tariff_ntd_per_kwh": 0}, "tariff_ntd_per_kwh"),
        ({"items": [{"kind": "motor"}], "revenue": -1}, "revenue"),
        ({"items": [{"kind": "motor"}], "color": "red"}, "color"),
        ([], "(body)"),
    ],
)
def test_bad_input_names_the_field(body: Any, field: str) -> None:
    with pytest.raises(SavingsInputError) as caught:
        savings(body, ON)
    assert field in [e.field for e in caught.value.errors]
    assert all(e.message_zh and e.message_en for e in caught.value.errors)


PLASTICS = {
    "registration_type": "company",
    "industry": "22",
    "employees": 45,
    "paid_in_capital": 20_000_000,
    "annual_revenue": 80_000_000,
    "air_compressor_type": "variable_speed_rotary",
    "air_compressor_class": "d30",
    "air_compressor_kw": 37.0,
    "air_compressor_units": 3,
}


def test_the_screenings_amounts_are_the_functions() -> None:
    """The power program prices the profile's compressors as the calculator prices the same
    item; the service program prices the cost as the calculator does."""
    result = screen(PLASTICS, on=ON)
    power = next(p for p in result["programs"] if p["id"] == "power-equipment-subsidy")
    item = {
        "kind": "air_compressor",
        "compressor_type": "variable_speed_rotary",
        "efficiency_class": "d30",
        "kw": 37.0,
        "units": 3,
    }
    calc = savings({"sme": True, "revenue": 80_000_000, "items": [item]}, ON)
    assert power["benefit"]["amount"] == calc["totals"]["power_equipment_subsidy"] == 666_000
    restaurant = {
        "registration_type": "company",
        "industry": "56",
        "energy_equipment_cost": 380_000,
    }
    service = next(
        p
        for p in screen(restaurant, on=ON)["programs"]
        if p["id"] == "service-energy-equipment-subsidy"
    )
    ac = {"kind": "air_conditioner", "cost_ntd": 380_000}
    total = savings({"items": [ac]}, ON)["totals"]["service_energy_equipment_subsidy"]
    assert service["benefit"]["amount"] == total == 190_000


def test_the_batch_prices_the_compressors_as_the_screening_does() -> None:
    rows = [
        PLASTICS,
        {**PLASTICS, "air_compressor_kw": 7.4},
        {
            **PLASTICS,
            "air_compressor_type": "reciprocating",
            "air_compressor_class": "d15",
            "air_compressor_kw": 80.0,
        },
        {**PLASTICS, "air_compressor_kw": 200.0, "air_compressor_units": 10},
        {**PLASTICS, "air_compressor_class": None},
    ]
    frame = screen_frame(pl.DataFrame(rows, infer_schema_length=None).lazy(), on=ON).collect()
    amounts = frame["power-equipment-subsidy.amount"].to_list()
    singles = [
        next(p for p in screen(r, on=ON)["programs"] if p["id"] == "power-equipment-subsidy")[
            "benefit"
        ]["amount"]
        for r in rows
    ]
    assert amounts == singles == [666_000, 0, None, 5_000_000, None]


@pytest.mark.parametrize(
    "profile",
    [
        {"registration_type": "company"},
        {
            **PLASTICS,
            "annual_revenue": None,
            "air_compressor_kw": 200.0,
            "air_compressor_units": 10,
        },
        {**PLASTICS, "employees": None, "paid_in_capital": None},
    ],
)
def test_every_field_that_would_price_it_has_a_question(profile: dict[str, Any]) -> None:
    from smewindow.rules.interview import question_texts

    power = next(
        p for p in screen(profile, on=ON)["programs"] if p["id"] == "power-equipment-subsidy"
    )
    assert set(power["benefit"]["amount_fields"]) <= set(question_texts())
