"""The readiness questionnaire (/readiness/) through Django's test client: one plain GET form,
the segment it gives (the same as POST /api/v1/segment), its errors, the link on into the
finder, and the home page's link to it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from markupsafe import escape

from smewindow.finder.state import InterviewState
from smewindow.rules import PROGRAMS_BY_ID
from smewindow.rules.segments import partner_kinds, segment

ON = "2025-04-01"


@pytest.fixture
def client() -> Client:
    return Client(enforce_csrf_checks=True)


def ask(client: Client, **answers: Any) -> Any:
    query: list[tuple[str, str]] = [("sent", "1"), ("on", ON)]
    for name, value in answers.items():
        values = value if isinstance(value, list) else [value]
        query += [(name, str(v)) for v in values]
    return client.get("/readiness/", query)


def test_home_links_to_the_questionnaire(client: Client) -> None:
    html = client.get("/").content.decode()
    assert 'href="/readiness/"' in html and "AI準備度快速檢測" in html


def test_the_empty_form_asks_four_questions_without_javascript(client: Client) -> None:
    response = client.get("/readiness/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form class="readiness" method="get" action="/readiness/"' in html
    assert "<script" not in html
    assert html.count("<fieldset") == 3 and 'id="employees"' in html
    assert 'name="digital_tools" value="__none__"' in html  # 都沒有, apart from no answer
    assert "貴企業的分群" not in html  # nothing asked yet, nothing answered


def test_answers_give_the_segment_the_api_gives(client: Client) -> None:
    response = ask(
        client, employees="8人", needs=["ai", "funding"], digital_tools="pos", ai_use="pilot"
    )
    html = response.content.decode()
    assert response.status_code == 200
    expected = segment(
        {"employees": 8, "needs": ["funding", "ai"], "digital_tools": ["pos"], "ai_use": "pilot"},
        dt.date(2025, 4, 1),
    )
    assert "小型企業（經常僱用員工數5人以上、30人（待確認）以下）" in html
    assert "第 3 級（共 4 級）：AI試行" in html
    assert "<code>small-L3</code>" in html
    links = re.findall(r'<li><a href="/programs/([a-z0-9-]+)\?on=2025-04-01">', html)
    assert tuple(links) == expected.recommended
    for kind_id in expected.referrals:
        assert str(escape(partner_kinds()[kind_id].name)) in html
    assert 'href="tel:+886800219666"' in html  # 聯輔基金會 dials with one tap
    # the answers stay in the form to change them
    assert 'value="8人"' in html and 'value="pilot" checked' in html


def test_no_tools_leads_to_e_learning_and_the_training_subsidy(client: Client) -> None:
    html = ask(client, employees="3", digital_tools="__none__", ai_use="none").content.decode()
    assert "微型企業（經常僱用員工數未滿5人）" in html and "數位起步" in html
    assert str(escape(PROGRAMS_BY_ID["sme-elearning"].name)) in html
    assert 'href="/programs/digital-training-subsidy?on=2025-04-01"' in html
    assert "中小企業網路大學校" in html


def test_questions_left_blank_stay_unknown(client: Client) -> None:
    html = ask(client).content.decode()
    assert "不確定（未填員工數）" in html
    assert "不確定：請回答目前使用的數位工具與AI使用情形。" in html
    assert "目前的答案還不足以建議措施" in html
    assert "<code>unknown-unknown</code>" in html


@pytest.mark.parametrize(
    ("answers", "field", "words"),
    [
        ({"employees": "很多"}, "employees", "無法讀成數字"),
        ({"employees": "1.5"}, "employees", "整數"),
        ({"employees": ["3", "4"]}, "employees", "請只填一個數字"),
        (
            {"digital_tools": ["__none__", "pos"]},
            "digital_tools",
            "「都沒有」不能與其他選項同時勾選",
        ),
        ({"digital_tools": "typewriter"}, "digital_tools", "選項不正確"),
        ({"needs": "money"}, "needs", "選項不正確"),
        ({"ai_use": ["none", "pilot"]}, "ai_use", "請從選項中選一個"),
        ({"ai_use": "sometimes"}, "ai_use", "請從選項中選一個"),
    ],
)
def test_a_bad_answer_is_explained_in_chinese_and_nothing_is_shown(
    client: Client, answers: dict[str, Any], field: str, words: str
) -> None:
    response = ask(client, **answers)
    html = response.content.decode()
    assert response.status_code == 422
    assert 'role="alert" id="error"' in html and words in html
    assert "貴企業的分群" not in html
    if field == "employees":
        assert 'aria-invalid="true"' in html and 'aria-describedby="error employees-hint"' in html


def test_a_bad_date_is_a_400_page(client: Client) -> None:
    response = client.get("/readiness/", {"sent": "1", "on": "2024-12-31"})
    assert response.status_code == 400


def test_only_get(client: Client) -> None:
    assert client.post("/readiness/").status_code in (403, 405)


def test_the_finder_link_carries_the_answers_on(client: Client) -> None:
    html = ask(
        client, employees="12", needs="digital", digital_tools=["erp", "pos"], ai_use="exploring"
    ).content.decode()
    link = re.search(r'<a class="button" href="([^"]+)">帶著這些答案繼續找資源', html)
    assert link
    url = link.group(1).replace("&amp;", "&")
    query = parse_qs(urlsplit(url).query)
    assert urlsplit(url).path == "/finder" and query["on"] == [ON]
    state = InterviewState.decode(query["state"][0])
    assert state.answers == {
        "employees": 12,
        "needs": ["digital"],
        "digital_tools": ["pos", "erp"],
        "ai_use": "exploring",
    }
    assert state.order == (("employees", "needs", "digital_tools", "ai_use"),)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="field" value="needs"' not in page.content.decode()  # needs already answered


def test_the_page_in_english(client: Client) -> None:
    client.cookies["django_language"] = "en"
    html = ask(client, employees="40", ai_use="production").content.decode()
    assert "Quick AI readiness check" in html
    assert "Medium enterprise (regular employees: more than 30 people (unconfirmed)" in html
    assert "Level 4 of 4: AI in daily operations" in html
    assert "Research institutes (技術法人)" in html
