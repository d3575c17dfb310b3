"""The questions the ask box refuses even when they name a program (``refuse.yaml``): a
detail no rule holds, something outside the plan, or words that together ask either (how
long until the money is paid). The engine refuses them; the typo mender knows their words
(通過綠 is 通過率)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from smewindow.ask.normalize import normalize

REFUSE = Path(__file__).with_name("refuse.yaml")


@cache
def _refusals() -> dict[str, Any]:
    return dict(yaml.safe_load(REFUSE.read_text(encoding="utf-8")))


@cache
def refusal_words() -> tuple[str, ...]:
    """The words of questions the rules hold no answer to (``details`` and ``outside``)."""
    lists = (_refusals()["details"], _refusals()["outside"])
    return tuple(normalize(str(w)) for words in lists for w in words)


@cache
def refusal_groups() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """The word groups of ``together``: a question holding a word of each group of one
    entry asks what no rule holds."""
    return tuple(
        tuple(tuple(normalize(str(w)) for w in group) for group in entry)
        for entry in _refusals()["together"]
    )
