"""``POST /api/v1/segment`` through Django's test client: the answer, the errors, the limits."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from smewindow.api.segment import SegmentOut
from smewindow.rules.segments import segment

ON = "2025-04-01"
PILOT = {"employees": 12, "digital_tools": ["erp"], "ai_use": "pilot", "needs": ["ai"]}


@pytest.fixture
def client() -> Client:
    return Client()


def post(client: Client, body: Any, on: str | None = ON, raw: bool = False) -> Any:
    path = "/api/v1/segment" + (f"?on={on}" if on else "")
    data = body if raw else json.dumps(body)
    return client.post(path, data=data, content_type="application/json")


def test_the_segment_of_a_profile(client: Client) -> None:
    response = post(client, PILOT)
    assert response.status_code == 200
    body = response.json()
    assert body == segment(PILOT, dt.date(2025, 4, 1)).as_dict()
    SegmentOut.model_validate(body)
    assert body["size_class"] == "small"
    assert body["ai_readiness"] == {"level": 3, "name": "AI試行", "name_en": "Piloting AI"}
    assert body["needs"] == ["ai"]
    assert body["segment"] == "small-L3"
    assert body["recommended"][0] == "ai-readiness-diagnosis"
    assert body["referrals"] == ["research_institute", "sme_ai_platform"]


def test_an_empty_profile_is_all_unknown(client: Client) -> None:
    body = post(client, {}).json()
    assert body["size_class"] is None
    assert body["ai_readiness"] == {"level": None, "name": None, "name_en": None}
    assert body["needs"] is None and body["segment"] == "unknown-unknown"
    assert body["recommended"] == [] and body["referrals"] == []


def test_the_date_defaults_to_today_in_taipei(client: Client) -> None:
    response = post(client, {"employees": 3}, on=None)
    assert response.status_code == 200
    assert response.json()["size_class"] == "micro"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"employees": "12"}, ["employees"]),
        ({"employees": 12.5}, ["employees"]),
        ({"ai_use": "sometimes"}, ["ai_use"]),
        ({"digital_tools": "pos"}, ["digital_tools"]),
        ({"digital_tools": ["pos", "pos"]}, ["digital_tools"]),
        ({"needs": ["money"]}, ["needs[0]"]),
        ({"employees": -1, "surprise": 1}, ["employees", "surprise"]),
    ],
)
def test_bad_types_answer_422_naming_each_field_in_chinese(
    client: Client, body: dict[str, Any], fields: list[str]
) -> None:
    response = post(client, body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert sorted(d["field"] for d in detail) == sorted(fields)
    assert all(d["message_zh"] and d["message_en"] for d in detail)


@pytest.mark.parametrize("body", ["[]", '"a profile"', "null", "12"])
def test_a_body_that_is_no_object_answers_422(client: Client, body: str) -> None:
    response = post(client, body, raw=True)
    assert response.status_code == 422
    assert response.json()["detail"][0]["message_zh"] == "企業概況須為 JSON 物件"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('{"needs": ' + "[" * 25 + "]" * 25 + "}", "巢狀"),
        ('{"employees": ' + "9" * 25 + "}", "超過 20 位"),
        ('{"employees": NaN}', "NaN"),
        ("{not json", "JSON"),
    ],
)
def test_json_over_the_bounds_or_broken_answers_422(client: Client, body: str, words: str) -> None:
    response = post(client, body, raw=True)
    assert response.status_code == 422
    assert words in response.json()["detail"]


@pytest.mark.parametrize("on", ["2024-12-31", "2025-13-01", "yesterday"])
def test_a_bad_date_answers_422(client: Client, on: str) -> None:
    response = post(client, {}, on=on)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], str)


def test_a_body_over_64_kb_answers_413(client: Client) -> None:
    response = post(client, {"name": "x" * 70_000})
    assert response.status_code == 413


def test_only_post(client: Client) -> None:
    response = client.get("/api/v1/segment")
    assert response.status_code == 405
    assert "POST" in response["Allow"]


def test_the_openapi_schema_documents_it(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/segment"]["post"]
    assert set(operation["responses"]) >= {"200", "413", "422"}
    assert "requestBody" in operation
