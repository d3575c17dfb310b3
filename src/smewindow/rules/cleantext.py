"""The one function that takes out the characters that reorder how text shows: every
free-text name (firm, person, the profile's ``name``, an uploaded file's name) goes through
it, so ``報價\u202egpj.exe`` cannot pass for something it is not."""

from __future__ import annotations

import re

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Unicode's bidirectional formatting characters (UAX #9, section 2): the embeddings,
overrides and isolates, and the implicit marks (ALM, LRM, RLM)."""


def without_bidi(text: str) -> str:
    """``text`` without bidirectional control characters; nothing else changes."""
    return BIDI_CONTROLS.sub("", text)
