"""The interview asks only what can still settle a program, never twice, and then stops."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from smewindow.rules import PROGRAMS
from smewindow.rules.interview import next_step, question_for, question_texts
from smewindow.rules.profile import ENUM_FIELDS, LIST_FIELDS, enum_values, field_title
from tests.rules.strategies import profiles

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from personas import PERSONAS

ON = dt.date(2025, 4, 1)


def run(truth: dict[str, Any]) -> tuple[list[str], Any]:
    answers: dict[str, Any] = {}
    skipped: list[str] = []
    asked: list[str] = []
    while (step := next_step(answers, on=ON, skipped=skipped)).question is not None:
        field = step.question.field
        assert field not in asked, f"asked {field} twice"
        assert step.question.settles >= 1
        undecided = [p for p in step.result["programs"] if p["eligibility"] == "unknown"]
        assert any(field in p["missing_fields"] for p in undecided)
        asked.append(field)
        if field in truth:
            answers[field] = truth[field]
        else:
            skipped.append(field)
    return asked, step


@pytest.mark.parametrize("name", list(PERSONAS))
def test_a_persona_is_asked_only_what_matters_and_the_interview_ends(name: str) -> None:
    truth = PERSONAS[name]
    asked, final = run(truth)
    assert len(asked) < 30
    skipped = {f for f in asked if f not in truth}
    for program in final.result["programs"]:
        if program["eligibility"] == "unknown":
            assert set(program["missing_fields"]) <= skipped, program["id"]
    assert final.decided == sum(p["eligibility"] != "unknown" for p in final.result["programs"])


def test_the_restaurant_is_done_in_about_ten_questions() -> None:
    asked, final = run(PERSONAS["小吃店老闆（餐飲，3人）"])
    assert len(asked) <= 12
    assert final.decided == final.total


@settings(max_examples=60, deadline=None)
@given(profiles())
def test_the_first_question_can_settle_an_undecided_program(profile: dict[str, Any]) -> None:
    step = next_step(profile, on=ON)
    undecided = [p for p in step.result["programs"] if p["eligibility"] == "unknown"]
    if step.question is None:
        assert all(not p["missing_fields"] for p in undecided)
    else:
        assert sum(step.question.field in p["missing_fields"] for p in undecided) == (
            step.question.settles
        )


def test_every_field_a_criterion_reads_has_a_question_with_its_options() -> None:
    read = set().union(*(c.test.fields() for p in PROGRAMS for c in p.criteria))
    assert read <= set(question_texts())
    for field in question_texts():
        question = question_for(field)
        assert question.question and question.why and question.title == field_title(field)
        if field in ENUM_FIELDS or field in LIST_FIELDS:
            assert [value for value, _ in question.options] == list(enum_values(field))
    assert question_for("industry").kind == "choice" and len(question_for("industry").options) == 89
    assert question_for("employees").kind == "whole_number"
    assert question_for("own_brand").kind == "yes_no"
    assert question_for("special_products").kind == "choices"
