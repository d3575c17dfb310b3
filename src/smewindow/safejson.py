"""JSON from outside (the API's bodies, the finder's ``state`` in links, the CLI's profile
file) read with bounds, so no input reaches Python's limits: nesting deeper than
``MAX_DEPTH`` (the parser recurses and would raise RecursionError), integers longer than
``MAX_DIGITS`` (Python refuses to convert more than 4,300 digits), and numbers that are not
finite (``NaN``, ``Infinity``, ``1e999``).

A profile nests three levels at most and refuses amounts over ``MAX_MONEY`` (NT$10^13, 14
digits) with its own message; the bounds leave room for those messages and answer every input
over them with ``JsonLimitError``, a ``ValueError`` naming the limit in Chinese and English.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 20
"""The deepest nesting of arrays and objects read."""
MAX_DIGITS = 20
"""The most digits of an integer read."""

_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


class JsonLimitError(ValueError):
    """JSON over one of the bounds; the message names it."""


def too_deep(text: str) -> bool:
    """Whether the arrays and objects of JSON ``text`` nest deeper than ``MAX_DEPTH``
    (brackets inside strings skipped), told without parsing it and stopping at the first
    level too deep."""
    depth = 0
    for bracket in _BRACKETS.finditer(_STRINGS.sub("", text)):
        depth += 1 if bracket[0] in "[{" else -1
        if depth > MAX_DEPTH:
            return True
    return False


def _int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise JsonLimitError(f"數字超過 {MAX_DIGITS} 位 (a number longer than {MAX_DIGITS} digits)")
    return int(digits)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonLimitError(f"數字超出範圍 (a number out of range): {text[:20]}")
    return value


def _constant(name: str) -> Any:
    raise JsonLimitError(f"{name} 不是 JSON 的數字 ({name} is not a JSON number)")


def loads(data: str | bytes) -> Any:
    """``json.loads`` within the bounds: ``json.JSONDecodeError`` or ``UnicodeDecodeError``
    when ``data`` is not JSON, ``JsonLimitError`` when it is over a bound."""
    text = data.decode(json.detect_encoding(data)) if isinstance(data, bytes) else data
    if too_deep(text):
        raise JsonLimitError(f"巢狀超過 {MAX_DEPTH} 層 (nested deeper than {MAX_DEPTH} levels)")
    return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
