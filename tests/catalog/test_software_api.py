"""GET /api/v1/software: the JSON, the filters as query parameters, the page limits, 422
naming each bad parameter, hostile strings, and the OpenAPI schema."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from .test_software_pages import WITHDRAWN, software  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("software")]


def get(client: Client, **params: Any) -> Any:
    response = client.get(f"/api/v1/software?{urlencode(params, doseq=True)}")
    assert response.status_code == 200, response.content.decode()
    return response.json()


def names(client: Client, **params: Any) -> list[str]:
    return sorted(item["name"] for item in get(client, **params)["items"])


def test_software_as_json(client: Client) -> None:
    found = get(client, q="客服")
    assert (found["total"], found["page"], found["per_page"]) == (2, 1, 20)
    first = found["items"][0]
    assert first == {
        "id": first["id"],
        "name": "智慧客服機器人",
        "vendor": "乙資訊有限公司",
        "vendor_business_id": "04595257",
        "category": "智慧客服",
        "price": 12000,
        "url": "https://example.com/s/2",
        "is_approved": True,
        "is_demo": False,
    }
    assert get(client, q="文案")["items"][0]["price"] is None  # unknown, not 0


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "碳"}, ["碳足跡盤查平台"]),
        ({"q": "记帐"}, ["電子發票與記帳"]),  # Simplified
        ({"category": "智慧點餐"}, ["POS 點餐系統"]),
        ({"min_price": "10000", "max_price": "30000", "approved": "true"},
         ["智慧客服機器人", "雲端進銷存 ERP"]),
        ({"min_price": "100000"}, ["電子發票與記帳"]),
        ({"approved": "false"}, [WITHDRAWN]),
        ({"q": "進銷存", "approved": "true"}, ["雲端進銷存 ERP"]),
        ({"q": "%"}, []),
        ({"page": "9"}, []),
    ],
)  # fmt: skip
def test_filters(client: Client, params: dict[str, str], expected: list[str]) -> None:
    assert names(client, **params) == sorted(expected)


def test_every_parameter_empty_is_no_filter(client: Client) -> None:
    empty = dict.fromkeys(["q", "category", "min_price", "max_price", "approved", "page"], "")
    assert get(client, **empty, per_page="")["total"] == 8


def test_pages_with_the_total(client: Client) -> None:
    pages = [get(client, per_page=3, page=n) for n in (1, 2, 3)]
    assert [len(p["items"]) for p in pages] == [3, 3, 2]
    assert {p["total"] for p in pages} == {8}
    assert len({item["id"] for p in pages for item in p["items"]}) == 8


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"per_page": "101"}, "per_page"),
        ({"per_page": "0"}, "per_page"),
        ({"page": "0"}, "page"),
        ({"page": "100001"}, "page"),
        ({"page": "55729658643712455390005297152"}, "page"),
        ({"min_price": "-1"}, "min_price"),
        ({"min_price": "12,000"}, "min_price"),
        ({"max_price": "2147483648"}, "max_price"),
        ({"min_price": "20000", "max_price": "10000"}, "max_price"),
        ({"category": "智慧\x00客服"}, "category"),
        ({"category": "類" * 41}, "category"),
        ({"approved": "maybe"}, "approved"),
        ({"q": "碳" * 201}, "q"),
    ],
)
def test_bad_parameters_answer_422_naming_the_field(
    client: Client, params: dict[str, str], field: str
) -> None:
    response = client.get(f"/api/v1/software?{urlencode(params)}")
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["field"] == field
    assert problem["message_zh"] and problem["message_en"]


def test_422_lists_every_bad_parameter_in_chinese_and_english(client: Client) -> None:
    response = client.get("/api/v1/software?per_page=500&min_price=9&max_price=1")
    problems = {p["field"]: p for p in response.json()["detail"]}
    assert set(problems) == {"per_page", "max_price"}
    assert problems["per_page"]["message_zh"] == "不可大於 100"
    assert problems["max_price"]["message_zh"] == "不可小於 min_price"


@pytest.mark.parametrize(
    ("q", "total"),
    [("_", 0), ("' OR '1'='1", 0), ("碳'); DROP TABLE catalog_softwareproduct; --", 0),
     ("\x00", 8), ("\\", 0), ("<script>", 0)],
)  # fmt: skip
def test_hostile_queries_are_only_text(client: Client, q: str, total: int) -> None:
    assert get(client, q=q)["total"] == total
    assert get(client)["total"] == 8


def test_in_the_openapi_schema(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    endpoint = schema["paths"]["/api/v1/software"]["get"]
    parameters = {p["name"]: p for p in endpoint["parameters"]}
    assert set(parameters) == {
        "q", "page", "per_page", "category", "min_price", "max_price", "approved",
    }  # fmt: skip
    assert parameters["per_page"]["schema"]["maximum"] == 100
    assert parameters["min_price"]["schema"] == {"type": "integer", "minimum": 0,
                                                 "maximum": 2147483647}  # fmt: skip
    assert set(endpoint["responses"]) == {"200", "422"}
