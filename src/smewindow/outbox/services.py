"""Queue a mail with the action that causes it; send what is due, with retries.

``queue`` writes the row in the caller's transaction and asks for one attempt right after
the commit (``transaction.on_commit(..., robust=True)``: a failure there is logged and never
reaches the user). A mail not sent then waits for ``manage.py send_outbox``, which retries
it after ``SMEWINDOW_MAIL_RETRY_SECONDS`` doubled at each failure, and gives up after
``SMEWINDOW_MAIL_ATTEMPTS`` attempts (state 「已放棄」 in the admin, with the last error).
Delivery is at least once: a process that dies between the mail server's answer and the
row's update sends the mail again when the claim lapses."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from smewindow.outbox.models import Mail, State

log = logging.getLogger(__name__)

CLAIM = dt.timedelta(minutes=5)
"""How long a sender holds a mail; one that died holding it frees it after this."""


def queue(subject: str, body: str, to: list[str]) -> Mail:
    """The mail, in the current transaction; one attempt once that transaction commits."""
    mail = Mail.objects.create(subject=subject, body=body, to=to)
    transaction.on_commit(partial(attempt, mail.pk), robust=True)
    return mail


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th failure: the base delay, doubled each time."""
    return dt.timedelta(seconds=settings.SMEWINDOW_MAIL_RETRY_SECONDS * 2 ** (attempts - 1))


def _claim(pk: int, now: dt.datetime) -> Mail | None:
    """The mail, if it is due and no other sender holds it; held for ``CLAIM`` now."""
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    taken = Mail.objects.filter(free, pk=pk, state=State.PENDING, due_at__lte=now).update(
        claimed_until=now + CLAIM
    )
    return Mail.objects.get(pk=pk) if taken else None


def attempt(pk: int) -> State | None:
    """Send mail ``pk`` if it is due and free; its new state (None when not tried)."""
    now = timezone.now()
    mail = _claim(pk, now)
    if mail is None:
        return None
    mail.attempts += 1
    mail.claimed_until = None
    try:
        EmailMessage(mail.subject, mail.body, None, mail.to).send()
    except Exception as exc:  # any failure of the mail server is retried later
        mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if mail.attempts >= settings.SMEWINDOW_MAIL_ATTEMPTS:
            mail.state = State.FAILED
            log.error("mail %s given up after %s attempts: %s", pk, mail.attempts, exc)
        else:
            mail.due_at = now + retry_delay(mail.attempts)
            log.warning("mail %s not sent (attempt %s): %s", pk, mail.attempts, exc)
    else:
        mail.state, mail.sent_at, mail.body = State.SENT, timezone.now(), ""
    mail.save()
    return State(mail.state)


def send_due(limit: int = 100) -> Counter[State]:
    """Try up to ``limit`` due mails, oldest due first; how many ended in each state."""
    now = timezone.now()
    due = (
        Mail.objects.filter(state=State.PENDING, due_at__lte=now)
        .exclude(claimed_until__gte=now)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return Counter(state for pk in list(due) if (state := attempt(pk)) is not None)


def retry_now(mails: QuerySet[Mail]) -> int:
    """Give the unsent of ``mails`` (pending or given up) a fresh set of attempts, due now."""
    return mails.exclude(state=State.SENT).update(
        state=State.PENDING, attempts=0, due_at=timezone.now(), claimed_until=None
    )
