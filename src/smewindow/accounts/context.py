"""The header's account links (``finder/base.html``): where a logged-in user's own pages are."""

from __future__ import annotations

from functools import partial
from typing import Any, NamedTuple

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smewindow.applications import roles
from smewindow.desk import roles as desk_roles
from smewindow.desk.models import PartnerStaff


class StaffHome(NamedTuple):
    """A member of staff's first page and the header's name for it."""

    url: str
    label: str


STAFF_PAGES = (
    (frozenset(roles.REVIEWER.values()), "review:queue", _("審查")),
    (frozenset({roles.FINANCE}), "review:payments", _("撥款")),
    (frozenset({roles.ADMINISTRATOR}), "review:dashboard", _("統計")),
    (frozenset({desk_roles.SUPERVISOR}), "desk:supervisor_dashboard", _("諮詢統計")),
    (frozenset({desk_roles.AGENT}), "desk:agent_queue", _("諮詢案件")),
)
"""The first page of each staff role, in this order (a reviewer's first)."""


def staff_home(user: Any) -> StaffHome | None:
    """The staff page of an active user in a staff group, or on an active partner's staff
    (its referrals); None for anyone else (firms, visitors)."""
    if not (user.is_authenticated and user.is_active):
        return None
    groups = set(user.groups.values_list("name", flat=True))
    for names, page, label in STAFF_PAGES:
        if groups & names:
            return StaffHome(reverse(page), str(label))
    if PartnerStaff.objects.filter(user=user, partner__active=True).exists():
        return StaffHome(reverse("desk:partner"), str(_("轉介案件")))
    return None


def header_links(request: HttpRequest) -> dict[str, Any]:
    """``staff_home()`` for the header, asked only when a user is logged in."""
    return {"staff_home": partial(staff_home, request.user)}
