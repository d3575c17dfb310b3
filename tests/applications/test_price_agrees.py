"""One rule prices the training subsidy (rules/training.py): the engine screening a profile,
the application's amount and raise bonus, the firm's page and the review page agree for the
same trainees, costs and raise, on the case's submission date (Asia/Taipei)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User

from smewindow.applications import amounts, intake, workflow
from smewindow.applications.models import Application, Status
from smewindow.catalog.models import Course, Provider
from smewindow.formatting import twd
from smewindow.rules import engine, parameters, screen

from .conftest import NOW, attach, client_for, national_id

pytestmark = pytest.mark.django_db
MakeApplication = Callable[..., Application]
CAP = "digital_training.per_trainee_cap"
CHANGE = dt.date(2025, 6, 3)  # the test-only dated value below takes effect on this day


def _engine(trainees: int, cost: int, raises: bool, on: dt.date) -> dict[str, Any]:
    """The engine's benefit for a manufacturer of 12 employees with ``trainees`` trainees."""
    profile = {
        "registration_type": "company",
        "industry": "25",
        "employees": 12,
        "employees_min_6m": 12,
        "paid_in_capital": 5_000_000,
        "factory_registration": True,
        "trainees": trainees,
        "training_cost_per_trainee": cost,
        "raise_wages_by_2026_06_30": raises,
    }
    result = next(
        p for p in screen(profile, on=on)["programs"] if p["id"] == "digital-training-subsidy"
    )
    assert result["eligibility"] == "eligible"
    return result["benefit"]


def _short_course() -> Course:
    """A listed course of 8 hours: under the 12-hour minimum on its own."""
    provider = Provider.objects.create(name="短課程單位")
    return Course.objects.create(name="試算表入門", provider=provider, physical_hours=Decimal(8))


def _application(
    make_application: MakeApplication, counted: int, cost: int, short: int = 0
) -> Application:
    """A draft with ``counted`` trainees of 12 hours and ``short`` of 8, each at ``cost``."""
    application = make_application(trainees=counted, cost=cost)
    course = _short_course()
    for n in range(short):
        intake.trainee_add(
            application=application,
            name="短時數員工",
            national_id=national_id(7000 + n, letter="D"),
            cost=cost,
            courses=[course],
        )
    return application


def _paid_in_full(application: Application, reviewer: User, finance: User) -> Application:
    """Approve the requested amount, complete and pay the actual cost of it."""
    workflow.claim(application=application, reviewer=reviewer)
    workflow.approve(
        application=application, reviewer=reviewer, amount=application.requested_amount
    )
    attach(application, "結訓證明.pdf")
    workflow.complete(application=application, reviewer=reviewer)
    return workflow.record_payment(
        application=application, finance_officer=finance, actual_cost=application.requested_amount
    )


@pytest.mark.parametrize(
    ("counted", "cost", "short", "amount", "bonus"),
    [
        (3, 8_000, 0, 24_000, 2_400),  # cost below the per-trainee cap: paid in full
        (2, 15_000, 0, 20_000, 2_000),  # above it: the cap
        (12, 9_000, 0, 100_000, 10_000),  # 108,000 reaches the firm's cap
        (2, 10_000, 1, 20_000, 2_000),  # a trainee under the minimum hours does not count
        (1, 5_005, 0, 5_005, 501),  # the bonus rounded half up (500.5)
    ],
)
def test_engine_application_and_pages_agree(
    make_application: MakeApplication,
    reviewer: User,
    finance: User,
    counted: int,
    cost: int,
    short: int,
    amount: int,
    bonus: int,
) -> None:
    application = workflow.submit(
        application=_application(make_application, counted, cost, short), now=NOW
    )
    on = amounts.pricing_date(application)
    assert on == NOW.date()
    benefit = _engine(counted, cost, True, on)
    assert (benefit["detail"]["base_amount"], benefit["detail"]["raise_bonus"]) == (amount, bonus)
    assert benefit["amount"] == amount + bonus
    assert application.requested_amount == amounts.amount_for(application) == amount

    review = client_for(reviewer).get(f"/review/{application.pk}/").content.decode()
    assert f"依規則計算之補助金額：{twd(amount)}" in review
    assert review.count("未滿 12 小時：此員工不列入補助") == short
    firm = client_for(application.firm.user).get(f"/apply/{application.pk}/").content.decode()
    assert f"<dt>申請金額</dt><dd>{twd(amount)}</dd>" in firm
    assert firm.count(f"補助 {twd(min(cost, 10_000))}") == counted
    assert firm.count("補助 NT$0") == short

    application = _paid_in_full(application, reviewer, finance)
    assert application.status == Status.PAID
    assert amounts.bonus_for(application) == bonus
    firm = client_for(application.firm.user).get(f"/apply/{application.pk}/").content.decode()
    assert f"可再獲受補助金額 10%（{twd(bonus)}）" in firm


@pytest.fixture
def cap_raised(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A test-only dated value (the YAML history is untouched): the per-trainee cap is
    NT$12,000 from ``CHANGE``; the engine's per-epoch caches start empty."""
    cap = parameters.load_parameters()[CAP]
    raised = dataclasses.replace(cap, dates=(*cap.dates, CHANGE), values=(*cap.values, 12_000))
    monkeypatch.setitem(parameters.load_parameters(), CAP, raised)
    monkeypatch.setattr(engine, "_BY_EPOCH", {})
    parameters._change_dates.cache_clear()
    yield
    parameters._change_dates.cache_clear()


@pytest.mark.usefixtures("cap_raised")
@pytest.mark.parametrize(
    ("submitted_at", "on", "each"),
    [
        (NOW, dt.date(2025, 6, 2), 10_000),  # 17:00 in Taipei the day before the change
        (dt.datetime(2025, 6, 2, 15, 59, tzinfo=dt.UTC), dt.date(2025, 6, 2), 10_000),
        (dt.datetime(2025, 6, 2, 16, 0, tzinfo=dt.UTC), CHANGE, 12_000),  # 00:00 in Taipei
    ],
)
def test_a_case_is_priced_on_its_submission_day_in_taipei(
    make_application: MakeApplication,
    reviewer: User,
    finance: User,
    submitted_at: dt.datetime,
    on: dt.date,
    each: int,
) -> None:
    application = workflow.submit(
        application=_application(make_application, 3, 12_500), now=submitted_at
    )
    assert amounts.pricing_date(application) == on
    benefit = _engine(3, 12_500, True, on)
    assert application.requested_amount == benefit["detail"]["base_amount"] == 3 * each
    review = client_for(reviewer).get(f"/review/{application.pk}/").content.decode()
    assert f"依規則計算之補助金額：{twd(3 * each)}" in review  # priced on that day
    firm = client_for(application.firm.user).get(f"/apply/{application.pk}/").content.decode()
    assert firm.count(f"補助 {twd(each)}") == 3  # not today's cap
    application = _paid_in_full(application, reviewer, finance)
    assert amounts.bonus_for(application) == benefit["detail"]["raise_bonus"]


@pytest.mark.usefixtures("cap_raised")
def test_a_draft_is_priced_today(make_application: MakeApplication) -> None:
    """A draft has no submission day: it is priced as if submitted today (after CHANGE)."""
    application = _application(make_application, 2, 12_500)
    assert amounts.pricing_date(application) > CHANGE
    assert amounts.amount_for(application) == 24_000
    firm = client_for(application.firm.user).get(f"/apply/{application.pk}/").content.decode()
    assert firm.count(f"補助 {twd(12_000)}") == 2 and f"<strong>{twd(24_000)}</strong>" in firm
