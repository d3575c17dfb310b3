"""The ask box's evaluation sets (issue 16) agree with the rules.

The sets, evaluation/ask-questions.yaml and the held-out evaluation/ask-heldout*.yaml, are
checked alike: every expected program and parameter exists and every parameter has a value
on the date asked; every window, every program a set calls (possibly) eligible or ineligible
and every profile is what the rules compute. The main set holds the questions the issue asks
for, in the numbers it asks for; each held-out set has its own, smaller quotas and repeats no
id or question of the sets written before it. Pure Python: no database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import opencc
import pytest
import yaml

from smewindow.ask.grading import evaluation_sets
from smewindow.rules.engine import check_date, program_summary, screen
from smewindow.rules.parameters import load_parameters
from smewindow.rules.profile import parse_profile
from smewindow.rules.programs import PROGRAMS, PROGRAMS_BY_ID

EVALUATION = Path(__file__).resolve().parents[2] / "evaluation"
SET, *_held_out = evaluation_sets(EVALUATION)
HELD_OUT = tuple(_held_out)
"""The held-out sets in the order they were written, each apart from the box (from the plan
and the rules only, never from its code or a run: evaluation/README.md)."""
EVERY_SET = pytest.mark.parametrize("path", [SET, *HELD_OUT], ids=lambda p: p.stem)
HELD_OUT_SETS = pytest.mark.parametrize("path", HELD_OUT, ids=lambda p: p.stem)
EARLIER = {path: (SET, *HELD_OUT[:i]) for i, path in enumerate(HELD_OUT)}
"""The sets written before each held-out set, whose questions it must not repeat."""
CATEGORIES = frozenset(
    {"amount", "window", "eligibility", "firm", "how_to", "contact", "unanswerable"}
)
STYLES = frozenset(
    {"formal", "colloquial", "simplified", "typo", "english", "fullwidth", "taiwanese"}
)
KEYS = ("id", "q", "on", "category", "style", "expect")
EXPECT_KEYS = frozenset(
    {"programs", "facts", "window", "profile", "eligible_any", "ineligible", "phrases"}
)
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CJK = re.compile(r"[\u3400-\u9fff]")
FULLWIDTH_OR_CHINESE_NUMBER = re.compile(r"[０-９一二三四五六七八九十百千萬兩億]")
MIN_STYLE = {"simplified": 30, "typo": 25, "english": 15, "fullwidth": 15, "taiwanese": 10}
ISSUE_EXAMPLES = (
    "優惠貸款利率最高多少？",
    "我們8個人的烘焙坊可以申請培訓補助嗎？",
    "加薪有什麼租稅優惠？",
    "115年還有展覽補助嗎？",
    "我們8個人的烘焙坊在台中，可以申請什麼？",
)


@cache
def questions(path: Path) -> tuple[dict[Any, Any], ...]:
    """A set as YAML reads it (a key may be other than a string: a bare on reads as true)."""
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, list), f"{path.name} is a YAML list of questions"
    return tuple(data)


def answered(path: Path) -> list[dict[str, Any]]:
    return [q for q in questions(path) if not q["expect"].get("refuse")]


@cache
def _screening(profile_items: tuple[tuple[str, Any], ...], on: dt.date) -> dict[str, Any]:
    profile = {k: list(v) if isinstance(v, tuple) else v for k, v in profile_items}
    return {p["id"]: p for p in screen(profile, on)["programs"]}


def screening(question: dict[str, Any]) -> dict[str, Any]:
    """The engine's result for each program, for the question's profile on its date."""
    profile = question["expect"].get("profile") or {}
    items = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in profile.items()))
    return _screening(items, question["on"])


@EVERY_SET
def test_every_question_has_the_schema(path: Path) -> None:
    for q in questions(path):
        name = q.get("id", q)
        assert True not in q, f'{name}: quote the key "on" (YAML reads a bare on as true)'
        assert tuple(q) == KEYS, f"{name}: keys {list(q)}, want {list(KEYS)}"
        assert isinstance(q["id"], str) and KEBAB.match(q["id"]), f"{name}: id not kebab-case"
        assert isinstance(q["q"], str) and q["q"].strip(), f"{name}: empty question"
        assert type(q["on"]) is dt.date, f"{name}: on must be a date (YYYY-MM-DD)"
        check_date(q["on"])
        assert q["category"] in CATEGORIES, f"{name}: category {q['category']!r}"
        assert q["style"] in STYLES, f"{name}: style {q['style']!r}"
        expect = q["expect"]
        if q["category"] == "unanswerable":
            assert expect == {"refuse": True}, f"{name}: an unanswerable question expects refuse"
            continue
        assert set(expect) <= EXPECT_KEYS, f"{name}: unknown keys {set(expect) - EXPECT_KEYS}"
        assert isinstance(expect["programs"], list), f"{name}: programs is a list"
        assert isinstance(expect["facts"], list), f"{name}: facts is a list"
        assert expect["programs"] or q["category"] == "firm", f"{name}: names no program"
        if q["category"] == "window":
            assert "window" in expect, f"{name}: a window question states the window"


@EVERY_SET
def test_ids_are_unique(path: Path) -> None:
    repeated = [i for i, n in Counter(q["id"] for q in questions(path)).items() if n > 1]
    assert not repeated


@EVERY_SET
def test_programs_and_parameters_exist_and_have_a_value_on_the_date(path: Path) -> None:
    params = load_parameters()
    for q in answered(path):
        for program in q["expect"]["programs"]:
            assert program in PROGRAMS_BY_ID, f"{q['id']}: no program {program}"
        for fact in q["expect"]["facts"]:
            assert fact in params, f"{q['id']}: no parameter {fact}"
            assert params[fact].at(q["on"]) is not None, f"{q['id']}: {fact} unknown on {q['on']}"


@EVERY_SET
def test_windows_are_what_the_rules_compute(path: Path) -> None:
    for q in answered(path):
        if "window" in q["expect"]:
            computed = screening(q)[q["expect"]["programs"][0]]["window"]
            assert q["expect"]["window"] == computed, f"{q['id']}: the rules say {computed}"


@EVERY_SET
def test_profiles_are_valid_and_only_firm_questions_have_one(path: Path) -> None:
    for q in answered(path):
        expect = q["expect"]
        if q["category"] == "firm":
            assert expect.get("profile"), f"{q['id']}: a firm question states profile fields"
            parse_profile(expect["profile"])
        else:
            assert not {"profile", "eligible_any", "ineligible"} & set(expect), q["id"]


@EVERY_SET
def test_eligibility_is_what_the_screening_finds(path: Path) -> None:
    for q in answered(path):
        result = screening(q)
        for program in q["expect"].get("eligible_any", []):
            found = result[program]["eligibility"]
            assert found in ("eligible", "unknown"), f"{q['id']}: {program} is {found}"
        for program in q["expect"].get("ineligible", []):
            found = result[program]["eligibility"]
            assert found == "ineligible", f"{q['id']}: {program} is {found}"


@EVERY_SET
def test_every_question_about_one_program_says_what_the_screening_finds(path: Path) -> None:
    """A firm asking about a program learns whether it qualifies: the set says which."""
    for q in answered(path):
        if q["category"] == "firm" and q["expect"]["programs"]:
            said = q["expect"].get("eligible_any", []) + q["expect"].get("ineligible", [])
            assert set(q["expect"]["programs"]) <= set(said), q["id"]


@EVERY_SET
def test_phrases_are_in_the_programs_texts(path: Path) -> None:
    for q in answered(path):
        if q["expect"].get("phrases"):
            program = PROGRAMS_BY_ID[q["expect"]["programs"][0]]
            entry = program_summary(program, q["on"])
            text = " ".join(str(entry[k]) for k in ("name", "url", "next_steps", "contact"))
            for phrase in q["expect"]["phrases"]:
                assert phrase in text, f"{q['id']}: {phrase!r} is not in {program.id}'s texts"


@EVERY_SET
def test_styles_are_what_they_say(path: Path) -> None:
    to_traditional = opencc.OpenCC("s2tw")
    for q in questions(path):
        text = q["q"]
        if q["style"] == "english":
            assert not CJK.search(text), q["id"]
        elif q["style"] == "simplified":
            assert to_traditional.convert(text) != text, f"{q['id']}: no Simplified character"
        elif q["style"] == "fullwidth":
            assert FULLWIDTH_OR_CHINESE_NUMBER.search(text), q["id"]


def test_the_issues_examples_are_in_the_set() -> None:
    asked = {q["q"] for q in questions(SET)}
    assert set(ISSUE_EXAMPLES) <= asked


def test_the_set_has_the_numbers_the_issue_asks_for() -> None:
    qs = questions(SET)
    categories = Counter(q["category"] for q in qs)
    styles = Counter(q["style"] for q in qs)
    assert len(qs) >= 200
    assert categories["firm"] * 4 >= len(qs), "a quarter of the questions are about a firm"
    assert categories["unanswerable"] >= 20
    assert all(categories[c] >= 10 for c in CATEGORIES), categories
    for style, least in MIN_STYLE.items():
        assert styles[style] >= least, f"{style}: {styles[style]} < {least}"
    named = Counter(p for q in answered(SET) for p in q["expect"]["programs"])
    assert {p.id: named[p.id] for p in PROGRAMS if named[p.id] < 3} == {}


@pytest.mark.parametrize("window", ["open", "upcoming", "closed", "ongoing", "unannounced"])
def test_every_window_status_is_asked_about(window: str) -> None:
    assert any(q["expect"].get("window") == window for q in answered(SET))


@HELD_OUT_SETS
def test_the_held_out_set_has_its_numbers(path: Path) -> None:
    """A held-out set is smaller, but about firms, refusals and many programs all the same."""
    qs = questions(path)
    categories = Counter(q["category"] for q in qs)
    programs = {p for q in answered(path) for p in q["expect"]["programs"]}
    assert len(qs) >= 100
    assert categories["firm"] >= 25, categories
    assert categories["unanswerable"] >= 10, categories
    assert len(programs) >= 20, sorted(programs)


@HELD_OUT_SETS
def test_the_held_out_set_repeats_no_question_of_an_earlier_set(path: Path) -> None:
    seen = {q[key] for other in EARLIER[path] for q in questions(other) for key in ("q", "id")}
    repeated = [q["id"] for q in questions(path) if {q["q"], q["id"]} & seen]
    assert not repeated
