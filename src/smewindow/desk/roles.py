"""Who may act on the desk: the desk's agents and supervisors are groups (migration 0002);
a partner's staff are ``PartnerStaff`` rows."""

from __future__ import annotations

from typing import Any

from smewindow.desk.models import Partner, PartnerStaff

AGENT = "desk_agent"
"""Answers cases, types in phone cases, refers them to partners."""
SUPERVISOR = "desk_supervisor"
"""Sees every case and the dashboards (later); acts as an agent too."""
GROUPS = (AGENT, SUPERVISOR)


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_agent(user: Any) -> bool:
    """An active user in the desk's agent or supervisor group."""
    return _active(user) and user.groups.filter(name__in=GROUPS).exists()


def works_for(user: Any, partner: Partner) -> bool:
    """An active user on ``partner``'s staff (an inactive partner's staff act no more)."""
    return (
        _active(user)
        and partner.active
        and PartnerStaff.objects.filter(user=user, partner=partner).exists()
    )


# --- supervisor (issue 14, the supervisor's part) ---


def is_supervisor(user: Any) -> bool:
    """An active user in the desk's supervisor group: the dashboards and campaigns."""
    return _active(user) and user.groups.filter(name=SUPERVISOR).exists()
