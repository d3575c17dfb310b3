"""The comparison of a firm's electricity per m² with the cited public figures."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from smewindow.rules.carbon import estimate
from smewindow.rules.carbon_comparison import (
    FIGURES,
    CarbonComparisonError,
    comparisons,
    fitting,
)
from smewindow.rules.parameters import load_parameters

ON = dt.date(2024, 1, 1)


def _restaurant(**extra: object) -> dict[str, object]:
    """A small restaurant's 2024 estimate: 36,000 kWh and some LPG."""
    return estimate({"year": 2024, "electricity_kwh": 36_000, "lpg_kg": 1_200, **extra})


def test_the_cited_values_are_the_ones_compared_with() -> None:
    params = load_parameters()
    assert params["carbon_comparison.street_shop_eui"].at(ON) == 153.73
    assert params["carbon_comparison.commercial_shop_eui"].at(ON) == 354.83
    assert params["carbon_comparison.tourist_hotel_eui"].at(ON) == 225.69


def test_a_restaurant_is_compared_with_both_shop_surveys_by_hand() -> None:
    # 36,000 kWh over 120 m² = 300 kWh/m²; 300 / 153.73 = 1.951…; 300 / 354.83 = 0.845…
    found = comparisons(_restaurant(), industry="56", floor_area_m2=120, on=ON)
    assert [c["figure_id"] for c in found] == ["street_shop_eui", "commercial_shop_eui"]
    street, commercial = found
    assert street["firm_value"] == 300.0
    assert street["public_value"] == 153.73
    assert street["ratio"] == 1.951
    assert commercial["ratio"] == 0.845
    assert street["unit"] == "kWh/m2/yr"
    assert (street["year"], commercial["year"]) == (2005, 2006)
    assert street["source"] == (
        "https://thesis.lib.ncku.edu.tw/thesis/detail/96632c6a2d3a30aa345e45d448805f01"
    )
    assert street["official"] is False and street["unconfirmed"] is False
    assert street["label"] and street["label_en"] and street["note"] and street["note_en"]


def test_a_hotel_is_compared_with_the_hotel_study_only() -> None:
    # 2,000,000 kWh over 8,000 m² = 250 kWh/m²; 250 / 225.69 = 1.1077…
    hotel = estimate({"year": 2023, "electricity_kwh": 2_000_000})
    found = comparisons(hotel, industry="55", floor_area_m2=8_000, on=dt.date(2023, 1, 1))
    assert [(c["figure_id"], c["firm_value"], c["ratio"], c["year"]) for c in found] == [
        ("tourist_hotel_eui", 250.0, 1.108, 2014)
    ]


def test_kwh_from_the_bills_are_compared_and_said_to_be_converted() -> None:
    # The estimate converts NT$ to kWh at the year's average tariff; the comparison reads
    # those kWh, so it agrees with the estimate's own row.
    inputs = {"year": 2024, "electricity_ntd": 150_000}
    result = estimate(inputs)
    kwh = next(r["quantity"] for r in result["by_source"] if r["source"] == "electricity")
    (street, _) = comparisons(result, industry="47", floor_area_m2=50, on=ON)
    assert street["firm_value"] == round(kwh / 50, 2)
    assert math.isclose(street["ratio"], kwh / 50 / 153.73, abs_tol=0.0005)
    assert "電費換算" in street["note"] and "converted from its bills" in street["note_en"]
    (direct, _) = comparisons(_restaurant(), industry="47", floor_area_m2=50, on=ON)
    assert "電費換算" not in direct["note"]


@pytest.mark.parametrize("industry", ["22", "25", "62", "45", "01"])
def test_an_industry_no_public_figure_fits_gets_none(industry: str) -> None:
    assert fitting(industry) == ()
    assert comparisons(_restaurant(), industry=industry, floor_area_m2=120, on=ON) == []


def test_the_industry_matching() -> None:
    shops = {"street_shop_eui", "commercial_shop_eui"}
    for code in ("47", "56", "95", "96"):
        assert {f.key for f in fitting(code)} == shops, code
    assert [f.key for f in fitting("55")] == ["tourist_hotel_eui"]
    covered = set().union(*(f.industries for f in FIGURES))
    assert covered == {"47", "55", "56", "95", "96"}


@pytest.mark.parametrize(
    ("inputs", "industry", "floor_area"),
    [
        ({"year": 2024, "electricity_kwh": 36_000}, None, 120),  # industry unknown
        ({"year": 2024, "electricity_kwh": 36_000}, "56", None),  # floor area unknown
        ({"year": 2024, "lpg_kg": 1_200}, "56", 120),  # no electricity given
        ({"year": 2024}, "56", 120),  # nothing given at all
    ],
)
def test_unknown_inputs_give_no_comparison_never_zero(
    inputs: dict[str, object], industry: str | None, floor_area: float | None
) -> None:
    assert comparisons(estimate(inputs), industry=industry, floor_area_m2=floor_area, on=ON) == []


def test_no_electricity_used_is_a_real_zero_not_unknown() -> None:
    found = comparisons(
        estimate({"year": 2024, "electricity_kwh": 0}), industry="96", floor_area_m2=40, on=ON
    )
    assert [(c["firm_value"], c["ratio"]) for c in found] == [(0.0, 0.0), (0.0, 0.0)]


def test_a_date_before_a_figure_was_published_gives_no_comparison() -> None:
    result = _restaurant()
    assert comparisons(result, industry="55", floor_area_m2=100, on=dt.date(2013, 12, 31)) == []
    early = comparisons(result, industry="56", floor_area_m2=100, on=dt.date(2005, 6, 1))
    assert [c["figure_id"] for c in early] == ["street_shop_eui"]


@pytest.mark.parametrize(
    ("industry", "floor_area", "fields"),
    [
        ("5", 100, ["industry"]),
        ("99", 100, ["industry"]),
        ("56", 0, ["floor_area_m2"]),
        ("56", -3, ["floor_area_m2"]),
        ("56", float("nan"), ["floor_area_m2"]),
        ("56", True, ["floor_area_m2"]),
        ("56", "120", ["floor_area_m2"]),
        ("56", 20_000_000, ["floor_area_m2"]),
        ("x", float("inf"), ["industry", "floor_area_m2"]),
    ],
)
def test_bad_input_names_every_bad_field_in_both_languages(
    industry: object, floor_area: object, fields: list[str]
) -> None:
    with pytest.raises(CarbonComparisonError) as caught:
        comparisons(
            _restaurant(),
            industry=industry,  # type: ignore[arg-type]
            floor_area_m2=floor_area,  # type: ignore[arg-type]
            on=ON,
        )
    assert [e.field for e in caught.value.errors] == fields
    assert all(e.message_zh and e.message_en for e in caught.value.errors)
