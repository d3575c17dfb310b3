"""GET /api/v1/escos: items and total, the filters, 422 naming a bad filter, the schema."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.test import Client

from smewindow.netzero.models import Esco

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture
def demo() -> None:
    call_command("load_demo_escos", verbosity=0)


def get(client: Client, status: int = 200, **params: Any) -> Any:
    response = client.get(f"/api/v1/escos?{urlencode(params)}")
    assert response.status_code == status, response.content.decode()
    return response.json()


def test_items_and_total(client: Client) -> None:
    found = get(client, q="北辰")
    assert (found["total"], found["page"], found["per_page"]) == (1, 1, 20)
    (item,) = found["items"]
    assert item == {
        "id": item["id"],
        "name": "（示範）北辰節能科技股份有限公司",
        "business_id": "",
        "counties": ["臺北市", "新北市", "基隆市"],
        "all_counties": False,
        "services": ["air_conditioning", "lighting", "energy_management"],
        "services_zh": ["空調", "照明", "能源管理系統"],
        "services_en": ["air-conditioning", "lighting", "energy-management systems"],
        "certifications": ["registered", "iso50001"],
        "certifications_zh": ["能源技術服務業服務能量登錄", "ISO 50001 能源管理系統驗證"],
        "certifications_en": [
            "registered on the ESCO service-capacity platform",
            "ISO 50001 energy-management certificate",
        ],
        "address": "臺北市中山區（示範地址）",
        "phone": "",
        "email": "contact@north-esco.example.com",
        "url": "https://north-esco.example.com/",
        "source": "示範資料：為展示而產生，非真實業者 (generated demo data, not a real ESCO)",
        "is_approved": True,
        "is_demo": True,
    }


def test_filters_and_pages(client: Client) -> None:
    assert get(client)["total"] == 12
    everywhere = get(client, county="連江縣")["items"]
    assert [i["name"] for i in everywhere if i["all_counties"]] == [
        "（示範）全國能源管理顧問股份有限公司"
    ]
    assert get(client, county="台中市")["total"] == get(client, county="臺中市")["total"] == 3
    assert get(client, service="air_compressor", certified="registered")["total"] == 3
    assert get(client, q="", county="", service="")["total"] == 12  # empty is no filter
    page = get(client, page=2, per_page=5)
    assert (page["total"], len(page["items"]), page["page"]) == (12, 5, 2)


@pytest.mark.parametrize(
    ("params", "field", "zh"),
    [
        ({"county": "火星市"}, "county", "須為下列之一"),
        ({"service": "plumbing"}, "service", "須為下列之一"),
        ({"certified": "gold"}, "certified", "須為下列之一"),
        ({"page": "0"}, "page", "不可小於 1"),
        ({"per_page": "101"}, "per_page", "不可大於 100"),
        ({"q": "x" * 201}, "q", "不可超過 200 字"),
    ],
)
def test_a_bad_filter_is_named(client: Client, params: dict[str, str], field: str, zh: str) -> None:
    (error,) = get(client, 422, **params)["detail"]
    assert error["field"] == field
    assert error["message_zh"].startswith(zh) and error["message_en"]


def test_the_schema_lists_the_parameters(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    parameters = schema["paths"]["/api/v1/escos"]["get"]["parameters"]
    by_name = {p["name"]: p for p in parameters}
    assert {"q", "county", "service", "certified", "page", "per_page"} <= set(by_name)
    assert "臺北市" in by_name["county"]["schema"]["enum"]
    assert "air_compressor" in by_name["service"]["schema"]["enum"]


def test_withdrawn_escos_are_not_offered(client: Client) -> None:
    Esco.objects.filter(name__contains="北辰").update(is_approved=False)
    assert get(client, q="北辰")["total"] == 0
    assert get(client)["total"] == 11
