"""The header's account links (``finder/base.html``): where a logged-in user's own pages are."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from smewindow.applications import roles

STAFF_PAGES = (
    (frozenset(roles.REVIEWER.values()), "review:queue"),
    (frozenset({roles.FINANCE}), "review:payments"),
    (frozenset({roles.ADMINISTRATOR}), "review:dashboard"),
)
"""The first page of each staff role, the reviewers' first."""


def staff_home(user: Any) -> str:
    """The staff page of an active user in a reviewer, finance or administrator group; ""
    for anyone else (firms, visitors)."""
    if not (user.is_authenticated and user.is_active):
        return ""
    groups = set(user.groups.values_list("name", flat=True))
    return next((reverse(page) for names, page in STAFF_PAGES if groups & names), "")


def header_links(request: HttpRequest) -> dict[str, Any]:
    """``staff_home()`` for the header, asked only when a user is logged in."""
    return {"staff_home": partial(staff_home, request.user)}
