"""The results as the firm's action plan (issue 11): what it can apply for now and what that
is worth, what one more answer would settle, what opens later, what it lacks and what would
change that, and — folded, never counted — what has closed.

Pure presentation over ``rules.screen``: it groups and words the screening result, and
screens the firm again only to ask "what if" for the few registrations a firm can go and
make (:data:`CHANGES`). The results page and the PDF report both show this plan.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from smewindow.finder.contacts import contact_html
from smewindow.formatting import (
    benefit_summary,
    display_date,
    label,
    parameter_text,
    rule_text,
    twd,
    window_label,
)
from smewindow.rules import PROGRAMS_BY_ID, screen
from smewindow.rules.engine import program_deadline
from smewindow.rules.interview import Question, offered_questions, question_for
from smewindow.rules.model import MONEY_KINDS, Program

OPEN_WINDOWS = frozenset({"open", "ongoing"})
"""Windows a firm can apply in today."""
LATER_WINDOWS = frozenset({"upcoming", "unannounced"})
COUNTED_KINDS = MONEY_KINDS - {"guarantee"}
"""Kinds whose amount is money the firm gets or saves; a guarantee is a credit line, shown
on its card but not added to the total."""


@dataclass(frozen=True)
class Change:
    """A registration the firm can go and make, and what it would open."""

    field: str
    value: Any
    zh: str
    en: str
    also: tuple[tuple[str, Any], ...] = ()
    """Other answers the registration makes true (a registered factory holds its certificate)."""

    def answers(self) -> dict[str, Any]:
        """Every answer the firm would give once registered."""
        return {self.field: self.value, **dict(self.also)}


CHANGES = (
    Change("registration_type", "business", "辦理商業登記（行號）", "registered your business"),
    Change(
        "factory_registration",
        True,
        "辦理工廠登記",
        "registered your factory",
        also=(("factory_registration_certificate", True),),
    ),
    Change("trade_registration", True, "辦理出進口廠商登記", "registered as an importer/exporter"),
    Change("trademark_registered_tw", True, "在臺灣註冊品牌商標", "registered your trademark"),
)
"""What a firm can change by registering; offered only where an answer it changes is known and
differs (a registration type only when it is 僅辦稅籍登記 or none; a factory registration also
to a firm with only an exemption or an improvement plan, which lacks the certificate)."""


@dataclass(frozen=True)
class Card:
    """One program of the plan as the page and the report show it."""

    id: str
    display_name: str
    page_url: str
    kind: str
    kind_key: str
    eligibility: str
    window: str
    window_label: str
    opens: str
    closes: str
    days_left: int | None
    """Days until the deadline for applying (None: open with no deadline, or not open)."""
    window_text: str
    """The window in words: 「受理中，民國114年12月31日17時截止（剩 274 天）」."""
    amount: int | None
    amount_text: str
    """The exact amount, or 「最高 NT$X」, or '' where neither is known."""
    amount_questions: tuple[Question, ...]
    """The questions that would turn 「最高」 into an exact amount."""
    summary: str
    guarantee: str
    """For a loan whose amount is known: its credit guarantee and yearly fee, in words."""
    results: tuple[str, ...]
    """Each criterion's result as shown: met, unmet, unknown or not_applicable."""
    lacks: tuple[str, ...]
    """The required conditions this firm does not meet, as the notice words them."""
    to_ask: tuple[str, ...]
    """For an undecided program no answer can settle: its open conditions, each saying why
    the firm must ask the office (a tax registration the plan is silent on …)."""
    questions: tuple[Question, ...]
    """The questions whose answers could decide an undecided program."""
    settling: Question | None
    """Of those, the one that decides the most of the firm's undecided programs."""
    next_steps_text: str
    contact_html: str
    verified: str
    """The day the program's facts were last checked against the sources, for display."""
    opened_by: str
    """For an ineligible program: the registration that would open it, or ''."""


@dataclass(frozen=True)
class Plan:
    """The results in the order an owner acts on them."""

    apply_now: tuple[Card, ...]
    to_settle: tuple[Card, ...]
    """Undecided programs an answer can settle."""
    to_ask: tuple[Card, ...]
    """Undecided programs no answer can settle: the plan is silent on the firm's case, so
    it asks the office (each card's ``to_ask`` says what)."""
    later: tuple[Card, ...]
    not_eligible: tuple[Card, ...]
    closed: tuple[Card, ...]
    total: int
    """The exact amounts of the programs the firm can apply for now (money kinds but
    guarantees)."""
    unpriced: int
    """How many money programs the firm can apply for now have no exact amount yet (their
    「最高」 is on their card; caps are not added up, most firms get far less)."""
    services: int
    """How many of the programs it can apply for now are free services, courses and
    counselling (listed after the money)."""
    nearest: Card | None
    """The program the firm can apply for now that closes first."""
    openings: tuple[tuple[str, tuple[str, ...]], ...]
    """Each registration the firm could make, with the programs it would open."""

    @property
    def shown(self) -> tuple[Card, ...]:
        """The cards the page shows in full (not the ineligible nor the closed ones)."""
        return (*self.apply_now, *self.to_settle, *self.to_ask, *self.later)


def display_results(program: Mapping[str, Any]) -> tuple[str, ...]:
    """Each criterion's result as people read it: 不適用 where the condition does not apply
    to the firm (a restaurant and the factory registration a manufacturer needs)."""
    return tuple(
        "not_applicable" if c.get("applies") is False else c["result"] for c in program["criteria"]
    )


@cache
def _program_url(program_id: str) -> str:
    return reverse("finder:program", args=[program_id])


def _window_text(
    window: str, dates: Mapping[str, str], days_left: int | None, on: dt.date, lang: str
) -> str:
    """The window's status, with the closing day and the days left when open, or the
    opening day when upcoming."""
    text = window_label(window, on, lang)
    if days_left is not None:
        closes = display_date(dates["closes"], lang)
        return text + gettext("，%(closes)s截止（剩 %(days)s 天）") % {
            "closes": closes,
            "days": days_left,
        }
    if window == "upcoming" and dates.get("opens"):
        return text + gettext("，%(opens)s起") % {"opens": display_date(dates["opens"], lang)}
    if window == "open" and dates.get("closes"):  # the end of a law's or programme's term
        return text + gettext("，適用至%(closes)s") % {
            "closes": display_date(dates["closes"], lang)
        }
    return text


def _guarantee_text(detail: Mapping[str, Any]) -> str:
    """The credit guarantee the rules worked out for this loan (``detail`` of the loan), or ''
    for a programme without one or a loan amount not yet known."""
    ratio, fee = detail.get("guarantee_ratio"), detail.get("guarantee_fee_per_year")
    if ratio is None or fee is None:
        return ""
    return gettext("信用保證 %(ratio)s，保證手續費每年約 %(fee)s") % {
        "ratio": parameter_text(ratio, "share"),
        "fee": twd(fee),
    }


def _amount_text(benefit: Mapping[str, Any]) -> str:
    if benefit["amount"] is not None:
        return twd(benefit["amount"])
    if benefit["max_amount"] is not None:
        return gettext("最高 %(amount)s") % {"amount": twd(benefit["max_amount"])}
    return ""


def _required_labels(
    rules: Program, results: tuple[str, ...], shown: str, on: dt.date, lang: str
) -> tuple[str, ...]:
    """The labels of the program's required conditions whose result is shown as ``shown``."""
    return tuple(
        rule_text(c, "label", lang, on)
        for c, result in zip(rules.criteria, results, strict=True)
        if c.required and result == shown
    )


def _card(
    program: Mapping[str, Any],
    answers: Mapping[str, Any],
    on: dt.date,
    lang: str,
    opened_by: str = "",
) -> Card:
    rules = PROGRAMS_BY_ID[program["id"]]
    dates = program["window_dates"] or {}
    closes = dates.get("closes")
    deadline = program_deadline(program, on)
    days_left = None
    if program["window"] == "open" and deadline is not None:
        day = deadline.date() if isinstance(deadline, dt.datetime) else deadline
        days_left = (day - on).days
    benefit = program["benefit"]
    eligible = program["eligibility"]
    questions = tuple(
        question_for(f, lang, on) for f in offered_questions(program["missing_fields"], answers, on)
    )
    money = benefit["kind"] in MONEY_KINDS and eligible != "ineligible"
    results = display_results(program)
    return Card(
        id=program["id"],
        display_name=rule_text(rules, "name", lang),
        page_url=_program_url(program["id"]),
        kind=label("kind", benefit["kind"], lang),
        kind_key=benefit["kind"],
        eligibility=eligible,
        window=program["window"],
        window_label=window_label(program["window"], on, lang),
        opens=display_date(dates["opens"], lang) if dates.get("opens") else "",
        closes=display_date(closes, lang) if closes else "",
        days_left=days_left,
        window_text=_window_text(program["window"], dates, days_left, on, lang),
        amount=benefit["amount"] if money else None,
        amount_text=_amount_text(benefit) if money else "",
        amount_questions=tuple(question_for(f, lang, on) for f in benefit["amount_fields"])
        if money
        else (),
        summary=benefit_summary(rules.benefit, on, lang),
        guarantee=_guarantee_text(benefit["detail"]) if money else "",
        results=results,
        lacks=_required_labels(rules, results, "unmet", on, lang),
        to_ask=_required_labels(rules, results, "unknown", on, lang)
        if eligible == "unknown" and not questions
        else (),
        questions=questions,
        settling=None,
        next_steps_text=rule_text(rules, "next_steps", lang, on),
        contact_html=contact_html(rule_text(rules, "contact", lang)),
        verified=display_date(program["last_verified"], lang),
        opened_by=opened_by,
    )


def _openings(
    answers: Mapping[str, Any], programs: list[dict[str, Any]], on: dt.date
) -> dict[Change, frozenset[str]]:
    """For each registration the firm could make, the programs now ineligible (and not
    closed) that it would no longer rule out."""
    shut = {
        p["id"] for p in programs if p["eligibility"] == "ineligible" and p["window"] != "closed"
    }
    found: dict[Change, frozenset[str]] = {}
    for change in CHANGES:
        made = change.answers()
        if all(answers.get(field) in (None, value) for field, value in made.items()):
            continue
        registration = answers.get("registration_type")
        if change.field == "registration_type" and registration not in ("tax_only", "none"):
            continue
        after = screen({**answers, **made}, on=on)["programs"]
        opened = frozenset(
            p["id"] for p in after if p["id"] in shut and p["eligibility"] != "ineligible"
        )
        if opened:
            found[change] = opened
    return found


def build_plan(answers: Mapping[str, Any], on: dt.date, lang: str) -> Plan:
    """The action plan for a firm that gave ``answers``, on ``on``, in ``lang``."""
    programs = screen(answers, on=on)["programs"]
    openings = _openings(answers, programs, on)
    opened_by = {
        pid: (change.en if lang == "en" else change.zh)
        for change, ids in openings.items()
        for pid in ids
    }
    apply_now: list[Card] = []
    to_settle: list[Card] = []
    to_ask: list[Card] = []
    later: list[Card] = []
    not_eligible: list[Card] = []
    closed: list[Card] = []
    for program in programs:
        card = _card(program, answers, on, lang, opened_by.get(program["id"], ""))
        if program["window"] == "closed":
            closed.append(card)
        elif program["eligibility"] == "ineligible":
            not_eligible.append(card)
        elif program["eligibility"] == "unknown":
            (to_ask if card.to_ask else to_settle).append(card)
        elif program["window"] in OPEN_WINDOWS:
            apply_now.append(card)
        else:
            later.append(card)
    apply_now.sort(key=_by_deadline_and_value)
    to_settle = _with_settling_question(to_settle)
    counted = [c for c in apply_now if c.kind_key in COUNTED_KINDS]
    dated = [c for c in apply_now if c.days_left is not None]
    return Plan(
        apply_now=tuple(apply_now),
        to_settle=tuple(to_settle),
        to_ask=tuple(to_ask),
        later=tuple(later),
        not_eligible=tuple(not_eligible),
        closed=tuple(closed),
        total=sum(c.amount or 0 for c in counted),
        unpriced=sum(c.amount is None for c in apply_now if c.kind_key in MONEY_KINDS),
        services=sum(c.kind_key not in MONEY_KINDS for c in apply_now),
        nearest=min(dated, key=lambda c: c.days_left or 0) if dated else None,
        openings=tuple(
            (
                change.en if lang == "en" else change.zh,
                tuple(rule_text(PROGRAMS_BY_ID[pid], "name", lang) for pid in sorted(ids)),
            )
            for change, ids in openings.items()
        ),
    )


def _with_settling_question(cards: list[Card]) -> list[Card]:
    """Each undecided card with the one question that settles it: of its open questions, the
    one that decides the most undecided programs (the interview's own order among equals);
    those open for applications now first, then the ones worth most."""
    deciding = Counter(q.field for card in cards for q in card.questions)
    settled = [
        replace(card, settling=max(card.questions, key=lambda q: deciding[q.field]))
        if card.questions
        else card
        for card in cards
    ]
    return sorted(settled, key=lambda c: (c.window not in OPEN_WINDOWS, -_value(c)))


def _value(card: Card) -> int:
    return card.amount or 0


def _by_deadline_and_value(card: Card) -> tuple[bool, int, int]:
    """Money first; then the programs that close soonest, then the ones worth most."""
    days = card.days_left if card.days_left is not None else 10**6
    return (card.kind_key not in MONEY_KINDS, days, -_value(card))
