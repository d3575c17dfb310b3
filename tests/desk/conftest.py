"""Desk agents, partners with their staff, a firm with an account, and a web case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client, TestCase

from smewindow.applications.intake import firm_create
from smewindow.applications.models import Firm
from smewindow.desk import roles, services
from smewindow.desk.models import Consultation, Partner, PartnerStaff

from ..applications.conftest import business_id, user

NOW = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # Monday 09:00 in Taipei


def refused(code: str) -> pytest.RaisesExc[services.DeskRefused]:
    """Expect the services to refuse with ``code``."""
    return pytest.raises(services.DeskRefused, check=lambda e: e.code == code)


@pytest.fixture
def agent() -> User:
    account = user("agent", roles.AGENT)
    account.email = "agent@example.tw"
    account.save()
    return account


@pytest.fixture
def make_partner() -> Callable[..., tuple[Partner, User]]:
    """A partner and one staff account of it."""

    def make(name: str = "工研院", kind: str = "research_institute") -> tuple[Partner, User]:
        partner = Partner.objects.create(name=name, kind=kind, contact_email=f"{kind}@partner.tw")
        staff = user(f"staff-{kind}-{Partner.objects.count()}")
        staff.email = f"staff-{partner.pk}@partner.tw"
        staff.save()
        PartnerStaff.objects.create(partner=partner, user=staff)
        return partner, staff

    return make


@pytest.fixture
def firm() -> Firm:
    account = User.objects.create_user("firm-one", email="owner@bakery.tw")
    return firm_create(
        user=account, business_id=business_id(1234), name="好麵包坊", county="臺中市", industry="08"
    )


def web_case(**overrides: Any) -> tuple[Consultation, str]:
    """A case asked on the web, with its token; the mails it queues are sent at once."""
    data: dict[str, Any] = {
        "channel": "web",
        "firm_name": "好麵包坊",
        "question": "想導入 AI 排班，有哪些補助？",
        "consent_given": True,
        "contact_name": "王小明",
        "contact_phone": "04-2222-3333",
        "contact_email": "owner@bakery.tw",
        "site": "https://window.example.tw",
        **overrides,
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.consultation_create(**data)


@pytest.fixture
def case() -> Consultation:
    return web_case(now=NOW)[0]


def client_for(account: User) -> Client:
    client = Client()
    client.force_login(account)
    return client
