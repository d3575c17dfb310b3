"""Reads: the review queue of a track."""

from __future__ import annotations

from django.db.models import QuerySet

from smewindow.applications.models import Application, Round, Status


def review_queue(round: Round, track: str) -> QuerySet[Application]:
    """The applications waiting for a reviewer, in order: priority group first, then by
    submission time (a resubmission keeps its original place)."""
    return (
        Application.objects.filter(round=round, track=track, status=Status.SUBMITTED)
        .select_related("firm")
        .order_by("-priority_group", "submitted_at", "id")
    )
