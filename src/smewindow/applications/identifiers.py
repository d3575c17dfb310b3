"""The national ID (身分證字號) check — pure Python.

Format and check digit from the fact sheet §10 (https://herb-tw.com/phpBB/viewtopic.php?p=49536):
one letter and nine digits; the second character is 1 (male) or 2 (female) for citizens and
8 or 9 on the new-format resident certificates of foreigners, which the subsidy does not
cover (domestic employees only, seed 配套1.1 補助標的).
"""

from __future__ import annotations

import re

LETTER_CODES = dict(
    zip(
        "ABCDEFGHJKLMNPQRSTUVXYWZIO",
        range(10, 36),
        strict=True,
    )
)
"""A10 B11 … Z33 I34 O35: the two-digit code of the first letter."""

_FORMAT = re.compile(r"[A-Z][0-9]{9}")
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 1, 1)


def national_id_problem(value: str) -> tuple[str, str] | None:
    """Why ``value`` is not a citizen's national ID, in Chinese and English; None when it is."""
    if not _FORMAT.fullmatch(value):
        return (
            "身分證字號須為 1 個大寫英文字母加 9 位數字",
            "a national ID is one capital letter and nine digits",
        )
    if value[1] not in "12":
        return (
            "僅補助本國籍員工：第 2 碼須為 1 或 2",
            "only employees of ROC nationality: the second character must be 1 or 2",
        )
    code = LETTER_CODES[value[0]]
    total = code // 10 + 9 * (code % 10)
    total += sum(int(d) * w for d, w in zip(value[1:], _WEIGHTS, strict=True))
    if total % 10:
        return ("身分證字號檢查碼不符", "the national ID's check digit is wrong")
    return None
