"""Who may do what: the five groups (made by migration 0002) and the checks on them."""

from __future__ import annotations

from typing import Any

from smewindow.applications.models import Status
from smewindow.catalog.models import Track

APPLICANT = "applicant"
FINANCE = "finance"
ADMINISTRATOR = "administrator"
REVIEWER = {track: f"reviewer_{track}" for track in Track.values}
"""The reviewer group of each track: reviewer_manufacturing, reviewer_services."""
GROUPS = (APPLICANT, *REVIEWER.values(), FINANCE, ADMINISTRATOR)
MONEY_ROLES = (*REVIEWER.values(), FINANCE)
"""The groups that approve and pay money: only a superuser grants them (``admin``), so an
administrator cannot give them to itself or take over an account that holds one."""


def in_group(user: Any, name: str) -> bool:
    """An active user in the group ``name``."""
    return bool(user.is_active) and user.groups.filter(name=name).exists()


def can_review(user: Any, application: Any) -> bool:
    """A reviewer sees and reviews only the submitted applications of its own track: a draft
    is the firm's alone (the review page and the documents both ask this)."""
    return application.status != Status.DRAFT and in_group(user, REVIEWER[application.track])


def is_finance_officer(user: Any) -> bool:
    return in_group(user, FINANCE)
