"""Plain-language rule cases: one YAML file per program in ``cases/``.

Each file names its ``program``, an optional ``base`` profile, and ``cases``. A case
has a ``name``, a ``date`` (the screening date), a ``profile`` laid over the base (a ``null`` value
removes a base field, making it unknown) and ``expect``: any of ``eligibility``,
``window``, ``amount``, ``missing_fields``, ``criteria`` (criterion id → met, unmet
or unknown), ``detail`` (key → value) and ``window_dates``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from smewindow.rules import PROGRAMS_BY_ID, screen

CASES = Path(__file__).parent / "cases"
EXPECT_KEYS = {
    "eligibility",
    "window",
    "amount",
    "max_amount",
    "amount_fields",
    "missing_fields",
    "criteria",
    "detail",
    "window_dates",
}


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        base = data.get("base") or {}
        for case in data["cases"]:
            profile = {**base, **(case.get("profile") or {})}
            profile = {k: v for k, v in profile.items() if v is not None}
            params.append(
                pytest.param(data["program"], case, profile, id=f"{path.stem}: {case['name']}")
            )
    return params


@pytest.mark.parametrize(("program_id", "case", "profile"), _load())
def test_rule_case(program_id: str, case: dict[str, Any], profile: dict[str, Any]) -> None:
    assert program_id in PROGRAMS_BY_ID
    expect = case["expect"]
    assert set(expect) <= EXPECT_KEYS, f"unknown expect keys {set(expect) - EXPECT_KEYS}"
    on = case["date"]
    assert isinstance(on, dt.date)
    result = next(p for p in screen(profile, on=on)["programs"] if p["id"] == program_id)
    for key in ("eligibility", "window", "missing_fields", "window_dates"):
        if key in expect:
            assert result[key] == expect[key], key
    for key in ("amount", "max_amount", "amount_fields"):
        if key in expect:
            assert result["benefit"][key] == expect[key], key
    for key, value in (expect.get("detail") or {}).items():
        assert result["benefit"]["detail"][key] == value, key
    got = {c["id"]: c["result"] for c in result["criteria"]}
    for criterion, value in (expect.get("criteria") or {}).items():
        assert got[criterion] == value, criterion


def test_every_program_has_a_case_file() -> None:
    covered = {yaml.safe_load(p.read_text("utf-8"))["program"] for p in CASES.glob("*.yaml")}
    assert covered == set(PROGRAMS_BY_ID)
