"""``POST /api/v1/carbon/estimate`` through Django's test client: the answer, the errors,
the limits."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from smewindow.api.carbon import CarbonOut
from smewindow.rules.carbon import estimate

RESTAURANT = {
    "year": 2024,
    "electricity_kwh": 36_000,
    "natural_gas_m3": 2_400,
    "refrigerants": [{"gas": "R-410A", "kg": 3}],
    "employees": 8,
    "revenue": 6_000_000,
}


@pytest.fixture
def client() -> Client:
    return Client()


def post(client: Client, body: Any, raw: bool = False) -> Any:
    data = body if raw else json.dumps(body)
    return client.post("/api/v1/carbon/estimate", data=data, content_type="application/json")


def test_the_estimate_of_a_restaurant(client: Client) -> None:
    response = post(client, RESTAURANT)
    assert response.status_code == 200
    body = response.json()
    assert body == estimate(RESTAURANT)
    CarbonOut.model_validate(body)
    # 36,000 x 0.474 = 17,064; 2,400 x 1.879 + 3 x 1,923.5 = 10,280.1
    assert body["scope2_kg"] == 17_064.0
    assert body["scope1_kg"] == pytest.approx(10_280.1)
    assert body["total_kg"] == pytest.approx(27_344.1)
    assert {f["name"] for f in body["factors"]} == {
        "carbon.grid_factor",
        "carbon.natural_gas_factor",
        "carbon.gwp_r410a",
    }
    assert all(f["source"].startswith("https://") for f in body["factors"])


def test_a_later_year_notes_the_fallback(client: Client) -> None:
    body = post(client, {"year": 2025, "electricity_ntd": 100_000}).json()
    assert {n["code"] for n in body["notes"]} == {"electricity_from_bills", "grid_factor_fallback"}
    assert body["scope1_kg"] is None and body["intensity"]["per_employee_kg"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"year": 2024, "diesel_l": -1}, "diesel_l"),
        ({"year": 2015, "electricity_kwh": 1}, "year"),
        ({"electricity_kwh": 1}, "year"),
        ({"year": 2024, "refrigerants": [{"gas": "CFC-12", "kg": 1}]}, "refrigerants[0].gas"),
        ({"year": 2024, "coal_kg": 1}, "coal_kg"),
        ([], "(inputs)"),
    ],
)
def test_bad_input_answers_422_naming_the_field(client: Client, body: Any, field: str) -> None:
    response = post(client, body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert field in {d["field"] for d in detail}
    assert all(d["message_zh"] and d["message_en"] for d in detail)


@pytest.mark.parametrize(
    "raw",
    ["{", '{"year": NaN}', '{"year": 2024, "diesel_l": 1e999}', "[" * 50 + "]" * 50, "9" * 30],
)
def test_json_over_the_bounds_answers_422(client: Client, raw: str) -> None:
    response = post(client, raw, raw=True)
    assert response.status_code == 422


def test_the_endpoint_is_in_the_openapi_schema(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/carbon/estimate" in schema["paths"]
