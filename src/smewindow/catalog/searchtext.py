"""The normalised text that catalogue search matches: pure Python, used by the models (to
fill their search columns) and by ``search.py`` (to read a query the same way).

A text is normalised by NFKC (full-width ＡＷＳ → AWS, ３ → 3), lower case, OpenCC ``s2tw``
(Simplified → Taiwan Traditional, character by character: 电商 → 電商, 数位 → 數位; no
phrase conversion such as 软件 → 軟體, whose result depends on the words around it), 臺 for
台 (as ``cells.name_key``), control characters dropped, and a space around every ASCII word
that touches another character (生成式AI課程 → 生成式 ai 課程, ai-zone → ai- zone). So a
query term that starts with an ASCII letter or digit matches only at the start of a word:
``ai`` finds 生成式AI and GAI(生成式AI) but not "training" or "email"; ``python`` finds
Python3; and 「AI行銷」 finds 「AI 行銷」 (two terms).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import opencc

_TO_TRADITIONAL = opencc.OpenCC("s2tw")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_WORD_EDGE = re.compile(r"(?<=[^\sa-z0-9])(?=[a-z0-9])|(?<=[a-z0-9])(?=[^\x00-\x7f])")


def normalize(text: str) -> str:
    """``text`` as search compares it (see the module's docstring); single spaces."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text)).lower()
    text = _TO_TRADITIONAL.convert(text).replace("台", "臺")
    return " ".join(_WORD_EDGE.sub(" ", text).split())


def column(*parts: str) -> str:
    """The value of a search column: the parts normalised, with a space at each end so that
    every word, the first one too, follows a space."""
    return f" {normalize(' '.join(parts))} "


def patterns(query: str) -> list[str]:
    """The terms of a query (split on spaces, each to be found: AND) as substrings of a
    search column; an ASCII term gets a leading space (it matches at a word's start)."""
    terms = dict.fromkeys(normalize(query).split())  # distinct, in order
    return [f" {term}" if term[0].isascii() and term[0].isalnum() else term for term in terms]


def joined(*parts: Sequence[str]) -> tuple[str, int, int]:
    """The search text of up to three parts (each some field values, in the order they
    rank), and where parts 2 and 3 start, counted from 1 as SQL's INSTR and STRPOS count;
    a part not given starts after the end."""
    texts = [column(*part) for part in parts]
    first, second = (len(text) for text in (*texts, "", "")[:2])
    return "".join(texts), first + 1, first + second + 1
