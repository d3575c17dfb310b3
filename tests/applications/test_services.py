"""The services: amounts by the rules' parameters, intake, the review workflow, money and
the history, on both databases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from smewindow.applications import roles
from smewindow.applications.amounts import amount_for
from smewindow.applications.demo import (
    DEMO_BUDGET,
    DEMO_STAFF_PASSWORD,
    demo_round_load,
    demo_staff_load,
)
from smewindow.applications.intake import (
    application_create,
    intake_refusal,
    trainee_add,
    trainee_remove,
)
from smewindow.applications.models import Application, Budget, Firm, Round, Status, StatusChange
from smewindow.applications.refusals import MAX_COST
from smewindow.applications.selectors import review_queue
from smewindow.applications.workflow import (
    approve,
    claim,
    close,
    complete,
    record_payment,
    reject,
    request_documents,
    resubmit,
    submit,
)
from smewindow.catalog.models import Course, Provider
from smewindow.catalog.services import demo_catalog_load
from tests.applications.conftest import NOW, attach, national_id, refused, user

pytestmark = pytest.mark.django_db
MakeApplication = Callable[..., Application]


def _course(hours: str | None, listed: bool = True) -> Course:
    provider = Provider.objects.get_or_create(name="另一開課單位")[0]
    return Course.objects.create(
        name=f"課程{Course.objects.count()}",
        provider=provider,
        physical_hours=None if hours is None else Decimal(hours),
        online_hours=Decimal(0),
        is_approved=listed,
    )


def _add(application: Application, cost: int, *courses: Course) -> None:
    n = application.trainees.count() + 1000 * application.pk
    trainee_add(
        application=application,
        name="員工",
        national_id=national_id(n, letter="B"),  # the fixtures' trainees have A…
        cost=cost,
        courses=list(courses),
    )


# Amounts


def test_amount_is_the_cost_up_to_10000_a_trainee(make_application: MakeApplication) -> None:
    application = make_application(trainees=0)
    twelve = _course("12")
    _add(application, 8_000, twelve)  # 8,000
    _add(application, 12_000, twelve)  # capped at 10,000
    _add(application, 10_000, _course("6"), _course("6.0"))  # 12 hours over two courses
    _add(application, 9_000, _course("11.9"))  # under 12 hours: not counted
    _add(application, 9_000, _course(None))  # unknown hours: not counted
    _add(application, 9_000, _course(None), _course("12.5"))  # the known hours suffice
    assert amount_for(application) == 8_000 + 10_000 + 10_000 + 9_000


def test_amount_is_capped_at_100000_a_firm(make_application: MakeApplication) -> None:
    assert amount_for(make_application(trainees=10)) == 100_000
    assert amount_for(make_application(trainees=12)) == 100_000
    assert amount_for(make_application(trainees=9, cost=10_001)) == 90_000
    assert amount_for(make_application(trainees=0)) == 0


def test_trainees_need_a_valid_domestic_id_and_listed_courses(
    make_application: MakeApplication, course: Course
) -> None:
    application = make_application(trainees=0)
    for bad in ("A123456788", "A823456786", "a123456789"):
        with refused("national_id"):
            trainee_add(application=application, name="x", national_id=bad, cost=1, courses=[])
    with refused("course_not_listed"):
        _add(application, 1, course, _course("12", listed=False))
    assert application.trainees.count() == 0
    _add(application, 1, course)
    trainee_remove(trainee=application.trainees.get())
    assert application.trainees.count() == 0


def test_a_firm_outside_both_tracks_cannot_apply(
    make_firm: Callable[..., Firm], round_: Round
) -> None:
    with refused("no_track"):
        application_create(firm=make_firm(industry="83"), round=round_)
    firm = make_firm(industry="56")
    assert application_create(firm=firm, round=round_).track == "services"
    with refused("duplicate"):
        application_create(firm=firm, round=round_)


# Submission and intake


def test_submit_computes_the_amount_and_starts_the_history(
    make_application: MakeApplication,
) -> None:
    application = make_application(trainees=3)
    submit(application=application, now=NOW)
    assert application.status == Status.SUBMITTED
    assert application.submitted_at == NOW
    assert application.requested_amount == 30_000
    change = application.history.last()
    assert change is not None
    assert (change.from_status, change.to_status) == ("draft", "submitted")
    assert (change.from_amount, change.to_amount, change.who) == (
        None,
        30_000,
        application.firm.user,
    )
    with refused("wrong_status"):
        submit(application=application, now=NOW)
    with refused("wrong_status"):
        _add(application, 1, _course("12"))


def test_submit_refused_from_the_deadline_on(make_application: MakeApplication) -> None:
    application = make_application()
    deadline = application.round.deadline
    for moment in (deadline, deadline + dt.timedelta(days=1)):
        with refused("deadline_passed") as info:
            submit(application=application, now=moment)
        assert "截止" in info.value.zh and "closed" in info.value.en
    with refused("not_open"):
        submit(application=application, now=application.round.opens_at - dt.timedelta(seconds=1))
    submit(application=application, now=deadline - dt.timedelta(seconds=1))
    assert application.status == Status.SUBMITTED


def test_the_2025_deadline_is_17_00_taipei(make_application: MakeApplication) -> None:
    application = make_application()
    round = Round.objects.get(name="114年度（2025）")
    Budget.objects.create(round=round, track="manufacturing", total=1_000_000)
    Application.objects.filter(pk=application.pk).update(round=round)
    application.trainees.update(round=round)
    application.refresh_from_db()
    taipei = ZoneInfo("Asia/Taipei")
    with refused("deadline_passed") as info:
        submit(application=application, now=dt.datetime(2025, 12, 31, 17, 0, tzinfo=taipei))
    assert "2025-12-31 17:00" in str(info.value)
    submit(application=application, now=dt.datetime(2025, 12, 31, 16, 59, 59, tzinfo=taipei))


def test_submit_needs_a_trainee_who_counts(make_application: MakeApplication) -> None:
    application = make_application(trainees=0)
    _add(application, 10_000, _course("11"))
    with refused("no_trainee"):
        submit(application=application, now=NOW)


def test_intake_closes_when_the_budget_cannot_pay_the_smallest_award(
    make_application: MakeApplication, budgets: dict[str, Budget]
) -> None:
    application = make_application()
    round, budget = application.round, budgets["manufacturing"]
    Budget.objects.filter(pk=budget.pk).update(committed=budget.total - 9_999)
    assert intake_refusal(round, "manufacturing", NOW) is not None
    assert intake_refusal(round, "services", NOW) is None
    with refused("intake_closed") as info:
        submit(application=application, now=NOW)
    assert "NT$9,999" in info.value.zh and "exhausted" in info.value.en
    Budget.objects.filter(pk=budget.pk).update(committed=budget.total - 10_000)
    assert intake_refusal(round, "manufacturing", NOW) is None
    assert intake_refusal(round, "manufacturing", round.deadline) is not None
    Budget.objects.filter(pk=budget.pk).delete()
    assert intake_refusal(round, "manufacturing", NOW) is not None  # no budget: nothing to pay with


# Review


def _submitted(make_application: MakeApplication, **kwargs: object) -> Application:
    application = make_application(**kwargs)
    return submit(application=application, now=NOW)


def test_a_reviewer_claims_one_application_at_a_time(
    make_application: MakeApplication, reviewer: User
) -> None:
    first, second = _submitted(make_application), _submitted(make_application)
    claim(application=first, reviewer=reviewer)
    assert (first.status, first.claimed_by) == (Status.IN_REVIEW, reviewer)
    with refused("already_claiming"):
        claim(application=second, reviewer=reviewer)
    other = user("reviewer2", roles.REVIEWER["manufacturing"])
    with refused("wrong_status"):
        claim(application=first, reviewer=other)
    claim(application=second, reviewer=other)
    reject(application=first, reviewer=reviewer, reasons=["課程不符"])
    claim(application=_submitted(make_application), reviewer=reviewer)  # free again


def test_a_reviewer_reviews_only_its_track(
    make_application: MakeApplication, reviewer: User
) -> None:
    services = _submitted(make_application, industry="56")
    for someone in (reviewer, user("admin", roles.ADMINISTRATOR), services.firm.user):
        assert not roles.Actor.of(someone).can_review(services)
        with refused("not_allowed"):
            claim(application=services, reviewer=someone)
    services_reviewer = user("svc", roles.REVIEWER["services"])
    assert roles.Actor.of(services_reviewer).can_review(services)
    services_reviewer.is_active = False
    assert not roles.Actor.of(services_reviewer).can_review(services)


def test_approve_reserves_the_amount(
    make_application: MakeApplication, reviewer: User, budgets: dict[str, Budget]
) -> None:
    application = claim(application=_submitted(make_application, trainees=3), reviewer=reviewer)
    other = user("reviewer2", roles.REVIEWER["manufacturing"])
    with refused("not_claimed"):
        approve(application=application, reviewer=other, amount=10_000)
    for amount in (0, -1, 30_001):
        with refused("amount"):
            approve(application=application, reviewer=reviewer, amount=amount)
    approve(application=application, reviewer=reviewer, amount=25_000)
    assert (application.status, application.approved_amount) == (Status.APPROVED, 25_000)
    budget = budgets["manufacturing"]
    budget.refresh_from_db()
    assert (budget.committed, budget.left) == (25_000, 975_000)
    change = application.history.last()
    assert change is not None
    assert (change.from_amount, change.to_amount, change.who) == (30_000, 25_000, reviewer)
    with refused("wrong_status"):
        approve(application=application, reviewer=reviewer, amount=1)


def test_approve_refused_when_the_budget_is_short_naming_what_is_left(
    make_application: MakeApplication, reviewer: User, budgets: dict[str, Budget]
) -> None:
    application = claim(application=_submitted(make_application, trainees=2), reviewer=reviewer)
    budget = budgets["manufacturing"]
    Budget.objects.filter(pk=budget.pk).update(committed=budget.total - 15_000)
    with refused("budget_exhausted") as info:
        approve(application=application, reviewer=reviewer, amount=20_000)
    assert "NT$15,000" in info.value.zh and "NT$15,000 left" in info.value.en
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    approve(application=application, reviewer=reviewer, amount=15_000)
    budget.refresh_from_db()
    assert budget.left == 0


def test_reject_needs_reasons_and_records_them(
    make_application: MakeApplication, reviewer: User
) -> None:
    application = claim(application=_submitted(make_application), reviewer=reviewer)
    with refused("reason"):
        reject(application=application, reviewer=reviewer, reasons=[" ", ""])
    reject(application=application, reviewer=reviewer, reasons=["員工非本國籍", "課程未達12小時"])
    assert application.status == Status.REJECTED
    assert application.history.last().reason == "員工非本國籍\n課程未達12小時"  # type: ignore[union-attr]


def test_the_queue_is_priority_first_then_submission_and_resubmission_keeps_the_place(
    make_application: MakeApplication, reviewer: User
) -> None:
    def submitted_at(minutes: int, **kwargs: object) -> Application:
        return submit(
            application=make_application(**kwargs), now=NOW + dt.timedelta(minutes=minutes)
        )

    early, late = submitted_at(1), submitted_at(3)
    priority = submitted_at(5, priority_group=True)
    middle = submitted_at(2)
    round = early.round
    assert list(review_queue(round, "manufacturing")) == [priority, early, middle, late]

    claim(application=early, reviewer=reviewer)
    assert list(review_queue(round, "manufacturing")) == [priority, middle, late]
    with refused("reason"):
        request_documents(application=early, reviewer=reviewer, reason="  ")
    request_documents(application=early, reviewer=reviewer, reason="請補投保證明")
    assert (early.status, early.claimed_by) == (Status.NEEDS_DOCUMENTS, reviewer)
    claim(application=middle, reviewer=reviewer)  # the reviewer is free again
    with refused("no_documents"):  # the documents asked for come first
        resubmit(application=early, now=NOW + dt.timedelta(days=2))
    attach(early, "投保證明.pdf")
    resubmit(application=early, now=NOW + dt.timedelta(days=2))
    assert (early.status, early.claimed_by, early.submitted_at) == (
        Status.SUBMITTED,
        None,
        NOW + dt.timedelta(minutes=1),
    )
    assert list(review_queue(round, "manufacturing")) == [priority, early, late]
    with refused("wrong_status"):
        resubmit(application=early)


def test_payment_never_above_the_approval_releases_the_rest(
    make_application: MakeApplication,
    reviewer: User,
    finance: User,
    budgets: dict[str, Budget],
) -> None:
    budget = budgets["manufacturing"]
    cheaper = approve(
        application=claim(application=_submitted(make_application, trainees=5), reviewer=reviewer),
        reviewer=reviewer,
        amount=50_000,
    )
    dearer = approve(
        application=claim(application=_submitted(make_application, trainees=2), reviewer=reviewer),
        reviewer=reviewer,
        amount=20_000,
    )
    budget.refresh_from_db()
    assert (budget.committed, budget.paid) == (70_000, 0)

    with refused("wrong_status"):
        record_payment(
            application=cheaper, finance_officer=finance, actual_cost=40_000
        )  # not verified yet
    with refused("not_allowed"):
        complete(application=cheaper, reviewer=finance)
    with refused("no_documents"):  # the certificates and invoices come first
        complete(application=cheaper, reviewer=reviewer)
    attach(cheaper, "結訓證明.pdf")
    complete(application=cheaper, reviewer=reviewer)
    with refused("not_allowed"):
        record_payment(application=cheaper, finance_officer=reviewer, actual_cost=40_000)
    with refused("amount"):
        record_payment(application=cheaper, finance_officer=finance, actual_cost=-1)
    for too_much in (99_999_999_999_999_999_999, 2**63 - 1, MAX_COST + 1):
        with refused("amount"):  # 10**20 used to overflow the column (500), 2**63-1 was stored
            record_payment(application=cheaper, finance_officer=finance, actual_cost=too_much)
    record_payment(application=cheaper, finance_officer=finance, actual_cost=43_210)
    assert (cheaper.status, cheaper.actual_cost, cheaper.paid_amount) == ("paid", 43_210, 43_210)
    budget.refresh_from_db()
    assert (budget.committed, budget.paid, budget.left) == (63_210, 43_210, 936_790)

    attach(dearer, "發票.pdf")
    record_payment(
        application=complete(application=dearer, reviewer=reviewer),
        finance_officer=finance,
        actual_cost=25_000,
    )  # more than approved
    assert dearer.paid_amount == 20_000
    budget.refresh_from_db()
    assert (budget.committed, budget.paid) == (63_210, 63_210)

    with refused("not_allowed"):
        close(application=dearer, finance_officer=reviewer)
    close(application=dearer, finance_officer=finance)
    timeline = [
        (c.from_status, c.to_status, c.from_amount, c.to_amount)
        for c in StatusChange.objects.filter(application=dearer)
    ]
    assert timeline == [
        ("", "draft", None, None),
        ("draft", "submitted", None, 20_000),
        ("submitted", "in_review", 20_000, 20_000),
        ("in_review", "approved", 20_000, 20_000),
        ("approved", "completed", 20_000, 20_000),
        ("completed", "paid", 20_000, 20_000),
        ("paid", "closed", 20_000, 20_000),
    ]
    assert "NT$25,000" in StatusChange.objects.filter(application=dearer)[5].reason


# The demo round


def test_the_demo_round_opens_today_for_30_days_and_loads_once() -> None:
    taipei = ZoneInfo("Asia/Taipei")
    round, changed = demo_round_load(dt.date(2026, 3, 1))
    assert changed and round.is_demo and "示範" in round.name
    assert round.opens_at == dt.datetime(2026, 3, 1, tzinfo=taipei)
    assert round.deadline == dt.datetime(2026, 3, 31, 17, tzinfo=taipei)
    assert round.raise_deadline == dt.datetime(2026, 4, 30, 17, tzinfo=taipei)
    assert {(b.track, b.total) for b in round.budgets.all()} == {
        ("manufacturing", DEMO_BUDGET),
        ("services", DEMO_BUDGET),
    }
    assert demo_round_load(dt.date(2026, 3, 1)) == (round, False)
    Budget.objects.filter(round=round, track="services").update(committed=10_000)
    moved, changed = demo_round_load(dt.date(2026, 4, 2))
    assert changed and moved.pk == round.pk
    assert moved.opens_at == dt.datetime(2026, 4, 2, tzinfo=taipei)
    assert Budget.objects.get(round=round, track="services").committed == 10_000
    assert Round.objects.filter(is_demo=True).count() == 1


def test_the_command_makes_a_round_open_now() -> None:
    out = StringIO()
    call_command("load_demo_round", stdout=out)
    round = Round.objects.get(is_demo=True)
    assert round.opens_at <= dt.datetime.now(dt.UTC) < round.deadline
    assert (
        intake_refusal(round, "manufacturing") is None and intake_refusal(round, "services") is None
    )
    assert "示範" in out.getvalue()
    call_command("load_demo_round", stdout=out)
    assert "unchanged" in out.getvalue()
    assert "demo accounts" not in out.getvalue()  # not outside development


def test_demo_staff_accounts_only_in_development(settings: Any) -> None:
    with refused("not_allowed"):
        demo_staff_load()
    assert not User.objects.filter(username__startswith="demo-").exists()
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo_round", stdout=out)
    assert "demo-reviewer-m" in out.getvalue() and DEMO_STAFF_PASSWORD in out.getvalue()
    reviewer = User.objects.get(username="demo-reviewer-m")
    assert reviewer.check_password(DEMO_STAFF_PASSWORD) and not reviewer.is_staff
    assert roles.Actor.of(reviewer).is_in(roles.REVIEWER["manufacturing"])
    assert User.objects.get(username="demo-admin").is_staff
    demo_staff_load()  # again: the same four accounts
    assert User.objects.filter(username__startswith="demo-").count() == 4


def test_with_the_demo_catalogue_a_seed_course_counts_and_an_ai_zone_course_does_not(
    make_application: MakeApplication,
) -> None:
    """The seed's 華岡 course (18 hours, seed line 427) is listed; the e-learning AI-zone
    courses are not 配套1.1 courses (not approved)."""
    demo_catalog_load()
    seed_course = Course.objects.get(name="資料處理與大數據分析：Python 程式語言運用實務")
    assert seed_course.total_hours == 18
    application = make_application(trainees=0)
    _add(application, 7_500, seed_course)
    assert amount_for(application) == 7_500
    with refused("course_not_listed"):
        _add(application, 7_500, Course.objects.filter(zone="AI主題").first())  # type: ignore[arg-type]


def test_the_queue_is_one_query(
    make_application: MakeApplication, django_assert_num_queries: Callable[..., Any]
) -> None:
    for _ in range(3):
        submit(application=make_application(), now=NOW)
    round = Round.objects.get(name="測試梯次")
    with django_assert_num_queries(1):
        names = [a.firm.name for a in review_queue(round, "manufacturing")]
    assert len(names) == 3
