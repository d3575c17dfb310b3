"""Which programs serve which need: every program serves one, every need has one."""

from __future__ import annotations

import doctest

import pytest

from smewindow.rules import PROGRAMS, needs, parse_profile
from smewindow.rules.needs import NEEDS, PROGRAM_NEEDS, need_label, programs_for_needs
from smewindow.rules.profile import ProfileError

EVERY_PROGRAM = frozenset(p.id for p in PROGRAMS)


def test_every_program_serves_a_need_and_every_need_has_a_program() -> None:
    assert set(PROGRAM_NEEDS) == EVERY_PROGRAM
    for program, served in PROGRAM_NEEDS.items():
        assert served and served <= set(NEEDS), program
    for need in NEEDS:
        assert programs_for_needs([need]), need


def test_the_programs_for_several_needs_are_those_serving_any() -> None:
    assert programs_for_needs(["hiring"]) == {
        "youth-senior-hiring-deduction", "wage-raise-deduction", "wage-raise-extra-guarantee",
    }  # fmt: skip
    assert programs_for_needs(["export", "brand"]) == programs_for_needs(
        ["export"]
    ) | programs_for_needs(["brand"])
    assert "brand-counseling" in programs_for_needs(["brand"])
    assert "transformation-loan" in programs_for_needs(["funding"])
    assert "transformation-loan" not in programs_for_needs(["export"])
    # No needs said (absent, or an empty list): every program.
    assert programs_for_needs(None) == programs_for_needs([]) == EVERY_PROGRAM


def test_every_need_has_a_label_in_both_languages() -> None:
    for need in NEEDS:
        chinese, english = need_label(need), need_label(need, "en")
        assert chinese and english and chinese != english
        assert english.isascii() and not chinese.isascii()
    assert need_label("digital") == "數位轉型" and need_label("netzero") == "減碳與節能"


def test_the_module_examples_hold() -> None:
    assert doctest.testmod(needs).failed == 0


def test_needs_digital_tools_and_ai_use_are_profile_fields_deciding_nothing() -> None:
    profile = parse_profile(
        {"needs": ["funding", "ai"], "digital_tools": ["pos", "ai"], "ai_use": "pilot"}
    )
    assert profile.needs == ["funding", "ai"] and profile.ai_use == "pilot"
    for bad in ({"needs": ["money"]}, {"digital_tools": ["pos", "pos"]}, {"ai_use": "lots"}):
        with pytest.raises(ProfileError):
            parse_profile(bad)
