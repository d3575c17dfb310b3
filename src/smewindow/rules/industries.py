"""Finding a firm's industry division by the words people use: 麵包 → 08 食品及飼品製造業.

A query is matched against each division's code, its name (Chinese and English), its
section's name and the everyday words of ``industry_synonyms.yaml``. How well a term
matches decides the order, best first:

1. the division's code, names or everyday words: one equal to the query, then one that
   starts with it, contains it, or is contained in it (麵包店 contains 麵包); among equal
   matches the shorter term first, then the lower code;
2. the same for the division's ``also`` words, which name a trade classified elsewhere as
   a rule but sometimes here; such a match carries the word's note (when it applies);
3. the section's name (製造 finds every division of 製造業).

Chinese matches any part of a term, so one or two characters are enough (麵 finds 麵包
and 麵店); Latin letters match from the start of a word (``app``, not ``happ``), in any
case. 台 is read as 臺, full-width letters as ASCII.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from smewindow.rules.data import package_yaml
from smewindow.rules.taiwan import (
    DIVISION_NAMES,
    DIVISION_NAMES_EN,
    division_label,
    section_name,
)

EXACT, PREFIX, CONTAINS, CONTAINED = 4, 3, 2, 1
"""How a term matches a query, best first."""
WORDS, ALSO, SECTION = 2, 1, 0
"""What kind of term matched, best first: the division's own, its also words, its section."""


@dataclass(frozen=True)
class Match:
    """A division found by a query, as the page shows it."""

    code: str
    label: str
    section: str
    note: str
    """Why the division may be the firm's, when it was found by one of its ``also`` words."""


@dataclass(frozen=True)
class _Terms:
    words: tuple[str, ...]
    also: dict[str, tuple[str, str]]
    """also word → its note in Chinese and in English."""
    sections: tuple[str, ...]


def normal(text: str) -> str:
    """A query or term as compared: NFKC, lower case, 臺 for 台, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).lower().replace("台", "臺")
    return " ".join(text.split())


@cache
def synonyms() -> dict[str, dict[str, Any]]:
    """The everyday words of each division, as ``industry_synonyms.yaml`` gives them."""
    data: dict[str, dict[str, Any]] = package_yaml("industry_synonyms.yaml")
    return data


@cache
def _terms() -> dict[str, _Terms]:
    found = {}
    for code in DIVISION_NAMES:
        entry = synonyms().get(code, {})
        words = [code, DIVISION_NAMES[code], DIVISION_NAMES_EN[code]]
        words += [str(w) for w in entry.get("words", []) + entry.get("words_en", [])]
        also = {
            normal(str(word)): (item["note"], item["note_en"])
            for item in entry.get("also", [])
            for word in item["words"]
        }
        sections = (section_name(code), section_name(code, "en"))
        found[code] = _Terms(
            tuple(normal(w) for w in words), also, tuple(normal(s) for s in sections)
        )
    return found


def _latin(text: str) -> bool:
    return text.isascii()


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _at_word(needle: str, haystack: str, *, whole: bool) -> bool:
    """Whether ``needle`` occurs in ``haystack`` at the start of a word (and, if ``whole``,
    ending one): not right after (or before) a letter or digit. A plain scan: a regex per
    term would be compiled anew for every term of every query."""
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        if (start == 0 or haystack[start - 1] not in _WORD_CHARS) and (
            not whole or end == len(haystack) or haystack[end] not in _WORD_CHARS
        ):
            return True
        start = haystack.find(needle, start + 1)
    return False


def _how(term: str, query: str) -> int:
    """How ``term`` matches ``query`` (0: not at all)."""
    if term == query:
        return EXACT
    if _latin(term) or _latin(query):
        if term.startswith(query):
            return PREFIX
        if _at_word(query, term, whole=False):
            return CONTAINS
        if len(term) > 1 and _at_word(term, query, whole=True):
            return CONTAINED
        return 0
    if term.startswith(query):
        return PREFIX
    if query in term:
        return CONTAINS
    if len(term) > 1 and term in query:
        return CONTAINED
    return 0


def _best(terms: tuple[str, ...], query: str) -> tuple[int, int, str]:
    """The best match among ``terms``: (how, -length, term); (0, 0, "") for none."""
    scored = [(_how(term, query), -len(term), term) for term in terms]
    return max(((how, length, term) for how, length, term in scored if how), default=(0, 0, ""))


def search(query: str, lang: str = "zh", limit: int = 10) -> list[Match]:
    """The divisions ``query`` finds, best first (at most ``limit``); none for a blank query."""
    query = normal(query)
    if not query:
        return []
    english = lang == "en"
    ranked = []
    for code, terms in _terms().items():
        own = _best(terms.words, query)
        also = _best(tuple(terms.also), query)
        section = _best(terms.sections, query)
        note = ""
        if own[0]:
            key = (WORDS, own[0], own[1])
        elif also[0]:
            zh, en = terms.also[also[2]]
            key, note = (ALSO, also[0], also[1]), en if english else zh
        elif section[0]:
            key = (SECTION, section[0], section[1])
        else:
            continue
        ranked.append((key, code, note))
    ranked.sort(key=lambda item: (tuple(-k for k in item[0]), item[1]))
    return [
        Match(code, division_label(code, lang), section_name(code, lang), note)
        for _, code, note in ranked[:limit]
    ]
