"""The admin (``/admin/``) with the test client: an administrator (is_staff + the group of
migration 0005) makes a round with its budgets and edits a total; a total below what is
committed, a bad window and deleting a committed budget are refused on the form; the
applications, their history and firms are read-only; reviewers are kept out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.forms import inlineformset_factory
from django.test import Client

from smewindow.applications import roles, workflow
from smewindow.applications.admin import BudgetForm, BudgetFormSet
from smewindow.applications.models import Application, Budget, Round, StatusChange

from .conftest import NOW, client_for, user

pytestmark = pytest.mark.django_db

ROUNDS = "/admin/applications/round/"


@pytest.fixture
def administrator() -> User:
    account = user("admin1", roles.ADMINISTRATOR)
    account.is_staff = True
    account.save()
    return account


@pytest.fixture
def admin_client(administrator: User) -> Client:
    return client_for(administrator)


def _moment(prefix: str, moment: dt.datetime) -> dict[str, str]:
    """The admin's split date and time fields (Asia/Taipei)."""
    local = moment.astimezone(dt.timezone(dt.timedelta(hours=8)))
    return {f"{prefix}_0": local.strftime("%Y-%m-%d"), f"{prefix}_1": local.strftime("%H:%M:%S")}


def round_data(round_: Round | None = None, **changes: Any) -> dict[str, str]:
    """The round form's fields, from ``round_`` or a new 2026 round, with ``changes``."""
    values = {
        "name": round_.name if round_ else "115年度（2026）",
        "opens_at": round_.opens_at if round_ else dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
        "deadline": round_.deadline if round_ else dt.datetime(2026, 12, 31, 9, tzinfo=dt.UTC),
        "raise_deadline": round_.raise_deadline
        if round_
        else dt.datetime(2027, 3, 31, 16, tzinfo=dt.UTC),
        **changes,
    }
    data = {"name": values["name"]}
    for field in ("opens_at", "deadline", "raise_deadline"):
        data.update(_moment(field, values[field]))
    return data


def budget_rows(rows: list[dict[str, Any]], initial: int = 0) -> dict[str, str]:
    """The budget inline's management form and rows."""
    data = {
        "budgets-TOTAL_FORMS": str(len(rows)),
        "budgets-INITIAL_FORMS": str(initial),
        "budgets-MIN_NUM_FORMS": "0",
        "budgets-MAX_NUM_FORMS": "2",
    }
    for i, row in enumerate(rows):
        data.update({f"budgets-{i}-{key}": str(value) for key, value in row.items()})
    return data


def existing_rows(round_: Round, totals: dict[str, int], **extra: Any) -> dict[str, str]:
    """The rows of ``round_``'s budgets as the change form posts them, with new totals."""
    budgets = list(round_.budgets.order_by("id"))
    rows = [
        {"id": b.pk, "round": round_.pk, "track": b.track, "total": totals.get(b.track, b.total)}
        | extra.get(b.track, {})
        for b in budgets
    ]
    return budget_rows(rows, initial=len(budgets))


@pytest.fixture
def committed(
    make_application: Callable[..., Application], reviewer: User, budgets: dict[str, Budget]
) -> Budget:
    """The manufacturing budget with NT$10,000 committed by an approval (the services)."""
    application = workflow.submit(application=make_application(), now=NOW)
    workflow.claim(application=application, reviewer=reviewer)
    workflow.approve(application=application, reviewer=reviewer, amount=10_000)
    budget = budgets["manufacturing"]
    budget.refresh_from_db()
    assert budget.committed == 10_000
    return budget


def test_administrator_creates_a_round_with_budgets(admin_client: Client) -> None:
    page = admin_client.get(f"{ROUNDS}add/").content.decode()
    assert 'name="budgets-0-total"' in page and 'name="budgets-1-total"' in page
    rows = [
        {"track": "manufacturing", "total": 30_000_000},
        {"track": "services", "total": 20_000_000},
    ]
    response = admin_client.post(f"{ROUNDS}add/", round_data() | budget_rows(rows))
    assert response.status_code == 302, response.content.decode()[:3000]
    round_ = Round.objects.get(name="115年度（2026）")
    assert round_.deadline == dt.datetime(2026, 12, 31, 9, tzinfo=dt.UTC)
    totals = {b.track: (b.total, b.committed, b.paid) for b in round_.budgets.all()}
    assert totals == {"manufacturing": (30_000_000, 0, 0), "services": (20_000_000, 0, 0)}
    listing = admin_client.get(ROUNDS).content.decode()
    assert "NT$30,000,000／NT$0／NT$0／NT$30,000,000" in listing
    assert "民國115年1月5日 08:00 – 民國115年12月31日 17:00" in listing  # ROC calendar


def test_budgets_added_to_a_round_without_them(admin_client: Client, round_: Round) -> None:
    url = f"{ROUNDS}{round_.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert 'name="budgets-1-total"' in page  # a blank row per track
    rows = [{"round": round_.pk, "track": "services", "total": 800_000}, {"round": round_.pk}]
    assert admin_client.post(url, round_data(round_) | budget_rows(rows)).status_code == 302
    assert list(round_.budgets.values_list("track", "total")) == [("services", 800_000)]
    page = admin_client.get(url).content.decode()
    assert 'name="budgets-1-total"' in page and 'name="budgets-2-total"' not in page


def test_administrator_edits_a_total(admin_client: Client, committed: Budget) -> None:
    round_ = committed.round
    data = round_data(round_) | existing_rows(round_, {"manufacturing": 2_000_000})
    response = admin_client.post(f"{ROUNDS}{round_.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    committed.refresh_from_db()
    assert (committed.total, committed.committed) == (2_000_000, 10_000)
    listing = admin_client.get(ROUNDS).content.decode()
    assert "NT$2,000,000／NT$10,000／NT$0／NT$1,990,000" in listing


def test_a_total_below_committed_is_refused(admin_client: Client, committed: Budget) -> None:
    round_ = committed.round
    data = round_data(round_) | existing_rows(round_, {"manufacturing": 5_000})
    response = admin_client.post(f"{ROUNDS}{round_.pk}/change/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "低於已核定金額 NT$10,000" in page and "below the NT$10,000 already committed" in page
    committed.refresh_from_db()
    assert (committed.total, committed.committed) == (1_000_000, 10_000)


def test_committed_and_paid_are_not_editable(admin_client: Client, committed: Budget) -> None:
    """Posting committed, paid or another track changes nothing but the total."""
    round_ = committed.round
    forged = {"manufacturing": {"committed": 0, "paid": 0, "track": "services"}}
    data = round_data(round_) | existing_rows(round_, {"manufacturing": 900_000}, **forged)
    assert admin_client.post(f"{ROUNDS}{round_.pk}/change/", data).status_code == 302
    committed.refresh_from_db()
    assert (committed.track, committed.total, committed.committed) == (
        "manufacturing",
        900_000,
        10_000,
    )


def test_a_committed_budget_cannot_be_deleted(admin_client: Client, committed: Budget) -> None:
    """Administrators delete no budget (no permission); a superuser only an uncommitted one."""
    round_ = committed.round
    url = f"{ROUNDS}{round_.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert "NT$10,000" in page and "-DELETE" not in page  # committed, shown read-only
    superuser = client_for(User.objects.create_superuser("boss", password="x" * 12))
    page = superuser.get(url).content.decode()
    assert 'name="budgets-0-DELETE" disabled' in page
    deleting = {"manufacturing": {"DELETE": "on"}, "services": {"DELETE": "on"}}
    data = round_data(round_) | existing_rows(round_, {}, **deleting)
    assert superuser.post(url, data).status_code == 302
    assert set(round_.budgets.values_list("track", flat=True)) == {"manufacturing"}


def test_deleting_a_budget_that_just_committed_is_refused(
    committed: Budget, budgets: dict[str, Budget]
) -> None:
    """A row read with nothing committed has committed since: the formset refuses."""
    round_ = committed.round
    Budget.objects.filter(pk=committed.pk).update(committed=0)
    formset_class = inlineformset_factory(
        Round, Budget, form=BudgetForm, formset=BudgetFormSet, can_delete=True
    )
    deleting = {"manufacturing": {"DELETE": "on"}}
    formset = formset_class(existing_rows(round_, {}, **deleting), instance=round_)
    assert not formset.forms[0].fields["DELETE"].disabled  # built while nothing was committed
    Budget.objects.filter(pk=committed.pk).update(committed=10_000)
    assert not formset.is_valid()
    assert "不能刪除此預算" in str(formset.non_form_errors())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"deadline": dt.datetime(2026, 1, 5, tzinfo=dt.UTC)}, "截止時間須晚於開始受理時間"),
        (
            {"raise_deadline": dt.datetime(2026, 6, 1, tzinfo=dt.UTC)},
            "加碼申請截止不可早於截止時間",
        ),
    ],
)
def test_a_bad_window_is_refused(admin_client: Client, changes: Any, message: str) -> None:
    response = admin_client.post(f"{ROUNDS}add/", round_data(**changes) | budget_rows([]))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Round.objects.filter(name="115年度（2026）").exists()


def test_reviewers_and_applicants_are_sent_to_the_admin_login(reviewer: User) -> None:
    client = client_for(reviewer)
    for path in (ROUNDS, "/admin/applications/application/", "/admin/auth/user/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_history_and_applications_are_read_only(admin_client: Client, committed: Budget) -> None:
    change = StatusChange.objects.order_by("id").last()
    assert change is not None
    url = f"/admin/applications/statuschange/{change.pk}/"
    page = admin_client.get(f"{url}change/").content.decode()
    assert 'name="_save"' not in page and "核定" in page
    assert admin_client.post(f"{url}change/", {"reason": "改"}).status_code == 403
    assert admin_client.get(f"{url}delete/").status_code == 403
    assert admin_client.get("/admin/applications/statuschange/add/").status_code == 403
    listing = admin_client.get("/admin/applications/statuschange/").content.decode()
    assert "delete_selected" not in listing
    application = change.application
    url = f"/admin/applications/application/{application.pk}/"
    assert admin_client.get(f"{url}change/").status_code == 200
    response = admin_client.post(f"{url}change/", {"status": "paid", "approved_amount": "1"})
    assert response.status_code == 403
    assert admin_client.get("/admin/applications/application/add/").status_code == 403
    assert admin_client.get(f"{url}delete/").status_code == 403
    filtered = admin_client.get("/admin/applications/application/?status__exact=approved")
    assert application.firm.name in filtered.content.decode()
    firm_url = f"/admin/applications/firm/{application.firm.pk}/change/"
    assert admin_client.post(firm_url, {"name": "改名"}).status_code == 403


def test_administrator_makes_a_staff_account(admin_client: Client, administrator: User) -> None:
    data = {
        "username": "reviewer7",
        "usable_password": "true",
        "password1": "kD8#vq2-Lm9x",
        "password2": "kD8#vq2-Lm9x",
    }
    response = admin_client.post("/admin/auth/user/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    made = User.objects.get(username="reviewer7")
    page = admin_client.get(f"/admin/auth/user/{made.pk}/change/").content.decode()
    assert 'name="groups"' in page and 'name="is_staff"' in page
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
    boss = User.objects.create_superuser("boss", password="x" * 12)
    url = f"/admin/auth/user/{boss.pk}/"
    assert 'name="_save"' not in admin_client.get(f"{url}change/").content.decode()
    assert admin_client.post(f"{url}change/", {"username": "boss"}).status_code == 403
    assert admin_client.get(f"{url}password/").status_code == 403


def _groups_offered(page: str) -> set[str]:
    """The group names the user page's ``groups`` select offers."""
    return {g.name for g in Group.objects.all() if f">{g.name}</option>" in page}


def test_an_administrator_cannot_grant_itself_money_roles(
    admin_client: Client, administrator: User
) -> None:
    url = f"/admin/auth/user/{administrator.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert 'name="groups"' not in page  # its own groups: not shown
    finance = Group.objects.get_or_create(name=roles.FINANCE)[0]
    data = {"username": "admin1", "is_active": "on", "is_staff": "on", "groups": [finance.pk]}
    data |= {"date_joined_0": "2025-01-01", "date_joined_1": "00:00:00"}
    admin_client.post(url, data)
    assert not administrator.groups.filter(name=roles.FINANCE).exists()
    assert administrator.groups.filter(name=roles.ADMINISTRATOR).exists()


def test_money_roles_are_granted_by_a_superuser_only(
    admin_client: Client, make_firm: Callable[..., Any]
) -> None:
    for name in roles.GROUPS:
        Group.objects.get_or_create(name=name)
    staff = user("staff9")
    page = admin_client.get(f"/admin/auth/user/{staff.pk}/change/").content.decode()
    offered = _groups_offered(page)
    assert roles.ADMINISTRATOR in offered and not offered & set(roles.MONEY_ROLES)
    finance = Group.objects.get(name=roles.FINANCE)
    data = {"username": "staff9", "is_active": "on", "groups": [finance.pk]}
    data |= {"date_joined_0": "2025-01-01", "date_joined_1": "00:00:00"}
    response = admin_client.post(f"/admin/auth/user/{staff.pk}/change/", data)
    assert response.status_code == 200 and "finance" not in _groups_offered(
        response.content.decode()
    )
    assert not staff.groups.exists()
    boss = client_for(User.objects.create_superuser("boss", password="x" * 12))
    assert roles.FINANCE in _groups_offered(
        boss.get(f"/admin/auth/user/{staff.pk}/change/").content.decode()
    )


def test_money_role_holders_and_firms_cannot_be_taken_over(
    admin_client: Client, reviewer: User, make_firm: Callable[..., Any]
) -> None:
    firm_user = make_firm().user
    for account in (reviewer, firm_user):
        url = f"/admin/auth/user/{account.pk}/"
        assert 'name="_save"' not in admin_client.get(f"{url}change/").content.decode()
        data = {"password1": "kD8#vq2-Lm9x", "password2": "kD8#vq2-Lm9x"}
        assert admin_client.post(f"{url}password/", data).status_code == 403
        assert admin_client.post(f"{url}delete/", {"post": "yes"}).status_code == 403
    boss = client_for(User.objects.create_superuser("boss", password="x" * 12))
    url = f"/admin/auth/user/{firm_user.pk}/"
    assert boss.get(f"{url}password/").status_code == 403  # firms: read-only for everyone
    assert boss.get(f"/admin/auth/user/{reviewer.pk}/password/").status_code == 200
