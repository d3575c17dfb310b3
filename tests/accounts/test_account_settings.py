"""The account's settings while logged in: the header's link, the password change (the
session stays), the e-mail change (confirmed from the new address, a notice to the old one,
nothing changed on any error)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from smewindow.accounts import tokens
from smewindow.accounts.services import AccountTaken, account_email_change

from .conftest import PASSWORD, link_in, log_in, main_of, path_of, press_button, sent

pytestmark = pytest.mark.django_db

NEW = "新的密碼-2026-更安全"


def logged_in_as(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_header_links_to_the_settings_page(firm_user: User) -> None:
    client = logged_in_as(firm_user)
    assert 'href="/accounts/">帳號設定</a>' in client.get("/apply/").content.decode()
    page = main_of(client.get("/accounts/"))
    assert "firm@example.tw" in page
    assert 'href="/accounts/password"' in page and 'href="/accounts/email"' in page
    assert "帳號設定" not in Client().get("/").content.decode()


@pytest.mark.parametrize("path", ["/accounts/", "/accounts/password", "/accounts/email"])
def test_the_settings_need_a_login(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_the_password_changes_and_the_session_stays(firm_user: User) -> None:
    client = logged_in_as(firm_user)
    other = logged_in_as(firm_user)  # another browser of the same account
    data = {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    response = client.post("/accounts/password", data)
    assert response["Location"] == "/accounts/password/done"
    assert "密碼已變更" in client.get(response["Location"]).content.decode()
    assert client.get("/apply/").status_code == 200  # still logged in
    assert other.get("/apply/").status_code == 302  # the other session ended
    assert log_in(Client(), "firm@example.tw", NEW).status_code == 302


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"old_password": "not-the-password"}, "目前的密碼：不正確 (current password: incorrect)"),
        ({"old_password": ""}, "目前的密碼：必填 (required)"),
        ({"new_password1": "12345", "new_password2": "12345"}, "密碼：至少需 10 個字元"),
        ({"new_password2": NEW + "x"}, "確認密碼：兩次輸入的密碼不一致"),
    ],
)
def test_a_refused_password_change_names_the_field_and_changes_nothing(
    firm_user: User, changes: dict[str, str], message: str
) -> None:
    data = {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW, **changes}
    response = logged_in_as(firm_user).post("/accounts/password", data)
    assert response.status_code == 200 and message in response.content.decode()
    firm_user.refresh_from_db()
    assert firm_user.check_password(PASSWORD)


def request_email_change(client: Client, email: str, password: str = PASSWORD) -> Any:
    return client.post("/accounts/email", {"email": email, "password": password})


def test_the_email_changes_only_when_the_new_address_confirms(firm_user: User) -> None:
    client = logged_in_as(firm_user)
    response = request_email_change(client, "  New@Example.TW ")
    assert response["Location"] == "/accounts/email/sent"
    assert "new@example.tw" in main_of(client.get(response["Location"]))
    [message] = sent()
    assert message.to == ["new@example.tw"] and "確認變更電子郵件" in message.subject
    firm_user.refresh_from_db()
    assert firm_user.email == "firm@example.tw"  # not yet
    link = path_of(link_in(message))
    for _ in range(2):  # opening the link (a mail scanner) changes nothing
        page = main_of(Client().get(link))
        assert "確認變更" in page and "new@example.tw" in page
    firm_user.refresh_from_db()
    assert firm_user.email == "firm@example.tw"
    done = press_button(Client(), link)  # works on another device, not logged in
    assert done["Location"] == "/accounts/email/done"
    firm_user.refresh_from_db()
    assert firm_user.email == "new@example.tw"
    notice = sent()[1]
    assert notice.to == ["firm@example.tw"] and "new@example.tw" in notice.body
    assert "電子郵件已變更" in notice.subject and "0800-056-476" in notice.body
    assert client.get("/apply/").status_code == 200  # the session stays
    assert log_in(Client(), "NEW@example.tw").status_code == 302
    assert log_in(Client(), "firm@example.tw").status_code == 200
    for again in (Client().get(link), Client().post(link)):  # used: the address changed
        assert "確認連結無效" in again.content.decode()
    assert len(sent()) == 2


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("new@example.tw", "not-the-password", "目前的密碼：不正確"),
        ("new@example.tw", "", "目前的密碼：必填"),
        ("not-an-address", PASSWORD, "電子郵件：格式不正確"),
        ("FIRM@example.tw", PASSWORD, "電子郵件：與目前的電子郵件相同"),
        ("Taken@example.tw", PASSWORD, "電子郵件：已被其他帳號使用"),
    ],
)
def test_a_refused_email_change_names_the_field_and_sends_nothing(
    firm_user: User, email: str, password: str, message: str
) -> None:
    User.objects.create_user("staff1", email="taken@example.tw")
    response = request_email_change(logged_in_as(firm_user), email, password)
    assert response.status_code == 422 and message in response.content.decode()
    firm_user.refresh_from_db()
    assert firm_user.email == "firm@example.tw" and sent() == []


def test_a_link_for_an_address_taken_meanwhile_changes_nothing(firm_user: User) -> None:
    request_email_change(logged_in_as(firm_user), "new@example.tw")
    link = path_of(link_in(sent()[0]))
    User.objects.create_user("staff1", email="NEW@example.tw")
    response = press_button(Client(), link)
    assert response.status_code == 409 and "已被其他帳號使用" in response.content.decode()
    firm_user.refresh_from_db()
    assert firm_user.email == "firm@example.tw" and len(sent()) == 1


def test_only_the_newest_address_change_can_win(firm_user: User) -> None:
    """Two links asked for: once one is confirmed, the other is no longer valid."""
    client = logged_in_as(firm_user)
    request_email_change(client, "first@example.tw")
    request_email_change(client, "second@example.tw")
    first, second = (path_of(link_in(m)) for m in sent())
    assert press_button(Client(), second)["Location"] == "/accounts/email/done"
    assert "確認連結無效" in Client().post(first).content.decode()
    firm_user.refresh_from_db()
    assert firm_user.email == "second@example.tw"


def test_a_token_is_bound_to_its_user_and_expires(firm_user: User, settings: Any) -> None:
    token = tokens.email_change_token(firm_user, "new@example.tw")
    other = User.objects.create_user("staff1", email="staff@example.tw")
    assert tokens.email_change_address(firm_user, token) == "new@example.tw"
    assert tokens.email_change_address(other, token) is None
    assert tokens.email_change_address(firm_user, token[:-2] + "xx") is None
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert tokens.email_change_address(firm_user, token) is None
    assert account_email_change(user_id=firm_user.pk, token=token) is None


def test_an_inactive_user_cannot_confirm(firm_user: User) -> None:
    token = tokens.email_change_token(firm_user, "new@example.tw")
    User.objects.filter(pk=firm_user.pk).update(is_active=False)
    assert account_email_change(user_id=firm_user.pk, token=token) is None


def test_the_service_refuses_a_taken_address(firm_user: User) -> None:
    token = tokens.email_change_token(firm_user, "new@example.tw")
    User.objects.create_user("staff1", email="new@example.tw")
    with pytest.raises(AccountTaken):
        account_email_change(user_id=firm_user.pk, token=token)
    firm_user.refresh_from_db()
    assert firm_user.email == "firm@example.tw"


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accounts/", "Account settings"),
        ("/accounts/password", "Change the password"),
        ("/accounts/password/done", "Your password has been changed"),
        ("/accounts/email", "Change the e-mail address"),
        ("/accounts/email/sent", "Confirm in your new mailbox"),
        ("/accounts/email/confirm/MQ/bad-token", "Confirmation link not valid"),
        ("/accounts/email/done", "Your e-mail address has been changed"),
    ],
)
def test_every_settings_page_in_english(firm_user: User, path: str, heading: str) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(firm_user)
    response = client.get(path)
    assert response.status_code == 200 and f"<h1>{heading}</h1>" in response.content.decode()
