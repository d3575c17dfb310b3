"""Writes to the catalogue: import an official list; load or remove the demo data.

The command line (``smewindow import …``), the admin's import page and the demo loader all
come through ``catalog_import``; none of them reads or writes records another way.
"""

from __future__ import annotations

from pathlib import PurePath

from django.db import transaction

from smewindow.catalog import demo
from smewindow.catalog.importers import ImportResult, Options, import_list
from smewindow.catalog.lists import SPECS
from smewindow.catalog.models import Course, CourseSession, Provider, SoftwareProduct, Track

KINDS = tuple(SPECS)
"""The lists: providers, courses, sessions, software."""


def catalog_import(
    *,
    kind: str,
    data: bytes,
    filename: str,
    replace: bool = False,
    track: str = "manufacturing",
    zone: str = "",
    approved: bool = True,
    is_demo: bool = False,
    unknown_ok: bool = False,
) -> ImportResult:
    """Import one list (``kind`` one of ``KINDS``; .csv or .xlsx by ``filename``): all rows
    or none.

    ``replace``: the file is the whole list, and records of the same list that it no longer
    names are withdrawn (courses: of the same ``track`` and ``zone``). ``track`` and
    ``zone`` apply to courses only. ``approved`` False imports a list of courses that the
    subsidy does not pay for (the e-learning AI zone); ``is_demo`` marks invented records;
    ``unknown_ok`` lets a seed transcription leave official cells blank (unknown).
    Raises ``ImportRefused`` naming every bad row and column.
    """
    if kind not in SPECS:
        raise ValueError(f"unknown list {kind!r}; one of {', '.join(KINDS)}")
    if track not in Track.values and track != "":
        raise ValueError(f"unknown track {track!r}")
    options = Options(
        filename=PurePath(filename).name,
        replace=replace,
        unknown_ok=unknown_ok,
        approved=approved,
        is_demo=is_demo,
        fixed={"track": track, "zone": zone} if kind == "courses" else {},
    )
    return import_list(SPECS[kind], data, options)


def demo_catalog_load() -> list[ImportResult]:
    """Load the demo catalogue (``catalog/data/*.csv``, see ``demo.py``) in one transaction.

    Idempotent: a second load changes nothing. The seed's own records come first, then the
    generated ones, each file through ``catalog_import``.
    """
    with transaction.atomic():
        return [
            catalog_import(
                kind=item.kind,
                data=(demo.DEMO_DIR / item.filename).read_bytes(),
                filename=item.filename,
                **item.options,
            )
            for item in demo.MANIFEST
        ]


def demo_catalog_remove() -> dict[str, int]:
    """Delete every demo record (sessions go with their courses); returns counts by model.

    A demo provider that a real course still names is kept (PROTECT) and the whole removal
    fails: move or delete that course first.
    """
    removed: dict[str, int] = {}
    with transaction.atomic():
        for model in (CourseSession, Course, SoftwareProduct, Provider):
            _, counts = model.objects.filter(is_demo=True).delete()
            for label, count in counts.items():
                removed[label] = removed.get(label, 0) + count
    return removed
