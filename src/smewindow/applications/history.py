"""The append-only history: every status and amount change of an application, written by
the services in their own transaction (``record``, ``move``). The firm's mail about each
change follows from the row (``notifications``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from smewindow.applications.models import Application, Status, StatusChange


def record(
    application: Application,
    who: User,
    from_status: str,
    *,
    now: dt.datetime,
    from_amount: int | None = None,
    reason: str = "",
) -> None:
    """Journal that ``who`` brought ``application`` from ``from_status`` to its status now."""
    StatusChange.objects.create(
        application=application,
        who=who,
        at=now,
        from_status=from_status,
        to_status=application.status,
        from_amount=from_amount,
        to_amount=application.amount,
        reason=reason,
    )


def move(
    original: Application,
    application: Application,
    who: User,
    to: Status,
    *,
    now: dt.datetime | None = None,
    reason: str = "",
    **fields: Any,
) -> Application:
    """Set the status (and ``fields``) of the locked ``application``, save it, record the
    change and bring the caller's ``original`` up to date."""
    from_status, from_amount = application.status, application.amount
    application.status = to
    for name, value in fields.items():
        setattr(application, name, value)
    application.save()
    record(
        application,
        who,
        from_status,
        now=now or timezone.now(),
        from_amount=from_amount,
        reason=reason,
    )
    original.refresh_from_db()
    return original
