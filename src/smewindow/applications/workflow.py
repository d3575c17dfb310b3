"""Every status change of an application after the draft (docs/applications.md): submission,
the review, payment, the raise bonus and closing. Who may take which action in which status
is one table, ``PERMISSIONS``: the services refuse by it and the pages ask it
(``available_actions``) instead of comparing statuses themselves.

Each service runs in one transaction, locks the rows it changes (``select_for_update``; a
no-op on SQLite, which serialises writers) and journals the change (``history``). A refusal
raises ``ApplicationRefused`` with a code and the reason in Chinese and English; nothing is
written then. Amounts come from ``amounts`` (the rules' one training-subsidy rule)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from smewindow.applications.amounts import bonus_due, priced, taipei_date
from smewindow.applications.history import move
from smewindow.applications.intake import intake_refusal
from smewindow.applications.models import (
    PURPOSE_OF_STATUS,
    TRACK_NAMES,
    Application,
    Budget,
    Purpose,
    Status,
)
from smewindow.applications.refusals import ApplicationRefused, require_cost, require_status
from smewindow.applications.roles import Actor
from smewindow.applications.selectors import locked, unsent_documents
from smewindow.catalog.models import Track
from smewindow.formatting import taipei_minute, twd


class Action(StrEnum):
    """What a user can do to an application; the pages show the controls of these."""

    EDIT = "edit"
    """The firm: trainees, software, answers and the priority group of its draft."""
    SUBMIT = "submit"
    UPLOAD = "upload"
    """The firm: documents for the present stage (``PURPOSE_OF_STATUS``)."""
    RESUBMIT = "resubmit"
    CLAIM_BONUS = "claim_bonus"
    CLAIM = "claim"
    """A reviewer of the track takes a submitted case."""
    DECIDE = "decide"
    """The reviewer holding the case: approve, reject or ask for documents."""
    COMPLETE = "complete"
    DECIDE_BONUS = "decide_bonus"
    PAY = "pay"
    PAY_BONUS = "pay_bonus"
    CLOSE = "close"


@dataclass(frozen=True)
class Permission:
    """An action is open to those ``may`` admits (else refused with ``refusal``, zh and en)
    while the case is in one of ``statuses``; ``holder_only``: only to the reviewer who
    claimed it."""

    statuses: tuple[Status, ...]
    may: Callable[[Actor, Application], bool]
    refusal: tuple[str, str]
    holder_only: bool = False


def _firm(statuses: tuple[Status, ...]) -> Permission:
    return Permission(statuses, Actor.owns, ("只有申請企業可以執行", "only the applying firm may"))


def _reviewer(statuses: tuple[Status, ...], holder_only: bool = False) -> Permission:
    return Permission(
        statuses,
        Actor.can_review,
        ("只有本軌的審查人員可以審查", "only a reviewer of this track may review it"),
        holder_only,
    )


def _finance(statuses: tuple[Status, ...], zh: str, en: str) -> Permission:
    return Permission(
        statuses,
        lambda actor, _: actor.is_finance_officer,
        (f"只有會計人員可以{zh}", f"only finance may {en}"),
    )


PERMISSIONS: dict[Action, Permission] = {
    Action.EDIT: _firm((Status.DRAFT,)),
    Action.SUBMIT: _firm((Status.DRAFT,)),
    Action.UPLOAD: _firm(tuple(PURPOSE_OF_STATUS)),
    Action.RESUBMIT: _firm((Status.NEEDS_DOCUMENTS,)),
    Action.CLAIM_BONUS: _firm((Status.PAID,)),
    Action.CLAIM: _reviewer((Status.SUBMITTED,)),
    Action.DECIDE: _reviewer((Status.IN_REVIEW,), holder_only=True),
    Action.COMPLETE: _reviewer((Status.APPROVED,)),
    Action.DECIDE_BONUS: _reviewer((Status.BONUS_CLAIMED,)),
    Action.PAY: _finance((Status.COMPLETED,), "撥款", "pay"),
    Action.PAY_BONUS: _finance((Status.BONUS_APPROVED,), "撥款", "pay"),
    Action.CLOSE: _finance((Status.PAID, Status.BONUS_PAID), "結案", "close"),
}


def available_actions(application: Application, actor: Actor) -> frozenset[Action]:
    """What ``actor`` may do to ``application`` now, by ``PERMISSIONS`` (deadlines, budgets
    and documents are checked when it acts, and refused with the reason then)."""
    return frozenset(
        action
        for action, permission in PERMISSIONS.items()
        if application.status in permission.statuses
        and permission.may(actor, application)
        and (not permission.holder_only or application.claimed_by_id == actor.pk)
    )


def require(application: Application, who: User, action: Action) -> None:
    """``who`` may take ``action`` on the (locked) ``application`` now; else refused: first
    for who it is, then for the status, then for another reviewer's claim."""
    permission = PERMISSIONS[action]
    actor = Actor.of(who)
    if not permission.may(actor, application):
        raise ApplicationRefused("not_allowed", *permission.refusal)
    require_status(application, *permission.statuses)
    if permission.holder_only and application.claimed_by_id != actor.pk:
        raise ApplicationRefused(
            "not_claimed", "此案由其他審查人員審查中", "another reviewer has claimed it"
        )


PURPOSE_EN = {
    Purpose.APPLICATION: "the application documents",
    Purpose.SUPPLEMENT: "the documents asked for",
    Purpose.COMPLETION: "the completion certificates and invoices",
    Purpose.RAISE: "the evidence of the pay raise",
}


def _require_documents(application: Application, purpose: Purpose) -> None:
    """At least one document for ``purpose`` not yet sent."""
    if not unsent_documents(application).exists():
        raise ApplicationRefused(
            "no_documents", f"請先上傳{purpose.label}", f"upload {PURPOSE_EN[purpose]} first"
        )


# The firm


def submit(*, application: Application, now: dt.datetime | None = None) -> Application:
    """Send a draft to the review queue at ``now``; refused before the round opens, from
    its deadline on, when the budget cannot pay the smallest award, or with no trainee
    who counts."""
    now = now or timezone.now()
    with transaction.atomic():
        case = locked(application)
        require(case, case.firm.user, Action.SUBMIT)
        refusal = intake_refusal(case.round, case.track, now)
        if refusal:
            raise refusal
        found = priced(case, taipei_date(now))[1]  # submitted now: priced on today
        if found.amount <= 0:
            hours = found.min_hours
            raise ApplicationRefused(
                "no_trainee",
                f"至少須有 1 位本國籍員工完成公告課程累積 {hours} 小時以上",
                f"at least one employee must take {hours} hours or more of listed courses",
            )
        return move(
            application,
            case,
            case.firm.user,
            Status.SUBMITTED,
            now=now,
            submitted_at=now,
            requested_amount=found.amount,
        )


def resubmit(
    *, application: Application, now: dt.datetime | None = None, reason: str = ""
) -> Application:
    """The firm has supplied the documents (at least one uploaded since they were asked
    for): back to the queue at its original place (its ``submitted_at`` is kept), for any
    reviewer of the track."""
    with transaction.atomic():
        case = locked(application)
        require(case, case.firm.user, Action.RESUBMIT)
        _require_documents(case, Purpose.SUPPLEMENT)
        return move(
            application,
            case,
            case.firm.user,
            Status.SUBMITTED,
            now=now,
            reason=reason or "已補件 (documents supplied)",
            claimed_by=None,
        )


def bonus_claim(*, application: Application, now: dt.datetime | None = None) -> Application:
    """The firm claims the raise bonus for a paid case, with the evidence uploaded, before
    the round's ``raise_deadline``; refused when the bonus would be nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        case = locked(application)
        require(case, case.firm.user, Action.CLAIM_BONUS)
        if now >= case.round.raise_deadline:
            deadline = case.round.raise_deadline
            raise ApplicationRefused(
                "raise_deadline_passed",
                f"加薪加碼已於 {taipei_minute(deadline)} 截止申請",
                f"raise-bonus claims closed at {taipei_minute(deadline, 'en')} (Asia/Taipei)",
            )
        amount = bonus_due(case)
        _require_documents(case, Purpose.RAISE)
        return move(
            application,
            case,
            case.firm.user,
            Status.BONUS_CLAIMED,
            now=now,
            reason=f"申請加薪加碼 {twd(amount)} (raise bonus claimed)",
        )


# The review


def claim(*, application: Application, reviewer: User) -> Application:
    """A reviewer of the track takes a submitted application; at most one at a time."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().get(pk=reviewer.pk)  # one claim at a time
        case = locked(application)
        require(case, reviewer, Action.CLAIM)
        held = Application.objects.filter(claimed_by=reviewer, status=Status.IN_REVIEW).first()
        if held:
            raise ApplicationRefused(
                "already_claiming",
                f"您已有審查中的申請案（{held.pk}），請先完成",
                f"you already have application {held.pk} in review; finish it first",
            )
        return move(application, case, reviewer, Status.IN_REVIEW, claimed_by=reviewer)


def _reserve(application: Application, amount: int) -> None:
    """Reserve ``amount`` from the track's budget, whose row stays locked until the
    transaction ends; refused naming what is left when it does not fit."""
    budget = Budget.objects.select_for_update().filter(
        round=application.round, track=application.track
    )
    row = budget.first()
    left = row.left if row else 0
    if row is None or amount > left:
        zh, en = TRACK_NAMES[Track(application.track)]
        raise ApplicationRefused(
            "budget_exhausted",
            f"{zh}經費不足：剩餘 {twd(left)}，無法核定 {twd(amount)}",
            f"budget exhausted: {twd(left)} left in the {en} track, {twd(amount)} needed",
        )
    budget.update(committed=F("committed") + amount)  # relative: never a lost update


def approve(
    *, application: Application, reviewer: User, amount: int, reason: str = ""
) -> Application:
    """Approve the claimed application for ``amount`` (1 to the amount requested),
    reserving it from the track's budget, whose row stays locked until the end; ``reason``
    records what was checked."""
    with transaction.atomic():
        case = locked(application)
        require(case, reviewer, Action.DECIDE)
        requested = case.requested_amount or 0
        if not 0 < amount <= requested:
            raise ApplicationRefused(
                "amount",
                f"核定金額須介於 1 元與申請金額 {twd(requested)} 之間",
                f"the amount must be between NT$1 and the {twd(requested)} requested",
            )
        _reserve(case, amount)
        return move(
            application, case, reviewer, Status.APPROVED, reason=reason, approved_amount=amount
        )


def _reasons(reasons: Sequence[str]) -> str:
    """The reasons given, one a line; refused when there is none."""
    given = [r.strip() for r in reasons if r.strip()]
    if not given:
        raise ApplicationRefused("reason", "請說明駁回理由", "give the reasons for rejecting")
    return "\n".join(given)


def reject(*, application: Application, reviewer: User, reasons: Sequence[str]) -> Application:
    """Reject the claimed application, giving at least one reason."""
    reason = _reasons(reasons)
    with transaction.atomic():
        case = locked(application)
        require(case, reviewer, Action.DECIDE)
        return move(application, case, reviewer, Status.REJECTED, reason=reason)


def request_documents(*, application: Application, reviewer: User, reason: str) -> Application:
    """Ask the firm for more documents; the claim ends."""
    if not reason.strip():
        raise ApplicationRefused("reason", "請說明需補正的文件", "say which documents are needed")
    with transaction.atomic():
        case = locked(application)
        require(case, reviewer, Action.DECIDE)
        return move(application, case, reviewer, Status.NEEDS_DOCUMENTS, reason=reason.strip())


def complete(*, application: Application, reviewer: User) -> Application:
    """A reviewer of the track has verified the certificates and invoices the firm uploaded."""
    with transaction.atomic():
        case = locked(application)
        require(case, reviewer, Action.COMPLETE)
        _require_documents(case, Purpose.COMPLETION)
        return move(application, case, reviewer, Status.COMPLETED)


def bonus_approve(*, application: Application, reviewer: User) -> Application:
    """A reviewer of the track accepts the evidence: the bonus is reserved from the track's
    budget (row locked, like ``approve``)."""
    with transaction.atomic():
        case = locked(application)
        require(case, reviewer, Action.DECIDE_BONUS)
        amount = bonus_due(case)  # a claim made before claims of nothing were refused
        _reserve(case, amount)
        return move(application, case, reviewer, Status.BONUS_APPROVED, bonus_amount=amount)


def bonus_reject(
    *, application: Application, reviewer: User, reasons: Sequence[str]
) -> Application:
    """The evidence does not show the raise: back to paid (the firm may claim again)."""
    reason = _reasons(reasons)
    with transaction.atomic():
        case = locked(application)
        require(case, reviewer, Action.DECIDE_BONUS)
        return move(application, case, reviewer, Status.PAID, reason=reason)


# Finance


def record_payment(
    *, application: Application, finance_officer: User, actual_cost: int
) -> Application:
    """Pay the actual cost, never above the approval: the payment moves from committed to
    paid and the rest of the approval goes back to the budget."""
    require_cost(actual_cost, code="amount", zh="實際費用", en="actual cost")
    with transaction.atomic():
        case = locked(application)
        require(case, finance_officer, Action.PAY)
        approved = case.approved_amount or 0
        paid = min(actual_cost, approved)
        budget = Budget.objects.select_for_update().get(round=case.round, track=case.track)
        Budget.objects.filter(pk=budget.pk).update(
            paid=F("paid") + paid, committed=F("committed") - (approved - paid)
        )
        return move(
            application,
            case,
            finance_officer,
            Status.PAID,
            reason=f"實際費用 actual cost {twd(actual_cost)}",
            actual_cost=actual_cost,
            paid_amount=paid,
        )


def bonus_pay(*, application: Application, finance_officer: User) -> Application:
    """Pay the approved bonus: it moves from committed to paid."""
    with transaction.atomic():
        case = locked(application)
        require(case, finance_officer, Action.PAY_BONUS)
        Budget.objects.filter(round=case.round, track=case.track).update(
            paid=F("paid") + case.bonus_amount
        )
        return move(application, case, finance_officer, Status.BONUS_PAID)


def close(*, application: Application, finance_officer: User) -> Application:
    """Close a paid case (with its raise bonus paid, if one was claimed and approved)."""
    with transaction.atomic():
        case = locked(application)
        require(case, finance_officer, Action.CLOSE)
        return move(application, case, finance_officer, Status.CLOSED)
