"""Reads for a partner's staff (issue 14, the partner unit): the partners a user works for,
their referrals grouped by where they stand, the acceptance clock against the service level,
and one referral found only through its partner's staff. A user works for a partner through
a ``PartnerStaff`` row, and only while both the user and the partner are active
(``roles.works_for``); anything else finds nothing, and the pages answer 404."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from smewindow.desk import selectors
from smewindow.desk.businessdays import ACCEPTANCE_DAYS
from smewindow.desk.models import Partner, Referral, ReferralStatus
from smewindow.rules import PROGRAMS, PROGRAMS_BY_ID
from smewindow.rules.segments import partner_kinds

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("to_accept", (ReferralStatus.SENT,)),
    ("in_progress", (ReferralStatus.ACCEPTED, ReferralStatus.SCHEDULED)),
    ("done", (ReferralStatus.RETURNED, ReferralStatus.OUTCOME)),
)
"""The partner's board: referrals to accept, in progress, done — by their statuses."""


def partners_of(user: Any) -> QuerySet[Partner]:
    """The active partners ``user`` (active, logged in) works for, by name."""
    if not (user is not None and user.is_authenticated and user.is_active):
        return Partner.objects.none()
    return Partner.objects.filter(active=True, staff__user=user).order_by("name", "pk")


def referral_for(user: Any, pk: int) -> Referral | None:
    """Referral ``pk`` if ``user`` works for its (active) partner; None otherwise."""
    return (
        Referral.objects.select_related("consultation", "partner")
        .filter(pk=pk, partner__in=partners_of(user))
        .first()
    )


@dataclass(frozen=True)
class Clock:
    """The acceptance clock of a referral: business days taken (or waiting so far), None
    for a referral returned unaccepted; over the service level or not."""

    days: int | None
    limit: int
    running: bool

    @property
    def late(self) -> bool:
        return self.days is not None and self.days > self.limit


def clock(referral: Referral, now: dt.datetime | None = None) -> Clock:
    """The referral's acceptance clock (``selectors.acceptance_days`` against
    ``ACCEPTANCE_DAYS``); running while the referral waits to be accepted."""
    return Clock(
        days=selectors.acceptance_days(referral, now),
        limit=ACCEPTANCE_DAYS,
        running=referral.status == ReferralStatus.SENT,
    )


@dataclass(frozen=True)
class Board:
    """One partner's referrals, by group (``GROUPS``), each with its clock."""

    partner: Partner
    groups: dict[str, list[tuple[Referral, Clock]]]


def boards(user: Any, now: dt.datetime | None = None) -> list[Board]:
    """For each active partner ``user`` works for, its referrals by group: waiting ones
    oldest first, the others newest first."""
    moment = now or timezone.now()
    found = []
    for partner in partners_of(user):
        referrals = partner.referrals.select_related("consultation").order_by("-created_at", "-id")
        groups: dict[str, list[tuple[Referral, Clock]]] = {name: [] for name, _ in GROUPS}
        for referral in referrals:
            group = next(name for name, statuses in GROUPS if referral.status in statuses)
            groups[group].append((referral, clock(referral, moment)))
        groups["to_accept"].reverse()
        found.append(Board(partner, groups))
    return found


def program_choices(partner: Partner) -> tuple[list[str], list[str]]:
    """The program ids an outcome may name: those the rules give the partner's kind
    (``partners.yaml``), then every other program of the catalogue."""
    kind = partner_kinds().get(partner.kind)
    own = [p for p in (kind.programs if kind else ()) if p in PROGRAMS_BY_ID]
    return own, [p.id for p in PROGRAMS if p.id not in own]
