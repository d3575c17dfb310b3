"""Password reset by e-mail: the bilingual mail, the single-use link, the new password; the
same answer for an unknown address."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from .conftest import PASSWORD, link_in, log_in, main_of, path_of, sent

pytestmark = pytest.mark.django_db

NEW = "新的密碼-2026-更安全"


def test_the_whole_reset(firm_user: User) -> None:
    client = Client()
    response = client.post("/accounts/password-reset/", {"email": "FIRM@example.tw"})
    assert response["Location"] == "/accounts/password-reset/sent"
    [message] = sent()
    assert message.to == ["firm@example.tw"]
    assert "重設密碼" in message.subject and "reset your password" in message.subject
    assert "如果不是您本人申請" in message.body and "If it was not you" in message.body
    link = path_of(link_in(message))
    form = client.get(link, follow=True)
    assert "設定新密碼" in form.content.decode()
    set_password_url = form.redirect_chain[-1][0]
    mismatch = client.post(set_password_url, {"new_password1": NEW, "new_password2": NEW + "x"})
    assert "確認密碼：兩次輸入的密碼不一致" in mismatch.content.decode()
    done = client.post(set_password_url, {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == "/accounts/password-reset/done"
    assert "密碼已重設" in client.get(done["Location"]).content.decode()
    assert log_in(Client(), "firm@example.tw", NEW).status_code == 302
    assert log_in(Client(), "firm@example.tw", PASSWORD).status_code == 200
    again = Client().get(link, follow=True)
    assert "這個連結已經使用過" in again.content.decode()


def test_a_weak_new_password_is_refused(firm_user: User) -> None:
    client = Client()
    client.post("/accounts/password-reset/", {"email": "firm@example.tw"})
    form = client.get(path_of(link_in(sent()[0])), follow=True)
    url = form.redirect_chain[-1][0]
    response = client.post(url, {"new_password1": "12345", "new_password2": "12345"})
    assert "密碼：至少需 10 個字元" in response.content.decode()
    firm_user.refresh_from_db()
    assert firm_user.check_password(PASSWORD)


def test_an_unknown_address_gets_the_same_answer(firm_user: User) -> None:
    known = Client().post("/accounts/password-reset/", {"email": "firm@example.tw"}, follow=True)
    unknown = Client().post("/accounts/password-reset/", {"email": "x@example.tw"}, follow=True)
    assert main_of(known) == main_of(unknown) and len(sent()) == 1
