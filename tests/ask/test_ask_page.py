"""The ask page (/ask/) with the test client: the box on every page, an answer with its
programs linked and its figures' sources, a firm's facts carried into the finder, a refusal
handing the question to the desk, and bad input."""

from __future__ import annotations

from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from smewindow.finder.state import InterviewState

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/programs/transformation-loan", "/netzero/", "/ask/"])
def test_every_page_has_the_box(path: str) -> None:
    page = Client().get(path).content.decode()
    assert 'class="ask-box" action="/ask/"' in page and 'name="q"' in page


def test_an_answer_links_its_program_and_cites_its_figures() -> None:
    page = Client().get("/ask/", {"q": "優惠貸款利率最高多少？", "on": "2025-06-01"})
    text = page.content.decode()
    assert page.status_code == 200
    assert 'href="/programs/transformation-loan"' in text
    assert "2.22%" in text and "數字的出處" in text


def test_a_firm_goes_on_into_the_finder_with_its_facts() -> None:
    text = Client().get("/ask/", {"q": "我們8個人的烘焙坊在台中，可以申請什麼？"}).content.decode()
    assert "我們從問題讀到" in text and "「8個人」" in text
    link = unescape(text.split('class="button" href="', 1)[1].split('"')[0])
    state = parse_qs(urlsplit(link).query)["state"][0]
    assert InterviewState.decode(state).answers == {
        "employees": 8,
        "industry": "08",
        "special_products": ["bakery"],
        "county": "臺中市",
    }


def test_a_refusal_hands_the_question_to_the_desk() -> None:
    question = "明天台中會下雨嗎？"
    text = Client().get("/ask/", {"q": question}).content.decode()
    assert "這個問題，規定裡沒有答案" in text
    desk = unescape(text.split('<a href="/desk/ask/?', 1)[1].split('"')[0])
    assert parse_qs(desk)["question"] == [question]
    form = Client().get("/desk/ask/?" + desk).content.decode()
    assert question in form  # the desk's form is prefilled with it


@pytest.mark.parametrize(("q", "status"), [("", 422), ("字" * 600, 422)])
def test_an_unreadable_question_says_why(q: str, status: int) -> None:
    response = Client().get("/ask/", {"q": q})
    assert response.status_code == status and 'role="alert"' in response.content.decode()


def test_a_hostile_question_is_escaped() -> None:
    text = Client().get("/ask/", {"q": "<script>alert(1)</script>利率"}).content.decode()
    assert "<script>alert(1)" not in text


def test_a_firm_question_not_wholly_understood_says_so_and_names_the_words() -> None:
    text = (
        Client().get("/ask/", {"q": "我們有3間店，員工20人，可以申請培力補助嗎？"}).content.decode()
    )
    assert "問題裡有我看不懂的地方" in text and "「3間」" in text
    assert "帶著這些資料看完整的結果" in text  # what was read still goes on to the finder


def test_a_firm_asking_for_a_kind_of_help_sees_what_each_gives() -> None:
    """有什麼租稅優惠: the tax breaks open to the firm, each with what it gives, by name."""
    question = "今年新請了3個22歲的年輕人做基層，我們員工20人，有什麼租稅優惠？"
    text = Client().get("/ask/", {"q": question, "on": "2026-03-01"}).content.decode()
    assert "增僱" in text and " · 內容</strong>" in text
    assert "200%" in text  # the hiring deduction's rate, from its parameter
