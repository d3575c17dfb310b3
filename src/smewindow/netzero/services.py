"""Writes to the ESCO directory: import a registry list, load the demo list.

The ``import_escos`` command, the admin's import page and the demo loader all come through
``esco_import``, which runs the catalogue's pipeline (``catalog.importers.import_list``):
every row is checked first, a file with any problem is refused whole (``ImportRefused``
names each row and column in Chinese and English), a good one is written in one
transaction, and importing the same file again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePath

from django.db import transaction

from smewindow.catalog.importers import ImportResult, Options, import_list
from smewindow.netzero.lists import ESCOS
from smewindow.netzero.models import Esco
from smewindow.rules.engine import today_taipei

DEMO_FILE = Path(__file__).parent / "data" / "demo_escos.csv"
"""The demo list: every ESCO named 「（示範）…」, no 統一編號 or phone (a made-up one could
be a real firm's), web and e-mail on example.com."""


def esco_import(
    *,
    data: bytes,
    filename: str,
    replace: bool = False,
    is_demo: bool = False,
    on: dt.date | None = None,
) -> ImportResult:
    """Import one ESCO list (.csv or .xlsx by ``filename``): all rows or none.

    ``replace``: the file is the whole registry, and ESCOs it no longer names are withdrawn
    (``is_approved`` off, kept). ``is_demo`` marks invented records. A record the import
    creates or changes gets the source 「匯入 FILE（DATE）」 (``on``, default today in
    Taipei) unless the file has a 出處 column; an unchanged record keeps its source.
    """
    name = PurePath(filename).name
    day = (on or today_taipei()).isoformat()
    options = Options(filename=name, replace=replace, is_demo=is_demo)
    with transaction.atomic():
        result = import_list(ESCOS, data, options)
        # The pipeline writes 「匯入 FILE」 on what it created or changed: add the day.
        Esco.objects.filter(source=f"匯入 {name}").update(source=f"匯入 {name}（{day}）")
    return result


def demo_escos_load() -> ImportResult:
    """Load the demo list (``data/demo_escos.csv``); a second load changes nothing."""
    return esco_import(data=DEMO_FILE.read_bytes(), filename=DEMO_FILE.name, is_demo=True)


def demo_escos_remove() -> int:
    """Delete every demo ESCO; returns how many."""
    return Esco.objects.filter(is_demo=True).delete()[0]
