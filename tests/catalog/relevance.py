"""The relevance set (relevance.yaml): queries over the demo catalogue and the courses and
providers each must find on its first page. Used by test_search.py and
benchmarks/bench_search.py (recall@20)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from smewindow.catalog.search import search_courses, search_providers

FIRST_PAGE = 20


@dataclass(frozen=True)
class Case:
    q: str
    kind: str
    """What the query tests: a one-character word, Simplified, a provider …"""
    courses: tuple[str, ...] = ()
    """Course names or codes."""
    providers: tuple[str, ...] = ()


def _load() -> list[Case]:
    entries = yaml.safe_load((Path(__file__).with_name("relevance.yaml")).read_text("utf-8"))
    return [
        Case(
            q=str(e["q"]),
            kind=e["kind"],
            courses=tuple(e.get("courses", ())),
            providers=tuple(e.get("providers", ())),
        )
        for e in entries
    ]


CASES = _load()


def expected(case: Case) -> int:
    return len(case.courses) + len(case.providers)


def missing(case: Case, per_page: int = FIRST_PAGE) -> list[str]:
    """The courses and providers of ``case`` that its query leaves off the first page."""
    gone = []
    if case.courses:
        found = search_courses(case.q, per_page=per_page).items
        seen = {c.name for c in found} | {c.code for c in found}
        gone += [name for name in case.courses if name not in seen]
    if case.providers:
        seen = {p.name for p in search_providers(case.q, per_page=per_page).items}
        gone += [name for name in case.providers if name not in seen]
    return gone
