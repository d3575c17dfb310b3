"""Accounts: sign-up data, a verified firm, a reviewer, the links in the mails, and
django-axes reset around every test (its attempts live in the database, which the test's
transaction also rolls back)."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from axes.utils import reset
from django.contrib.auth.models import User
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.test import Client

from smewindow.accounts.services import account_activate, account_create
from smewindow.outbox.services import send_due
from tests.applications.conftest import business_id, user

PASSWORD = "窗口-申請-2025-安全"
_serial = itertools.count(1)


@pytest.fixture(autouse=True)
def axes_reset(db: None) -> Iterator[None]:
    """No failures counted and no resend throttled from another test."""
    reset()
    cache.clear()
    yield
    reset()


def signup_data(**changes: str) -> dict[str, str]:
    """A valid sign-up form (a new 統一編號 and e-mail each call), with ``changes``."""
    n = next(_serial)
    data = {
        "business_id": business_id(3_000_000 + n),
        "name": f"註冊測試企業{n}",
        "county": "臺中市",
        "industry": "25",
        "email": f"firm{n}@example.tw",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return {**data, **changes}


def sent() -> list[EmailMessage]:
    """The mails sent so far, once the outbox's worker has run: a test's transaction never
    commits, so the attempt right after the commit never comes."""
    send_due()
    return list(mail.outbox)


def link_in(message: EmailMessage) -> str:
    """The first link of a mail."""
    match = re.search(r"https?://\S+", message.body)
    assert match, message.body
    return match.group(0)


def path_of(link: str) -> str:
    """The path and query of a link, for the test client."""
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def press_button(client: Client, link: str) -> Any:
    """Open a mail's link (GET) and press the one button of its page: POST the form's hidden
    fields to the form's action."""
    page = main_of(client.get(link))
    action = re.search(r'<form method="post" action="([^"]*)"', page)
    assert action, page
    fields = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page)
    data = {name: html.unescape(value) for name, value in fields}
    return client.post(html.unescape(action.group(1)), data)


@pytest.fixture
def firm_user() -> User:
    """A verified firm's user: e-mail ``firm@example.tw``, password ``PASSWORD``."""
    account = account_create(
        business_id=business_id(4_000_001),
        name="已驗證企業",
        county="臺北市",
        industry="25",
        email="firm@example.tw",
        password=PASSWORD,
    )
    account_activate(account)
    return account


@pytest.fixture
def reviewer_user() -> User:
    account = user("reviewer1", "reviewer_manufacturing")
    account.set_password(PASSWORD)
    account.save()
    return account


def main_of(response: Any) -> str:
    """The page's <main> (the header's forms carry a different CSRF token per client)."""
    page: str = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def log_in(client: Client, identifier: str, password: str = PASSWORD, **extra: Any) -> Any:
    return client.post("/accounts/login/", {"username": identifier, "password": password}, **extra)
