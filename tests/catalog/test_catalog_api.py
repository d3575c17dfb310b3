"""GET /api/v1/courses and /api/v1/providers: the JSON, the filters as query parameters,
422 naming each bad parameter, hostile strings, and the OpenAPI schema."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from .test_search import catalogue  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def get(client: Client, path: str, **params: Any) -> Any:
    response = client.get(f"/api/v1/{path}?{urlencode(params, doseq=True)}")
    assert response.status_code == 200, response.content.decode()
    return response.json()


def codes(client: Client, **params: Any) -> list[str]:
    return [item["code"] for item in get(client, "courses", **params)["items"]]


@pytest.mark.usefixtures("catalogue")
def test_courses_as_json(client: Client) -> None:
    found = get(client, "courses", q="碳")
    assert (found["total"], found["page"], found["per_page"]) == (3, 1, 20)
    first = found["items"][0]
    assert first == {
        "id": first["id"],
        "code": "C03",
        "name": "碳盤查工具",
        "provider": "台北市進出口商業同業公會",
        "hours_physical": 0,
        "hours_online": 12,
        "total_hours": 12,
        "url": "https://example.com/c/3",
        "industry": "metal",
        "topic": "生產管理",
        "track": "manufacturing",
        "is_approved": True,
        "is_demo": False,
    }
    unknown = get(client, "courses", q="C06")["items"][0]
    assert (unknown["hours_physical"], unknown["total_hours"], unknown["industry"]) == (
        None,
        None,
        "",
    )
    assert get(client, "courses", q="C02")["items"][0]["total_hours"] == 7.5


@pytest.mark.usefixtures("catalogue")
def test_every_parameter_empty_is_no_filter(client: Client) -> None:
    names = "q industry topic track region provider_type mode min_hours session_from session_to"
    empty = dict.fromkeys([*names.split(), "approved", "page", "per_page"], "")
    assert get(client, "courses", **empty)["total"] == 7
    assert get(client, "providers", q="", type="", region="", page="", per_page="")["total"] == 5


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"industry": "common"}, ["C01", "C02", "C07"]),
        ({"industry": ["plastics", "common"]}, ["C01", "C02", "C05", "C07"]),
        ({"topic": "行銷管理", "approved": "true"}, ["C02", "C07"]),
        ({"track": "services"}, ["C06", "C07"]),
        ({"region": "central", "min_hours": "1"}, ["C05"]),
        ({"provider_type": "private"}, ["C04", "C07"]),
        ({"mode": "online", "min_hours": "12"}, ["C03"]),
        ({"session_from": "2025-06-01", "session_to": "2025-06-30"}, ["C01"]),
        ({"approved": "false"}, ["C04"]),
        ({"q": "電商", "mode": "physical"}, ["C04", "C02"]),
        ({"per_page": "2", "page": "2"}, ["C03", "C04"]),
        ({"page": "9"}, []),
    ],
)
def test_course_filters(client: Client, params: dict[str, str], expected: list[str]) -> None:
    assert codes(client, **params) == expected


@pytest.mark.usefixtures("catalogue")
def test_providers_as_json(client: Client) -> None:
    found = get(client, "providers", q="華岡")
    assert found["total"] == 1
    assert found["items"][0] == {
        "id": found["items"][0]["id"],
        "name": "財團法人華岡興業基金會",
        "business_id": "",
        "type": "institute",
        "address": "臺中市西屯區台灣大道四段1號",
        "county": "臺中市",
        "region": "central",
        "course_count": 2,
        "is_approved": True,
        "is_demo": False,
    }
    assert [p["name"] for p in get(client, "providers", q="04595257")["items"]] == [
        "水青清股份有限公司"
    ]
    assert get(client, "providers", type="school", region="north")["total"] == 1
    assert get(client, "providers", region="islands", per_page=1)["items"][0]["region"] == "islands"


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("courses", {"per_page": "101"}, "per_page"),
        ("courses", {"per_page": "0"}, "per_page"),
        ("courses", {"page": "0"}, "page"),
        ("courses", {"page": "two"}, "page"),
        ("courses", {"session_from": "2025-13-01"}, "session_from"),
        ("courses", {"session_from": "2025/06/01"}, "session_from"),
        ("courses", {"session_to": "0"}, "session_to"),
        ("courses", {"session_from": "2025-07-01", "session_to": "2025-06-01"}, "session_to"),
        ("courses", {"industry": "plastic"}, "industry"),
        ("courses", {"track": "retail"}, "track"),
        ("courses", {"region": "北"}, "region"),
        ("courses", {"provider_type": "company"}, "provider_type"),
        ("courses", {"mode": "hybrid"}, "mode"),
        ("courses", {"min_hours": "-1"}, "min_hours"),
        ("courses", {"min_hours": "nan"}, "min_hours"),
        ("courses", {"approved": "maybe"}, "approved"),
        ("courses", {"topic": "行銷\x00"}, "topic"),
        ("courses", {"q": "碳" * 201}, "q"),
        ("providers", {"type": "school,private"}, "type"),
        ("providers", {"region": "west"}, "region"),
        ("providers", {"per_page": "1000"}, "per_page"),
        ("providers", {"page": "55729658643712455390005297152"}, "page"),  # OFFSET overflow
        ("courses", {"page": "100001"}, "page"),
        ("providers", {"q": "x" * 201}, "q"),
    ],
)
def test_bad_parameters_answer_422_naming_the_field(
    client: Client, path: str, params: dict[str, str], field: str
) -> None:
    response = client.get(f"/api/v1/{path}?{urlencode(params)}")
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["field"] == field
    assert problem["message_zh"] and problem["message_en"]


def test_422_lists_every_bad_parameter_in_chinese_and_english(client: Client) -> None:
    response = client.get("/api/v1/courses?per_page=500&industry=x&session_from=someday")
    problems = {p["field"]: p for p in response.json()["detail"]}
    assert set(problems) == {"per_page", "industry", "session_from"}
    assert problems["per_page"]["message_zh"] == "不可大於 100"
    assert problems["session_from"]["message_zh"] == "須為 YYYY-MM-DD 日期"
    assert "plastics" in problems["industry"]["message_zh"]


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize(
    ("q", "total"),
    [
        ("%", 1),  # only the course that has a literal %
        ("_", 1),
        ("%%", 0),
        ("' OR '1'='1", 0),
        ("碳'); DROP TABLE catalog_course; --", 0),
        ("\x00", 7),  # control characters are dropped: no terms left
        ("\\", 0),
        ("碳" * 200, 0),
    ],
)
def test_hostile_queries_are_only_text(client: Client, q: str, total: int) -> None:
    assert get(client, "courses", q=q)["total"] == total
    assert get(client, "providers", q=q)["total"] in (0, 5)
    assert get(client, "courses")["total"] == 7


def test_in_the_openapi_schema(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    courses = schema["paths"]["/api/v1/courses"]["get"]
    parameters = {p["name"]: p for p in courses["parameters"]}
    assert set(parameters) == {
        "q", "page", "per_page", "industry", "topic", "track", "region", "provider_type",
        "mode", "min_hours", "session_from", "session_to", "approved",
    }  # fmt: skip
    assert parameters["industry"]["schema"]["type"] == "array"
    assert parameters["industry"]["schema"]["items"]["enum"] == [
        "plastics", "electrical", "textiles", "machinery", "transport", "metal", "common",
    ]  # fmt: skip
    assert parameters["per_page"]["schema"]["maximum"] == 100
    assert parameters["session_from"]["schema"]["format"] == "date"
    assert set(courses["responses"]) == {"200", "422"}
    providers = schema["paths"]["/api/v1/providers"]["get"]
    assert {p["name"] for p in providers["parameters"]} == {
        "q", "page", "per_page", "type", "region", "approved",
    }  # fmt: skip
