"""Issue 13's probe: with the mail server down, a submit used to answer 500 after the
application had changed (the mail was sent after the commit, inside the request). Now the
submit answers 302, the status changes and the notice waits in the outbox."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from smewindow.applications.models import Application, Round, Status
from smewindow.outbox.models import Mail, State
from tests.conftest import MailServer

from .conftest import client_for


@pytest.mark.django_db(transaction=True)  # the request's own commit, as in production
def test_a_submit_with_the_mail_server_down(
    open_round: Round, make_application: Callable[..., Application], mail_server: MailServer
) -> None:
    draft = make_application()
    firm_user = draft.firm.user
    firm_user.email = "owner@example.tw"
    firm_user.save()
    mail_server.up = False
    response = client_for(firm_user).post(f"/apply/{draft.pk}/submit")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    [queued] = Mail.objects.all()
    assert queued.to == ["owner@example.tw"] and "(application" in queued.subject
    assert queued.state == State.PENDING and queued.last_error.startswith("ConnectionRefused")
    assert mail.outbox == []
    mail_server.up = True
    Mail.objects.update(due_at=queued.created_at)  # the retry delay has passed
    call_command("send_outbox", stdout=StringIO())
    [message] = mail.outbox
    assert f"(application {draft.pk}: submitted)" in message.subject
