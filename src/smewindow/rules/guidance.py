"""How to apply: for each program, the documents to prepare and the steps, in 中文 and English.

The texts live in ``guidance.yaml``, one entry per program id, each naming its source (a seed
section or a page, named by :func:`smewindow.rules.sources.source_title`). An item that no
source states is marked an interpretation (generic and true; listed in docs/rules-notes.md).
No text states an amount, a date or a rate: those come from the dated parameters.

The results and program pages call::

    g = guidance_for(program_id)
    g.documents_in(lang), g.steps_in(lang)   # tuples of plain text, lang "zh" or "en"
    source_title(g.source, lang)             # (title, link) of where the guidance comes from
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from smewindow.rules.data import package_text
from smewindow.rules.sources import LANGS, Title, source_title

_ENTRY_KEYS = frozenset({"source", "documents", "steps"})
_ITEM_KEYS = frozenset({"zh", "en", "source", "interpretation"})


class GuidanceError(ValueError):
    """A ``guidance.yaml`` that breaks the format described in this module."""


@dataclass(frozen=True)
class Item(Title):
    """A document to prepare or a step to take (``text(lang)`` gives it in zh or en).

    ``source`` is where it is said (the item's own, else its program's); None marks an
    interpretation: generic and true, said by no source.
    """

    source: str | None

    @property
    def interpretation(self) -> bool:
        return self.source is None


@dataclass(frozen=True)
class Guidance:
    """How to apply to one program: what to prepare and what to do, in order."""

    program_id: str
    source: str
    documents: tuple[Item, ...]
    steps: tuple[Item, ...]

    def documents_in(self, lang: str) -> tuple[str, ...]:
        """The documents to prepare, in ``lang`` (zh or en)."""
        return tuple(item.text(lang) for item in self.documents)

    def steps_in(self, lang: str) -> tuple[str, ...]:
        """The steps to apply, in order, in ``lang`` (zh or en)."""
        return tuple(item.text(lang) for item in self.steps)

    def sources(self) -> tuple[str, ...]:
        """Every source the guidance names: the program's, then its items' own."""
        found = dict.fromkeys([self.source])
        for item in self.documents + self.steps:
            if item.source:
                found[item.source] = None
        return tuple(found)


def _items(where: str, raw: Any, default_source: str) -> tuple[Item, ...]:
    if not isinstance(raw, list) or not raw:
        raise GuidanceError(f"{where}: needs a non-empty list")
    items = []
    for n, entry in enumerate(raw, 1):
        here = f"{where} #{n}"
        if not isinstance(entry, dict) or set(entry) - _ITEM_KEYS:
            raise GuidanceError(f"{here}: only {sorted(_ITEM_KEYS)}")
        if not all(isinstance(entry.get(k), str) and entry[k].strip() for k in LANGS):
            raise GuidanceError(f"{here}: needs zh and en")
        interpretation = entry.get("interpretation", False)
        if interpretation and "source" in entry:
            raise GuidanceError(f"{here}: an interpretation has no source")
        source = None if interpretation else entry.get("source", default_source)
        items.append(Item(entry["zh"].strip(), entry["en"].strip(), source))
    return tuple(items)


def load_guidance_text(text: str) -> dict[str, Guidance]:
    """Read and check the text of a ``guidance.yaml``; every source must be named."""
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise GuidanceError("guidance.yaml: top level must map program ids to guidance")
    guidance = {}
    for program_id, entry in data.items():
        if not isinstance(entry, dict) or set(entry) != _ENTRY_KEYS:
            raise GuidanceError(f"{program_id}: needs exactly {sorted(_ENTRY_KEYS)}")
        source = entry["source"]
        g = Guidance(
            program_id=program_id,
            source=source,
            documents=_items(f"{program_id} documents", entry["documents"], source),
            steps=_items(f"{program_id} steps", entry["steps"], source),
        )
        for cited in g.sources():
            source_title(cited)  # raises SourceError for a source sources.yaml does not name
        guidance[program_id] = g
    return guidance


@cache
def all_guidance() -> dict[str, Guidance]:
    """The package's ``guidance.yaml``, by program id."""
    return load_guidance_text(package_text("guidance.yaml"))


def guidance_for(program_id: str) -> Guidance:
    """How to apply to the program ``program_id``; KeyError if it has none."""
    return all_guidance()[program_id]
