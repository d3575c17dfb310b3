"""Reads: the review queue of a track, the cases waiting for a reviewer's check, a case
locked for a write and the documents not yet sent with its stage."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from smewindow.applications.models import (
    PURPOSE_OF_STATUS,
    Application,
    Document,
    Purpose,
    Round,
    Status,
)


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


def locked(application: Application) -> Application:
    """The application's row read again and locked until the transaction ends
    (``select_for_update``; a no-op on SQLite, which serialises writers)."""
    return Application.objects.select_for_update().get(pk=application.pk)


def unsent_documents(application: Application) -> QuerySet[Document]:
    """The documents uploaded for the present status since the application entered it:
    not yet sent (a supplement answers the latest request, not an earlier one)."""
    purpose = PURPOSE_OF_STATUS.get(Status(application.status))
    if purpose is None:
        return Document.objects.none()
    since = application.history.filter(to_status=application.status).order_by("-at").first()
    found = Document.objects.filter(application=application, purpose=purpose)
    return found.filter(uploaded_at__gte=since.at) if since else found
