"""The training subsidy's money rule (配套1.1), written once.

Seed 配套1.1 補助金額: 「本國籍員工，每人上限1萬元，每一家企業申請補助上限10萬元」; 加碼補助:
「可獲得受補助金額10%」. The amounts come from the dated parameters ``digital_training.*``.

The expressions below are the rule. The engine screens a profile with them
(``programs/digital.py``, compiled to Python and to Polars) and the applications price a
case with :func:`price`, which compiles the same expressions for one date: there is no
second copy of the arithmetic (docs/applications.md, "Money").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from smewindow.rules.logic import Expr, Field, Param, RoundTWD, minimum
from smewindow.rules.parameters import resolver

PER_TRAINEE_CAP = Param("digital_training.per_trainee_cap")
FIRM_CAP = Param("digital_training.firm_cap")
RAISE_BONUS_RATE = Param("digital_training.raise_bonus_rate")


def trainee_subsidy(cost: Expr) -> Expr:
    """One counted trainee's subsidy: the cost (實報實銷), at most the per-trainee cap."""
    return minimum(cost, PER_TRAINEE_CAP)


def firm_subsidy(counted: Expr, courses: Expr, software: Expr) -> Expr:
    """The firm's subsidy: the ``courses`` subsidy of its ``counted`` trainees (each already
    capped), plus the ``software`` bought with them filling what they leave below their caps
    (UNCONFIRMED, docs/applications.md), at most the firm's cap."""
    room = counted * PER_TRAINEE_CAP - courses
    return minimum(courses + minimum(software, room), FIRM_CAP)


def raise_bonus(subsidy: Expr) -> Expr:
    """The raise bonus (加碼補助): the rate of the subsidy, rounded to whole NT$ halves up."""
    return RoundTWD(subsidy * RAISE_BONUS_RATE)


@dataclass(frozen=True)
class Price:
    """A case priced on ``on``: each trainee's subsidy (0 for one who does not count), in
    the order given, how many count, and the firm's subsidy."""

    on: dt.date
    min_hours: int
    per_trainee: tuple[int, ...]
    counted: int
    amount: int

    def counts(self, hours: Decimal) -> bool:
        """Whether a trainee with ``hours`` of listed courses counts (seed 配套1.1 補助標的)."""
        return hours >= self.min_hours


_COST, _COUNTED, _COURSES, _SOFTWARE = (
    Field("cost"),
    Field("counted"),
    Field("courses"),
    Field("software"),
)


def price(trainees: Sequence[tuple[int, Decimal]], software: int, on: dt.date) -> Price:
    """Price ``trainees`` (each: cost in whole NT$, known hours of listed courses) and the
    ``software`` bought with them by the parameters in force ``on``. A trainee counts with
    at least ``digital_training.min_hours`` hours."""
    resolve = resolver(on)
    min_hours = resolve("digital_training.min_hours")
    each = trainee_subsidy(_COST).compile_py(resolve)
    per_trainee = tuple(
        each({"cost": cost}) if hours >= min_hours else 0 for cost, hours in trainees
    )
    counted = sum(hours >= min_hours for _, hours in trainees)
    total = firm_subsidy(_COUNTED, _COURSES, _SOFTWARE).compile_py(resolve)
    amount = total({"counted": counted, "courses": sum(per_trainee), "software": software})
    return Price(on, min_hours, per_trainee, counted, int(amount))


def bonus(amount: int, on: dt.date) -> int:
    """The raise bonus on ``amount`` by the rate in force ``on``."""
    return int(raise_bonus(Field("amount")).compile_py(resolver(on))({"amount": amount}))
