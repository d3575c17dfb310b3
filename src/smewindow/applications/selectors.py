"""Reads: the review queue of a track and the cases waiting for a reviewer's check."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from smewindow.applications.models import Application, Purpose, Round, Status


def review_queue(round: Round, track: str) -> QuerySet[Application]:
    """The applications waiting for a reviewer, in order: priority group first, then by
    submission time (a resubmission keeps its original place)."""
    return (
        Application.objects.filter(round=round, track=track, status=Status.SUBMITTED)
        .select_related("firm")
        .order_by("-priority_group", "submitted_at", "id")
    )


def checks_waiting(tracks: list[str]) -> QuerySet[Application]:
    """Approved cases with completion certificates and invoices uploaded, and raise-bonus
    claims: each waits for a reviewer of its track to check the documents."""
    completion = Q(status=Status.APPROVED, documents__purpose=Purpose.COMPLETION)
    return (
        Application.objects.filter(completion | Q(status=Status.BONUS_CLAIMED), track__in=tracks)
        .select_related("firm", "round")
        .distinct()
        .order_by("updated_at", "id")
    )
