"""The demo round and demo staff accounts, so that the whole path can be tried on one
machine: ``manage.py load_demo_round`` (and ``runserver`` in development) loads them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from smewindow.applications import roles
from smewindow.applications.models import Budget, Round
from smewindow.applications.refusals import ApplicationRefused
from smewindow.catalog.models import Track
from smewindow.rules.engine import TAIPEI

DEMO_ROUND_NAME = "示範梯次（測試用，非正式受理）"
DEMO_DAYS = 30
DEMO_BUDGET = 5_000_000
"""NT$ per track: room for 50 firms at the firm cap."""
DEMO_RAISE_DAYS = 30
"""The demo's raise-bonus claims stay open this many days after its deadline."""


def demo_round_load(today: dt.date | None = None) -> tuple[Round, bool]:
    """Make the demo round open from ``today`` (Asia/Taipei, default: today) for 30 days,
    with ``DEMO_BUDGET`` per track. Idempotent: on the same day a second load changes
    nothing; on a later day the window moves to start then. Existing budgets are kept.
    Returns the round and whether anything changed."""
    today = today or timezone.localdate(timezone=TAIPEI)
    opens_at = dt.datetime.combine(today, dt.time(0), TAIPEI)
    deadline = dt.datetime.combine(today + dt.timedelta(days=DEMO_DAYS), dt.time(17), TAIPEI)
    window = {
        "opens_at": opens_at,
        "deadline": deadline,
        "raise_deadline": deadline + dt.timedelta(days=DEMO_RAISE_DAYS),
    }
    with transaction.atomic():
        round, created = Round.objects.select_for_update().get_or_create(
            name=DEMO_ROUND_NAME, defaults={**window, "is_demo": True}
        )
        changed = created or any(getattr(round, k) != v for k, v in window.items())
        if changed:
            for name, value in window.items():
                setattr(round, name, value)
            round.save()
        for track in Track.values:
            _, new = Budget.objects.get_or_create(
                round=round, track=track, defaults={"total": DEMO_BUDGET}
            )
            changed = changed or new
    return round, changed


DEMO_STAFF_PASSWORD = "smewindow-demo"
"""The password of the demo staff accounts: development machines only (``DEBUG``)."""
DEMO_STAFF = {
    "demo-reviewer-m": (roles.REVIEWER[Track.MANUFACTURING],),
    "demo-reviewer-s": (roles.REVIEWER[Track.SERVICES],),
    "demo-finance": (roles.FINANCE,),
    "demo-admin": (roles.ADMINISTRATOR,),
}
"""Demo accounts with their groups, so that the whole path can be tried on one machine."""


def demo_staff_load() -> list[str]:
    """Create (or reset) the demo staff accounts with ``DEMO_STAFF_PASSWORD``; refused
    unless ``settings.DEBUG``: a known password must never reach a real site."""
    if not settings.DEBUG:
        raise ApplicationRefused(
            "not_allowed",
            "示範帳號只能在開發模式（SMEWINDOW_DEBUG=1）建立",
            "demo accounts are made only in development (SMEWINDOW_DEBUG=1)",
        )
    with transaction.atomic():
        for username, groups in DEMO_STAFF.items():
            account, _ = get_user_model().objects.get_or_create(
                username=username, defaults={"first_name": "示範"}
            )
            account.set_password(DEMO_STAFF_PASSWORD)
            account.is_staff = roles.ADMINISTRATOR in groups
            account.is_active = True
            account.save()
            account.groups.set(Group.objects.get_or_create(name=g)[0] for g in groups)
    return list(DEMO_STAFF)
