"""Every program of the plan, in the order of ``shared/spec/programs.md``."""

from __future__ import annotations

from smewindow.rules.model import Program
from smewindow.rules.programs import channel, digital, finance, netzero, support

PROGRAMS: tuple[Program, ...] = (
    *digital.PROGRAMS,
    *netzero.PROGRAMS,
    *channel.PROGRAMS,
    *support.PROGRAMS,
    *finance.PROGRAMS,
)
PROGRAMS_BY_ID: dict[str, Program] = {p.id: p for p in PROGRAMS}
