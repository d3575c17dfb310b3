"""The net-zero tool (/netzero/) with the test client: the two paths, the results read from
the rules (the figures checked against ``rules.carbon`` and ``rules.energy`` by hand), the
inputs kept in the link, the PDF and CSV, bad input named by field, and sending the results
to chosen ESCOs and the desk (a case, a record, a mail to each ESCO, all or nothing)."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client
from pypdf import PdfReader

from smewindow.desk.models import Consultation
from smewindow.finder.state import InterviewState
from smewindow.netzero.models import Esco, EstimateShare
from smewindow.netzero.services import demo_escos_load
from smewindow.outbox.models import Mail

pytestmark = pytest.mark.django_db

RESTAURANT = {
    "sector": "service",
    "sent": "1",
    "year": "2024",
    "electricity_unit": "kwh",
    "electricity": "36,000度",
    "natural_gas_m3": "",
    "lpg_kg": "１２００",
    "r0_gas": "R-410A",
    "r0_kg": "3",
    "employees": "8人",
    "revenue": "600萬",
    "county": "台中市",
    "s0_kind": "air_conditioner",
    "s0_kw": "3.5",
    "s0_units": "2",
    "s0_hours": "2400",
    "s0_cost": "80000",
}
"""A restaurant: 36,000 kWh (2024 grid 0.474 → 17,064 kg), 1,200 kg LPG (3.1815 →
3,817.8 kg) and 3 kg of R-410A (GWP 1,923.5 → 5,770.5 kg): 26,652.3 kg in all."""

FACTORY = {
    "sector": "manufacturing",
    "sent": "1",
    "year": "2023",
    "electricity": "1,200,000",
    "diesel_l": "2000",
    "employees": "45",
    "c0_type": "variable_speed_rotary",
    "c0_class": "d30",
    "c0_kw": "37",
    "c0_units": "2",
    "c0_hours": "6000",
    "m0_kind": "motor",
    "m0_kw": "15",
    "m0_units": "4",
    "m0_hours": "5000",
    "m0_old_kw": "17",
}


def test_the_first_screen_asks_which_path() -> None:
    page = Client().get("/netzero/").content.decode()
    assert 'href="/netzero/?sector=service"' in page
    assert 'href="/netzero/?sector=manufacturing"' in page
    assert "<form" not in page.split("<main", 1)[1]


def test_each_path_asks_what_its_sector_has() -> None:
    service = Client().get("/netzero/?sector=service").content.decode()
    factory = Client().get("/netzero/?sector=manufacturing").content.decode()
    assert 'name="r0_gas"' in service and 'name="s0_kind"' in service
    assert 'value="refrigerator"' in service and "c0_type" not in service
    assert 'name="fuel_oil_l"' not in service
    assert 'name="c0_type"' in factory and 'name="m0_kind"' in factory
    assert 'name="fuel_oil_l"' in factory and "s0_kind" not in factory


def test_the_restaurant_sees_its_estimate_with_the_hand_calculated_figures() -> None:
    response = Client().get("/netzero/", RESTAURANT)
    assert response.status_code == 200
    page = response.content.decode()
    assert "26.7 公噸" in page  # 17,064 + 3,817.8 + 5,770.5 = 26,652.3 kg
    assert "17,064" in page and "3,818" in page and "5,770" in page  # by source
    assert "3.3 公噸" in page  # 26,652.3 kg ÷ 8 employees
    assert "4.4 公噸" in page  # per NT$1M: 26,652.3 ÷ 6
    assert '<svg class="chart"' in page
    assert "https://ghgregistry.moenv.gov.tw/" in page  # the LPG factor's source
    # the air-conditioners: 50% of NT$80,000
    assert "NT$40,000" in page


def test_the_factory_sees_its_subsidy_and_savings() -> None:
    page = Client().get("/netzero/", FACTORY).content.decode()
    # 1,200,000 kWh × 0.494 (2023) + 2,000 L × 2.6063 diesel = 592,800 + 5,212.6 kg
    assert "598.0 公噸" in page
    # the motors: (17 − 15) kW × 5,000 h × 4 = 40,000 kWh saved a year
    assert "40,000" in page


def test_the_link_keeps_every_input_and_the_downloads_carry_it() -> None:
    page = Client().get("/netzero/", RESTAURANT).content.decode()
    link = page.split('id="link" class="link" type="text" readonly value="', 1)[1].split('"')[0]
    kept = dict(parse_qsl(urlsplit(link.replace("&amp;", "&")).query))
    assert {k: v for k, v in RESTAURANT.items() if v} == kept
    pdf = Client().get("/netzero/estimate.pdf", RESTAURANT)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "26.7" in text and "17,064" in text and "3,818" in text  # the same figures
    assert "碳排與節能試算報告" in text
    table = Client().get("/netzero/estimate.csv", RESTAURANT)
    rows = list(csv.reader(io.StringIO(table.content.decode("utf-8-sig"))))
    assert ["total", "total", "", "", "", "26652.3", ""] in rows
    assert any(r[0] == "factor" and r[-1] == "https://ghgregistry.moenv.gov.tw/" for r in rows)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"electricity": "-5"}, "electricity", "負數"),
        ({"electricity": "很多"}, "electricity", "數字"),
        ({"lpg_kg": "900000000"}, "lpg_kg", "不得大於"),
        ({"r0_gas": ""}, "r0_gas", "冷媒種類"),
        ({"county": "火星市"}, "county", "縣市"),
        ({"year": "2001"}, "year", "最早"),
        ({"s0_kw": "0"}, "s0_kw", "須大於"),
        ({"s0_units": "1.5"}, "s0_units", "整數"),
    ],
)
def test_bad_input_is_named_by_field_and_shows_no_results(
    changes: dict[str, str], field: str, words: str
) -> None:
    response = Client().get("/netzero/", {**RESTAURANT, **changes})
    assert response.status_code == 422
    page = response.content.decode()
    assert f'href="#{field}"' in page and words in page
    assert "試算結果" not in page
    assert Client().get("/netzero/estimate.csv", {**RESTAURANT, **changes}).status_code == 400


def test_a_hostile_string_is_escaped() -> None:
    page = Client().get("/netzero/", {**RESTAURANT, "employees": "<script>x</script>"})
    assert b"<script>x" not in page.content


def _send(client: Client, query: str, **fields: Any) -> Any:
    form = {
        "query": query,
        "firm_name": "好食小館",
        "contact_name": "林小姐",
        "contact_phone": "04-2222-3333",
        "consent": "yes",
        **fields,
    }
    return client.post("/netzero/send", form)


def _query(page: str) -> str:
    return page.split('name="query" value="', 1)[1].split('"')[0].replace("&amp;", "&")


def test_sending_to_chosen_escos_makes_a_case_a_record_and_a_mail_each() -> None:
    demo_escos_load()
    client = Client()
    page = client.get("/netzero/", RESTAURANT).content.decode()
    offered = [e for e in Esco.objects.all() if f'value="{e.pk}"' in page]
    assert offered, "the demo list has ESCOs for air-conditioning in 臺中市"
    mailed = [e for e in offered if e.email][:2]
    response = _send(client, _query(page), escos=[str(e.pk) for e in mailed], share="yes")
    assert response.status_code == 302 and "/desk/case/" in response["Location"]
    case = Consultation.objects.get()
    assert "26.7 公噸CO2e" in case.question and case.county == "臺中市"
    assert case.program_id == "service-energy-equipment-subsidy"
    share = EstimateShare.objects.get(consultation=case)
    assert set(share.escos.all()) == set(mailed)
    assert share.total_kg == pytest.approx(26652.3)
    to_escos = [m for m in Mail.objects.all() if m.to[0] in {e.email for e in mailed}]
    assert len(to_escos) == len(mailed) and "04-2222-3333" in to_escos[0].body


def test_nothing_goes_to_an_esco_without_the_consent_to_share() -> None:
    demo_escos_load()
    client = Client()
    page = client.get("/netzero/", RESTAURANT).content.decode()
    esco = next(e for e in Esco.objects.all() if f'value="{e.pk}"' in page)
    response = _send(client, _query(page), escos=[str(esco.pk)])
    assert response.status_code == 422 and "提供給您勾選的業者" in response.content.decode()
    assert not Consultation.objects.exists() and not Mail.objects.exists()
    assert not EstimateShare.objects.exists()


def test_the_desk_alone_gets_the_case_when_no_esco_is_chosen() -> None:
    client = Client()
    page = client.get("/netzero/", FACTORY).content.decode()
    response = _send(client, _query(page))
    assert response.status_code == 302
    case = Consultation.objects.get()
    assert case.program_id == "power-equipment-subsidy" and "ESCO" in case.question
    assert not EstimateShare.objects.get().escos.exists()


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"consent": ""}, 422),
        ({"escos": ["999999"], "share": "yes"}, 422),
        ({"escos": ["x"], "share": "yes"}, 422),
        ({"contact_phone": ""}, 422),
    ],
)
def test_a_bad_send_changes_nothing(fields: dict[str, Any], status: int) -> None:
    client = Client()
    page = client.get("/netzero/", RESTAURANT).content.decode()
    assert _send(client, _query(page), **fields).status_code == status
    assert not Consultation.objects.exists() and not EstimateShare.objects.exists()


def test_a_send_with_bad_inputs_is_refused() -> None:
    response = _send(Client(), "sector=service&electricity=-1")
    assert response.status_code == 400
    assert not Consultation.objects.exists()


def test_the_page_reads_in_english() -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    page = client.get("/netzero/", {**RESTAURANT, "electricity": "x"}).content.decode()
    assert "Electricity in the year (kWh or NT$)" in page and "cannot read a number" in page
    assert "Some fields need correcting:" in page
    page = client.get("/netzero/", RESTAURANT).content.decode()
    assert "Results for 2024" in page and "About <strong>26.7 tonnes</strong>" in page
    assert "Grade-1 air-conditioner" in page and "LPG" in page


def test_a_restaurant_is_compared_with_the_cited_shop_figures() -> None:
    page = Client().get("/netzero/", {**RESTAURANT, "industry": "56", "floor_area": "30坪"})
    text = page.content.decode()
    # 30 坪 = 30 × 400/121 = 99.17 m²; 36,000 kWh ÷ 99.17 = 363.0 kWh/m²
    assert "每平方公尺一年用電 363.0 度，是這項公開數據 153.7 度的 236%" in text
    assert "是這項公開數據 354.8 度的 102%" in text
    assert "thesis.lib.ncku.edu.tw" in text and "非官方統計" in text
    in_m2 = Client().get("/netzero/", {**RESTAURANT, "industry": "56", "floor_area": "99.17㎡"})
    assert "每平方公尺一年用電 363.0 度" in in_m2.content.decode()


def test_no_public_figure_means_no_comparison_and_says_so() -> None:
    page = Client().get("/netzero/", {**FACTORY, "industry": "22"}).content.decode()
    assert "目前找不到與貴企業同業可比較的公開數據" in page
    asked = Client().get("/netzero/", {**RESTAURANT, "industry": "56"}).content.decode()
    assert "填上營業場所面積與用電" in asked
    bad = Client().get("/netzero/", {**RESTAURANT, "industry": "22"})
    assert bad.status_code == 422 and 'href="#industry"' in bad.content.decode()


def test_the_results_carry_the_firm_into_the_finder() -> None:
    page = Client().get("/netzero/", {**FACTORY, "industry": "22", "county": "臺中市"})
    url = page.content.decode().split('href="/results?state=', 1)[1].split('"')[0]
    answers = InterviewState.decode(url).answers
    assert answers == {
        "needs": ["netzero"],
        "employees": 45,
        "industry": "22",
        "county": "臺中市",
        "air_compressor_type": "variable_speed_rotary",
        "air_compressor_class": "d30",
        "air_compressor_kw": 37,
        "air_compressor_units": 2,
    }
    results = Client().get(f"/results?state={url}").content.decode()
    assert "動力與公用設備補助" in results and "NT$444,000" in results
    service = Client().get("/netzero/", RESTAURANT).content.decode()
    state = service.split('href="/results?state=', 1)[1].split('"')[0]
    assert InterviewState.decode(state).answers["energy_equipment_cost"] == 80000
