"""Writes to applications — the only ones. Each runs in one transaction, locks the rows it
changes (``select_for_update``; a no-op on SQLite, which serialises writers) and records
every status change in the append-only history. A refusal raises ``ApplicationRefused``
with a code and the reason in Chinese and English; nothing is written then.

Amounts are priced by the rules' one training-subsidy rule (``rules.training``, seed 配套1.1
補助金額) on the case's ``pricing_date``;
``docs/applications.md`` gives the statuses, the transitions and the budget rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from smewindow.applications import roles
from smewindow.applications.identifiers import national_id_problem
from smewindow.applications.models import (
    Application,
    Budget,
    Document,
    Firm,
    Purpose,
    Round,
    SoftwarePurchase,
    Status,
    StatusChange,
    Trainee,
    TraineeCourse,
)
from smewindow.applications.parameters import parameter
from smewindow.catalog.models import Course, SoftwareProduct, Track
from smewindow.formatting import taipei_minute, twd
from smewindow.rules import ProfileError, parse_profile
from smewindow.rules.engine import TAIPEI
from smewindow.rules.training import Price, bonus, price

SMALLEST_AWARD = "digital_training_budget.smallest_award"
MAX_COST = 10_000_000
"""The largest cost taken, in NT$ — a trainee's, a software purchase's, a case's actual cost:
100 times the firm cap (NT$100,000), far inside the database's 64-bit integers. Not from the
seed: a sane bound, so a slip of the keyboard or a hostile number is refused, not stored."""
TRACK_NAMES = {
    Track.MANUFACTURING: ("製造業", "manufacturing"),
    Track.SERVICES: ("服務業", "services"),
}


class ApplicationRefused(Exception):
    """An action refused, with a stable ``code`` and why, in Chinese and English."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(f"{zh} ({en})")
        self.code = code
        self.zh = zh
        self.en = en

    def text(self, lang: str) -> str:
        """Why, in the page's language (``en`` or ``zh``)."""
        return self.en if lang == "en" else self.zh


def _require_cost(cost: int, code: str, zh: str, en: str) -> None:
    """``cost`` (named ``zh``/``en``) is from 0 to ``MAX_COST``; refused with ``code``."""
    if cost < 0:
        raise ApplicationRefused(code, f"{zh}不可為負數", f"the {en} cannot be negative")
    if cost > MAX_COST:
        raise ApplicationRefused(
            code,
            f"{zh}不可超過 {twd(MAX_COST)}",
            f"the {en} cannot be more than {twd(MAX_COST)}",
        )


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


# Firms, applications and trainees (the applicant's drafts)


def firm_create(*, user: Any, business_id: str, name: str, county: str, industry: str) -> Firm:
    """Register the firm of ``user`` (validated: 統一編號 check digit, county, industry) and
    put the user in the applicant group."""
    firm = Firm(user=user, business_id=business_id, name=name, county=county, industry=industry)
    firm.full_clean()
    with transaction.atomic():
        firm.save()
        user.groups.add(Group.objects.get_or_create(name=roles.APPLICANT)[0])
    return firm


def no_track() -> ApplicationRefused:
    """The refusal for a firm outside both tracks."""
    return ApplicationRefused(
        "no_track",
        "本補助僅限製造業或服務業",
        "the subsidy is for manufacturing or service businesses only",
    )


def application_create(
    *,
    firm: Firm,
    round: Round,
    priority_group: bool = False,
    answers: Mapping[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> Application:
    """A draft application of ``firm`` in ``round``, in the track of its industry, with the
    firm's ``answers`` to the rules' questions (e.g. from the finder; checked)."""
    if firm.track is None:
        raise no_track()
    answers = _checked_answers(answers or {})
    try:
        with transaction.atomic():
            application = Application.objects.create(
                firm=firm,
                round=round,
                track=firm.track,
                priority_group=priority_group,
                answers=answers,
            )
            _record(application, firm.user, "", now=_now(now), reason="建立草稿 (draft created)")
    except IntegrityError as exc:  # one application per firm and round
        raise ApplicationRefused(
            "duplicate", "本梯次已有申請案", "the firm already has an application in this round"
        ) from exc
    return application


def _require_status(application: Application, *allowed: str) -> None:
    if application.status not in allowed:
        raise ApplicationRefused(
            "wrong_status",
            f"申請案目前為「{application.get_status_display()}」，不能執行此動作",
            f"the application is {application.status}; this action is not allowed now",
        )


def trainee_add(
    *,
    application: Application,
    name: str,
    national_id: str,
    cost: int,
    courses: Sequence[Course],
) -> Trainee:
    """Add a trainee with the listed courses they take to a draft."""
    problem = national_id_problem(national_id)
    if problem:
        raise ApplicationRefused("national_id", *problem)
    _require_cost(cost, "cost", "訓練費用", "cost")
    unlisted = [course.name for course in courses if not course.is_approved]
    if unlisted:
        raise ApplicationRefused(
            "course_not_listed",
            f"課程不在公告清單：{'、'.join(unlisted)}",
            f"not on the published course list: {', '.join(unlisted)}",
        )
    outside = [c.name for c in courses if course_in_window(c, application.round) is False]
    if outside:
        first, last = training_window(application.round)
        raise ApplicationRefused(
            "course_outside_window",
            f"課程沒有在訓練期間（{first.isoformat()}～{last.isoformat()}）內的場次：{'、'.join(outside)}",
            f"no session within the training period ({first.isoformat()} to {last.isoformat()}):"
            f" {', '.join(outside)}",
        )
    with transaction.atomic():
        application = _locked(application)
        _require_status(application, Status.DRAFT)
        try:
            with transaction.atomic():
                trainee = Trainee.objects.create(
                    application=application,
                    round=application.round,
                    name=name,
                    national_id=national_id,
                    cost=cost,
                )
        except IntegrityError as exc:  # the national ID is unique in the round
            raise ApplicationRefused(
                "trainee_twice",
                f"身分證字號 {national_id} 已列於本梯次的申請案",
                f"national ID {national_id} is already in an application of this round",
            ) from exc
        unique = {course.pk: course for course in courses}.values()
        TraineeCourse.objects.bulk_create(TraineeCourse(trainee=trainee, course=c) for c in unique)
    return trainee


def trainee_remove(trainee: Trainee) -> None:
    """Remove a trainee from a draft."""
    with transaction.atomic():
        _require_status(_locked(trainee.application), Status.DRAFT)
        trainee.delete()


def training_window(round: Round) -> tuple[dt.date, dt.date]:
    """The days (Asia/Taipei) in which the training and the software purchase must fall:
    from the round's opening to its deadline (fact sheet §3: finished by the deadline)."""
    return _date(round.opens_at), _date(round.deadline)


def course_in_window(course: Course, round: Round) -> bool | None:
    """Whether ``course`` has a session inside the round's training window; None when the
    catalogue knows none of its sessions (unknown — the reviewer checks it)."""
    sessions = list(course.sessions.all())
    if not sessions:
        return None
    first, last = training_window(round)
    return any(first <= s.starts_on and (s.ends_on or s.starts_on) <= last for s in sessions)


def software_add(*, application: Application, product: SoftwareProduct, cost: int) -> None:
    """Add software from the published list to a draft (搭配軟體)."""
    if not product.is_approved:
        raise ApplicationRefused(
            "software_not_listed",
            f"軟體不在公告名單：{product.name}",
            f"not on the published software list: {product.name}",
        )
    _require_cost(cost, "cost", "軟體費用", "cost")
    with transaction.atomic():
        _require_status(_locked(application), Status.DRAFT)
        try:
            with transaction.atomic():
                SoftwarePurchase.objects.create(application=application, product=product, cost=cost)
        except IntegrityError as exc:
            raise ApplicationRefused(
                "duplicate", f"已列入軟體：{product.name}", f"already listed: {product.name}"
            ) from exc


def software_remove(purchase: SoftwarePurchase) -> None:
    """Remove software from a draft."""
    with transaction.atomic():
        _require_status(_locked(purchase.application), Status.DRAFT)
        purchase.delete()


# Amounts and intake


def _date(moment: dt.datetime) -> dt.date:
    """The day of ``moment`` in Taiwan: parameters are dated by it."""
    return timezone.localtime(moment, TAIPEI).date()


def trainee_hours(trainee: Trainee) -> Decimal:
    """The known hours of a trainee's courses (a course of unknown hours adds none)."""
    hours = (link.course.total_hours for link in trainee.courses.all())
    return sum((h for h in hours if h is not None), Decimal(0))


def pricing_date(application: Application) -> dt.date:
    """The date whose parameters price a case, everywhere (the amount, each trainee, the
    raise bonus, the pages): its submission day in Asia/Taipei; today for a draft, which
    is the day it would be submitted (docs/applications.md)."""
    return _date(application.submitted_at or timezone.now())


def priced(
    application: Application, on: dt.date | None = None
) -> tuple[list[tuple[Trainee, Decimal]], Price]:
    """The application's trainees with their known hours, and the case priced by the rule
    (``rules.training.price``) on ``on`` (default: ``pricing_date``)."""
    trainees = [
        (trainee, trainee_hours(trainee))
        for trainee in application.trainees.prefetch_related("courses__course")
    ]
    software = sum(purchase.cost for purchase in application.software.all())
    found = price(
        [(t.cost, hours) for t, hours in trainees], software, on or pricing_date(application)
    )
    return trainees, found


def amount_for(application: Application, on: dt.date | None = None) -> int:
    """The subsidy by the parameters in force ``on`` (default: ``pricing_date``)."""
    return priced(application, on)[1].amount


def smallest_award(on: dt.date) -> int:
    """The smallest award an application can get (a parameter; docs/applications.md)."""
    return int(parameter(SMALLEST_AWARD, on))


def intake_refusal(
    round: Round, track: str, now: dt.datetime | None = None
) -> ApplicationRefused | None:
    """Why ``round`` takes no applications in ``track`` at ``now`` (default: now), to show
    on the page; None when it does."""
    now = _now(now)
    if now < round.opens_at:
        return ApplicationRefused(
            "not_open",
            f"本梯次自 {taipei_minute(round.opens_at)} 起受理",
            f"the round opens at {taipei_minute(round.opens_at, 'en')} (Asia/Taipei)",
        )
    if now >= round.deadline:
        return ApplicationRefused(
            "deadline_passed",
            f"本梯次已於 {taipei_minute(round.deadline)} 截止收件",
            f"the round closed at {taipei_minute(round.deadline, 'en')} (Asia/Taipei)",
        )
    budget = Budget.objects.filter(round=round, track=track).first()
    left = budget.left if budget else 0
    if left < smallest_award(_date(now)):
        zh, en = TRACK_NAMES[Track(track)]
        return ApplicationRefused(
            "intake_closed",
            f"{zh}經費已用罄（剩餘 {twd(left)}），停止受理",
            f"the {en} budget is exhausted ({twd(left)} left); applications are closed",
        )
    return None


def intake_open(round: Round, track: str, now: dt.datetime | None = None) -> bool:
    """Whether ``round`` takes applications in ``track`` at ``now``: it is open, not past
    its deadline, and what is left of the budget can pay the smallest possible award."""
    return intake_refusal(round, track, now) is None


# The workflow


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _record(
    application: Application,
    who: Any,
    from_status: str,
    *,
    now: dt.datetime,
    from_amount: int | None = None,
    reason: str = "",
) -> None:
    StatusChange.objects.create(
        application=application,
        who=who,
        at=now,
        from_status=from_status,
        to_status=application.status,
        from_amount=from_amount,
        to_amount=application.amount,
        reason=reason,
    )


def _move(
    original: Application,
    application: Application,
    who: Any,
    to: str,
    *,
    now: dt.datetime | None = None,
    reason: str = "",
    **fields: Any,
) -> Application:
    """Set the status (and ``fields``) of the locked ``application``, save it, record the
    change and bring the caller's ``original`` up to date."""
    from_status, from_amount = application.status, application.amount
    application.status = to
    for name, value in fields.items():
        setattr(application, name, value)
    application.save()
    _record(application, who, from_status, now=_now(now), from_amount=from_amount, reason=reason)
    original.refresh_from_db()
    return original


def submit(application: Application, now: dt.datetime | None = None) -> Application:
    """Send a draft to the review queue at ``now``; refused before the round opens, from
    its deadline on, when the budget cannot pay the smallest award, or with no trainee
    who counts."""
    now = _now(now)
    with transaction.atomic():
        locked = _locked(application)
        _require_status(locked, Status.DRAFT)
        refusal = intake_refusal(locked.round, locked.track, now)
        if refusal:
            raise refusal
        found = priced(locked, _date(now))[1]  # submitted now: priced on today
        amount = found.amount
        if amount <= 0:
            hours = found.min_hours
            raise ApplicationRefused(
                "no_trainee",
                f"至少須有 1 位本國籍員工完成公告課程累積 {hours} 小時以上",
                f"at least one employee must take {hours} hours or more of listed courses",
            )
        return _move(
            application,
            locked,
            locked.firm.user,
            Status.SUBMITTED,
            now=now,
            submitted_at=now,
            requested_amount=amount,
        )


PURPOSE_OF_STATUS = {
    Status.DRAFT: Purpose.APPLICATION,
    Status.NEEDS_DOCUMENTS: Purpose.SUPPLEMENT,
    Status.APPROVED: Purpose.COMPLETION,
    Status.PAID: Purpose.RAISE,
}
"""The statuses in which the firm uploads documents, and what they are for."""
PURPOSE_EN = {
    Purpose.APPLICATION: "the application documents",
    Purpose.SUPPLEMENT: "the documents asked for",
    Purpose.COMPLETION: "the completion certificates and invoices",
    Purpose.RAISE: "the evidence of the pay raise",
}


def unsent_documents(application: Application) -> Any:
    """The documents uploaded for the present status since the application entered it:
    not yet sent (a supplement answers the latest request, not an earlier one)."""
    purpose = PURPOSE_OF_STATUS.get(application.status)
    if purpose is None:
        return Document.objects.none()
    since = application.history.filter(to_status=application.status).order_by("-at").first()
    found = Document.objects.filter(application=application, purpose=purpose)
    return found.filter(uploaded_at__gte=since.at) if since else found


def _require_documents(application: Application, purpose: str) -> None:
    """At least one document for ``purpose`` not yet sent."""
    if not unsent_documents(application).exists():
        raise ApplicationRefused(
            "no_documents",
            f"請先上傳{Purpose(purpose).label}",
            f"upload {PURPOSE_EN[purpose]} first",
        )


def _require_reviewer(application: Application, reviewer: Any) -> None:
    if not roles.can_review(reviewer, application):
        raise ApplicationRefused(
            "not_allowed",
            "只有本軌的審查人員可以審查",
            "only a reviewer of this track may review it",
        )


def _require_claim(application: Application, reviewer: Any) -> None:
    _require_reviewer(application, reviewer)
    _require_status(application, Status.IN_REVIEW)
    if application.claimed_by_id != reviewer.pk:
        raise ApplicationRefused(
            "not_claimed", "此案由其他審查人員審查中", "another reviewer has claimed it"
        )


def claim(application: Application, reviewer: Any) -> Application:
    """A reviewer of the track takes a submitted application; at most one at a time."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().get(pk=reviewer.pk)  # one claim at a time
        locked = _locked(application)
        _require_reviewer(locked, reviewer)
        held = Application.objects.filter(claimed_by=reviewer, status=Status.IN_REVIEW).first()
        if held:
            raise ApplicationRefused(
                "already_claiming",
                f"您已有審查中的申請案（{held.pk}），請先完成",
                f"you already have application {held.pk} in review; finish it first",
            )
        _require_status(locked, Status.SUBMITTED)
        return _move(application, locked, reviewer, Status.IN_REVIEW, claimed_by=reviewer)


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


def approve(application: Application, reviewer: Any, amount: int, reason: str = "") -> Application:
    """Approve the claimed application for ``amount`` (1 to the amount requested),
    reserving it from the track's budget, whose row stays locked until the end; ``reason``
    records what was checked."""
    with transaction.atomic():
        locked = _locked(application)
        _require_claim(locked, reviewer)
        requested = locked.requested_amount or 0
        if not 0 < amount <= requested:
            raise ApplicationRefused(
                "amount",
                f"核定金額須介於 1 元與申請金額 {twd(requested)} 之間",
                f"the amount must be between NT$1 and the {twd(requested)} requested",
            )
        _reserve(locked, amount)
        return _move(
            application, locked, reviewer, Status.APPROVED, reason=reason, approved_amount=amount
        )


def _reasons(reasons: Sequence[str]) -> str:
    """The reasons given, one a line; refused when there is none."""
    given = [r.strip() for r in reasons if r.strip()]
    if not given:
        raise ApplicationRefused("reason", "請說明駁回理由", "give the reasons for rejecting")
    return "\n".join(given)


def reject(application: Application, reviewer: Any, reasons: Sequence[str]) -> Application:
    """Reject the claimed application, giving at least one reason."""
    reason = _reasons(reasons)
    with transaction.atomic():
        locked = _locked(application)
        _require_claim(locked, reviewer)
        return _move(application, locked, reviewer, Status.REJECTED, reason=reason)


def request_documents(application: Application, reviewer: Any, reason: str) -> Application:
    """Ask the firm for more documents; the claim ends."""
    if not reason.strip():
        raise ApplicationRefused("reason", "請說明需補正的文件", "say which documents are needed")
    with transaction.atomic():
        locked = _locked(application)
        _require_claim(locked, reviewer)
        return _move(application, locked, reviewer, Status.NEEDS_DOCUMENTS, reason=reason.strip())


def resubmit(
    application: Application, now: dt.datetime | None = None, reason: str = ""
) -> Application:
    """The firm has supplied the documents (at least one uploaded since they were asked
    for): back to the queue at its original place (its ``submitted_at`` is kept), for any
    reviewer of the track."""
    with transaction.atomic():
        locked = _locked(application)
        _require_status(locked, Status.NEEDS_DOCUMENTS)
        _require_documents(locked, Purpose.SUPPLEMENT)
        return _move(
            application,
            locked,
            locked.firm.user,
            Status.SUBMITTED,
            now=now,
            reason=reason or "已補件 (documents supplied)",
            claimed_by=None,
        )


def complete(application: Application, reviewer: Any) -> Application:
    """A reviewer of the track has verified the certificates and invoices the firm uploaded."""
    with transaction.atomic():
        locked = _locked(application)
        _require_reviewer(locked, reviewer)
        _require_status(locked, Status.APPROVED)
        _require_documents(locked, Purpose.COMPLETION)
        return _move(application, locked, reviewer, Status.COMPLETED)


def record_payment(application: Application, finance_officer: Any, actual_cost: int) -> Application:
    """Pay the actual cost, never above the approval: the payment moves from committed to
    paid and the rest of the approval goes back to the budget."""
    _require_cost(actual_cost, "amount", "實際費用", "actual cost")
    _require_finance(finance_officer, "撥款", "pay")
    with transaction.atomic():
        locked = _locked(application)
        _require_status(locked, Status.COMPLETED)
        approved = locked.approved_amount or 0
        paid = min(actual_cost, approved)
        budget = Budget.objects.select_for_update().get(round=locked.round, track=locked.track)
        Budget.objects.filter(pk=budget.pk).update(
            paid=F("paid") + paid, committed=F("committed") - (approved - paid)
        )
        return _move(
            application,
            locked,
            finance_officer,
            Status.PAID,
            reason=f"實際費用 actual cost {twd(actual_cost)}",
            actual_cost=actual_cost,
            paid_amount=paid,
        )


def _require_finance(user: Any, zh: str, en: str) -> None:
    if not roles.is_finance_officer(user):
        raise ApplicationRefused("not_allowed", f"只有會計人員可以{zh}", f"only finance may {en}")


def close(application: Application, finance_officer: Any) -> Application:
    """Close a paid case (with its raise bonus paid, if one was claimed and approved)."""
    _require_finance(finance_officer, "結案", "close")
    with transaction.atomic():
        locked = _locked(application)
        _require_status(locked, Status.PAID, Status.BONUS_PAID)
        return _move(application, locked, finance_officer, Status.CLOSED)


# The raise bonus (加碼補助, seed 配套1.1): 10 % of the paid subsidy, from the same budget


def bonus_for(application: Application) -> int:
    """The raise bonus on the paid subsidy, by the rule (``rules.training.bonus``) on the
    case's ``pricing_date``."""
    return bonus(application.paid_amount or 0, pricing_date(application))


def _bonus(application: Application) -> int:
    """``bonus_for`` the case; refused when it is nothing (a case paid NT$0, or a few NT$
    whose share rounds to 0, has no bonus: the database keeps every bonus above zero)."""
    amount = bonus_for(application)
    if amount <= 0:
        paid = twd(application.paid_amount or 0)
        raise ApplicationRefused(
            "no_bonus",
            f"本案撥款 {paid}，加薪加碼為 0 元，沒有可以申請的加碼",
            f"the raise bonus on the {paid} paid is NT$0: there is nothing to claim",
        )
    return amount


def bonus_claim(application: Application, now: dt.datetime | None = None) -> Application:
    """The firm claims the raise bonus for a paid case, with the evidence uploaded, before
    the round's ``raise_deadline``; refused when the bonus would be nothing."""
    now = _now(now)
    with transaction.atomic():
        locked = _locked(application)
        _require_status(locked, Status.PAID)
        if now >= locked.round.raise_deadline:
            deadline = locked.round.raise_deadline
            raise ApplicationRefused(
                "raise_deadline_passed",
                f"加薪加碼已於 {taipei_minute(deadline)} 截止申請",
                f"raise-bonus claims closed at {taipei_minute(deadline, 'en')} (Asia/Taipei)",
            )
        amount = _bonus(locked)
        _require_documents(locked, Purpose.RAISE)
        return _move(
            application,
            locked,
            locked.firm.user,
            Status.BONUS_CLAIMED,
            now=now,
            reason=f"申請加薪加碼 {twd(amount)} (raise bonus claimed)",
        )


def bonus_approve(application: Application, reviewer: Any) -> Application:
    """A reviewer of the track accepts the evidence: the bonus is reserved from the track's
    budget (row locked, like ``approve``)."""
    with transaction.atomic():
        locked = _locked(application)
        _require_reviewer(locked, reviewer)
        _require_status(locked, Status.BONUS_CLAIMED)
        amount = _bonus(locked)  # a claim made before claims of nothing were refused
        _reserve(locked, amount)
        return _move(application, locked, reviewer, Status.BONUS_APPROVED, bonus_amount=amount)


def bonus_reject(application: Application, reviewer: Any, reasons: Sequence[str]) -> Application:
    """The evidence does not show the raise: back to paid (the firm may claim again)."""
    reason = _reasons(reasons)
    with transaction.atomic():
        locked = _locked(application)
        _require_reviewer(locked, reviewer)
        _require_status(locked, Status.BONUS_CLAIMED)
        return _move(application, locked, reviewer, Status.PAID, reason=reason)


def bonus_pay(application: Application, finance_officer: Any) -> Application:
    """Pay the approved bonus: it moves from committed to paid."""
    _require_finance(finance_officer, "撥款", "pay")
    with transaction.atomic():
        locked = _locked(application)
        _require_status(locked, Status.BONUS_APPROVED)
        Budget.objects.filter(round=locked.round, track=locked.track).update(
            paid=F("paid") + locked.bonus_amount
        )
        return _move(application, locked, finance_officer, Status.BONUS_PAID)


# The demo round

DEMO_ROUND_NAME = "示範梯次（測試用，非正式受理）"
DEMO_DAYS = 30
DEMO_BUDGET = 5_000_000
"""NT$ per track: room for 50 firms at the firm cap."""
DEMO_RAISE_DAYS = 30
"""The demo's raise-bonus claims stay open this many days after its deadline."""


def demo_round_load(today: dt.date | None = None) -> tuple[Round, bool]:
    """Make the demo round open from ``today`` (Asia/Taipei, default: today) for 30 days,
    with ``DEMO_BUDGET`` per track. Idempotent: on the same day a second load changes
    nothing; on a later day the window moves to start then. Existing budgets are kept.
    Returns the round and whether anything changed."""
    today = today or timezone.localdate(timezone=TAIPEI)
    opens_at = dt.datetime.combine(today, dt.time(0), TAIPEI)
    deadline = dt.datetime.combine(today + dt.timedelta(days=DEMO_DAYS), dt.time(17), TAIPEI)
    window = {
        "opens_at": opens_at,
        "deadline": deadline,
        "raise_deadline": deadline + dt.timedelta(days=DEMO_RAISE_DAYS),
    }
    with transaction.atomic():
        round, created = Round.objects.select_for_update().get_or_create(
            name=DEMO_ROUND_NAME, defaults={**window, "is_demo": True}
        )
        changed = created or any(getattr(round, k) != v for k, v in window.items())
        if changed:
            for name, value in window.items():
                setattr(round, name, value)
            round.save()
        for track in Track.values:
            _, new = Budget.objects.get_or_create(
                round=round, track=track, defaults={"total": DEMO_BUDGET}
            )
            changed = changed or new
    return round, changed


DEMO_STAFF_PASSWORD = "smewindow-demo"
"""The password of the demo staff accounts: development machines only (``DEBUG``)."""
DEMO_STAFF = {
    "demo-reviewer-m": (roles.REVIEWER[Track.MANUFACTURING],),
    "demo-reviewer-s": (roles.REVIEWER[Track.SERVICES],),
    "demo-finance": (roles.FINANCE,),
    "demo-admin": (roles.ADMINISTRATOR,),
}
"""Demo accounts with their groups, so that the whole path can be tried on one machine."""


def demo_staff_load() -> list[str]:
    """Create (or reset) the demo staff accounts with ``DEMO_STAFF_PASSWORD``; refused
    unless ``settings.DEBUG``: a known password must never reach a real site."""
    if not settings.DEBUG:
        raise ApplicationRefused(
            "not_allowed",
            "示範帳號只能在開發模式（SMEWINDOW_DEBUG=1）建立",
            "demo accounts are made only in development (SMEWINDOW_DEBUG=1)",
        )
    with transaction.atomic():
        for username, groups in DEMO_STAFF.items():
            account, _ = get_user_model().objects.get_or_create(
                username=username, defaults={"first_name": "示範"}
            )
            account.set_password(DEMO_STAFF_PASSWORD)
            account.is_staff = roles.ADMINISTRATOR in groups
            account.is_active = True
            account.save()
            account.groups.set(Group.objects.get_or_create(name=g)[0] for g in groups)
    return list(DEMO_STAFF)


def draft_update(application: Application, *, priority_group: bool) -> Application:
    """Save a draft's own answers (the priority-group declaration)."""
    with transaction.atomic():
        locked = _locked(application)
        _require_status(locked, Status.DRAFT)
        locked.priority_group = priority_group
        locked.save(update_fields=["priority_group", "updated_at"])
    application.refresh_from_db()
    return application


def answers_update(application: Application, answers: Mapping[str, Any]) -> Application:
    """Record a draft's answers to the rules' questions; None removes one (unknown again)."""
    with transaction.atomic():
        locked = _locked(application)
        _require_status(locked, Status.DRAFT)
        merged = {**locked.answers, **answers}
        locked.answers = _checked_answers({k: v for k, v in merged.items() if v is not None})
        locked.save(update_fields=["answers", "updated_at"])
    application.refresh_from_db()
    return application


def _checked_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """``answers`` as valid profile fields (as JSON stores them), else refused naming each."""
    try:
        parse_profile(answers)
    except ProfileError as exc:
        problems = exc.errors
        raise ApplicationRefused(
            "answers",
            "；".join(f"{e.field}：{e.message_zh}" for e in problems),
            "; ".join(f"{e.field}: {e.message_en}" for e in problems),
        ) from None
    return dict(answers)
