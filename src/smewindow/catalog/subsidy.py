"""How a software product counts within the training subsidy (配套1.1) on a date, from the
rules' dated parameters (``rules/parameters/digital_training.yaml``).

Mode 2 of the subsidy is courses *and* software (seed lines 327–332): software alone earns
nothing. Whether software shares the trainees' caps is UNCONFIRMED (fact sheet §3); the
applications read it so (``applications.amounts.amount_for``, docs/applications.md): the
software fills what the counted trainees' course costs leave below their per-trainee caps,
and the whole stays within the firm's cap. So a price is covered in full only when the
trainees' room adds up to it — at least ``trainees`` trainees even if their courses cost
nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from math import ceil

from smewindow.rules.parameters import resolver


@dataclass(frozen=True)
class SoftwareTerms:
    """The subsidy's terms on ``on`` and what they allow for one price (None: unknown)."""

    on: dt.date
    min_hours: int
    per_trainee_cap: int
    firm_cap: int
    price: int | None

    @property
    def most(self) -> int | None:
        """The most of the price the subsidy can cover: the price, at most the firm's cap."""
        return None if self.price is None else min(self.price, self.firm_cap)

    @property
    def trainees(self) -> int | None:
        """The fewest counted trainees whose caps cover ``most`` (at least one: software
        goes with courses)."""
        most = self.most
        return None if most is None else max(1, ceil(most / self.per_trainee_cap))


def software_terms(price: int | None, on: dt.date) -> SoftwareTerms:
    """The terms in force on ``on`` for a product of ``price`` whole NT$ (None: unknown)."""
    value = resolver(on)
    return SoftwareTerms(
        on=on,
        min_hours=value("digital_training.min_hours"),
        per_trainee_cap=value("digital_training.per_trainee_cap"),
        firm_cap=value("digital_training.firm_cap"),
        price=price,
    )
