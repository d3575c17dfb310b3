"""The optional software bundle, the training window of a course, documents by stage (and
deleting one not yet sent) and the +10 % raise bonus, through the services on the real
database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from smewindow.applications import amounts, intake, workflow
from smewindow.applications.models import (
    Application,
    Budget,
    Purpose,
    Round,
    Status,
    StatusChange,
)
from smewindow.applications.uploads import MAX_DOCUMENTS, document_delete, path_of
from smewindow.catalog.models import Course, CourseSession, SoftwareProduct

from .conftest import NOW, attach, national_id, refused

pytestmark = pytest.mark.django_db
MakeApplication = Callable[..., Application]


def _software(name: str = "雲端 ERP", listed: bool = True) -> SoftwareProduct:
    return SoftwareProduct.objects.create(name=name, vendor="測試廠商", is_approved=listed)


# The software bundle


@pytest.mark.parametrize(
    ("costs", "software", "expected"),
    [
        ([6_000], [], 6_000),  # courses only
        ([6_000], [3_000], 9_000),  # software fills the trainee's room under the cap
        ([6_000], [20_000], 10_000),  # never above the per-trainee cap
        ([12_000, 4_000], [5_000], 19_000),  # one over the cap: the room is the other's
        ([10_000] * 10, [50_000], 100_000),  # no room left: software adds nothing
    ],
)
def test_software_counts_within_the_per_trainee_caps(
    make_application: MakeApplication,
    course: Course,
    costs: list[int],
    software: list[int],
    expected: int,
) -> None:
    application = make_application(trainees=0)
    for n, cost in enumerate(costs):
        intake.trainee_add(
            application=application,
            name="員工",
            national_id=national_id(5000 + n, letter="C"),
            cost=cost,
            courses=[course],
        )
    for n, cost in enumerate(software):
        intake.software_add(application=application, product=_software(f"軟體{n}"), cost=cost)
    assert amounts.amount_for(application, NOW.date()) == expected


def test_software_alone_earns_nothing(make_application: MakeApplication) -> None:
    application = make_application(trainees=0)
    intake.software_add(application=application, product=_software(), cost=30_000)
    assert amounts.amount_for(application, NOW.date()) == 0
    with refused("no_trainee"):
        workflow.submit(application=application, now=NOW)


def test_software_must_be_listed_once_and_only_in_a_draft(
    make_application: MakeApplication,
) -> None:
    application = make_application()
    with refused("software_not_listed"):
        intake.software_add(application=application, product=_software("未列名", False), cost=1)
    product = _software()
    with refused("cost"):
        intake.software_add(application=application, product=product, cost=-1)
    intake.software_add(application=application, product=product, cost=1_000)
    with refused("duplicate"):
        intake.software_add(application=application, product=product, cost=2_000)
    purchase = application.software.get()
    workflow.submit(application=application, now=NOW)
    with refused("wrong_status"):
        intake.software_remove(purchase=purchase)
    with refused("wrong_status"):
        intake.software_add(application=application, product=_software("另一套"), cost=1)
    assert application.software.count() == 1


# The training window


def test_a_course_needs_a_session_in_the_training_window(
    make_application: MakeApplication, course: Course
) -> None:
    application = make_application(trainees=0)
    first, last = amounts.training_window(application.round)
    assert amounts.course_in_window(course, application.round) is None  # no sessions: unknown
    CourseSession.objects.create(course=course, starts_on=first - dt.timedelta(days=10))
    assert amounts.course_in_window(course, application.round) is False
    with refused("course_outside_window"):
        intake.trainee_add(
            application=application,
            name="員工",
            national_id=national_id(6001, letter="D"),
            cost=5_000,
            courses=[course],
        )
    CourseSession.objects.create(
        course=course, starts_on=last - dt.timedelta(days=1), ends_on=last + dt.timedelta(days=1)
    )
    assert amounts.course_in_window(course, application.round) is False  # ends too late
    CourseSession.objects.create(course=course, starts_on=first, ends_on=last)
    assert amounts.course_in_window(course, application.round) is True
    intake.trainee_add(
        application=application,
        name="員工",
        national_id=national_id(6001, letter="D"),
        cost=5_000,
        courses=[course],
    )
    assert application.trainees.count() == 1


# Documents by stage


def test_documents_take_the_purpose_of_the_stage_and_only_unsent_ones_can_go(
    make_application: MakeApplication,
    reviewer: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    application = make_application()
    draft_document = attach(application, "申請書.pdf")
    assert draft_document.purpose == Purpose.APPLICATION
    stored = path_of(draft_document)
    assert stored.is_file()
    workflow.submit(application=application, now=NOW)
    with refused("wrong_status"):  # submitted: no uploads, no deletions
        attach(application)
    with refused("wrong_status"):
        document_delete(document=draft_document)

    workflow.claim(application=application, reviewer=reviewer)
    workflow.request_documents(application=application, reviewer=reviewer, reason="請補投保證明")
    supplement = attach(application, "投保證明.pdf")
    assert supplement.purpose == Purpose.SUPPLEMENT
    with refused("document_sent"):  # the application's own documents were sent
        document_delete(document=draft_document)
    with django_capture_on_commit_callbacks(execute=True):
        document_delete(document=supplement)
    assert not path_of(supplement).exists()
    assert stored.is_file() and application.documents.count() == 1


def test_document_files_go_only_when_the_deletion_commits(
    make_application: MakeApplication, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    application = make_application()
    document = attach(application)
    path: Path = path_of(document)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document_delete(document=document)
    assert path.is_file()  # not yet: the transaction could still roll back
    for callback in callbacks:
        callback()
    assert not path.exists()


def test_at_most_ten_documents_a_stage(make_application: MakeApplication) -> None:
    application = make_application()
    for n in range(MAX_DOCUMENTS):
        attach(application, f"{n}.pdf")
    with refused("too_many"):
        attach(application, "one-more.pdf")


# The raise bonus


def _paid(
    make_application: MakeApplication, reviewer: User, finance: User, cost: int = 43_215
) -> Application:
    application = workflow.submit(application=make_application(trainees=5), now=NOW)
    Round.objects.filter(pk=application.round_id).update(
        raise_deadline=timezone.now() + dt.timedelta(days=30)
    )
    application.refresh_from_db()
    workflow.claim(application=application, reviewer=reviewer)
    workflow.approve(application=application, reviewer=reviewer, amount=50_000)
    attach(application, "結訓證明.pdf")
    workflow.complete(application=application, reviewer=reviewer)
    return workflow.record_payment(
        application=application, finance_officer=finance, actual_cost=cost
    )


def test_the_raise_bonus_is_ten_percent_of_the_payment_from_the_same_budget(
    make_application: MakeApplication,
    reviewer: User,
    finance: User,
    budgets: dict[str, Budget],
) -> None:
    application = _paid(make_application, reviewer, finance)
    budget = budgets["manufacturing"]
    with refused("no_documents"):  # the evidence of the raise first
        workflow.bonus_claim(application=application)
    attach(application, "加薪前後薪資單.pdf")
    workflow.bonus_claim(application=application)
    assert application.status == Status.BONUS_CLAIMED
    with refused("not_allowed"):
        workflow.bonus_approve(application=application, reviewer=finance)
    with refused("reason"):
        workflow.bonus_reject(application=application, reviewer=reviewer, reasons=[" "])
    workflow.bonus_reject(application=application, reviewer=reviewer, reasons=["薪資單未顯示加薪"])
    assert application.status == Status.PAID  # it may claim again
    with refused("no_documents"):  # the earlier evidence was sent with the earlier claim
        workflow.bonus_claim(application=application)
    attach(application, "新的薪資單.pdf")
    workflow.bonus_claim(application=application)
    workflow.bonus_approve(application=application, reviewer=reviewer)
    assert application.bonus_amount == 4_322  # 10 % of 43,215, rounded half up
    budget.refresh_from_db()
    assert (budget.committed, budget.paid) == (43_215 + 4_322, 43_215)
    with refused("not_allowed"):
        workflow.bonus_pay(application=application, finance_officer=reviewer)
    with refused("wrong_status"):
        workflow.close(
            application=application, finance_officer=finance
        )  # the approved bonus is paid first
    workflow.bonus_pay(application=application, finance_officer=finance)
    budget.refresh_from_db()
    assert (budget.committed, budget.paid) == (47_537, 47_537)
    workflow.close(application=application, finance_officer=finance)
    timeline = [
        (c.from_status, c.to_status, c.from_amount, c.to_amount)
        for c in StatusChange.objects.filter(application=application)
    ][-7:]
    assert timeline == [
        ("completed", "paid", 50_000, 43_215),
        ("paid", "bonus_claimed", 43_215, 43_215),
        ("bonus_claimed", "paid", 43_215, 43_215),
        ("paid", "bonus_claimed", 43_215, 43_215),
        ("bonus_claimed", "bonus_approved", 43_215, 47_537),
        ("bonus_approved", "bonus_paid", 47_537, 47_537),
        ("bonus_paid", "closed", 47_537, 47_537),
    ]


def test_the_raise_bonus_closes_at_the_rounds_raise_deadline(
    make_application: MakeApplication, reviewer: User, finance: User
) -> None:
    application = _paid(make_application, reviewer, finance)
    attach(application, "薪資單.pdf")
    with refused("raise_deadline_passed"):
        workflow.bonus_claim(application=application, now=application.round.raise_deadline)
    workflow.bonus_claim(
        application=application, now=application.round.raise_deadline - dt.timedelta(seconds=1)
    )


def test_the_raise_bonus_is_refused_when_the_budget_is_short(
    make_application: MakeApplication,
    reviewer: User,
    finance: User,
    budgets: dict[str, Budget],
) -> None:
    application = _paid(make_application, reviewer, finance, cost=50_000)
    attach(application, "薪資單.pdf")
    workflow.bonus_claim(application=application)
    budget = budgets["manufacturing"]
    budget.refresh_from_db()
    Budget.objects.filter(pk=budget.pk).update(total=budget.committed + 4_999)
    with refused("budget_exhausted"):
        workflow.bonus_approve(application=application, reviewer=reviewer)
    budget.refresh_from_db()
    assert budget.committed == 50_000
    assert application.status == Status.BONUS_CLAIMED and application.bonus_amount is None


@pytest.mark.parametrize("paid", [0, 4])  # 10 % of NT$4 rounds to 0
def test_no_raise_bonus_on_a_case_paid_nothing(
    make_application: MakeApplication, reviewer: User, finance: User, paid: int
) -> None:
    """A claim on a NT$0 payment used to pass and its approval break the database's
    bonus > 0 check (500, the case stuck in bonus_claimed)."""
    application = _paid(make_application, reviewer, finance, cost=paid)
    attach(application, "薪資單.pdf")
    with refused("no_bonus"):
        workflow.bonus_claim(application=application)
    assert application.status == Status.PAID
    Application.objects.filter(pk=application.pk).update(status=Status.BONUS_CLAIMED)
    application.refresh_from_db()  # a claim made before the refusal existed
    with refused("no_bonus"):
        workflow.bonus_approve(application=application, reviewer=reviewer)
    workflow.bonus_reject(
        application=application, reviewer=reviewer, reasons=["撥款金額為 0 元"]
    )  # the way out
    assert application.status == Status.PAID


def test_the_2025_rounds_raise_deadline_is_the_end_of_30_june_2026_taipei() -> None:
    round_2025 = Round.objects.get(name="114年度（2025）")
    assert round_2025.raise_deadline == dt.datetime(2026, 6, 30, 16, 0, tzinfo=dt.UTC)
