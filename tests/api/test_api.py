"""The JSON API through Django's test client: the contract, the errors, the limits."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from smewindow.rules import PROGRAMS, screen

EXAMPLE = json.loads((Path(__file__).parents[2] / "examples" / "bakery.json").read_text("utf-8"))
ON = "2025-04-01"


@pytest.fixture
def client() -> Client:
    return Client()


def post(client: Client, path: str, body: object) -> object:
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_screen_answers_exactly_the_screening_contract(client: Client) -> None:
    response = post(client, f"/api/v1/screen?on={ON}", EXAMPLE)
    assert response.status_code == 200
    import datetime as dt

    assert response.json() == screen(EXAMPLE, on=dt.date(2025, 4, 1))
    from smewindow.api.schemas import ScreeningOut

    ScreeningOut.model_validate(response.json())  # the documented shape


def test_screen_names_each_bad_field_with_422(client: Client) -> None:
    response = post(
        client, f"/api/v1/screen?on={ON}", {"employees": "12", "business_id": "12345678", "x": 1}
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["detail"]}
    assert fields == {"employees", "business_id", "x"}
    assert all(e["message_zh"] and e["message_en"] for e in response.json()["detail"])


@pytest.mark.parametrize("body", [b"[1, 2]", b"{not json", b'"text"'])
def test_screen_refuses_a_body_that_is_not_a_profile(client: Client, body: bytes) -> None:
    response = client.post(f"/api/v1/screen?on={ON}", data=body, content_type="application/json")
    assert response.status_code == 422


@pytest.mark.parametrize("path", ["/api/v1/screen", "/api/v1/interview/next"])
@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("[" * 1000 + "]" * 1000, "巢狀超過"),
        ('{"answers": ' + "[" * 1000 + "]" * 1000 + "}", "巢狀超過"),
        ("1" * 4301, "數字超過"),
        ('{"employees": ' + "1" * 4301 + "}", "數字超過"),
        ('{"answers": {"employees": ' + "1" * 4301 + "}}", "數字超過"),
        ('{"employees": NaN}', "NaN"),
    ],
)
def test_json_over_the_bounds_answers_422_naming_it(
    client: Client, path: str, body: str, words: str
) -> None:
    """Used to raise inside the parser (RecursionError, int digits limit) and answer 500."""
    response = client.post(f"{path}?on={ON}", data=body, content_type="application/json")
    assert response.status_code == 422
    assert words in response.json()["detail"]


@pytest.mark.parametrize("on", ["2025-13-01", "yesterday", "2024-12-31"])
def test_a_bad_date_answers_422(client: Client, on: str) -> None:
    assert post(client, f"/api/v1/screen?on={on}", {}).status_code == 422


def test_a_body_over_64_kb_answers_413(client: Client) -> None:
    body = {"name": "x" * (70 * 1024)}
    response = post(client, f"/api/v1/screen?on={ON}", body)
    assert response.status_code == 413


def test_programs_lists_every_program_with_its_window(client: Client) -> None:
    response = client.get(f"/api/v1/programs?on={ON}")
    assert response.status_code == 200
    assert [p["id"] for p in response.json()] == [p.id for p in PROGRAMS]
    training = next(p for p in response.json() if p["id"] == "digital-training-subsidy")
    assert training["window"] == "open"


def test_one_program_has_its_criteria_and_an_unknown_one_is_404(client: Client) -> None:
    response = client.get(f"/api/v1/programs/transformation-loan?on={ON}")
    assert response.status_code == 200
    assert "thirty_or_fewer_employees" in [c["id"] for c in response.json()["criteria"]]
    assert client.get("/api/v1/programs/no-such-thing").status_code == 404


def test_the_interview_asks_then_finishes(client: Client) -> None:
    first = post(client, f"/api/v1/interview/next?on={ON}", {"answers": {}, "skipped": []})
    assert first.status_code == 200
    question = first.json()["question"]
    assert question["field"] == "needs" and question["kind"] == "choices"
    assert first.json()["in_scope"] == [p.id for p in PROGRAMS]
    body = {"answers": {}, "skipped": ["needs"]}
    question = post(client, f"/api/v1/interview/next?on={ON}", body).json()["question"]
    assert question["field"] == "registration_type" and question["options"]
    answers = {
        "registration_type": "none",
        "industry": "64",
        "employees": 300,
        "paid_in_capital": 10**9,
    }
    skipped = [f for f in ("special_products", "own_brand", "trade_registration", "is_listed")]
    step = post(client, f"/api/v1/interview/next?on={ON}", {"answers": answers, "skipped": skipped})
    assert step.status_code == 200
    assert step.json()["total"] == len(PROGRAMS)


RESTAURANT = {"registration_type": "business", "industry": "56", "employees": 3,
              "special_products": []}  # fmt: skip


def test_the_interview_asks_about_the_programs_serving_the_needs(client: Client) -> None:
    path = f"/api/v1/interview/next?on={ON}"
    hiring = {**RESTAURANT, "needs": ["hiring"]}
    step = post(client, path, {"answers": hiring, "combine": True}).json()
    assert step["in_scope"] == [
        "youth-senior-hiring-deduction", "wage-raise-deduction", "wage-raise-extra-guarantee",
    ]  # fmt: skip
    # A 行號 cannot use the two deductions (companies only): the guarantee alone is left.
    assert step["question"]["field"] == "wage_raise_verified" and step["question"]["settles"] == 1
    done = post(client, path, {"answers": {**hiring, "wage_raise_verified": False}}).json()
    assert done["question"] is None and done["decided"] < done["total"]
    # A client that never sends needs gets every program, as before.
    full = post(client, path, {"answers": RESTAURANT}).json()
    assert full["in_scope"] == [p.id for p in PROGRAMS] and full["question"] is not None
    bad = post(client, path, {"answers": {"needs": ["money"]}})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "needs[0]"


def test_the_interview_refuses_a_bad_answer(client: Client) -> None:
    response = post(client, f"/api/v1/interview/next?on={ON}", {"answers": {"employees": -1}})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "employees"


def test_the_interview_combines_yes_no_questions_only_when_asked(client: Client) -> None:
    path = f"/api/v1/interview/next?on={ON}"
    single = post(client, path, {"answers": RESTAURANT})
    assert single.json()["question"]["kind"] == "yes_no", "one question per screen by default"
    assert post(client, path, {"answers": RESTAURANT, "combine": False}).json() == single.json()
    combined = post(client, path, {"answers": RESTAURANT, "combine": True})
    assert combined.status_code == 200
    question = combined.json()["question"]
    assert question["kind"] == "yes_no_grid" and question["field"] == "firm"
    rows = [value for value, _ in question["options"]]
    assert "operating_normally" in rows and len(rows) > 1
    assert question["settles"] > single.json()["question"]["settles"]
    # Some rows answered, the others unknown (skipped): none of them is asked again.
    answered = {**RESTAURANT, rows[0]: True, rows[1]: False}
    body = {"answers": answered, "skipped": rows[2:], "combine": True}
    after = post(client, path, body).json()
    assert after["question"]["field"] not in {"firm", *rows}
    assert after["decided"] > combined.json()["decided"]


def test_the_interview_combines_the_tax_figures_into_a_number_grid(client: Client) -> None:
    path = f"/api/v1/interview/next?on={ON}"
    startup = {
        "needs": ["tax"], "registration_type": "company", "employees": 4, "industry": "62",
        "special_products": [], "operating_normally": True, "is_listed": False,
        "wage_raise_verified": False, "transformation_activities": [], "trainees": 0,
    }  # fmt: skip
    single = post(client, path, {"answers": startup}).json()["question"]
    assert single["kind"] == "whole_number" and single["field"] == "new_young_senior_hires"
    question = post(client, path, {"answers": startup, "combine": True}).json()["question"]
    assert question["kind"] == "number_grid" and question["field"] == "tax"
    rows = [value for value, _ in question["options"]]
    assert rows == ["new_young_senior_hires", "base_wage_raise_total", "rd_expense"]
    # Two figures given, one left blank (skipped): it stays unknown, never 0.
    body = {
        "answers": {**startup, "new_young_senior_hires": 2, "base_wage_raise_total": 100_000},
        "skipped": ["rd_expense"],
        "combine": True,
    }
    after = post(client, path, body).json()
    assert after["question"] is None or after["question"]["field"] not in {"tax", *rows}
    screened = post(client, f"/api/v1/screen?on={ON}", body["answers"]).json()
    credit = next(p for p in screened["programs"] if p["id"] == "rd-investment-credit")
    assert credit["eligibility"] == "unknown" and "rd_expense" in credit["missing_fields"]


def test_the_interview_refuses_skipped_names_that_are_no_question(client: Client) -> None:
    # A topic's id (the grid's field) no longer declines its grid: list the rows instead.
    path = f"/api/v1/interview/next?on={ON}"
    for skipped in (["firm"], ["own_brand", "no_such_field"]):
        body = {"answers": RESTAURANT, "skipped": skipped, "combine": True}
        response = post(client, path, body)
        assert response.status_code == 422
        assert skipped[-1] in response.json()["detail"]
        assert "skipped 只能列出問題的欄位" in response.json()["detail"]


@pytest.mark.parametrize("combine", ["yes", 1, None])
def test_the_interview_refuses_a_combine_that_is_not_a_boolean(
    client: Client, combine: object
) -> None:
    response = post(client, f"/api/v1/interview/next?on={ON}", {"combine": combine})
    assert response.status_code == 422
    assert "combine" in response.json()["detail"]


def test_the_openapi_schema_describes_the_profile_body(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    question = schema["components"]["schemas"]["QuestionOut"]["properties"]
    assert "yes_no_grid" in question["kind"]["enum"] and "checks" not in question["kind"]["enum"]
    body = schema["paths"]["/api/v1/screen"]["post"]["requestBody"]
    assert "employees" in body["content"]["application/json"]["schema"]["properties"]
    interview = schema["paths"]["/api/v1/interview/next"]["post"]["requestBody"]
    properties = interview["content"]["application/json"]["schema"]["properties"]
    assert properties["combine"]["type"] == "boolean" and properties["combine"]["default"] is False
    assert set(properties) == {"answers", "skipped", "combine"}
    assert client.get("/api/v1/docs").status_code == 200


def test_the_interactive_docs_load_nothing_from_the_internet(client: Client) -> None:
    html = client.get("/api/v1/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in s for s in sources), sources
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))], sources
    for source in sources:
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), source
