"""The mail outbox: a mail is a row written with the action, tried right after the commit,
then by ``manage.py send_outbox`` with a doubling delay until it is sent or given up."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone

from smewindow.outbox import services
from smewindow.outbox.management.commands import send_outbox
from smewindow.outbox.models import Mail, State
from smewindow.outbox.services import CLAIM, queue, retry_delay, send_due
from tests.conftest import MailServer

pytestmark = pytest.mark.django_db

TO = ["firm@example.tw"]


def send_outbox_says(*args: str) -> str:
    out = StringIO()
    call_command("send_outbox", *args, stdout=out)
    return out.getvalue()


def make_due(mail_row: Mail) -> None:
    """The retry delay has passed."""
    Mail.objects.filter(pk=mail_row.pk).update(due_at=timezone.now())


def test_a_mail_leaves_right_after_the_commit(
    mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        queued = queue("主旨 subject", "內文 https://example.tw/reset/1", TO)
        assert mail.outbox == []  # not before the commit
    [message] = mail.outbox
    assert message.subject == "主旨 subject" and message.to == TO
    assert "https://example.tw/reset/1" in message.body
    queued.refresh_from_db()
    assert queued.state == State.SENT and queued.attempts == 1 and queued.sent_at is not None
    assert queued.body == ""  # a one-time link does not stay in the table


def test_a_dead_mail_server_leaves_the_mail_queued_for_the_command(
    mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    mail_server.up = False
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        queued = queue("主旨", "內文", TO)
    queued.refresh_from_db()
    assert queued.state == State.PENDING and queued.attempts == 1
    assert queued.last_error.startswith("ConnectionRefusedError")
    assert queued.due_at >= before + retry_delay(1)
    assert "sent 0" in send_outbox_says()  # not due yet
    mail_server.up = True
    make_due(queued)
    assert "sent 1" in send_outbox_says()
    [message] = mail.outbox
    assert message.subject == "主旨" and message.to == TO
    queued.refresh_from_db()
    assert queued.state == State.SENT and queued.attempts == 2


def test_the_delay_doubles_and_the_outbox_gives_up(mail_server: MailServer, settings: Any) -> None:
    settings.SMEWINDOW_MAIL_ATTEMPTS, settings.SMEWINDOW_MAIL_RETRY_SECONDS = 3, 60
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    mail_server.up = False
    queued = queue("主旨", "內文", TO)
    for attempts in (1, 2):
        before = timezone.now()
        assert send_due() == Counter({State.PENDING: 1})
        queued.refresh_from_db()
        assert queued.attempts == attempts and queued.state == State.PENDING
        assert before + retry_delay(attempts) <= queued.due_at
        assert queued.due_at <= timezone.now() + retry_delay(attempts)
        make_due(queued)
    assert "gave up 1" in send_outbox_says()
    queued.refresh_from_db()
    assert queued.state == State.FAILED and queued.attempts == 3
    assert "Connection refused" in queued.last_error
    mail_server.up = True
    assert send_due() == Counter() and mail.outbox == []  # given up: never tried again


@pytest.mark.django_db(transaction=True)
def test_a_process_that_dies_after_the_commit_leaves_the_mail_in_the_outbox(
    mail_server: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Died(BaseException):
        """The process ends between the commit and the attempt (kill -9, a restart)."""

    def die(pk: int) -> None:
        raise Died

    with monkeypatch.context() as patch:
        patch.setattr(services, "attempt", die)
        with pytest.raises(Died), transaction.atomic():
            queue("主旨", "內文", TO)
    [queued] = Mail.objects.all()
    assert queued.state == State.PENDING and queued.attempts == 0 and mail.outbox == []
    assert "sent 1" in send_outbox_says()
    assert [m.to for m in mail.outbox] == [TO]


def test_a_sender_that_died_holding_a_mail_frees_it_when_the_claim_lapses(
    mail_server: MailServer,
) -> None:
    queued = queue("主旨", "內文", TO)
    Mail.objects.filter(pk=queued.pk).update(claimed_until=timezone.now() + CLAIM)
    assert send_due() == Counter() and services.attempt(queued.pk) is None  # held elsewhere
    lapsed = timezone.now() - dt.timedelta(seconds=1)
    Mail.objects.filter(pk=queued.pk).update(claimed_until=lapsed)
    assert send_due() == Counter({State.SENT: 1})
    assert services.attempt(queued.pk) is None and len(mail.outbox) == 1  # sent once


def test_the_worker_loops(mail_server: MailServer, monkeypatch: pytest.MonkeyPatch) -> None:
    def stop(seconds: float) -> None:
        assert seconds == 5
        raise KeyboardInterrupt

    monkeypatch.setattr(send_outbox.time, "sleep", stop)
    queue("主旨", "內文", TO)
    with pytest.raises(KeyboardInterrupt):
        call_command("send_outbox", "--loop", "--interval", "5", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_the_admin_shows_a_given_up_mail_without_its_body_and_retries_it(
    admin_client: Client,
) -> None:
    queued = queue("重設密碼", "祕密連結 https://example.tw/reset/secret", TO)
    Mail.objects.filter(pk=queued.pk).update(
        state=State.FAILED, attempts=10, last_error="ConnectionRefusedError: refused"
    )
    listing = admin_client.get("/admin/outbox/mail/?state=failed").content.decode()
    assert "重設密碼" in listing and "已放棄" in listing and "firm@example.tw" in listing
    page = admin_client.get(f"/admin/outbox/mail/{queued.pk}/change/").content.decode()
    assert "ConnectionRefusedError: refused" in page and "secret" not in page
    admin_client.post("/admin/outbox/mail/", {"action": "retry", "_selected_action": [queued.pk]})
    queued.refresh_from_db()
    assert queued.state == State.PENDING and queued.attempts == 0
