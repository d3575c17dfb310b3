"""The firm's side before submission: its firm, its drafts (trainees with their courses,
software, answers to the rules' questions, the priority-group declaration) and whether a
round takes applications in its track now. Each write runs in one transaction on the locked
case and is refused (``ApplicationRefused``, nothing written) once the case is no draft."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import Group, User
from django.db import IntegrityError, transaction
from django.utils import timezone

from smewindow.applications import roles
from smewindow.applications.amounts import (
    course_in_window,
    smallest_award,
    taipei_date,
    training_window,
)
from smewindow.applications.history import record
from smewindow.applications.identifiers import national_id_problem
from smewindow.applications.models import (
    TRACK_NAMES,
    Application,
    Budget,
    Firm,
    Round,
    SoftwarePurchase,
    Status,
    Trainee,
    TraineeCourse,
)
from smewindow.applications.refusals import (
    ApplicationRefused,
    no_track,
    require_cost,
    require_status,
)
from smewindow.applications.selectors import locked
from smewindow.catalog.models import Course, SoftwareProduct, Track
from smewindow.formatting import taipei_minute, twd
from smewindow.rules import ProfileError, parse_profile


def firm_create(*, user: User, business_id: str, name: str, county: str, industry: str) -> Firm:
    """Register the firm of ``user`` (validated: 統一編號 check digit, county, industry) and
    put the user in the applicant group."""
    firm = Firm(user=user, business_id=business_id, name=name, county=county, industry=industry)
    firm.full_clean()
    with transaction.atomic():
        firm.save()
        user.groups.add(Group.objects.get_or_create(name=roles.APPLICANT)[0])
    return firm


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
            record(
                application,
                firm.user,
                "",
                now=now or timezone.now(),
                reason="建立草稿 (draft created)",
            )
    except IntegrityError as exc:  # one application per firm and round
        raise ApplicationRefused(
            "duplicate", "本梯次已有申請案", "the firm already has an application in this round"
        ) from exc
    return application


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
    require_cost(cost, code="cost", zh="訓練費用", en="cost")
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
        application = locked(application)
        require_status(application, Status.DRAFT)
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


def trainee_remove(*, trainee: Trainee) -> None:
    """Remove a trainee from a draft."""
    with transaction.atomic():
        require_status(locked(trainee.application), Status.DRAFT)
        trainee.delete()


def software_add(*, application: Application, product: SoftwareProduct, cost: int) -> None:
    """Add software from the published list to a draft (搭配軟體)."""
    if not product.is_approved:
        raise ApplicationRefused(
            "software_not_listed",
            f"軟體不在公告名單：{product.name}",
            f"not on the published software list: {product.name}",
        )
    require_cost(cost, code="cost", zh="軟體費用", en="cost")
    with transaction.atomic():
        require_status(locked(application), Status.DRAFT)
        try:
            with transaction.atomic():
                SoftwarePurchase.objects.create(application=application, product=product, cost=cost)
        except IntegrityError as exc:
            raise ApplicationRefused(
                "duplicate", f"已列入軟體：{product.name}", f"already listed: {product.name}"
            ) from exc


def software_remove(*, purchase: SoftwarePurchase) -> None:
    """Remove software from a draft."""
    with transaction.atomic():
        require_status(locked(purchase.application), Status.DRAFT)
        purchase.delete()


def draft_update(*, application: Application, priority_group: bool) -> Application:
    """Save a draft's own answers (the priority-group declaration)."""
    with transaction.atomic():
        draft = locked(application)
        require_status(draft, Status.DRAFT)
        draft.priority_group = priority_group
        draft.save(update_fields=["priority_group", "updated_at"])
    application.refresh_from_db()
    return application


def answers_update(*, application: Application, answers: Mapping[str, Any]) -> Application:
    """Record a draft's answers to the rules' questions; None removes one (unknown again)."""
    with transaction.atomic():
        draft = locked(application)
        require_status(draft, Status.DRAFT)
        merged = {**draft.answers, **answers}
        draft.answers = _checked_answers({k: v for k, v in merged.items() if v is not None})
        draft.save(update_fields=["answers", "updated_at"])
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


def intake_refusal(
    round: Round, track: str, now: dt.datetime | None = None
) -> ApplicationRefused | None:
    """Why ``round`` takes no applications in ``track`` at ``now`` (default: now), to show
    on the page; None when it does: it is open, not past its deadline, and what is left of
    the budget can pay the smallest possible award."""
    now = now or timezone.now()
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
    if left < smallest_award(taipei_date(now)):
        zh, en = TRACK_NAMES[Track(track)]
        return ApplicationRefused(
            "intake_closed",
            f"{zh}經費已用罄（剩餘 {twd(left)}），停止受理",
            f"the {en} budget is exhausted ({twd(left)} left); applications are closed",
        )
    return None
