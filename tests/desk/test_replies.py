"""Reply templates quote the rules of the day: every figure in the text is a parameter's
value (or the engine's amount) on that date, and changes when the parameter changes."""

from __future__ import annotations

import datetime as dt

import pytest

from smewindow.desk import replies
from smewindow.finder.plan import build_plan
from smewindow.formatting import parameter_text, twd
from smewindow.rules import screen
from smewindow.rules.parameters import load_parameters

SITE = "https://window.example.tw"


def stated(name: str, on: dt.date) -> str:
    """The parameter ``name`` as a text states it on ``on``."""
    param = load_parameters()[name]
    return parameter_text(param.at(on), param.unit)


def text(program_id: str, profile: dict, on: dt.date) -> str:
    return replies.template_for(program_id, profile, firm_name="好麵包坊", on=on, site=SITE)


def test_the_training_subsidy_quotes_its_caps_window_and_page() -> None:
    on = dt.date(2025, 6, 2)
    body = text("digital-training-subsidy", {"employees": 8, "trainees": 3}, on)
    assert body.startswith("好麵包坊您好：")
    assert "30人以下中小微企業數位轉型培力補助" in body
    assert stated("digital_training.per_trainee_cap", on) == "1萬元"
    for name in ("per_trainee_cap", "firm_cap", "min_hours", "raise_bonus_rate"):
        assert stated(f"digital_training.{name}", on) in body, name
    program = next(p for p in screen({"employees": 8, "trainees": 3}, on)["programs"]
                   if p["id"] == "digital-training-subsidy")  # fmt: skip
    assert twd(program["benefit"]["max_amount"]) in body  # the engine's amount, not a typed one
    assert "受理中，民國114年12月31日17時截止（剩 212 天）" in body
    assert f"{SITE}/programs/digital-training-subsidy" in body
    assert "線上申請" in body  # the guidance's steps
    assert "0800-056-476" in body


def test_the_window_follows_the_date() -> None:
    before = text("digital-training-subsidy", {}, dt.date(2025, 12, 31))
    after = text("digital-training-subsidy", {}, dt.date(2026, 1, 2))
    assert "受理中，民國114年12月31日17時截止（剩 0 天）" in before
    assert "115年度尚未公告" in after and "受理中" not in after


@pytest.mark.parametrize(
    ("on", "cap"), [(dt.date(2025, 8, 6), "250萬元"), (dt.date(2025, 8, 7), "1,000萬元")]
)
def test_the_loan_template_follows_a_parameter_that_changes(on: dt.date, cap: str) -> None:
    """The interest subsidy's loan cap went from 250萬 to 1,000萬 on 2025-08-07."""
    assert stated("loan.interest_subsidy_cap", on) == cap
    body = text("transformation-loan", {"employees": 8}, on)
    assert f"貸款{cap}以內的部分" in body
    for name in ("max_rate", "interest_subsidy_rate", "max_loan"):
        assert stated(f"loan.{name}", on) in body, name
    program = next(p for p in screen({"employees": 8}, on)["programs"]
                   if p["id"] == "transformation-loan")  # fmt: skip
    assert f"最高 {twd(program['benefit']['max_amount'])}" in body


def test_an_ineligible_firm_is_told_what_it_lacks() -> None:
    on = dt.date(2025, 6, 2)
    profile = {"employees": 80, "employees_min_6m": 80, "disaster_tax_deferral": False}
    body = text("digital-training-subsidy", profile, on)
    assert "尚不符合" in body and stated("digital_training.max_employees", on) in body


def test_the_choices_put_the_case_program_and_the_segment_first() -> None:
    on = dt.date(2025, 6, 2)
    plan = build_plan({"employees": 8}, on, "zh")
    choices = replies.program_choices(plan, ["transformation-loan", "nope"])
    assert choices[0] == ("transformation-loan", "30人以下中小微企業優惠貸款")
    assert len({pid for pid, _ in choices}) == len(choices)
    with pytest.raises(KeyError):
        replies.template_for("nope", {}, firm_name="x", on=on, site=SITE)
