"""The database keeps the budget within its total, the history append-only, trainees once
per round; the migrations make the groups and the 2025 round."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings

from smewindow.applications import roles
from smewindow.applications.intake import application_create, trainee_add
from smewindow.applications.models import (
    AppendOnly,
    Application,
    Budget,
    Firm,
    Round,
    StatusChange,
    Trainee,
    track_of_industry,
)
from smewindow.applications.parameters import load, parameter
from smewindow.applications.refusals import ApplicationRefused
from smewindow.catalog.models import Course
from smewindow.formatting import taipei_minute
from smewindow.web.settings import PASSWORD_HASHERS as PRODUCTION_HASHERS
from tests.applications.conftest import business_id, national_id

pytestmark = pytest.mark.django_db


def test_the_2025_round_closes_at_five_in_the_afternoon_taipei_time() -> None:
    round = Round.objects.get(name="114年度（2025）")
    taipei = ZoneInfo("Asia/Taipei")
    assert round.deadline == dt.datetime(2025, 12, 31, 17, 0, tzinfo=taipei)
    assert round.deadline == dt.datetime(2025, 12, 31, 9, 0, tzinfo=dt.UTC)
    assert round.opens_at == dt.datetime(2025, 1, 14, tzinfo=taipei)
    assert not round.is_demo


def test_the_five_groups_exist() -> None:
    names = set(Group.objects.values_list("name", flat=True))
    assert {
        "applicant",
        "reviewer_manufacturing",
        "reviewer_services",
        "finance",
        "administrator",
    } <= names
    assert set(roles.GROUPS) <= names


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        ({"committed": 1_000_001}, "within_total"),
        ({"committed": -1}, "committed_not_negative"),
        ({"paid": -1}, "paid_not_negative"),
        ({"committed": 10, "paid": 11}, "paid_committed"),
    ],
)
def test_the_database_refuses_a_budget_out_of_bounds(
    budgets: dict[str, Budget], change: dict[str, int], constraint: str
) -> None:
    budget = budgets["manufacturing"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Budget.objects.filter(pk=budget.pk).update(**change)
    budget.refresh_from_db()
    assert (budget.committed, budget.paid) == (0, 0)


def test_one_budget_per_round_and_track(budgets: dict[str, Budget]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Budget.objects.create(round=budgets["services"].round, track="services", total=1)


def test_history_is_append_only(make_application: Callable[..., Application]) -> None:
    application = make_application()
    change = StatusChange.objects.get(application=application)
    change.reason = "rewritten"
    with pytest.raises(AppendOnly):
        change.save()
    with pytest.raises(AppendOnly):
        change.delete()
    with pytest.raises(AppendOnly):  # a new object with an existing id would update the row
        StatusChange(pk=change.pk, application=application, who=change.who, at=change.at).save()
    with pytest.raises(AppendOnly):
        StatusChange.objects.filter(pk=change.pk).update(reason="rewritten")
    with pytest.raises(AppendOnly):
        StatusChange.objects.all().delete()
    with pytest.raises(AppendOnly):
        application.history.all().delete()
    change.refresh_from_db()
    assert change.reason == "建立草稿 (draft created)"
    with pytest.raises(IntegrityError), transaction.atomic():
        application.delete()  # an application with a history is kept


def test_a_firm_needs_a_valid_business_id(make_firm: Callable[..., Firm]) -> None:
    firm = make_firm()
    assert firm.user.groups.filter(name="applicant").exists()
    firm.business_id = "04595258"
    with pytest.raises(ValidationError):
        firm.full_clean()
    firm.business_id = business_id(2_000_000)
    firm.full_clean()


def test_tracks_by_industry() -> None:
    assert track_of_industry("25") == "manufacturing"  # 金屬製品製造業
    assert track_of_industry("56") == "services"  # 餐飲業
    # a bank: no source says the services track takes it; it applies there and the agency
    # decides (rules.predicates.SERVICES_UNSETTLED)
    assert track_of_industry("64") == "services"
    assert track_of_industry("83") is None  # public administration
    assert track_of_industry("xx") is None


def test_no_trainee_twice_in_a_round(
    make_application: Callable[..., Application], course: Course
) -> None:
    first, second = make_application(trainees=0), make_application(trainees=0)
    same = national_id(9_999_999)
    trainee_add(application=first, name="甲", national_id=same, cost=1, courses=[course])
    for application in (first, second):
        with pytest.raises(ApplicationRefused) as refused:
            trainee_add(application=application, name="乙", national_id=same, cost=1, courses=[])
        assert refused.value.code == "trainee_twice"
    with pytest.raises(IntegrityError), transaction.atomic():  # the database too
        Trainee.objects.create(
            application=second, round=second.round, name="乙", national_id=same, cost=1
        )
    other_round = Round.objects.create(
        name="另一梯次",
        opens_at=first.round.opens_at,
        deadline=first.round.deadline,
        raise_deadline=first.round.raise_deadline,
    )
    elsewhere = application_create(firm=first.firm, round=other_round)
    trainee_add(application=elsewhere, name="甲", national_id=same, cost=1, courses=[course])


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)  # the tests hash with MD5, for speed
def test_passwords_are_hashed_with_argon2() -> None:
    hashed = make_password("correct horse")
    assert hashed.startswith("argon2$argon2id$") and "$m=19456,t=2,p=1$" in hashed  # OWASP
    django_default = Argon2PasswordHasher().encode("correct horse", "saltsaltsalt")
    assert check_password("correct horse", django_default)  # older hashes still verify


def test_the_smallest_award_is_one_trainee_at_the_cap_and_cited() -> None:
    (smallest,) = load().values()
    assert smallest.name == "digital_training_budget.smallest_award"
    assert smallest.description and smallest.references
    assert any("UNCONFIRMED" in (ref.note or "") for ref in smallest.references)
    for day in (dt.date(2025, 1, 1), dt.date(2026, 6, 30)):
        assert parameter(smallest.name, day) == parameter("digital_training.per_trainee_cap", day)


def test_moments_show_in_the_roc_calendar_in_chinese_and_iso_in_english() -> None:
    moment = dt.datetime(2025, 12, 31, 9, 0, tzinfo=dt.UTC)  # 17:00 in Taipei
    assert taipei_minute(moment) == "民國114年12月31日 17:00"
    assert taipei_minute(moment, "en") == "2025-12-31 17:00"
    assert taipei_minute(None) == ""
