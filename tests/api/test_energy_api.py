"""``POST /api/v1/energy/savings`` through Django's test client: the answer, the errors, the
limits."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from smewindow.api.energy import SavingsOut
from smewindow.rules.energy import savings

ON = "2025-06-02"
FACTORY = {
    "sme": True,
    "revenue": 80_000_000,
    "items": [
        {
            "kind": "air_compressor",
            "compressor_type": "fixed_speed_rotary",
            "efficiency_class": "d25",
            "kw": 75,
            "units": 2,
            "hours_per_year": 4000,
            "load_factor": 0.8,
            "cost_ntd": 3_000_000,
            "old_kw": 90,
        },
        {"kind": "motor", "kw": 11, "hours_per_year": 6000},
    ],
}


@pytest.fixture
def client() -> Client:
    return Client()


def post(client: Client, body: Any, on: str | None = ON, raw: bool = False) -> Any:
    path = "/api/v1/energy/savings" + (f"?on={on}" if on else "")
    data = body if raw else json.dumps(body)
    return client.post(path, data=data, content_type="application/json")


def test_the_savings_of_a_plastics_factory(client: Client) -> None:
    response = post(client, FACTORY)
    assert response.status_code == 200
    body = response.json()
    assert body == json.loads(json.dumps(savings(FACTORY, dt.date(2025, 6, 2))))
    SavingsOut.model_validate(body)
    compressor, motor = body["items"]
    assert compressor["subsidy"] == 774_000  # 75 × 4,300 × 2 × 1.2
    assert compressor["kwh"] == pytest.approx(96_000)  # (90 − 75) × 4,000 × 0.8 × 2
    assert motor["subsidy"] is None and motor["subsidy_note"] == "rate_unconfirmed"
    assert body["totals"]["power_equipment_subsidy"] is None
    assert body["totals"]["power_equipment_subsidy_at_least"] == 774_000
    assert {a["name"] for a in body["assumptions"]} >= {"carbon.grid_factor"}


def test_the_date_defaults_to_today(client: Client) -> None:
    response = post(client, {"items": [{"kind": "lighting", "cost_ntd": 1000}]}, on=None)
    assert response.status_code == 200
    assert response.json()["totals"]["service_energy_equipment_subsidy"] == 500


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"items": []}, ["items"]),
        ({}, ["items"]),
        ({"items": [{"kind": "boiler", "kw": -1}]}, ["items[0].kind", "items[0].kw"]),
        ({"items": [{"kind": "motor", "hours_per_year": "many"}]}, ["items[0].hours_per_year"]),
        ({"items": [{"kind": "motor"}], "sme": "yes", "x": 1}, ["sme", "x"]),
    ],
)
def test_bad_input_answers_422_naming_each_field(
    client: Client, body: dict[str, Any], fields: list[str]
) -> None:
    response = post(client, body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert sorted(d["field"] for d in detail) == sorted(fields)
    assert all(d["message_zh"] and d["message_en"] for d in detail)


@pytest.mark.parametrize("body", ["[]", '"items"', "null", "12"])
def test_a_body_that_is_no_object_answers_422(client: Client, body: str) -> None:
    response = post(client, body, raw=True)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "(body)"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('{"items": ' + "[" * 25 + "]" * 25 + "}", "巢狀"),
        ('{"revenue": ' + "9" * 25 + "}", "超過 20 位"),
        ('{"tariff_ntd_per_kwh": NaN}', "NaN"),
        ("{not json", "JSON"),
    ],
)
def test_json_over_the_bounds_or_broken_answers_422(client: Client, body: str, words: str) -> None:
    response = post(client, body, raw=True)
    assert response.status_code == 422
    assert words in response.json()["detail"]


@pytest.mark.parametrize("on", ["2024-12-31", "2025-13-01", "yesterday"])
def test_a_bad_date_answers_422(client: Client, on: str) -> None:
    response = post(client, FACTORY, on=on)
    assert response.status_code == 422


def test_a_body_over_64_kb_answers_413(client: Client) -> None:
    response = post(client, {"items": [{"kind": "motor"}], "note": "x" * 70_000})
    assert response.status_code == 413


def test_only_post(client: Client) -> None:
    response = client.get("/api/v1/energy/savings")
    assert response.status_code == 405


def test_the_openapi_schema_documents_it(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    body = schema["paths"]["/api/v1/energy/savings"]["post"]["requestBody"]
    assert "items" in body["content"]["application/json"]["schema"]["properties"]
