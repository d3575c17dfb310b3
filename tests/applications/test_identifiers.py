"""The national ID check (fact sheet §10) and the 統一編號 on a firm."""

from __future__ import annotations

import pytest

from smewindow.applications.identifiers import national_id_problem
from tests.applications.conftest import national_id


@pytest.mark.parametrize("value", ["A123456789", "F131104093", "Z212345670", national_id(42)])
def test_citizens_ids_pass(value: str) -> None:
    assert national_id_problem(value) is None


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("A123456788", "check digit"),
        ("A823456789", "ROC nationality"),  # new-format resident certificate (foreigner)
        ("A923456789", "ROC nationality"),
        ("A323456789", "ROC nationality"),
        ("a123456789", "one capital letter"),
        ("A12345678", "one capital letter"),
        ("A1234567890", "one capital letter"),
        ("AB23456789", "one capital letter"),  # old-format resident certificate
        ("Ａ123456789", "one capital letter"),  # full-width
        ("", "one capital letter"),
    ],
)
def test_bad_ids_say_why_in_both_languages(value: str, why: str) -> None:
    problem = national_id_problem(value)
    assert problem is not None
    assert why in problem[1]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in problem[0])


def test_every_letter_has_its_code() -> None:
    """Each letter's ID with the right check digit passes and with any other fails."""
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        good = national_id(1234567, letter, "2")
        assert national_id_problem(good) is None
        wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
        assert national_id_problem(wrong) is not None
