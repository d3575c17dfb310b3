"""The one permission table: at each step of a case's path, what each user may do
(``available_actions``, which the pages show), and every service refuses exactly the actions
the table leaves out — so a page never offers what the service would refuse for who or when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from smewindow.applications import roles, workflow
from smewindow.applications.models import Application, Round, Status
from smewindow.applications.refusals import ApplicationRefused
from smewindow.applications.roles import Actor
from smewindow.applications.workflow import Action, available_actions
from tests.applications.conftest import NOW, attach, user

pytestmark = pytest.mark.django_db

MakeApplication = Callable[..., Application]

ATTEMPTS: dict[Action, Callable[[Application, User], Any]] = {
    Action.SUBMIT: lambda a, u: workflow.submit(application=a, now=NOW),
    Action.RESUBMIT: lambda a, u: workflow.resubmit(application=a),
    Action.CLAIM_BONUS: lambda a, u: workflow.bonus_claim(application=a),
    Action.CLAIM: lambda a, u: workflow.claim(application=a, reviewer=u),
    Action.DECIDE: lambda a, u: workflow.reject(application=a, reviewer=u, reasons=["不符"]),
    Action.COMPLETE: lambda a, u: workflow.complete(application=a, reviewer=u),
    Action.DECIDE_BONUS: lambda a, u: workflow.bonus_reject(
        application=a, reviewer=u, reasons=["不符"]
    ),
    Action.PAY: lambda a, u: workflow.record_payment(
        application=a, finance_officer=u, actual_cost=1_000
    ),
    Action.PAY_BONUS: lambda a, u: workflow.bonus_pay(application=a, finance_officer=u),
    Action.CLOSE: lambda a, u: workflow.close(application=a, finance_officer=u),
}
"""A staff action's service, tried by a user; the firm's services act as the firm."""
STAFF = {Action.CLAIM, Action.DECIDE, Action.COMPLETE, Action.DECIDE_BONUS}
FINANCE = {Action.PAY, Action.PAY_BONUS, Action.CLOSE}
REFUSED_FOR_WHO_OR_WHEN = {"not_allowed", "wrong_status", "not_claimed"}


def _people(application: Application, reviewer: User, finance: User) -> dict[str, User]:
    return {
        "firm": application.firm.user,
        "reviewer": reviewer,
        "other reviewer": user("other-reviewer", roles.REVIEWER["manufacturing"]),
        "services reviewer": user("services-reviewer", roles.REVIEWER["services"]),
        "finance": finance,
        "administrator": user("administrator", roles.ADMINISTRATOR),
    }


def _actions(application: Application, people: dict[str, User]) -> dict[str, set[str]]:
    application.refresh_from_db()
    return {
        name: {str(a) for a in available_actions(application, Actor.of(person))}
        for name, person in people.items()
    }


def _refusals_agree(application: Application, people: dict[str, User]) -> None:
    """Each staff service, tried by each person the table does not admit now, is refused for
    who or when, and the case is unchanged."""
    application.refresh_from_db()
    before = (application.status, application.claimed_by_id)
    for name, person in people.items():
        if name == "firm":
            continue
        allowed = available_actions(application, Actor.of(person))
        for action in STAFF | FINANCE:
            if action in allowed:
                continue
            with pytest.raises(ApplicationRefused) as refused:
                ATTEMPTS[action](application, person)
            assert refused.value.code in REFUSED_FOR_WHO_OR_WHEN, (name, action, refused.value)
            application.refresh_from_db()
            assert (application.status, application.claimed_by_id) == before


def test_each_step_offers_each_user_what_the_services_allow(
    make_application: MakeApplication, reviewer: User, finance: User
) -> None:
    application = make_application()
    people = _people(application, reviewer, finance)
    nobody: dict[str, set[str]] = {name: set() for name in people}

    def expect(**actions: set[str]) -> None:
        assert _actions(application, people) == {**nobody, **actions}
        _refusals_agree(application, people)

    expect(firm={"edit", "submit", "upload"})
    workflow.submit(application=application, now=NOW)
    expect(reviewer={"claim"}, **{"other reviewer": {"claim"}})
    workflow.claim(application=application, reviewer=reviewer)
    expect(reviewer={"decide"})  # only the one holding the claim decides
    workflow.request_documents(application=application, reviewer=reviewer, reason="請補件")
    expect(firm={"upload", "resubmit"})
    attach(application)
    workflow.resubmit(application=application)
    workflow.claim(application=application, reviewer=reviewer)
    workflow.approve(application=application, reviewer=reviewer, amount=10_000)
    expect(firm={"upload"}, reviewer={"complete"}, **{"other reviewer": {"complete"}})
    attach(application)
    workflow.complete(application=application, reviewer=reviewer)
    expect(finance={"pay"})
    workflow.record_payment(application=application, finance_officer=finance, actual_cost=9_000)
    expect(firm={"upload", "claim_bonus"}, finance={"close"})
    Round.objects.filter(pk=application.round_id).update(
        raise_deadline=timezone.now() + dt.timedelta(days=1)
    )
    attach(application)
    workflow.bonus_claim(application=application)
    expect(reviewer={"decide_bonus"}, **{"other reviewer": {"decide_bonus"}})
    workflow.bonus_approve(application=application, reviewer=reviewer)
    expect(finance={"pay_bonus"})
    workflow.bonus_pay(application=application, finance_officer=finance)
    expect(finance={"close"})
    workflow.close(application=application, finance_officer=finance)
    expect()
    assert application.status == Status.CLOSED


def test_an_inactive_or_anonymous_user_may_do_nothing(
    make_application: MakeApplication, reviewer: User
) -> None:
    from django.contrib.auth.models import AnonymousUser

    application = workflow.submit(application=make_application(), now=NOW)
    assert available_actions(application, Actor.of(reviewer)) == {Action.CLAIM}
    reviewer.is_active = False
    reviewer.save()
    assert available_actions(application, Actor.of(reviewer)) == frozenset()
    assert available_actions(application, Actor.of(AnonymousUser())) == frozenset()
    with pytest.raises(ApplicationRefused, check=lambda e: e.code == "not_allowed"):
        workflow.claim(application=application, reviewer=reviewer)
