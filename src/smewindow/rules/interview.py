"""The interview: which question to ask next, so that a firm learns the most from the fewest.

The next question is the unanswered field that can settle the most still-undecided programs,
each weighted by what it is worth; a field whose answer can no longer change any program's
outcome (符合 / 可能符合 / 不符合) is never asked, and the interview ends when none can.
Among equal scores, the question listed first in ``questions.yaml`` wins: the file lists
broad questions that often settle a program alone (own brand, trade registration) before the
detailed ones (product certification). Amount inputs (trainees' cost, loan amount …) are
not interview questions: the results offer them beside the programs they price.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from smewindow.rules.batch import profile_schema
from smewindow.rules.engine import screen
from smewindow.rules.profile import ENUM_FIELDS, LIST_FIELDS, enum_values, field_title
from smewindow.rules.taiwan import COUNTIES, DIVISION_NAMES

Kind = Literal["yes_no", "number", "whole_number", "choice", "choices"]


@dataclass(frozen=True)
class Question:
    """One question of the interview, ready to show."""

    field: str
    title: str
    question: str
    why: str
    kind: Kind
    options: tuple[tuple[str, str], ...]
    settles: int
    """How many undecided programs the answer could decide."""


@dataclass(frozen=True)
class Step:
    """Where the interview stands: the next question (None when done) and the result so far."""

    question: Question | None
    decided: int
    total: int
    result: dict[str, Any]


@cache
def question_texts() -> dict[str, dict[str, Any]]:
    text = (resources.files("smewindow.rules") / "questions.yaml").read_text("utf-8")
    data: dict[str, dict[str, Any]] = yaml.safe_load(text)
    return data


def _kind(field: str) -> Kind:
    if field in LIST_FIELDS:
        return "choices"
    if field in ENUM_FIELDS or field in ("industry", "county"):
        return "choice"
    dtype = str(profile_schema()[field])
    return {"Boolean": "yes_no", "Int64": "whole_number"}.get(dtype, "number")  # type: ignore[return-value]


def _options(field: str, lang: str) -> tuple[tuple[str, str], ...]:
    if field == "industry":
        return tuple((code, f"{code} {name}") for code, name in DIVISION_NAMES.items())
    if field == "county":
        return tuple((c, c) for c in COUNTIES)
    text = question_texts()[field]
    labels = text.get("options_en" if lang == "en" else "options", {})
    if field in ENUM_FIELDS or field in LIST_FIELDS:
        return tuple((value, labels[value]) for value in enum_values(field))
    return ()


@cache
def question_for(field: str, lang: str = "zh") -> Question:
    """The question that asks for ``field`` in Chinese (zh) or English (en); ``settles`` is 0."""
    text = question_texts()[field]
    english = lang == "en"
    return Question(
        field=field,
        title=text["question_en"] if english else field_title(field),
        question=text["question_en"] if english else text["question"],
        why=text["why_en"] if english else text["why"],
        kind=_kind(field),
        options=_options(field, lang),
        settles=0,
    )


def _worth(program: dict[str, Any]) -> float:
    """A program's weight: 1 for a service, more for money, growing with the amount's size."""
    amount = program["benefit"]["amount"]
    return 1.0 + (math.log10(1 + amount) if amount else 0.0)


def _candidates(result: dict[str, Any], skipped: set[str]) -> dict[str, tuple[float, int]]:
    """Per askable field: its score and how many undecided programs it could settle."""
    found: dict[str, tuple[float, int]] = {}
    for program in result["programs"]:
        if program["eligibility"] != "unknown":
            continue
        weight = _worth(program)
        for field in program["missing_fields"]:
            if field not in skipped:
                score, count = found.get(field, (0.0, 0))
                found[field] = (score + weight, count + 1)
    return found


def next_step(
    answers: Mapping[str, Any],
    *,
    on: dt.date | None = None,
    skipped: Iterable[str] = (),
    lang: str = "zh",
) -> Step:
    """The next question for a firm that has given ``answers`` and skipped ``skipped``.

    Raises ProfileError when an answer is invalid, as ``screen`` does.
    """
    result = screen(answers, on=on)
    candidates = _candidates(result, set(skipped))
    decided = sum(p["eligibility"] != "unknown" for p in result["programs"])
    total = len(result["programs"])
    if not candidates:
        return Step(None, decided, total, result)
    order = {field: i for i, field in enumerate(question_texts())}
    field = max(candidates, key=lambda f: (candidates[f][0], -order[f]))
    base = question_for(field, lang)
    question = Question(**{**base.__dict__, "settles": candidates[field][1]})
    return Step(question, decided, total, result)
