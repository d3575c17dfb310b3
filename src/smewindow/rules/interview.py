"""The interview: which question to ask next, so that a firm learns the most from the fewest.

Which field next
    The next question is the unanswered field named by the most still-undecided programs,
    each weighted by what it is worth (:func:`_worth`: a program that pays money counts
    double a free service). A field no undecided program names can no longer change any
    program's outcome (符合 / 可能符合 / 不符合) and is never asked; a skipped field is not
    asked again (it stays unknown: unknown is not false); the interview ends when no field
    is left. Among equal scores the question listed first in ``questions.yaml`` wins: the
    file lists broad questions before detailed ones.

    Counting the programs that wait for a field asks first what most programs wait for:
    the gates (registration, size, industry) that each rule many programs in or out. The
    narrow questions a gate may make moot come later, so a restaurant is never asked about
    factory registration once its industry is known. On ten of the eleven benchmark
    personas this order asks the fewest questions any order reaches (a beam search over
    orders: ``benchmarks/bench_interview.py --floor``); the food factory with its own brand
    gets one more, because its overseas regions come before its own-brand share (which of
    the two settles brand counselling sooner depends on the firm).

    Measured and dropped (``docs/benchmarks.md``): scoring a field by the programs each of
    its possible answers would decide (expected or worst case, over the answers the rules
    tell apart). Without knowing how likely each answer is, every answer counts alike, so
    a question whose rare answer decides a lot (在哪個市場掛牌？, 有出進口實績？) outranks the
    gates, and most firms, which give the common answer, are asked more (201 questions
    over the eleven personas against 191). Weighting by the computed amount was dropped
    too: an undecided program's amount is mostly unknown until its amount inputs are given,
    so the grants whose amount is a fixed number (livelihood industries, brand counselling)
    outweighed a dozen others and pulled their narrow question (factory registration) ahead
    of the gates.

Several yes/no questions on one screen (``combine=True``)
    One question per screen cannot go below those floors: the typical personas need 11 to
    16 answers (22 for one with its own brand and products). But a firm knows most of its
    yes/no facts offhand (factory registration, importer registration, listed or not …).
    With ``combine=True``, when the best question is a yes/no field of a topic (``topic``
    in ``questions.yaml``), the screen also asks the other open yes/no fields of that topic
    as a grid (kind ``yes_no_grid``): one row per field, its statement answered 是, 否 or
    不確定. 是 answers the field True and 否 False; a row marked 不確定 or left unanswered
    is unknown, and the caller lists its field in ``skipped`` (unknown is not false), so a
    person answers on one screen what they know, and no row of it is asked again. A row
    joins only if it stays open whatever the other rows are answered (yes or no; an unknown
    answer settles less than either, so it keeps the row open too), so no answer on the
    screen can make another row on it moot (the trade record waits until the firm is known
    to be a registered importer). At most :data:`MAX_ROWS` rows. Letting every open row of
    the topic join was measured too: 119 screens over the eleven personas instead of 143,
    but it asks rows that another row's answer on the same screen makes moot, so it was
    dropped. Skipping the whole screen (不確定，跳過) lists every row's field in
    ``skipped``.

    The screen used to be boxes to tick, an unticked box counting as no; a person who knew
    some boxes but not all declined it and got every box again one per screen (19 to 27
    screens for the owners unsure of many answers, ``docs/benchmarks.md``).

Amount inputs (trainees' cost, loan amount …) are not interview questions: the results offer
them beside the programs they price.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from smewindow.rules.batch import profile_schema
from smewindow.rules.engine import compiled_programs, screen
from smewindow.rules.profile import (
    ENUM_FIELDS,
    LIST_FIELDS,
    enum_values,
    field_title,
    parse_profile,
)
from smewindow.rules.programs import PROGRAMS
from smewindow.rules.taiwan import COUNTIES, DIVISION_NAMES, division_label

Kind = Literal["yes_no", "number", "whole_number", "choice", "choices", "yes_no_grid"]

MONEY_KINDS = frozenset({"grant", "loan", "tax_saving", "guarantee", "points"})
"""Benefit kinds that put money in the firm's hands (or save it); the others are services."""

MAX_ROWS = 6
"""The most yes/no rows one ``yes_no_grid`` screen shows."""

_TOPICS_KEY = "_topics"


@dataclass(frozen=True)
class Question:
    """One question of the interview, ready to show.

    For kind ``yes_no_grid``, ``field`` is the topic's id and ``options`` pairs each yes/no
    profile field the screen answers with the statement its row shows (see :attr:`rows`).
    """

    field: str
    title: str
    question: str
    why: str
    kind: Kind
    options: tuple[tuple[str, str], ...]
    settles: int
    """How many undecided programs the answer could decide."""

    @property
    def rows(self) -> tuple[str, ...]:
        """The yes/no profile fields a ``yes_no_grid`` screen asks, one per option; else ()."""
        return tuple(value for value, _ in self.options) if self.kind == "yes_no_grid" else ()


@dataclass(frozen=True)
class Step:
    """Where the interview stands: the next question (None when done) and the result so far."""

    question: Question | None
    decided: int
    total: int
    result: dict[str, Any]


@cache
def _questions_file() -> dict[str, dict[str, Any]]:
    text = (resources.files("smewindow.rules") / "questions.yaml").read_text("utf-8")
    data: dict[str, dict[str, Any]] = yaml.safe_load(text)
    return data


@cache
def question_texts() -> dict[str, dict[str, Any]]:
    """The texts of each field's question, by profile field, in the file's order."""
    return {k: v for k, v in _questions_file().items() if k != _TOPICS_KEY}


@cache
def topic_texts() -> dict[str, dict[str, Any]]:
    """The texts of each topic's ``yes_no_grid`` screen, by topic id."""
    return _questions_file()[_TOPICS_KEY]


@cache
def topic_fields() -> dict[str, tuple[str, ...]]:
    """The yes/no fields of each topic, in the file's order."""
    found: dict[str, tuple[str, ...]] = {topic: () for topic in topic_texts()}
    for field, text in question_texts().items():
        if "topic" in text:
            found[text["topic"]] += (field,)
    return found


def _kind(field: str) -> Kind:
    if field in LIST_FIELDS:
        return "choices"
    if field in ENUM_FIELDS or field in ("industry", "county"):
        return "choice"
    dtype = str(profile_schema()[field])
    return {"Boolean": "yes_no", "Int64": "whole_number"}.get(dtype, "number")  # type: ignore[return-value]


def _options(field: str, lang: str) -> tuple[tuple[str, str], ...]:
    if field == "industry":
        return tuple((code, division_label(code, lang)) for code in DIVISION_NAMES)
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


@cache
def grid_question(topic: str, rows: tuple[str, ...], lang: str = "zh") -> Question:
    """The ``yes_no_grid`` screen of ``topic`` asking for the yes/no fields ``rows``."""
    text = topic_texts()[topic]
    suffix = "_en" if lang == "en" else ""
    return Question(
        field=topic,
        title=text["title" + suffix],
        question=text["question" + suffix],
        why=text["why" + suffix],
        kind="yes_no_grid",
        options=tuple((row, question_texts()[row]["statement" + suffix]) for row in rows),
        settles=0,
    )


def _worth(program: Mapping[str, Any]) -> float:
    """A program's weight: 2 when it pays money (or saves tax), 1 for a service.

    Only the kind is used: the amount of a program still undecided is mostly unknown (it
    needs the amount inputs), and weighting by the amounts that happen to be known let two
    fixed-amount grants outweigh ten other programs.
    """
    return 2.0 if program["benefit"]["kind"] in MONEY_KINDS else 1.0


def _candidates(result: Mapping[str, Any], skipped: set[str]) -> dict[str, tuple[float, int]]:
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


@cache
def _required_reads() -> dict[str, frozenset[str]]:
    """The fields each program's required criteria read, by program id."""
    return {
        p.id: frozenset().union(*(c.test.fields() for c in p.criteria if c.required))
        for p in PROGRAMS
    }


def _open_in(programs: tuple[Any, ...], values: Mapping[str, Any], field: str) -> bool:
    """Whether ``field`` can still change one of the compiled ``programs`` given ``values``:
    a program is undecided and an unknown required criterion of it waits for ``field``."""
    for cp in programs:
        waiting = False
        for c in cp.criteria:
            if not c.required:
                continue
            result = c.test(values)
            if result is False:
                waiting = False
                break
            if result is None and not waiting and field in c.unknowns(values):
                waiting = True
        if waiting:
            return True
    return False


def _stay_open(values: Mapping[str, Any], rows: tuple[str, ...], on: dt.date) -> bool:
    """Whether each row stays open for every yes/no answer to the other rows.

    Unknown answers need no trial: the rules' logic is Kleene's, so an unknown answer
    decides no criterion that both yes and no leave undecided.
    """
    wanted = frozenset(rows)
    reads = _required_reads()
    programs = tuple(cp for cp in compiled_programs(on) if reads[cp.program.id] & wanted)
    for row in rows:
        others = tuple(r for r in rows if r != row)
        for answers in itertools.product((True, False), repeat=len(others)):
            trial = {**values, **dict(zip(others, answers, strict=True))}
            if not _open_in(programs, trial, row):
                return False
    return True


def _rows(
    first: str,
    values: Mapping[str, Any],
    candidates: Mapping[str, tuple[float, int]],
    on: dt.date,
) -> tuple[str, ...]:
    """The yes/no fields to ask with ``first`` on one screen, in the file's order."""
    topic = question_texts()[first].get("topic")
    if topic is None:
        return (first,)
    order = {field: i for i, field in enumerate(question_texts())}
    others = sorted(
        (f for f in topic_fields()[topic] if f in candidates and f != first),
        key=lambda f: (-candidates[f][0], order[f]),
    )
    chosen: tuple[str, ...] = (first,)
    for field in others:
        if len(chosen) == MAX_ROWS:
            break
        if _stay_open(values, (*chosen, field), on):
            chosen += (field,)
    return tuple(sorted(chosen, key=order.__getitem__))


def next_step(
    answers: Mapping[str, Any],
    *,
    on: dt.date | None = None,
    skipped: Iterable[str] = (),
    lang: str = "zh",
    combine: bool = False,
) -> Step:
    """The next question for a firm that has given ``answers`` and skipped ``skipped``.

    ``skipped`` names the fields the firm is unsure of (each row of a ``yes_no_grid``
    screen left unknown among them); they stay unknown and are not asked again. Raises
    ProfileError when an answer is invalid, as ``screen`` does.
    """
    profile = parse_profile(answers)
    result = screen(profile, on=on)
    skip = set(skipped)
    candidates = _candidates(result, skip)
    decided = sum(p["eligibility"] != "unknown" for p in result["programs"])
    total = len(result["programs"])
    if not candidates:
        return Step(None, decided, total, result)
    order = {field: i for i, field in enumerate(question_texts())}
    field = max(candidates, key=lambda f: (candidates[f][0], -order[f]))
    rows: tuple[str, ...] = (field,)
    if combine:
        day = dt.date.fromisoformat(result["as_of"])
        rows = _rows(field, profile.__dict__, candidates, day)
    if len(rows) == 1:
        base = question_for(field, lang)
    else:
        base = grid_question(question_texts()[field]["topic"], rows, lang)
    settles = sum(
        any(row in p["missing_fields"] for row in rows)
        for p in result["programs"]
        if p["eligibility"] == "unknown"
    )
    return Step(replace(base, settles=settles), decided, total, result)
