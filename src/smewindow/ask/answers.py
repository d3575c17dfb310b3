"""Answers made from the rules only: every amount, rate, date and condition in an answer is
read from the parameters and programs for the date asked, never typed into a template.

Each answer kind (``Kind``) states one thing about a program — what it gives (its benefit
summary, filled with the parameters in force), its window on the date, who qualifies (its
criteria), how to apply (its next steps) and whom to call (its contact) — or, for a firm that
described itself, its screening. ``facts`` lists every parameter the text states, with its
value as stated and its source, so a reader (and the evaluation) can check each number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, Literal

from bm25s.stopwords import STOPWORDS_EN_PLUS

from smewindow.ask.normalize import tokens
from smewindow.formatting import display_date, parameter_label, rule_text, window_label
from smewindow.rules import PROGRAMS_BY_ID
from smewindow.rules.engine import screen, window_statuses
from smewindow.rules.logic import Expr, Param
from smewindow.rules.model import Program
from smewindow.rules.parameters import load_parameters
from smewindow.rules.predicates import sme_size_criterion
from smewindow.rules.texts import PLACEHOLDER, fill, state_parameter

Kind = Literal["amount", "window", "eligibility", "how_to", "contact", "detail"]
KINDS: tuple[Kind, ...] = ("amount", "window", "eligibility", "how_to", "contact")


@dataclass(frozen=True)
class Fact:
    """A parameter an answer states: its name, its value as stated, and its source."""

    parameter: str
    value: str
    source: str
    unconfirmed: bool

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Part:
    """One program's part of an answer: the text and the facts it states."""

    program: str
    kind: str
    text: str
    facts: tuple[Fact, ...] = field(default=())


def fact(name: str, on: dt.date, lang: str) -> Fact:
    """The parameter ``name`` as in force on ``on``, stated as a sentence would."""
    unconfirmed = load_parameters()[name].unconfirmed_on(on)
    return Fact(name, state_parameter(name, on, lang), _source(name, on), unconfirmed)


def _source(name: str, on: dt.date) -> str:
    refs = load_parameters()[name].reference_on(on)
    return refs[0].cite() if refs else ""


def _window_fact(name: str, span: str, on: dt.date) -> Fact:
    """A window as the answer states it: the round that decides its status on ``on``."""
    return Fact(name, span, _source(name, on), load_parameters()[name].unconfirmed_on(on))


def _span(dates: Mapping[str, Any], lang: str) -> str:
    """A round's days: 民國114年1月15日至民國117年10月31日 (from or until alone when open)."""
    opens, closes = dates.get("opens"), dates.get("closes")
    start = display_date(str(opens)[:10], lang) if opens else ""
    end = display_date(str(closes)[:10], lang) if closes else ""
    if start and end:
        return f"{start} – {end}" if lang == "en" else f"{start}至{end}"
    if start:
        return f"from {start}" if lang == "en" else f"{start}起"
    return (f"until {end}" if lang == "en" else f"至{end}") if end else ""


def _filled(text: str, on: dt.date, lang: str) -> tuple[str, tuple[Fact, ...]]:
    """``text`` with its parameters stated, and the facts it states."""
    names = list(dict.fromkeys(PLACEHOLDER.findall(text)))
    return fill(text, on, lang), tuple(fact(n, on, lang) for n in names)


def name_of(program: Program, lang: str) -> str:
    """A program's name in ``lang``."""
    return rule_text(program, "name", lang)


def program_part(program_id: str, kind: Kind, on: dt.date, lang: str = "zh") -> Part:
    """What ``program_id`` says of ``kind`` on ``on``."""
    program = PROGRAMS_BY_ID[program_id]
    english = lang == "en"
    if kind == "amount":
        summary = program.benefit.summary_en if english else program.benefit.summary
        text, facts = _filled(summary, on, lang)
    elif kind == "window":
        return window_part(program_id, program.windows[0].parameter, on, lang)
    elif kind == "eligibility":
        filled = [_filled(c.label_en if english else c.label, on, lang) for c in program.criteria]
        text = ("; " if english else "；").join(t for t, _ in filled)
        facts = tuple(dict.fromkeys(f for _, fs in filled for f in fs))
    elif kind == "how_to":  # the steps, whom to ask, and the page: all a firm needs to start
        text, facts = _filled(program.next_steps_en if english else program.next_steps, on, lang)
        contact = rule_text(program, "contact", lang, on)
        if contact:
            text = (
                f"{text} Contact: {contact}."
                if english
                else f"{text.rstrip('。')}；洽詢：{contact}"
            )
        text = _with_page(text, program, lang)
    else:
        text, facts = _with_page(rule_text(program, "contact", lang, on), program, lang), ()
    return Part(program_id, kind, text, facts)


def sme_standard_part(on: dt.date, lang: str) -> Part:
    """The SME Recognition Standard most programs require (``rules.predicates``), stated
    for ``on``: for 這樣還算中小企業嗎, whichever programs the answer names."""
    criterion = sme_size_criterion()
    text, facts = _filled(criterion.label_en if lang == "en" else criterion.label, on, lang)
    return Part("", "sme", text, facts)


def window_part(program_id: str, name: str, on: dt.date, lang: str) -> Part:
    """The window ``name`` of a program on ``on``: its status and the round that decides it
    (a firm's track may have its own window: the screening says which)."""
    status, dates = window_statuses(on)[name]
    text = window_label(status, on, lang)
    span = _span(dates, lang) if dates else ""
    if span:
        text += f" ({span})" if lang == "en" else f"（{span}）"
    return Part(program_id, "window", text, (_window_fact(name, span, on),))


@cache
def program_parameters(program_id: str) -> tuple[str, ...]:
    """Every parameter a program reads or states, in its texts and its criteria's and its
    benefit's expressions (its windows are answered as windows)."""
    program = PROGRAMS_BY_ID[program_id]
    benefit = program.benefit
    texts = [benefit.summary, program.next_steps, *(c.label for c in program.criteria)]
    names = [n for text in texts for n in PLACEHOLDER.findall(text)]
    names += _parameters_in(
        benefit.amount,
        benefit.max_amount,
        *benefit.detail.values(),
        *benefit.money_detail.values(),
        *(c.test for c in program.criteria),
        *(c.applies for c in program.criteria),
    )
    return tuple(dict.fromkeys(names))


def _parameters_in(*exprs: Expr | None) -> list[str]:
    """The parameters ``exprs`` read, each once, in the order met."""
    names: list[str] = []
    stack = [e for e in exprs if e is not None]
    while stack:
        expr = stack.pop()
        if isinstance(expr, Param):
            names.append(expr.name)
        stack.extend(expr.children())
    return list(dict.fromkeys(names))


def firm_terms(
    program_id: str, detail: Mapping[str, Any], on: dt.date, lang: str, stated: set[str]
) -> Part | None:
    """The program's terms as the screening worked them out for this firm (an equipment
    loan's term, not the working-capital one), each traced to the one parameter among
    those its expression reads that holds the value; those already ``stated`` left out."""
    params = load_parameters()
    names = []
    for key, expr in PROGRAMS_BY_ID[program_id].benefit.detail.items():
        value = detail.get(key)
        if value is None or isinstance(value, bool):
            continue
        holding = [n for n in _parameters_in(expr) if params[n].at(on) == value]
        if len(holding) == 1 and holding[0] not in stated:
            names.append(holding[0])
    if not names:
        return None
    return replace(detail_part(program_id, names, on, lang), kind="terms")


@cache
def _description_words(program_id: str) -> dict[str, frozenset[str]]:
    """Each of a program's parameters and the words of its descriptions (Chinese and
    English) and its name."""
    params = load_parameters()
    texts = {n: f"{params[n].description} {params[n].description_en or ''} {n}" for n in params}
    return {
        n: frozenset(w for w in tokens(texts[n]) if len(w) > 1 and w not in _ENGLISH_STOP)
        for n in program_parameters(program_id)
    }


_ENGLISH_STOP = frozenset(STOPWORDS_EN_PLUS)
"""English words that name no parameter (of, a, the …)."""


def asked_parameters(program_id: str, words: list[str], stated: set[str]) -> list[str]:
    """The program's parameters the question names by what they are (寬限期, 年齡上限),
    beyond those already ``stated``: a word of the question in a parameter's description
    counts by how few of the program's parameters share it; a parameter is named at 1."""
    described = _description_words(program_id)
    asked = {w for w in words if len(w) > 1}
    share = {w: sum(w in d for d in described.values()) for w in asked}
    found = []
    for name, desc in described.items():
        if name in stated or load_parameters()[name].unit == "window":
            continue
        score = sum(1 / share[w] for w in asked & desc)
        if score >= 1:
            found.append((score, name))
    return [name for _, name in sorted(found, key=lambda f: -f[0])[:MAX_ASKED]]


MAX_ASKED = 3
"""The most parameters an answer adds because the question named them."""


def _statable(value: Any) -> bool:
    """Whether a value can be said in a sentence: not unknown, not a table of rates."""
    return value is not None and not isinstance(value, Mapping)


def detail_part(program_id: str, names: list[str], on: dt.date, lang: str) -> Part:
    """The parameters ``names`` of a program, each stated with what it is (those without a
    value on ``on``, or whose value is a table, left out)."""
    names = [n for n in names if _statable(load_parameters()[n].at(on))]
    facts = tuple(fact(n, on, lang) for n in names)
    lines = [
        f"{parameter_label(n, lang)}{': ' if lang == 'en' else '：'}{f.value}"
        for n, f in zip(names, facts, strict=True)
    ]
    return Part(program_id, "detail", ("; " if lang == "en" else "；").join(lines), facts)


def _with_page(text: str, program: Program, lang: str) -> str:
    """``text`` (a program's steps or contact) with the program's official page after it."""
    if not program.url:
        return text
    if lang == "en":
        return f"{text} Official page: {program.url}"
    return f"{text.rstrip('。')}；官方網頁：{program.url}"


@dataclass(frozen=True)
class FirmResult:
    """A firm's screening, for the programs asked about (all when none was)."""

    eligible: list[str]
    possible: list[str]
    """Possibly eligible: more answers are needed."""
    ineligible: list[str]
    missing: dict[str, list[str]]
    """Each possible program's missing fields."""
    terms: dict[str, Mapping[str, Any]]
    """Each program's terms for this firm (the screening's ``benefit.detail``)."""
    windows: dict[str, str]
    """Each program's window parameter for this firm (a track may have its own)."""


def firm_result(
    profile: Mapping[str, Any], on: dt.date, programs: list[str] | None = None
) -> FirmResult:
    """The screening of ``profile`` on ``on`` (only ``programs`` when given), closed
    windows left out of eligible and possible: they cannot be applied for now."""
    result = FirmResult([], [], [], {}, {}, {})
    statuses = window_statuses(on)
    for entry in screen(profile, on)["programs"]:
        if programs and entry["id"] not in programs:
            continue
        result.windows[entry["id"]] = next(
            w.parameter
            for w in PROGRAMS_BY_ID[entry["id"]].windows
            if statuses[w.parameter] == (entry["window"], entry["window_dates"])
        )
        result.terms[entry["id"]] = entry["benefit"]["detail"]
        if entry["window"] == "closed" and not programs:
            continue
        if entry["eligibility"] == "eligible":
            result.eligible.append(entry["id"])
        elif entry["eligibility"] == "unknown":
            result.possible.append(entry["id"])
            result.missing[entry["id"]] = list(entry["missing_fields"])
        else:
            result.ineligible.append(entry["id"])
    return result
