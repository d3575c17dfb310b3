"""The live eligibility check of an application: the training subsidy screened by the rules
engine with the firm's stored answers and what the application itself says, and the
questions still open, answered on the application page (yes/no, a choice or a number;
不確定 leaves the answer unknown)."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from smewindow.applications.models import Application
from smewindow.catalog.for_firm import TRAINING_PROGRAM
from smewindow.finder.answers import ROW_ANSWERS, AnswerError, read_answer
from smewindow.finder.plan import display_results
from smewindow.finder.views import criteria_list_html
from smewindow.rules import screen
from smewindow.rules.engine import today_taipei
from smewindow.rules.interview import Question, question_for

FORM_KINDS = frozenset({"yes_no", "choice", "whole_number", "number"})
"""The kinds of question the application page asks itself; others are left to the finder."""
PREFIX = "value-"
"""Each question posts its answer as ``value-<field>``."""


def application_answers(application: Application, counted: int) -> dict[str, Any]:
    """The profile the rules screen: the stored answers, the firm's industry and county,
    the trainees who count and the priority-group declaration."""
    firm = application.firm
    return {
        **application.answers,
        "industry": firm.industry,
        "county": firm.county,
        "trainees": counted,
        "employs_priority_groups": application.priority_group,
    }


def check(application: Application, counted: int, lang: str) -> dict[str, Any]:
    """The finder's verdict and criteria for the training subsidy, and the open questions
    the page can ask."""
    on = today_taipei()
    result = screen(application_answers(application, counted), on=on)
    program = next(p for p in result["programs"] if p["id"] == TRAINING_PROGRAM)
    items = criteria_list_html(TRAINING_PROGRAM, display_results(program), lang, on)
    questions = [question_for(field, lang, on) for field in program["missing_fields"]]
    return {
        "eligibility": program["eligibility"],
        "criteria": items,
        "questions": [q for q in questions if q.kind in FORM_KINDS],
    }


def read(form: QueryDict, lang: str) -> dict[str, Any]:
    """The answers posted, by field: a value, or None for 不確定 (unknown). Raises
    ``AnswerError`` naming the question of the first bad answer."""
    answers: dict[str, Any] = {}
    for name in form:
        if not name.startswith(PREFIX):
            continue
        field = name.removeprefix(PREFIX)
        try:
            question = question_for(field, lang)
        except KeyError:
            raise AnswerError(f"不明的欄位 (unknown field): {field[:40]}") from None
        if question.kind not in FORM_KINDS:
            raise AnswerError(f"不明的欄位 (unknown field): {field[:40]}")
        answers[field] = _value(question, form.get(name, "").strip())
    return answers


def _value(question: Question, text: str) -> Any:
    if question.kind == "yes_no":
        if text not in ROW_ANSWERS:
            raise AnswerError(f"{question.question}：請選擇「是」、「否」或「不確定」")
        return ROW_ANSWERS[text]
    if not text:
        return None  # 不確定
    single = QueryDict(mutable=True)
    single["value"] = text
    try:
        return read_answer(question, single)
    except AnswerError as error:
        raise AnswerError(f"{question.question}：{error}") from None
