"""``GET /api/v1/ask`` with the test client: an answer whose numbers are the parameters' for
the date asked, a firm's screening with its facts read, a refusal with the closest programs
and the desk, and bad input (422 naming it)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from smewindow.finder.state import InterviewState
from smewindow.rules.parameters import load_parameters
from smewindow.rules.texts import parameter_text

pytestmark = pytest.mark.django_db


def _ask(q: str, on: str = "2025-06-01", **extra: str) -> dict:
    response = Client().get("/api/v1/ask", {"q": q, "on": on, **extra})
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("on", ["2025-06-01", "2025-09-01"])
def test_the_loan_rate_is_the_parameter_in_force_on_the_date(on: str) -> None:
    found = _ask("優惠貸款利率最高多少？", on)
    assert found["programs"] == ["transformation-loan"] and not found["refer"]
    facts = {f["parameter"]: f for f in found["facts"]}
    rate = load_parameters()["loan.max_rate"]
    stated = parameter_text(rate.at(dt_date(on)), rate.unit)
    assert facts["loan.max_rate"]["value"].startswith(stated) and stated in found["answer"]
    assert facts["loan.max_rate"]["source"]
    cap = load_parameters()["loan.interest_subsidy_cap"]
    assert parameter_text(cap.at(dt_date(on)), cap.unit) in found["answer"]


def dt_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_a_firm_is_read_screened_and_carried_into_the_finder() -> None:
    found = _ask("我們8個人的烘焙坊在台中，可以申請什麼？")
    assert found["profile"] == {
        "employees": 8,
        "industry": "08",
        "special_products": ["bakery"],  # a bakery makes bakery products
        "county": "臺中市",
    }
    assert found["confidence"] == "medium"
    assert found["status"]["digital-training-subsidy"] in ("eligible", "unknown")
    finder = urlsplit(found["links"]["finder"])
    assert finder.path == "/results"
    state = parse_qs(finder.query)["state"][0]
    assert InterviewState.decode(state).answers == found["profile"]


def test_a_question_outside_the_plan_is_refused_with_the_desk() -> None:
    found = _ask("青年創業及啟動金貸款的利率是多少？")
    assert found["refer"] and found["programs"] == [] and found["confidence"] == "none"
    assert found["closest"][0] == "transformation-loan"
    desk = parse_qs(urlsplit(found["links"]["desk"]).query)
    assert desk["question"] == ["青年創業及啟動金貸款的利率是多少？"]


def test_simplified_and_english_questions() -> None:
    assert _ask("小微企业优惠贷款利率上限是多少？")["programs"] == ["transformation-loan"]
    english = _ask("When does the overseas exhibition subsidy open?", lang="en")
    assert english["programs"] == ["overseas-exhibition-subsidy"]
    assert "upcoming" in english["answer"] or "open" in english["answer"]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"q": ""}, "q"),
        ({"q": "   "}, "請輸入問題"),
        ({"q": "字" * 600}, "太長"),
        ({"q": "利率", "on": "2025-13-01"}, "日期"),
        ({"q": "利率", "lang": "fr"}, "lang"),
    ],
)
def test_bad_input_answers_422_naming_it(params: dict[str, str], words: str) -> None:
    response = Client().get("/api/v1/ask", params)
    assert response.status_code == 422
    assert words in str(response.json()["detail"])
