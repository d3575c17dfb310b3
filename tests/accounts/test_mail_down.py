"""Issue 13's probe: with the mail server down, a password reset, a sign-up and an e-mail
change used to answer 500 (or refuse) after the state had changed. Now each answers as
usual, its mail waits in the outbox, and ``send_outbox`` sends it once the server is back.
Each test commits as production does (the attempt runs in the request, after the commit)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client

from smewindow.outbox.models import Mail, State
from tests.conftest import MailServer

from .conftest import PASSWORD, link_in, path_of, press_button, signup_data

pytestmark = pytest.mark.django_db(transaction=True)


def queued_to(address: str) -> Mail:
    """The one pending mail to ``address``, its attempt after the commit failed."""
    [queued] = Mail.objects.filter(to=[address])
    assert queued.state == State.PENDING and queued.attempts == 1
    assert queued.last_error.startswith("ConnectionRefusedError")
    return queued


def server_back(mail_server: MailServer) -> list[mail.EmailMessage]:
    """The server works again and the retry delay has passed: the worker's pass."""
    mail_server.up = True
    Mail.objects.update(due_at=Mail.objects.earliest("created_at").created_at)
    call_command("send_outbox", stdout=StringIO())
    return list(mail.outbox)


def test_a_password_reset_with_the_mail_server_down(
    firm_user: User, mail_server: MailServer
) -> None:
    mail_server.up = False
    response = Client().post("/accounts/password-reset/", {"email": "firm@example.tw"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent"
    assert queued_to("firm@example.tw").subject.startswith("重設密碼")
    [message] = server_back(mail_server)
    assert message.to == ["firm@example.tw"] and "/accounts/password-reset/" in link_in(message)


def test_a_signup_with_the_mail_server_down(mail_server: MailServer) -> None:
    mail_server.up = False
    data = signup_data(email="down@example.tw")
    response = Client().post("/accounts/signup", data)
    assert response.status_code == 302 and response["Location"] == "/accounts/signup/sent"
    account = User.objects.get(email="down@example.tw")
    assert not account.is_active and account.firm.name == data["name"]
    queued_to("down@example.tw")
    [message] = server_back(mail_server)
    assert press_button(Client(), path_of(link_in(message))).status_code == 302
    account.refresh_from_db()
    assert account.is_active


def test_an_email_change_with_the_mail_server_down(
    firm_user: User, mail_server: MailServer
) -> None:
    mail_server.up = False
    client = Client()
    client.force_login(firm_user)
    data = {"email": "new@example.tw", "password": PASSWORD}
    assert client.post("/accounts/email", data)["Location"] == "/accounts/email/sent"
    queued_to("new@example.tw")
    [link] = [link_in(m) for m in server_back(mail_server)]
    mail_server.up = False
    assert press_button(Client(), path_of(link))["Location"] == "/accounts/email/done"
    firm_user.refresh_from_db()
    assert firm_user.email == "new@example.tw"
    queued_to("firm@example.tw")  # the notice to the old address
