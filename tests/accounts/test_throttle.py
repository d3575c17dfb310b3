"""Limits per client IP (sign-ups; verification, reset and e-mail change mails) and the
client IP behind reverse proxies (SMEWINDOW_PROXY_COUNT), for the limits and for axes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client, RequestFactory
from django.utils import timezone

from smewindow.applications.models import Firm
from smewindow.throttle import client_ip, over_limit

from .conftest import PASSWORD, log_in, sent, signup_data

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int]:
    return User.objects.count(), Firm.objects.count()


def test_sign_ups_per_ip_are_limited_and_the_next_writes_nothing(settings: Any) -> None:
    settings.SMEWINDOW_SIGNUPS_PER_HOUR = 2
    for _ in range(2):
        assert Client().post("/accounts/signup", signup_data()).status_code == 302
    assert Client().post("/accounts/signup", signup_data(email="x")).status_code == 422
    before, mailed = counts(), len(sent())
    response = Client().post("/accounts/signup", signup_data())
    page = response.content.decode()
    assert response.status_code == 429 and "請稍後再試" in page and "每小時 2 次" in page
    assert "（臺灣時間）之後再試" in page and 0 < int(response["Retry-After"]) <= 3600
    assert counts() == before and len(sent()) == mailed
    other = Client(REMOTE_ADDR="10.0.0.2").post("/accounts/signup", signup_data())
    assert other.status_code == 302  # another address has its own count


def test_invalid_sign_ups_count_in_their_own_limit(settings: Any) -> None:
    settings.SMEWINDOW_SIGNUP_TRIES_PER_HOUR = 3
    for _ in range(3):
        assert Client().post("/accounts/signup", signup_data(email="x")).status_code == 422
    before = counts()
    assert Client().post("/accounts/signup", signup_data()).status_code == 429
    assert counts() == before
    assert Client(REMOTE_ADDR="10.0.0.2").post("/accounts/signup", signup_data()).status_code == 302


def test_the_limit_page_in_english(settings: Any) -> None:
    settings.SMEWINDOW_SIGNUPS_PER_HOUR = 0
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post("/accounts/signup", signup_data())
    page = response.content.decode()
    assert response.status_code == 429 and "<h1>Please try again later</h1>" in page
    assert "(Taiwan time)" in page and 'lang="en"' in page


def test_mails_per_ip_are_limited_whichever_page_asks(firm_user: User, settings: Any) -> None:
    settings.SMEWINDOW_MAILS_PER_HOUR = 3
    client = Client()
    client.force_login(firm_user)
    asks = [
        ("/accounts/password-reset/", {"email": "firm@example.tw"}),
        ("/accounts/verify/resend", {"email": "nobody@example.tw"}),  # counts, sends nothing
        ("/accounts/email", {"email": "new@example.tw", "password": PASSWORD}),
    ]
    for path, data in asks:
        assert client.post(path, data).status_code == 302
    assert len(sent()) == 2
    for path, data in asks:
        response = client.post(path, data)
        assert response.status_code == 429 and "請稍後再試" in response.content.decode()
    assert len(sent()) == 2


def test_the_count_ends_with_the_clock_hour() -> None:
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.3")
    now = timezone.now()
    assert over_limit(request, "test", 1) is None
    until = over_limit(request, "test", 1)
    assert until is not None and until.minute == until.second == 0
    assert now < until <= now + dt.timedelta(hours=1)


def ip_of(settings: Any, proxies: int, forwarded: str | None) -> str:
    settings.SMEWINDOW_PROXY_COUNT = proxies
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **extra))


@pytest.mark.parametrize(
    ("proxies", "forwarded", "ip"),
    [
        (0, None, "10.0.0.1"),
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy: the header is the client's, ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # the client's own entry is not used
        (2, "1.2.3.4, 203.0.113.9, 192.168.0.5", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.1"),  # shorter than the proxies: REMOTE_ADDR
        (1, None, "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "1.2.3.4, not-an-ip", "10.0.0.1"),
        (1, "1.2.3.4,2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_ip(settings: Any, proxies: int, forwarded: str | None, ip: str) -> None:
    assert ip_of(settings, proxies, forwarded) == ip


def fail_five_times(client: Client, **extra: Any) -> None:
    for _ in range(5):
        log_in(client, "firm@example.tw", "not-the-password", **extra)


def test_behind_a_proxy_axes_locks_the_client_not_the_proxy(firm_user: User, settings: Any) -> None:
    settings.SMEWINDOW_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    fail_five_times(Client(**proxy), HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    locked = log_in(Client(**proxy), "firm@example.tw", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert locked.status_code == 429
    other = log_in(Client(**proxy), "firm@example.tw", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.status_code == 302  # another client behind the same proxy


def test_without_a_proxy_a_forged_header_does_not_escape_the_lock(
    firm_user: User, settings: Any
) -> None:
    settings.SMEWINDOW_PROXY_COUNT = 0
    fail_five_times(Client(), HTTP_X_FORWARDED_FOR="203.0.113.9")
    forged = log_in(Client(), "firm@example.tw", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert forged.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_behind_a_proxy_sign_ups_count_per_client(settings: Any) -> None:
    settings.SMEWINDOW_PROXY_COUNT = 1
    settings.SMEWINDOW_SIGNUPS_PER_HOUR = 1
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    first = proxy.post("/accounts/signup", signup_data(), HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert first.status_code == 302
    again = proxy.post("/accounts/signup", signup_data(), HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert again.status_code == 429
    other = proxy.post("/accounts/signup", signup_data(), HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.status_code == 302
