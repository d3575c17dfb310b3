"""The interview: which question to ask next, so that a firm learns the most from the fewest.

The firm's need first
    An interview that starts with nothing answered asks first what the firm wants help with
    (``needs``: funding, hiring, training …; several allowed). The programs serving those
    needs (:func:`smewindow.rules.needs.programs_for_needs`) are in scope
    (:attr:`Step.in_scope`): only the fields they wait for are asked, and the interview ends
    when every one of them is decided, or waits only for skipped fields. The other programs
    are screened with the same answers all along (and often end decided too); the results
    show them below the firm's needs. A firm that skips the question, or a caller that starts
    with answers but no needs (an API client with a profile in hand), has every program in
    scope: the full interview.

Which field next
    Among the fields an in-scope program waits for, the next question is the one named by
    the most still-undecided programs (in scope or not), each weighted by what it is worth
    (:func:`_worth`: a program that pays money counts double a free service). Counting every
    undecided program asks the broad questions (registration, size, industry) before the
    narrow ones they may make moot, whatever the needs: a hair salon that wants training is
    asked its industry, not whether it has factory registration, though two programs in
    scope read the latter and only one the former. A field no undecided program
    names can no longer change any outcome (符合 / 可能符合 / 不符合) and is never asked; a
    skipped field is not asked again (it stays unknown: unknown is not false). Among equal
    scores the question listed first in ``questions.yaml`` wins: the file lists broad
    questions before detailed ones.

The gate before the detail (:func:`gates`)
    A yes/no question G gates a question F when one answer to G leaves F unable to change
    any program that reads F (G rules the program out, or settles every criterion F is in),
    and G is the broader question: read by more programs than F, or by the same ones and
    listed earlier in ``questions.yaml``. F is asked only once G is answered the other way;
    until then G is asked in its place, and if G was skipped F is not asked either. So the
    brand's trademark, overseas regions and own-brand share come only after 擁有自有品牌 is
    answered yes (not after 工廠登記: brand counselling may take firms of other industries,
    which have no factory to register), 工廠登記證 only after 工廠登記 yes, the product's
    questions only after 有推出市場未滿3年的量產產品 (and the software question before the
    certification one, which 資訊軟體類 makes moot), 在哪個市場交易 only after 股票已上市…
    yes, the trade record only after 出進口廠商登記 yes, the transformation plans only
    after 正常營運 yes (the loan's only reader needs both). A skipped gate costs nothing:
    when G would rule the programs out, F could only rule them out too, never in; and the
    detail presupposes the gate (該品牌, 那項產品, 掛牌市場). One gate no rule can set is
    declared in ``questions.yaml`` (``asked_if``): 主要營業活動是否在臺灣 is asked only of a
    firm registered abroad (``registered_abroad``, a field no rule reads; the
    co-investment reads the former for every firm without a Taiwan company or business
    registration), so a firm registered in Taiwan never sees it.

Several questions on one screen (``combine=True``)
    A firm knows most of its yes/no facts offhand (factory registration, importer
    registration, listed or not …). With ``combine=True``, when the best question is a
    field of a topic (``topic`` in ``questions.yaml``), the screen also asks the topic's other
    open fields as a grid: one row per field. A topic is all yes/no fields (kind
    ``yes_no_grid``, each row's statement answered 是, 否 or 不確定: 是 is True, 否 False) or all
    numbers (kind ``number_grid``, each row's question with its own box: the tax incentives'
    hires, pay raise and R&D spending). A row marked 不確定, left unanswered or left blank is
    unknown, never 否 or 0, and the caller lists its field in ``skipped``, so a person answers
    on one screen what they know, and no row of it is asked again. Skipping the whole screen
    (不確定，跳過) lists every row's field in ``skipped``. At most :data:`MAX_ROWS` rows.

    A row joins only if no answer to the other rows can make it moot, with one exception.
    A yes/no row is tried with every yes/no answer to the others (an unknown answer settles
    less than either); a number row joins only if no program waiting for it reads another
    row (numbers cannot be tried value by value), so each row of the tax screen decides its
    own incentive. The exception: a yes/no row may join when the only way the other rows make
    it moot is by ruling out every program waiting for it (their answers end those programs'
    eligibility, not settle the row's criterion); and a gate between two questions of the
    same programs (neither broader, ordered only by the file) may share the screen with its
    detail. So the brand's and the product's questions (陸資, 商標, 新產品, 在臺灣製造或研發,
    資訊軟體類) come on one screen, and the disaster deferral with the disability quota. Why
    it is safe: once the row's programs are out, its answer can change no outcome, so it is
    answered in vain at worst (one row more to read), never misread; before the screen it
    could still matter, so nothing moot given the answers already known is asked; and asking
    it later costs a whole screen for every firm whose answer keeps the programs open. What
    stays apart: a row another row settles without ruling the program out (certification,
    which 資訊軟體類 makes moot, waits for its own screen, as the trade record waits for the
    importer registration, and the own-brand share for the overseas regions); and a gate read
    by more programs than its detail (擁有自有品牌 before anything about the brand).

Measured (``benchmarks/bench_interview.py``, ``docs/benchmarks.md``)
    Over the 22 personas of ``benchmarks/personas.py`` in the web finder's interview, the
    first screen included: with their needs, median 8 screens, at most 11; skipping the
    needs, median 9, at most 14 (the food factory with its own brand and a new product,
    which brand counselling and Taiwan Excellence both ask about). Before the number grid and
    the exception above: with needs median 8, at most 14 (total 185); without, median 10, at
    most 19 (total 238). The number grid alone: at most 14 and 17 (totals 180, 216); the
    exception alone: at most 11 and 16 (totals 178, 229); both: totals 171 and 205. Before
    the needs and the gates (the eleven personas then): median 13, at most 21, owners unsure
    of their brand asked about its trademark and products one screen each.

    Measured and dropped earlier: scoring a field by the programs each of its possible
    answers would decide (without knowing how likely each answer is, a question whose rare
    answer decides a lot, 在哪個市場交易, outranks the gates, and most firms are asked
    more); weighting by the computed amount (the grants with a fixed amount outweighed a
    dozen others); letting every open row of a topic join a grid (fewer screens, but rows
    that another row's answer on the same screen settles, and details before a broader
    gate); boxes to tick, an unticked box counting as no (an owner who knew some boxes but
    not all declined the screen and got every box again one per screen).

Amount inputs (trainees' cost, loan amount …) are not interview questions: the results offer
them beside the programs they price.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

from smewindow.rules import parameters
from smewindow.rules.batch import profile_schema
from smewindow.rules.data import package_yaml
from smewindow.rules.engine import compiled_programs, screen, today_taipei
from smewindow.rules.model import MONEY_KINDS, Program
from smewindow.rules.needs import NEEDS, need_label, programs_for_needs
from smewindow.rules.profile import (
    ENUM_FIELDS,
    LIST_FIELDS,
    enum_values,
    field_title,
    parse_profile,
)
from smewindow.rules.programs import PROGRAMS
from smewindow.rules.taiwan import COUNTIES, DIVISION_NAMES, division_label
from smewindow.rules.texts import fill

Kind = Literal[
    "yes_no", "number", "whole_number", "choice", "choices", "yes_no_grid", "number_grid"
]

GRID_KINDS = frozenset({"yes_no_grid", "number_grid"})
"""The kinds of a screen that asks several fields of one topic."""


MAX_ROWS = 6
"""The most rows one grid screen (``yes_no_grid`` or ``number_grid``) shows."""

NEEDS_FIELD = "needs"
"""The first question of an interview: what the firm wants help with."""

_TOPICS_KEY = "_topics"

Gate = tuple[str, bool]
"""A yes/no field, and the answer to it that lets the gated field be asked."""


@dataclass(frozen=True)
class Question:
    """One question of the interview, ready to show.

    For a grid (kind ``yes_no_grid`` or ``number_grid``), ``field`` is the topic's id and
    ``options`` pairs each profile field the screen answers with its row's text: a yes/no
    field's statement, or a number field's question (see :attr:`rows`).
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
        """The profile fields a grid screen asks, one per option; else ()."""
        return tuple(value for value, _ in self.options) if self.kind in GRID_KINDS else ()


@dataclass(frozen=True)
class Step:
    """Where the interview stands: the next question (None when done) and the result so far."""

    question: Question | None
    decided: int
    total: int
    result: dict[str, Any]
    in_scope: frozenset[str]
    """The ids of the programs serving the firm's needs (every program when it has not said):
    the interview ends when none of them is left to settle; the others are screened too."""


@cache
def _questions_file() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = package_yaml("questions.yaml")
    return data


@cache
def question_texts() -> dict[str, dict[str, Any]]:
    """The texts of each field's question, by profile field, in the file's order."""
    return {k: v for k, v in _questions_file().items() if k != _TOPICS_KEY}


@cache
def topic_texts() -> dict[str, dict[str, Any]]:
    """The texts of each topic's grid screen, by topic id."""
    return _questions_file()[_TOPICS_KEY]


@cache
def topic_fields() -> dict[str, tuple[str, ...]]:
    """The fields of each topic, in the file's order: all yes/no, or all numbers."""
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
    if field == NEEDS_FIELD:
        return tuple((need, need_label(need, lang)) for need in NEEDS)
    text = question_texts()[field]
    labels = text.get("options_en" if lang == "en" else "options", {})
    if field in ENUM_FIELDS or field in LIST_FIELDS:
        return tuple((value, labels[value]) for value in enum_values(field))
    return ()


def _filled(question: Question, on: dt.date | None, lang: str) -> Question:
    """``question`` with the parameters its texts name as in force on ``on`` (default: today
    in Taipei); each text is filled once per parameter epoch (``texts.fill``)."""
    day = on or today_taipei()
    return replace(
        question,
        title=fill(question.title, day, lang),
        question=fill(question.question, day, lang),
        why=fill(question.why, day, lang),
        options=tuple((value, fill(text, day, lang)) for value, text in question.options),
    )


def question_for(field: str, lang: str = "zh", on: dt.date | None = None) -> Question:
    """The question that asks for ``field`` in Chinese (zh) or English (en), stating the
    parameters in force on ``on`` (default: today in Taipei); ``settles`` is 0."""
    return _filled(_question(field, lang), on, lang)


@cache
def _question(field: str, lang: str) -> Question:
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


def grid_question(
    topic: str, rows: tuple[str, ...], lang: str = "zh", on: dt.date | None = None
) -> Question:
    """The grid screen of ``topic`` asking for the fields ``rows``: a ``yes_no_grid`` of
    their statements, or a ``number_grid`` of their questions (parameters as in force on
    ``on``, default today in Taipei)."""
    return _filled(_grid_question(topic, rows, lang), on, lang)


@cache
def _grid_question(topic: str, rows: tuple[str, ...], lang: str) -> Question:
    text = topic_texts()[topic]
    suffix = "_en" if lang == "en" else ""
    yes_no = _kind(rows[0]) == "yes_no"
    label = "statement" if yes_no else "question"
    return Question(
        field=topic,
        title=text["title" + suffix],
        question=text["question" + suffix],
        why=text["why" + suffix],
        kind="yes_no_grid" if yes_no else "number_grid",
        options=tuple((row, question_texts()[row][label + suffix]) for row in rows),
        settles=0,
    )


def _worth(program: Program) -> float:
    """A program's weight: 2 when it pays money (or saves tax), 1 for a service.

    Only the kind is used: the amount of a program still undecided is mostly unknown (it
    needs the amount inputs), and weighting by the amounts that happen to be known let two
    fixed-amount grants outweigh ten other programs.
    """
    return 2.0 if program.benefit.kind in MONEY_KINDS else 1.0


@cache
def _required_reads() -> dict[str, frozenset[str]]:
    """The fields each program's required criteria read, by program id."""
    return {
        p.id: frozenset().union(*(c.test.fields() for c in p.criteria if c.required))
        for p in PROGRAMS
    }


@cache
def field_readers() -> dict[str, frozenset[str]]:
    """The ids of the programs whose required criteria read each field, by field."""
    found: dict[str, frozenset[str]] = {}
    for pid, fields in _required_reads().items():
        for field in fields:
            found[field] = found.get(field, frozenset()) | {pid}
    return found


def _waits_for(cp: Any, values: Mapping[str, Any]) -> set[str]:
    """The fields the compiled program ``cp`` waits for given ``values``: none when it is
    decided (a required criterion unmet, or none unknown), else its missing fields."""
    waiting: set[str] = set()
    for c in cp.criteria:
        if not c.required:
            continue
        result = c.test(values)
        if result is False:
            return set()
        if result is None:
            waiting |= c.unknowns(values)
    return waiting


def _derived_gates(on: dt.date) -> dict[str, tuple[Gate, ...]]:
    """The gates the rules themselves set: a yes/no field G gates F when one answer to G
    leaves F unable to change any program that reads F (it rules the program out, or
    settles every criterion F is in), and G is the broader question, read by more programs
    than F, or by the same ones and listed earlier in ``questions.yaml``. F is asked only
    once G is answered the other way."""
    readers = field_readers()
    order = {field: i for i, field in enumerate(question_texts())}
    schema = profile_schema()
    by_id = {cp.program.id: cp for cp in compiled_programs(on)}
    found: dict[str, tuple[Gate, ...]] = {}
    for gate, field in itertools.permutations(sorted(readers), 2):
        if str(schema[gate]) != "Boolean":
            continue
        broader = readers[gate] > readers[field] or (
            readers[gate] == readers[field] and order[gate] < order[field]
        )
        if not broader:
            continue
        for closing in (True, False):
            if all(field not in _waits_for(by_id[p], {gate: closing}) for p in readers[field]):
                found[field] = (*found.get(field, ()), (gate, not closing))
    return found


_GATES: dict[int, dict[str, tuple[Gate, ...]]] = {}


def gates(on: dt.date) -> Mapping[str, tuple[Gate, ...]]:
    """Per field, the yes/no questions that must be answered first, each with the answer that
    lets the field be asked: the rules' own (:func:`_derived_gates`) and those declared in
    ``questions.yaml`` (``asked_if``) where no rule reads the gate."""
    epoch = parameters.epoch(on)
    found = _GATES.get(epoch)
    if found is None:
        found = _derived_gates(on)
        for field, text in question_texts().items():
            for gate, value in text.get("asked_if", {}).items():
                found[field] = (*found.get(field, ()), (gate, value))
        _GATES[epoch] = found
    return found


def _through_gates(
    field: str,
    values: Mapping[str, Any],
    skipped: set[str],
    gated: Mapping[str, tuple[Gate, ...]],
) -> str | None:
    """What to ask for ``field``: the field itself, or first a gate of it not yet answered;
    None when the field or a gate of it was skipped, or a gate answered the other way."""
    if field in skipped:
        return None
    for gate, opening in gated.get(field, ()):
        value = values.get(gate)
        if value is None:
            return _through_gates(gate, values, skipped, gated)
        if value is not opening:
            return None
    return field


def offered_questions(
    missing: Iterable[str], answers: Mapping[str, Any], on: dt.date
) -> tuple[str, ...]:
    """The questions to offer a firm for a program's ``missing`` fields, each once: the
    field, or first the gate it waits for; none for a field that a gate's answer leaves
    unable to matter (a firm registered in Taiwan is not offered 主要營業活動是否在臺灣).
    Skipped questions are offered again: the results page lets a firm answer them now."""
    gated = gates(on)
    found = (_through_gates(f, answers, set(), gated) for f in missing)
    return tuple(dict.fromkeys(f for f in found if f is not None))


def _asks(
    waiting: Iterable[tuple[Any, Iterable[str]]],
    values: Mapping[str, Any],
    skipped: set[str],
    gated: Mapping[str, tuple[Gate, ...]],
) -> list[tuple[Any, set[str]]]:
    """Each compiled program, given with the fields it waits for, paired with the fields to
    ask that could settle it; the programs with nothing left to ask are left out."""
    found = []
    for cp, fields in waiting:
        asks = {a for f in fields if (a := _through_gates(f, values, skipped, gated))}
        if asks:
            found.append((cp, asks))
    return found


def _candidates(asks: list[tuple[Any, set[str]]]) -> dict[str, float]:
    """Per askable field, its score: the worth of the programs it could settle."""
    found: dict[str, float] = {}
    for cp, fields in asks:
        weight = _worth(cp.program)
        for field in fields:
            found[field] = found.get(field, 0.0) + weight
    return found


def _ruled_out(cp: Any, values: Mapping[str, Any]) -> bool:
    """Whether a required criterion of the compiled program ``cp`` is unmet given ``values``."""
    return any(c.required and c.test(values) is False for c in cp.criteria)


def _stay_open(
    waiting: list[tuple[Any, set[str]]],
    values: Mapping[str, Any],
    skipped: set[str],
    rows: tuple[str, ...],
    gated: Mapping[str, tuple[Gate, ...]],
) -> bool:
    """Whether no answer to the other rows can make a row moot, except by ruling out every
    program that waits for it (see the module's docstring).

    ``waiting`` pairs each undecided program with the fields it waits for; only a program
    waiting for a row now can ask for it after the other rows are answered. Yes/no rows are
    tried with every yes/no answer to the others; unknown answers need no trial: the rules'
    logic is Kleene's, so an unknown answer decides no criterion that both yes and no leave
    undecided. Number rows cannot be tried value by value: a number row joins only when no
    program waiting for it reads another row of the screen.
    """
    reads = _required_reads()
    for row in rows:
        others = tuple(r for r in rows if r != row)
        askers = [cp for cp, fields in waiting if row in fields]
        if _kind(row) != "yes_no":
            if any(reads[cp.program.id] & set(others) for cp in askers):
                return False
            continue
        for answers in itertools.product((True, False), repeat=len(others)):
            trial = {**values, **dict(zip(others, answers, strict=True))}
            still = ((cp, _waits_for(cp, trial)) for cp in askers)
            if any(row in asks for _, asks in _asks(still, trial, skipped, gated)):
                continue
            if not all(_ruled_out(cp, trial) for cp in askers):
                return False
    return True


def _opens_with(
    field: str,
    chosen: tuple[str, ...],
    values: Mapping[str, Any],
    skipped: set[str],
    gated: Mapping[str, tuple[Gate, ...]],
) -> bool:
    """Whether ``field`` can be asked on the screen of the rows ``chosen``: each of its gates
    is answered the opening way, or is a row of the screen that the same programs read (such
    a gate orders two questions of the same programs only by the file; one screen asks both
    at once)."""
    if field in skipped or values.get(field) is not None:
        return False
    readers = field_readers()
    for gate, opening in gated.get(field, ()):
        value = values.get(gate)
        if value is None and not (gate in chosen and readers.get(gate) == readers[field]):
            return False
        if value is not None and value is not opening:
            return False
    return True


def _rows(
    first: str,
    waiting: list[tuple[Any, set[str]]],
    values: Mapping[str, Any],
    skipped: set[str],
    candidates: Mapping[str, float],
    gated: Mapping[str, tuple[Gate, ...]],
) -> tuple[str, ...]:
    """The fields to ask with ``first`` on one screen, in the file's order: fields of its
    topic that a program of ``candidates`` (the fields in scope, scored) waits for."""
    topic = question_texts()[first].get("topic")
    if topic is None:
        return (first,)
    order = {field: i for i, field in enumerate(question_texts())}
    others = sorted(
        (f for f in topic_fields()[topic] if f in candidates and f != first),
        key=lambda f: (-candidates[f], order[f]),
    )
    chosen: tuple[str, ...] = (first,)
    grew = True
    while grew and len(chosen) < MAX_ROWS:
        grew = False
        for field in others:
            if len(chosen) == MAX_ROWS:
                break
            if field in chosen or not _opens_with(field, chosen, values, skipped, gated):
                continue
            if _stay_open(waiting, values, skipped, (*chosen, field), gated):
                chosen = (*chosen, field)
                grew = True
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
    screen left unknown among them); they stay unknown and are not asked again. An
    interview that starts with nothing answered or skipped asks the firm's needs first.
    Raises ProfileError when an answer is invalid, as ``screen`` does.
    """
    profile = parse_profile(answers)
    result = screen(profile, on=on)
    day = dt.date.fromisoformat(result["as_of"])
    skip = set(skipped)
    values = profile.__dict__
    in_scope = programs_for_needs(profile.needs)
    decided = sum(p["eligibility"] != "unknown" for p in result["programs"])
    total = len(result["programs"])
    if not answers and not skip:
        return Step(question_for(NEEDS_FIELD, lang, day), decided, total, result, in_scope)
    gated = gates(day)
    waiting = [
        (cp, set(p["missing_fields"]))
        for cp, p in zip(compiled_programs(day), result["programs"], strict=True)
        if p["eligibility"] == "unknown"
    ]
    asks = _asks(waiting, values, skip, gated)
    scoped = _candidates([(cp, fields) for cp, fields in asks if cp.program.id in in_scope])
    if not scoped:
        return Step(None, decided, total, result, in_scope)
    candidates = {f: score for f, score in _candidates(asks).items() if f in scoped}
    order = {field: i for i, field in enumerate(question_texts())}
    field = max(candidates, key=lambda f: (candidates[f], -order[f]))
    rows: tuple[str, ...] = (field,)
    if combine:
        waited = _candidates([(cp, f) for cp, f in waiting if cp.program.id in in_scope])
        rows = _rows(field, waiting, values, skip, {**waited, **candidates}, gated)
    if len(rows) == 1:
        base = question_for(field, lang, day)
    else:
        base = grid_question(question_texts()[field]["topic"], rows, lang, day)
    asking = {cp.program.id: fields for cp, fields in asks}
    settles = sum(
        bool((fields | asking[cp.program.id]) & set(rows))
        for cp, fields in waiting
        if cp.program.id in asking
    )
    return Step(replace(base, settles=settles), decided, total, result, in_scope)
