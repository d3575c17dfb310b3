"""The tax incentives' figures on one screen: a labelled box per row, a blank row unknown
(never 0), typed as people type them (100萬), and an error that names its row and keeps what
was typed."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from typing import Any

import pytest
from django.test import Client

from smewindow.finder.state import InterviewState
from smewindow.rules.interview import question_for
from tests.finder.test_pages import (
    ON,
    current_field,
    form,
    rows,
    state_of,
)

# A software startup that wants tax incentives, answered up to the tax screen.
STARTUP = {
    "needs": ["tax"], "registration_type": "company", "employees": 4, "industry": "62",
    "special_products": [], "operating_normally": True, "is_listed": False,
    "wage_raise_verified": False, "transformation_activities": [], "trainees": 0,
}  # fmt: skip
TAX_ROWS = ["new_young_senior_hires", "base_wage_raise_total", "rd_expense"]


@pytest.fixture
def client() -> Client:
    return Client(enforce_csrf_checks=True)


def tax_screen(client: Client) -> Any:
    state = InterviewState()
    for field, value in STARTUP.items():
        state = state.answer(field, value)
    page = client.get(f"/finder?on={ON}&state={state.encode()}")
    assert current_field(page.content.decode()) == "tax"
    return page


def boxes(html: str) -> list[tuple[str, str, str, str]]:
    """Each row's (label's for, label, input's id, typed value)."""
    return re.findall(
        r'<label for="([a-z_-]+)">([^<]+)</label>\s*<span class="hint"[^>]*>[^<]*</span>\s*'
        r'<input id="([a-z_-]+)" name="[a-z_-]+"[^>]* value="([^"]*)"',
        html,
    )


def test_the_tax_screen_is_a_labelled_box_per_row(client: Client) -> None:
    html = tax_screen(client).content.decode()
    assert rows(html) == TAX_ROWS
    assert "不確定的項目請留白，留白不會當成零" in html
    found = boxes(html)
    assert [(f, i) for f, _, i, _ in found] == [(f"value-{r}", f"value-{r}") for r in TAX_ROWS]
    assert [label for _, label, _, _ in found] == [
        question_for(r, on=dt.date.fromisoformat(ON)).question for r in TAX_ROWS
    ]
    assert found[0][1] == "今年度新僱用幾位24歲以下或65歲以上的本國籍基層員工？"
    assert all(typed == "" for *_, typed in found)
    assert "150萬" in html, "a money row says how amounts may be typed"
    assert 'type="radio"' not in html


def test_numbers_are_recorded_and_a_blank_row_stays_unknown(client: Client) -> None:
    chosen = {"new_young_senior_hires": "2人", "base_wage_raise_total": "100萬", "rd_expense": " "}
    response = client.post("/finder", form(client, tax_screen(client), chosen))
    assert response.status_code == 302
    state = state_of(response)
    assert state.answers["new_young_senior_hires"] == 2
    assert state.answers["base_wage_raise_total"] == 1_000_000
    assert "rd_expense" not in state.answers and "rd_expense" in state.skipped
    assert state.order[-1] == tuple(TAX_ROWS), "the screen is one step"
    # The next screen never asks a row of it again.
    html = client.get(response["Location"], follow=True).content.decode()
    assert 'name="field" value="tax"' not in html and not set(rows(html)) & set(TAX_ROWS)


def test_every_row_blank_or_skipped_leaves_each_unknown(client: Client) -> None:
    for value in (None, {}):  # 不確定，跳過; 下一題 with every box blank
        state = state_of(client.post("/finder", form(client, tax_screen(client), value)))
        assert not set(TAX_ROWS) & set(state.answers)
        assert set(TAX_ROWS) <= set(state.skipped)


def test_an_error_names_its_row_records_nothing_and_keeps_every_typed_value(
    client: Client,
) -> None:
    page = tax_screen(client)
    chosen = {"new_young_senior_hires": "1.5人", "base_wage_raise_total": "100萬", "rd_expense": ""}
    response = client.post("/finder", form(client, page, chosen))
    assert response.status_code == 422
    html = response.content.decode()
    error = re.search(r'<p class="error" role="alert" id="error">([^<]+)</p>', html).group(1)
    assert error.startswith("「今年度新僱用幾位24歲以下或65歲以上的本國籍基層員工？」")
    assert [typed for *_, typed in boxes(html)] == ["1.5人", "100萬", ""]
    assert 'aria-describedby="error hint-rd_expense"' in html
    # Nothing recorded: the same state is on the page again.
    assert re.search(r'name="state" value="([^"]*)"', html).group(1) == re.search(
        r'name="state" value="([^"]*)"', page.content.decode()
    ).group(1)


def test_a_row_not_on_the_screen_or_two_values_are_refused(client: Client) -> None:
    page = tax_screen(client)
    data = {**form(client, page, {"rd_expense": "5萬"}), "value-employees": "3"}
    assert client.post("/finder", data).status_code == 422
    data = {**form(client, page, {}), "value-rd_expense": ["5萬", "6萬"]}
    response = client.post("/finder", data)
    assert response.status_code == 422 and "每一項只能填一個數字" in response.content.decode()


def test_an_english_number_grid(client: Client) -> None:
    client.cookies["django_language"] = "en"
    page = tax_screen(client)
    html = page.content.decode()
    assert "never counts as zero" in html
    labels = [unescape(label) for _, label, _, _ in boxes(html)]
    assert labels[2] == question_for("rd_expense", "en", dt.date.fromisoformat(ON)).question
    response = client.post("/finder", form(client, page, {"rd_expense": "lots"}))
    assert response.status_code == 422
    error = re.search(r'id="error">([^<]+)</p>', response.content.decode()).group(1)
    assert unescape(error).startswith(f'"{labels[2]}": ')
    assert "(cannot read a number in: lots)" in unescape(error)  # the reader's own words
