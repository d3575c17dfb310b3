"""Code health over the rule data: references, sources, contacts, no dead parameters."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from smewindow.rules import PROGRAMS
from smewindow.rules.engine import SCREENING_FROM
from smewindow.rules.logic import Expr, Param
from smewindow.rules.parameters import ParameterFileError, load_parameter_text, load_parameters

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "programs.md"


def _params_in(expr: Expr) -> set[str]:
    found = {expr.name} if isinstance(expr, Param) else set()
    for child in expr.children():
        found |= _params_in(child)
    return found


def _params_by_program() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for program in PROGRAMS:
        exprs: list[Expr] = [c.test for c in program.criteria]
        exprs += list(program.benefit.detail.values())
        if program.benefit.amount is not None:
            exprs.append(program.benefit.amount)
        exprs += [w.track for w in program.windows if w.track is not None]
        names = {w.parameter for w in program.windows}
        for expr in exprs:
            names |= _params_in(expr)
        used[program.id] = names
    return used


def test_program_ids_are_the_specs_in_its_order() -> None:
    ids = re.findall(r"^\| `([a-z0-9-]+)`", SPEC.read_text("utf-8"), re.M)
    assert [p.id for p in PROGRAMS] == ids


def test_every_program_has_a_source_contact_url_and_next_steps() -> None:
    for program in PROGRAMS:
        assert program.source.startswith("seed: "), program.id
        assert program.contact and program.next_steps, program.id
        assert program.url.startswith("https://"), program.id


def test_every_criterion_cites_the_seed_or_an_official_url() -> None:
    for program in PROGRAMS:
        for criterion in program.criteria:
            assert criterion.source.startswith(("seed: ", "https://")), (program.id, criterion.id)
            assert re.fullmatch(r"[a-z0-9_]+", criterion.id), criterion.id
            assert criterion.label and not criterion.label.isascii(), criterion.id


def test_every_parameter_has_a_description_unit_and_reference() -> None:
    for param in load_parameters().values():
        assert param.description and param.unit, param.name
        assert param.references, param.name
        for ref in param.references:
            assert ref.seed or (ref.url and ref.url.startswith(("https://", "http://"))), param.name


def test_every_parameter_is_used_and_every_used_parameter_exists() -> None:
    used = set().union(*_params_by_program().values())
    declared = set(load_parameters())
    assert used - declared == set(), "programs name parameters that do not exist"
    assert declared - used == set(), "parameters no program uses"


def test_criteria_parameters_have_values_from_the_first_screening_date() -> None:
    params = load_parameters()
    for program in PROGRAMS:
        for criterion in program.criteria:
            for name in _params_in(criterion.test):
                assert params[name].at(SCREENING_FROM) is not None, (program.id, name)


def test_dated_values_are_in_order_and_never_repeat_a_date() -> None:
    for param in load_parameters().values():
        assert list(param.dates) == sorted(set(param.dates)), param.name
        assert all(isinstance(d, dt.date) for d in param.dates)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "x: {description: d, unit: TWD, reference: [{title: t, seed: s}], values: {2025-01-01: 1}, extra: 1}",
            "unknown keys",
        ),
        (
            "x: {unit: TWD, reference: [{title: t, seed: s}], values: {2025-01-01: 1}}",
            "needs a description",
        ),
        (
            "x: {description: d, unit: TWD, reference: [{title: t}], values: {2025-01-01: 1}}",
            "seed section or a url",
        ),
        (
            "x: {description: d, unit: pounds, reference: [{title: t, seed: s}], values: {2025-01-01: 1}}",
            "unit",
        ),
        (
            "x: {description: d, unit: TWD, reference: [{title: t, seed: s}], values: {soon: 1}}",
            "keyed by dates",
        ),
    ],
)
def test_a_malformed_parameter_file_is_refused(text: str, problem: str) -> None:
    with pytest.raises(ParameterFileError, match=problem):
        load_parameter_text("test", text)
