"""The issue's test: 50 approvals against a budget that fits 30. Exactly 30 succeed, the
other 20 are told the budget is exhausted and how much is left, the budget's committed
total is exactly 30 approvals, and the database's constraint holds.

In parallel on PostgreSQL (threads, each with its own connection); in sequence on both
databases. Parallel claims too: one application goes to one reviewer, and a reviewer gets
one application."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum

from smewindow.applications import roles
from smewindow.applications.models import Application, Budget, Status, StatusChange
from smewindow.applications.refusals import ApplicationRefused
from smewindow.applications.workflow import approve, claim, submit
from tests.applications.conftest import NOW, user

T = TypeVar("T")
AMOUNT = 10_000
FITS = 30
TRIES = 50


def _fifty_claimed(
    make_application: Callable[..., Application], budget: Budget
) -> list[tuple[Application, User]]:
    """50 applications of NT$10,000, each claimed by its own reviewer, against a budget of
    30 × NT$10,000."""
    Budget.objects.filter(pk=budget.pk).update(total=FITS * AMOUNT)
    claimed = []
    for i in range(TRIES):
        reviewer = user(f"reviewer{i}", roles.REVIEWER["manufacturing"])
        application = submit(application=make_application(trainees=1, cost=AMOUNT), now=NOW)
        claimed.append((claim(application=application, reviewer=reviewer), reviewer))
    return claimed


def _check(outcomes: list[object], budget: Budget) -> None:
    approved = [o for o in outcomes if isinstance(o, Application)]
    refused = [o for o in outcomes if isinstance(o, ApplicationRefused)]
    assert (len(approved), len(refused)) == (FITS, TRIES - FITS), outcomes
    for refusal in refused:
        assert refusal.code == "budget_exhausted"
        assert "NT$0 left" in refusal.en and "剩餘 NT$0" in refusal.zh
    budget.refresh_from_db()
    assert (budget.committed, budget.paid, budget.left) == (FITS * AMOUNT, 0, 0)
    applications = Application.objects.filter(round=budget.round, track=budget.track)
    assert applications.filter(status=Status.APPROVED).count() == FITS
    assert applications.filter(status=Status.IN_REVIEW).count() == TRIES - FITS
    assert applications.aggregate(total=Sum("approved_amount"))["total"] == budget.committed
    assert StatusChange.objects.filter(to_status=Status.APPROVED).count() == FITS
    assert not Budget.objects.filter(committed__gt=F("total")).exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Budget.objects.filter(pk=budget.pk).update(committed=F("committed") + 1)


@pytest.mark.django_db
def test_fifty_approvals_in_sequence_against_a_budget_for_thirty(
    make_application: Callable[..., Application], budgets: dict[str, Budget]
) -> None:
    budget = budgets["manufacturing"]
    outcomes: list[object] = []
    for application, reviewer in _fifty_claimed(make_application, budget):
        try:
            outcomes.append(approve(application=application, reviewer=reviewer, amount=AMOUNT))
        except ApplicationRefused as refusal:
            outcomes.append(refusal)
    _check(outcomes, budget)


def _in_parallel(action: Callable[[T], object], items: list[T]) -> list[object]:
    """``action`` on every item at once, each in a thread with its own connection; the
    result or the ``ApplicationRefused`` of each."""
    start = threading.Barrier(len(items))

    def run(item: T) -> object:
        try:
            start.wait(timeout=60)  # every connection open and waiting together
            return action(item)
        except ApplicationRefused as refusal:
            return refusal
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        return list(pool.map(run, items))


def _codes(outcomes: list[object]) -> list[str]:
    return sorted(getattr(o, "code", "claimed") for o in outcomes)


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=(
        "needs PostgreSQL (DATABASE_URL): SQLite serialises writers — one write transaction"
        " at a time, select_for_update is a no-op — so parallel requests would test SQLite's"
        " database lock, not the row locks; the sequential tests run on both"
    ),
)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_fifty_approvals_in_parallel_against_a_budget_for_thirty(
    make_application: Callable[..., Application], budgets: dict[str, Budget]
) -> None:
    budget = budgets["manufacturing"]
    claimed = _fifty_claimed(make_application, budget)
    outcomes = _in_parallel(
        lambda pair: approve(application=pair[0], reviewer=pair[1], amount=AMOUNT), claimed
    )
    _check(outcomes, budget)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_parallel_claims_give_one_application_one_reviewer(
    make_application: Callable[..., Application], budgets: dict[str, Budget]
) -> None:
    applications = [submit(application=make_application(), now=NOW) for _ in range(10)]
    reviewers = [user(f"reviewer{i}", roles.REVIEWER["manufacturing"]) for i in range(10)]

    outcomes = _in_parallel(
        lambda reviewer: claim(application=applications[0], reviewer=reviewer), reviewers
    )
    assert _codes(outcomes) == ["claimed"] + ["wrong_status"] * 9

    free = next(r for r, o in zip(reviewers, outcomes, strict=True) if hasattr(o, "code"))
    outcomes = _in_parallel(
        lambda a: claim(application=a, reviewer=free), applications[1:]
    )  # one who lost above
    assert _codes(outcomes) == ["already_claiming"] * 8 + ["claimed"]
    assert Application.objects.filter(status=Status.IN_REVIEW).count() == 2
