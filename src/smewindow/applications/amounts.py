"""What a case is worth and in which days its training falls: every amount the pages, the
review and the workflow show or reserve comes from here, priced by the rules' one
training-subsidy rule (``rules.training``, seed 配套1.1 補助金額) on the case's
``pricing_date`` (docs/applications.md)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from smewindow.applications.models import Application, Round, Trainee
from smewindow.applications.parameters import parameter
from smewindow.applications.refusals import ApplicationRefused
from smewindow.catalog.models import Course
from smewindow.formatting import twd
from smewindow.rules.engine import TAIPEI
from smewindow.rules.training import Price, bonus, price

SMALLEST_AWARD = "digital_training_budget.smallest_award"


def taipei_date(moment: dt.datetime) -> dt.date:
    """The day of ``moment`` in Taiwan: parameters are dated by it."""
    return timezone.localtime(moment, TAIPEI).date()


def training_window(round: Round) -> tuple[dt.date, dt.date]:
    """The days (Asia/Taipei) in which the training and the software purchase must fall:
    from the round's opening to its deadline (fact sheet §3: finished by the deadline)."""
    return taipei_date(round.opens_at), taipei_date(round.deadline)


def course_in_window(course: Course, round: Round) -> bool | None:
    """Whether ``course`` has a session inside the round's training window; None when the
    catalogue knows none of its sessions (unknown — the reviewer checks it)."""
    sessions = list(course.sessions.all())
    if not sessions:
        return None
    first, last = training_window(round)
    return any(first <= s.starts_on and (s.ends_on or s.starts_on) <= last for s in sessions)


def trainee_hours(trainee: Trainee) -> Decimal:
    """The known hours of a trainee's courses (a course of unknown hours adds none)."""
    hours = (link.course.total_hours for link in trainee.courses.all())
    return sum((h for h in hours if h is not None), Decimal(0))


def pricing_date(application: Application) -> dt.date:
    """The date whose parameters price a case, everywhere (the amount, each trainee, the
    raise bonus, the pages): its submission day in Asia/Taipei; today for a draft, which
    is the day it would be submitted (docs/applications.md)."""
    return taipei_date(application.submitted_at or timezone.now())


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


def bonus_for(application: Application) -> int:
    """The raise bonus (加碼補助, seed 配套1.1: a share of the paid subsidy, from the same
    budget) by the rule (``rules.training.bonus``) on the case's ``pricing_date``."""
    return bonus(application.paid_amount or 0, pricing_date(application))


def bonus_due(application: Application) -> int:
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
