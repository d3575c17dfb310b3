"""When each program's facts were last checked against the sources (``verified.yaml``)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from smewindow.rules.data import package_yaml


@cache
def verified_days() -> dict[str, dt.date]:
    """Each program id with the day its windows, amounts and rules were last verified."""
    data = package_yaml("verified.yaml")
    if not isinstance(data, dict) or not all(isinstance(d, dt.date) for d in data.values()):
        raise ValueError("verified.yaml: each program id needs a date (YYYY-MM-DD)")
    return dict(data)


@cache
def last_verified(program_id: str) -> str:
    """The day ``program_id`` was last verified, as ISO text (cached: every screening
    reports it for every program)."""
    return verified_days()[program_id].isoformat()
