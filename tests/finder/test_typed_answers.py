"""The finder's questions take the answers people actually give (100萬, 8人, 20%), keep what
was typed when it cannot be used, and find the industry by everyday words; without
JavaScript, through Django's test client."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from smewindow.finder.state import InterviewState
from smewindow.rules.taiwan import DIVISION_NAMES

from .test_pages import ON, csrf, current_field, state_of

START = InterviewState().answer("registration_type", "company")


@pytest.fixture
def client() -> Client:
    return Client(enforce_csrf_checks=True)


def page(client: Client, state: InterviewState = START, **query: str) -> Any:
    return client.get(f"/finder?{urlencode({'on': ON, 'state': state.encode(), **query})}")


def post(client: Client, shown: Any, value: Any, **extra: Any) -> Any:
    """Answer the question on ``shown`` with ``value`` (the form's other fields as shown)."""
    html = shown.content.decode()
    data = {
        "csrfmiddlewaretoken": csrf(client, html),
        "state": re.search(r'name="state" value="([^"]*)"', html).group(1),
        "on": ON,
        "field": current_field(html),
        "action": "answer",
        "value": value,
        **extra,
    }
    return client.post("/finder", data)


def input_tag(html: str) -> str:
    match = re.search(r'<input id="value"[^>]*>', html)
    assert match, "the question has a text box"
    return match.group()


@pytest.mark.parametrize(
    ("field", "typed", "recorded"),
    [
        ("paid_in_capital", "100萬", 1_000_000),
        ("paid_in_capital", "NT$1,500,000", 1_500_000),
        ("paid_in_capital", "３千５百萬元", 35_000_000),
        ("employees", "8人", 8),
        ("employees", "八人", 8),
        ("employees", "１２", 12),
        ("own_brand_revenue_share", "20%", 0.2),
        ("own_brand_revenue_share", "20", 0.2),
        ("own_brand_revenue_share", "２０％", 0.2),
        ("contract_capacity_kw", "120kW", 120.0),
        ("taxable_income", "-50萬", -500_000),
    ],
)
def test_an_answer_typed_as_people_do_is_recorded(
    client: Client, field: str, typed: str, recorded: Any
) -> None:
    shown = page(client, ask=field)
    assert current_field(shown.content.decode()) == field
    response = post(client, shown, typed)
    assert response.status_code == 302
    assert state_of(response).answers[field] == recorded


def test_each_number_question_says_how_to_type_it(client: Client) -> None:
    html = page(client, ask="paid_in_capital").content.decode()
    assert "150萬 或 1.5億" in html and 'aria-describedby="hint"' in input_tag(html)
    assert "inputmode" not in input_tag(html), "a money box lets a phone type 萬"
    html = page(client, ask="employees").content.decode()
    assert "請填整數，例如 8。" in html and 'inputmode="numeric"' in input_tag(html)
    html = page(client, ask="own_brand_revenue_share").content.decode()
    assert "百分之多少？（例如 25%）" in html and "請填百分比，例如 20 或 20%。" in html
    client.cookies["django_language"] = "en"
    html = page(client, ask="own_brand_revenue_share").content.decode()
    assert "What percentage of your revenue" in html and "A percentage, e.g. 20 or 20%." in html


@pytest.mark.parametrize(
    ("field", "typed", "problem"),
    [
        ("paid_in_capital", "很多", "無法讀成數字：很多"),
        ("paid_in_capital", "100萬人", "這一題的答案不用「人」這個單位"),
        ("employees", "1.5人", "這一題要填整數，1.5人 不是整數"),
        ("employees", "-3", "這一題不能填負數"),
        ("own_brand_revenue_share", "120%", "百分比要在 0 到 100 之間：120%"),
        ("paid_in_capital", "90,00", "千分位逗號的位置不對"),
    ],
)
def test_a_bad_entry_is_refused_and_the_typed_text_stays(
    client: Client, field: str, typed: str, problem: str
) -> None:
    shown = page(client, ask=field)
    before = re.search(r'name="state" value="([^"]*)"', shown.content.decode()).group(1)
    response = post(client, shown, typed)
    assert response.status_code == 422
    html = response.content.decode()
    assert current_field(html) == field
    error = re.search(r'<p class="error" role="alert" id="error">([^<]*)</p>', html)
    assert error and problem in error.group(1)
    box = input_tag(html)
    assert f'value="{typed}"' in box
    assert 'aria-invalid="true"' in box and 'aria-describedby="error hint"' in box
    assert html.index('id="error"') < html.index('<input id="value"'), "the error comes first"
    assert re.search(r'name="state" value="([^"]*)"', html).group(1) == before


def test_markup_typed_into_a_box_comes_back_as_text(client: Client) -> None:
    response = post(client, page(client, ask="employees"), '"><script>alert(1)</script>')
    html = response.content.decode()
    assert response.status_code == 422 and "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in input_tag(html)


def test_the_report_shows_shares_as_percentages_and_money_in_nt_dollars(client: Client) -> None:
    import io

    from pypdf import PdfReader

    state = START.answer("own_brand_revenue_share", 0.2).answer("paid_in_capital", 1_000_000)
    response = client.get(f"/results.pdf?{urlencode({'on': ON, 'state': state.encode()})}")
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(p.extract_text() for p in reader.pages).replace("\n", "")
    assert "自有品牌營收占比20%" in text.replace(" ", "")
    assert "實收資本額（新臺幣元）NT$1,000,000" in text.replace(" ", "")


def industry_page(client: Client, query: str) -> str:
    """The industry question after searching ``query`` (a GET, as the search form sends)."""
    shown = page(client, q=query, ask="industry")
    assert shown.status_code == 200
    html = shown.content.decode()
    assert current_field(html) == "industry"
    return html


def radios(html: str) -> list[str]:
    return re.findall(r'<input type="radio" name="value" value="(\d\d)"', html)


def test_the_industry_question_searches_everyday_words_without_javascript(
    client: Client,
) -> None:
    html = page(client, ask="industry").content.decode()
    search = re.search(
        r'<form id="industry-search" method="get" action="/finder"[^>]*>(.*?)</form>', html, re.S
    )
    assert search, "the search is a plain GET form"
    assert 'name="ask" value="industry"' in search.group(1)
    assert f'name="state" value="{START.encode()}"' in search.group(1)
    assert '<input id="q" name="q" type="search" form="industry-search"' in html
    assert not radios(html) and "找到的行業" not in html

    html = industry_page(client, "麵包")
    assert radios(html) == ["08", "47"], "the best match first"
    assert "「麵包」找到的行業，最符合的在最前面" in html
    assert "08 食品及飼品製造業 <small>製造業</small>" in html
    assert "可能登記為零售業" in html
    options = re.findall(r'<option value="(\d\d)"', html)
    assert options == list(DIVISION_NAMES), "the full list stays, every division once"
    assert html.count("<optgroup") == 19, "grouped by section"
    assert 'name="q" value="麵包"' in html, "the search box keeps the words"

    response = post(client, page(client, q="麵包", ask="industry"), "08")
    assert response.status_code == 302
    assert state_of(response).answers["industry"] == "08"


def test_a_search_that_finds_nothing_says_so_and_the_full_list_remains(client: Client) -> None:
    html = industry_page(client, "火星採礦")
    assert "找不到「火星採礦」；請換個說法，或從下面的完整清單選擇。" in html
    assert not radios(html) and len(re.findall(r'<option value="\d\d"', html)) == len(
        DIVISION_NAMES
    )


def test_the_industry_search_in_english(client: Client) -> None:
    client.cookies["django_language"] = "en"
    html = industry_page(client, "online shop")
    assert radios(html)[0] == "48"
    assert "Industries found for “online shop”, best match first:" in html
    assert "48 Retail Trade (building materials" in html


def test_a_result_and_another_division_from_the_list_together_are_refused(
    client: Client,
) -> None:
    shown = page(client, q="麵包", ask="industry")
    response = post(client, shown, ["08", "56"], q="麵包")
    assert response.status_code == 422
    html = response.content.decode()
    assert "請只選一個答案" in html
    assert radios(html) == ["08", "47"], "the search results are shown again"
    assert '<input type="radio" name="value" value="08" checked>' in html
    assert '<option value="56" selected>' in html
    same = post(client, page(client, q="麵包", ask="industry"), ["08", "08"])
    assert same.status_code == 302 and state_of(same).answers["industry"] == "08"
