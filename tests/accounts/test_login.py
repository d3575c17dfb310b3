"""Login by e-mail, 統一編號 or username; one message for any failure; the unverified
account; the lockout (django-axes) per identifier and IP; next; CSRF; logout; the header's
links; the page for a user without a firm."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib.auth.models import User
from django.db.models import F
from django.test import Client
from django.utils import timezone

from smewindow.accounts.forms import LoginForm
from smewindow.applications.models import Firm

from .conftest import PASSWORD, log_in, main_of, signup_data

pytestmark = pytest.mark.django_db

GENERIC = "帳號或密碼不正確"


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("identifier", ["firm@example.tw", "  FIRM@Example.TW ", "business_id"])
def test_a_firm_logs_in_by_email_or_business_id(firm_user: User, identifier: str) -> None:
    if identifier == "business_id":
        identifier = Firm.objects.get(user=firm_user).business_id
    client = Client()
    response = log_in(client, identifier)
    assert response.status_code == 302 and response["Location"] == "/apply/"
    assert logged_in(client) and client.get("/apply/").status_code == 200


def test_staff_log_in_by_username_and_land_on_their_page(reviewer_user: User) -> None:
    client = Client()
    response = log_in(client, "reviewer1")
    assert response["Location"] == "/review/" and logged_in(client)


def test_an_unverified_account_is_asked_to_verify() -> None:
    data = signup_data()
    Client().post("/accounts/signup", data)
    client = Client()
    response = log_in(client, data["email"])
    page = response.content.decode()
    assert response.status_code == 200 and "請先完成電子郵件驗證" in page
    assert "/accounts/verify/resend" in page and not logged_in(client)
    wrong = log_in(Client(), data["email"], "not-the-password")
    assert "請先完成電子郵件驗證" not in wrong.content.decode()  # only with the password


def test_every_failure_gets_the_same_message(firm_user: User) -> None:
    answers = [
        log_in(Client(), "firm@example.tw", "wrong-password"),
        log_in(Client(), "nobody@example.tw", PASSWORD),
        log_in(Client(), "12345675", PASSWORD),
        log_in(Client(), "someone", PASSWORD),
    ]
    errors = {
        re.search(r'<div class="error" role="alert">.*?</div>', main_of(a), re.S) for a in answers
    }
    texts = {e.group(0) for e in errors if e}
    assert len(texts) == 1 and GENERIC in texts.pop()
    assert all(a.status_code == 200 for a in answers)


def test_a_deactivated_account_gets_the_generic_message(firm_user: User) -> None:
    firm_user.is_active, firm_user.last_login = False, timezone.now()  # had logged in
    firm_user.save()
    response = log_in(Client(), "firm@example.tw")
    assert GENERIC in response.content.decode()


def test_five_failures_lock_the_identifier_from_that_address(firm_user: User) -> None:
    client = Client()
    variants = ["firm@example.tw", "FIRM@example.tw", " firm@example.tw", "Firm@Example.TW"]
    for identifier in variants:  # the variants count together
        assert log_in(client, identifier, "wrong-password").status_code == 200
    fifth = log_in(client, "firm@example.tw", "wrong-password")
    assert fifth.status_code == 429
    sixth = log_in(client, "firm@example.tw", PASSWORD)  # the right password, still locked
    page = sixth.content.decode()
    assert sixth.status_code == 429 and "暫停登入" in page and "臺灣時間" in page
    assert not logged_in(client)
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert log_in(other, "firm@example.tw")["Location"] == "/apply/"


def test_the_lock_ends_after_15_minutes(firm_user: User) -> None:
    client = Client()
    for _ in range(5):
        log_in(client, "firm@example.tw", "wrong-password")
    assert log_in(client, "firm@example.tw").status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=16))
    assert log_in(client, "firm@example.tw").status_code == 302


def test_axes_reset_unlocks(firm_user: User) -> None:
    client = Client()
    for _ in range(5):
        log_in(client, "firm@example.tw", "wrong-password")
    assert log_in(client, "firm@example.tw").status_code == 429
    reset(username="firm@example.tw")
    assert log_in(client, "firm@example.tw").status_code == 302


def test_a_success_clears_the_failures(firm_user: User) -> None:
    client = Client()
    for _ in range(4):
        log_in(client, "firm@example.tw", "wrong-password")
    assert log_in(client, "FIRM@example.tw").status_code == 302
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize(
    ("next_url", "landing"),
    [
        ("/apply/new?state=abc", "/apply/new?state=abc"),
        ("https://evil.example/steal", "/apply/"),
        ("//evil.example/", "/apply/"),
    ],
)
def test_next_is_followed_only_on_this_site(firm_user: User, next_url: str, landing: str) -> None:
    data = {"username": "firm@example.tw", "password": PASSWORD, "next": next_url}
    response = Client().post("/accounts/login/", data)
    assert response["Location"] == landing


def test_forms_need_the_csrf_token(firm_user: User) -> None:
    client = Client(enforce_csrf_checks=True)
    assert log_in(client, "firm@example.tw").status_code == 403
    assert client.post("/accounts/signup", signup_data()).status_code == 403
    assert client.post("/accounts/password-reset/", {"email": "firm@example.tw"}).status_code == 403
    page = client.get("/accounts/login/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in page


def test_logout_needs_post(firm_user: User) -> None:
    client = Client()
    log_in(client, "firm@example.tw")
    assert client.get("/accounts/logout").status_code == 405 and logged_in(client)
    response = client.post("/accounts/logout")
    assert response.status_code == 302 and not logged_in(client)


def test_the_header_links(firm_user: User, reviewer_user: User) -> None:
    anonymous = Client().get("/").content.decode()
    assert 'href="/accounts/login/"' in anonymous and 'href="/accounts/signup"' in anonymous
    firm = Client()
    firm.force_login(firm_user)
    page = firm.get("/").content.decode()
    assert ">我的申請</a>" in page and 'action="/accounts/logout"' in page
    assert 'href="/accounts/login/"' not in page
    staff = Client()
    staff.force_login(reviewer_user)
    page = staff.get("/").content.decode()
    assert 'href="/review/">審查</a>' in page and ">我的申請</a>" not in page


def test_a_user_without_a_firm_gets_a_clear_page(reviewer_user: User) -> None:
    client = Client()
    client.force_login(reviewer_user)
    response = client.get("/apply/")
    assert response.status_code == 302 and response["Location"] == "/accounts/no-firm"
    page = client.get("/accounts/no-firm").content.decode()
    assert "此帳號沒有登記企業" in page and 'href="/review/"' in page


def test_the_login_field_names_are_username_and_password() -> None:
    assert set(LoginForm().fields) == {"username", "password"}
