"""Reads: a case by its private link or by its firm's account, a firm's cases, what is
held about a case (the firm's download), and the service levels of a case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from smewindow.desk import businessdays
from smewindow.desk.models import Consultation, Referral
from smewindow.desk.services import hash_token


def case_by_token(token: str) -> Consultation | None:
    """The case whose private link carries ``token`` (None for any other)."""
    if not token or len(token) > 100:
        return None
    return Consultation.objects.filter(token_hash=hash_token(token)).first()


def cases_of(user: Any) -> QuerySet[Consultation]:
    """The cases a logged-in firm sees: asked from its account, or of its firm."""
    if not (user.is_authenticated and user.is_active):
        return Consultation.objects.none()
    mine = Q(user=user)
    firm = getattr(user, "firm", None)
    if firm is not None:
        mine |= Q(firm=firm)
    return Consultation.objects.filter(mine).order_by("-created_at", "-id")


def case_of(user: Any, pk: int) -> Consultation | None:
    """Case ``pk`` if the logged-in firm sees it (None otherwise)."""
    return cases_of(user).filter(pk=pk).first()


def referrals_of(case: Consultation) -> QuerySet[Referral]:
    return case.referrals.select_related("partner").order_by("created_at", "id")


def first_answer_days(case: Consultation, now: dt.datetime | None = None) -> int:
    """Business days from the case's arrival to its first answer (or to ``now`` while it
    has none)."""
    return businessdays.elapsed(case.created_at, case.first_answered_at or now or timezone.now())


def acceptance_days(referral: Referral, now: dt.datetime | None = None) -> int | None:
    """Business days from the referral to the partner's acceptance (or to ``now`` while
    it is waiting); None for a referral returned without being accepted."""
    if referral.accepted_at is None and referral.status != "sent":
        return None
    end = referral.accepted_at or now or timezone.now()
    return businessdays.elapsed(referral.created_at, end)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def case_data(case: Consultation) -> dict[str, Any]:
    """Everything held about the case, as JSON-ready data (the firm's copy, PDPA 第3條):
    the case with its contact details, consent, answers and rating; its messages; its
    referrals with their outcomes; its history. Staff are named by role, not by account."""
    fields = [
        "channel",
        "status",
        "business_id",
        "firm_name",
        "contact_name",
        "contact_phone",
        "contact_email",
        "county",
        "industry",
        "question",
        "needs",
        "program_id",
        "preferred_time",
        "preferred_channel",
        "profile",
        "consent",
        "consent_version",
        "consent_at",
        "created_at",
        "first_answered_at",
        "closed_at",
        "rating",
        "rating_comment",
        "rated_at",
        "contacts_erased_at",
    ]
    return {
        "case": case.pk,
        **{name: _iso(getattr(case, name)) for name in fields},
        "messages": [
            {"author": m.author, "at": _iso(m.at), "body": m.body}
            for m in case.messages.order_by("at", "id")
        ],
        "referrals": [
            {
                "partner": r.partner.name,
                "status": r.status,
                "note": r.note,
                "created_at": _iso(r.created_at),
                "accepted_at": _iso(r.accepted_at),
                "return_reason": r.return_reason,
                "scheduled_for": _iso(r.scheduled_for),
                "outcome_kind": r.outcome_kind,
                "outcome_program_id": r.outcome_program_id,
                "outcome_loan_amount": r.outcome_loan_amount,
                "outcome_note": r.outcome_note,
                "outcome_at": _iso(r.outcome_at),
            }
            for r in referrals_of(case)
        ],
        "history": [
            {
                "at": _iso(e.at),
                "actor": e.actor,
                "referral_partner": e.referral.partner.name if e.referral else None,
                "from": e.from_status,
                "to": e.to_status,
                "note": e.note,
            }
            for e in case.events.select_related("referral__partner").order_by("at", "id")
        ],
    }
