"""Scoring the ask box on the evaluation set (``evaluation/ask-questions.yaml``, its schema
and scoring in ``evaluation/README.md``): each question's answer is correct, a correct
refusal, wrong, or missed (refused though the rules answer it: too cautious, not wrong).
``benchmarks/bench_ask.py`` prints the counts by category and the time per question;
``tests/ask/test_ask_evaluation.py`` holds the box to at most 2 % wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from smewindow.ask.engine import Result
from smewindow.formatting import window_label

Outcome = Literal["correct", "refused", "wrong", "missed"]


@dataclass(frozen=True)
class Question:
    """One question of the set and what its answer must contain."""

    id: str
    q: str
    on: dt.date
    category: str
    style: str
    expect: Mapping[str, Any]


def evaluation_sets(folder: Path) -> list[Path]:
    """The sets in ``folder`` in the order they were written: ``ask-questions.yaml``, then
    ``ask-heldout.yaml``, ``ask-heldout-2.yaml`` … (evaluation/README.md)."""

    def written(path: Path) -> int:
        number = path.stem.removeprefix("ask-heldout").lstrip("-")
        return int(number or 1)

    return [folder / "ask-questions.yaml", *sorted(folder.glob("ask-heldout*.yaml"), key=written)]


def load(path: Path) -> list[Question]:
    """The evaluation set at ``path``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Question(e["id"], e["q"], _date(e["on"]), e["category"], e["style"], e["expect"])
        for e in data
    ]


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def lang_of(question: Question) -> str:
    """The language a question is answered in: English for an English question."""
    return "en" if question.style == "english" else "zh"


def grade(question: Question, result: Result) -> tuple[Outcome, str]:
    """The outcome of ``result`` for ``question`` and, unless correct, why."""
    expect = question.expect
    if expect.get("refuse"):
        return ("refused", "") if result.refer else ("wrong", "answered an unanswerable question")
    if result.refer:
        return "missed", "refused"
    problems = _problems(question, result)
    return ("wrong", "; ".join(problems)) if problems else ("correct", "")


def _problems(question: Question, result: Result) -> list[str]:
    expect = question.expect
    problems = []
    programs = list(expect.get("programs") or [])
    missing = [p for p in programs if p not in result.programs]
    if missing:
        problems.append(f"programs {missing} not named (named {result.programs[:3]})")
    elif programs and programs[0] not in result.programs[:2]:
        problems.append(f"{programs[0]} not among the first two")
    stated = {f.parameter: f.value for f in result.facts}
    for name in expect.get("facts") or []:
        if name not in stated:
            problems.append(f"fact {name} not stated")
        elif stated[name] not in result.answer:
            problems.append(f"fact {name} ({stated[name]}) not in the text")
    for phrase in expect.get("phrases") or []:
        if phrase not in result.answer:
            problems.append(f"phrase {phrase!r} missing")
    window = expect.get("window")
    if window and window_label(window, question.on, lang_of(question)) not in result.answer:
        problems.append(f"window {window} not said")
    for name, value in (expect.get("profile") or {}).items():
        if result.reading.profile.get(name) != value:
            problems.append(
                f"profile {name}={result.reading.profile.get(name)!r}, expected {value!r}"
            )
    possible = expect.get("eligible_any") or []
    if possible and not any(result.status.get(p) in ("eligible", "unknown") for p in possible):
        problems.append(f"none of {possible[:3]} called eligible or possible")
    for program in expect.get("ineligible") or []:
        if result.status.get(program) in ("eligible", "unknown"):
            problems.append(f"{program} called open to the firm")
    return problems
