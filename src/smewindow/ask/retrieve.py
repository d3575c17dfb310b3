"""Which programs a question is about: BM25 (``bm25s``) over one document per program, made
from the rules' own texts — its name (Chinese and English), benefit summary, criteria and
next steps — and the everyday words of ``keywords.yaml``.

The name and the everyday words count three times: a question names a program far more
often than it quotes its criteria. The index is built once per process (30 short
documents: a few milliseconds) from texts with their placeholders removed, so it never
depends on the date asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import bm25s
import yaml

from smewindow.ask.normalize import normalize, tokens
from smewindow.rules import PROGRAMS
from smewindow.rules.model import Program
from smewindow.rules.texts import PLACEHOLDER

KEYWORDS = Path(__file__).with_name("keywords.yaml")
NAME_WEIGHT = 3
"""How many times a program's names and everyday words count against its other texts."""


@dataclass(frozen=True)
class Ranked:
    """A program and how well the question matches it (BM25, 0 = no shared word)."""

    program: str
    score: float


@cache
def keywords() -> dict[str, list[str]]:
    """Each program's everyday words (``keywords.yaml``)."""
    data = yaml.safe_load(KEYWORDS.read_text(encoding="utf-8"))
    unknown = set(data) - {p.id for p in PROGRAMS}
    if unknown:
        raise ValueError(f"keywords.yaml names no such program: {sorted(unknown)}")
    return {k: [str(w) for w in v] for k, v in data.items()}


@cache
def program_words() -> tuple[str, ...]:
    """The Chinese words that name a program — its name and its everyday words — normalised,
    longest first: 雲市集 names a program, so its 市集 is no trade and no question word."""
    words = [normalize(p.name) for p in PROGRAMS]
    words += [normalize(w) for ws in keywords().values() for w in ws if not w.isascii()]
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))  # one order in every process


def _document(program: Program) -> list[str]:
    names = [program.name, program.name_en, *keywords().get(program.id, [])]
    texts = [
        program.benefit.summary,
        program.benefit.summary_en,
        program.next_steps,
        *(c.label for c in program.criteria),
    ]
    words = [w for text in names for w in tokens(text)] * NAME_WEIGHT
    words += [w for text in texts for w in tokens(PLACEHOLDER.sub(" ", text))]
    return [w for w in words if len(w) > 1 or w.isascii()]


@cache
def _index() -> tuple[bm25s.BM25, tuple[str, ...]]:
    retriever = bm25s.BM25()
    retriever.index([_document(p) for p in PROGRAMS], show_progress=False)
    return retriever, tuple(p.id for p in PROGRAMS)


def rank(words: list[str]) -> list[Ranked]:
    """Every program that shares a word with the question, best first."""
    retriever, ids = _index()
    words = [w for w in words if len(w) > 1 or w.isascii()]
    if not words:
        return []
    scores = retriever.get_scores(words)
    found = [Ranked(pid, float(s)) for pid, s in zip(ids, scores, strict=True) if s > 0]
    return sorted(found, key=lambda r: -r.score)
