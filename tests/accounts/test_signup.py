"""Sign-up: an inactive user and its firm, the verification mail and its single-use link,
each refusal naming its field and writing nothing, the resend page."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client

from smewindow.accounts.services import AccountTaken, account_create
from smewindow.applications import roles
from smewindow.applications.models import Firm

from .conftest import PASSWORD, link_in, main_of, path_of, press_button, sent, signup_data

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int]:
    return User.objects.count(), Firm.objects.count()


def test_signup_makes_an_inactive_user_and_its_firm_and_mails_the_link() -> None:
    client = Client()
    data = signup_data(email="  Owner@Example.TW ", business_id=" 04595257 ")
    response = client.post("/accounts/signup", data)
    assert response.status_code == 302 and response["Location"] == "/accounts/signup/sent"
    account = User.objects.get(username="04595257")
    assert not account.is_active and account.email == "owner@example.tw"
    assert account.check_password(PASSWORD)
    assert account.groups.filter(name=roles.APPLICANT).exists()
    firm = Firm.objects.get(user=account)
    assert (firm.business_id, firm.name, firm.county, firm.industry) == (
        "04595257",
        data["name"],
        "臺中市",
        "25",
    )
    [message] = sent()
    assert message.to == ["owner@example.tw"] and "/accounts/verify/" in link_in(message)
    assert "驗證" in message.subject and "verify" in message.subject
    page = client.get("/accounts/signup/sent").content.decode()
    assert "請至信箱點選驗證連結" in page and "owner@example.tw" in page
    assert "開發模式" not in page  # DEBUG is off in the tests


def test_opening_the_link_only_shows_the_button() -> None:
    """A mail scanner that opens the link (GET, HEAD) does not use it up."""
    client = Client()
    client.post("/accounts/signup", signup_data())
    link = path_of(link_in(sent()[0]))
    for _ in range(2):
        response = Client().get(link)
        page = main_of(response)
        assert response.status_code == 200 and "完成驗證" in page and "<button" in page
        assert 'method="post"' in page and 'name="csrfmiddlewaretoken"' in page
        assert Client().head(link).status_code == 405  # not a way in either
    account = User.objects.get(email=sent()[0].to[0])
    assert not account.is_active and account.last_login is None


def test_the_button_activates_logs_in_and_works_once() -> None:
    client = Client()
    client.post("/accounts/signup", signup_data())
    link = path_of(link_in(sent()[0]))
    response = press_button(client, link)
    assert response.status_code == 302 and response["Location"] == "/apply/"
    assert User.objects.get(email=sent()[0].to[0]).is_active
    assert client.get("/apply/").status_code == 200  # logged in
    for again in (Client().get(link), Client().post(link)):
        page = again.content.decode()
        assert again.status_code == 200 and "驗證連結無效" in page
        assert "/accounts/verify/resend" in page and "_auth_user_id" not in again.client.session


def test_the_button_needs_the_csrf_token() -> None:
    Client().post("/accounts/signup", signup_data())
    link = path_of(link_in(sent()[0]))
    client = Client(enforce_csrf_checks=True)
    assert client.post(link).status_code == 403
    assert not User.objects.get(email=sent()[0].to[0]).is_active
    assert press_button(client, link).status_code == 302  # the page's token


def test_an_altered_link_is_refused() -> None:
    Client().post("/accounts/signup", signup_data())
    link = path_of(link_in(sent()[0]))
    for response in (Client().get(link[:-3] + "abc"), Client().post(link[:-3] + "abc")):
        assert "驗證連結無效" in response.content.decode()
    assert not User.objects.get(email=sent()[0].to[0]).is_active


def test_next_rides_through_the_mail_and_only_when_safe() -> None:
    client = Client()
    client.post("/accounts/signup", signup_data(next="/apply/new?state=abc"))
    assert press_button(client, path_of(link_in(sent()[0])))["Location"] == ("/apply/new?state=abc")
    client = Client()
    client.post("/accounts/signup", signup_data(next="https://evil.example/"))
    link = link_in(sent()[1])
    assert "evil" not in link
    assert 'name="next" value=""' in main_of(client.get(path_of(link)))
    forged = client.post(path_of(link), {"next": "https://evil.example/"})
    assert forged["Location"] == "/apply/"  # the POST's next is checked too


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"business_id": "12345678"}, "business_id", "統一編號："),
        ({"business_id": "1234567"}, "business_id", "統一編號："),
        ({"business_id": ""}, "business_id", "統一編號：必填"),
        ({"name": "   "}, "name", "企業名稱："),
        ({"county": "東京都"}, "county", "所在縣市："),
        ({"industry": "99"}, "industry", "行業："),
        ({"email": "not-an-address"}, "email", "電子郵件："),
        ({"password1": "short1", "password2": "short1"}, "password1", "密碼：至少需 10 個字元"),
        ({"password1": "1234567890123", "password2": "1234567890123"}, "password1", "不可全為數字"),
        ({"password1": "password1234", "password2": "password1234"}, "password1", "太常見"),
        ({"password2": "另一個密碼-2025-安全"}, "password2", "確認密碼：兩次輸入的密碼不一致"),
    ],
)
def test_a_bad_field_is_named_and_nothing_is_written(
    changes: dict[str, str], field: str, message: str
) -> None:
    before = counts()
    response = Client().post("/accounts/signup", signup_data(**changes))
    page = response.content.decode()
    assert response.status_code == 422 and message in page
    assert f'id="{field}-error"' in page
    assert counts() == before and sent() == []


def test_a_password_like_the_email_is_refused() -> None:
    data = signup_data(email="qwertyuiop@example.tw")
    data["password1"] = data["password2"] = "qwertyuiop@example"
    response = Client().post("/accounts/signup", data)
    assert "密碼：與帳號或電子郵件太相似" in response.content.decode()


def test_a_business_id_registered_already_is_refused() -> None:
    first = signup_data(email="taken@example.tw")
    Client().post("/accounts/signup", first)
    before = counts()
    same_id = Client().post("/accounts/signup", signup_data(business_id=first["business_id"]))
    assert same_id.status_code == 422 and "統一編號：已有帳號" in same_id.content.decode()
    assert counts() == before and len(sent()) == 1


def test_a_taken_email_is_answered_as_a_new_one_and_its_owner_is_mailed() -> None:
    """No enumeration: the same redirect and page for a taken e-mail as for a new one; the
    address's owner gets the 'you already have an account' notice, nothing is written."""
    owner = User.objects.create_user("staff1", email="taken@example.tw", password=PASSWORD)
    owner.last_login = owner.date_joined
    owner.save()
    before = counts()
    client = Client()
    taken = client.post("/accounts/signup", signup_data(email="TAKEN@Example.tw"))
    new = Client().post("/accounts/signup", signup_data(email="new@example.tw"))
    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    assert "taken@example.tw" in client.get(taken["Location"]).content.decode()
    assert counts() == (before[0] + 1, before[1] + 1)  # only the new address's account
    notice, verification = sent()
    assert notice.to == ["taken@example.tw"] and "已有帳號" in notice.subject
    assert "/accounts/login/" in notice.body and "/accounts/password-reset/" in notice.body
    assert verification.to == ["new@example.tw"]


def test_a_taken_unverified_email_gets_its_link_again() -> None:
    Client().post("/accounts/signup", signup_data(email="slow@example.tw"))
    again = Client().post("/accounts/signup", signup_data(email="slow@example.tw"))
    assert again.status_code == 302
    first, second = sent()
    assert first.to == second.to == ["slow@example.tw"] and "/accounts/verify/" in link_in(second)


def test_the_database_keeps_one_user_per_email_whatever_its_case() -> None:
    User.objects.create_user("staff1", email="Desk@Example.tw")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("staff2", email="desk@example.TW")
    User.objects.create_user("staff3", email="")
    User.objects.create_user("staff4", email="")  # no address: not unique


def test_the_service_refuses_a_taken_email_and_writes_nothing() -> None:
    User.objects.create_user("staff1", email="desk@example.tw")
    before = counts()
    data = signup_data()
    with pytest.raises(AccountTaken) as taken:
        account_create(
            business_id=data["business_id"],
            name="競態企業",
            county="臺中市",
            industry="25",
            email="DESK@example.tw",
            password=PASSWORD,
        )
    assert taken.value.field == "email" and counts() == before


def test_the_sent_page_names_the_mail_folder_in_development(settings: Any) -> None:
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    client = Client()
    client.post("/accounts/signup", signup_data())
    page = client.get("/accounts/signup/sent").content.decode()
    assert "開發模式" in page and str(settings.EMAIL_FILE_PATH) in page


def test_the_form_says_who_may_apply_and_lists_counties_and_industries() -> None:
    page = Client().get("/accounts/signup?next=/apply/new").content.decode()
    assert "只受理製造業或服務業" in page and "臺中市" in page and "25 金屬製品製造業" in page
    assert 'name="next" value="/apply/new"' in page and 'name="csrfmiddlewaretoken"' in page


def test_resend_answers_the_same_and_mails_only_an_unverified_account(
    firm_user: User,
) -> None:
    Client().post("/accounts/signup", signup_data(email="waiting@example.tw"))
    sent()  # the sign-up's own mail
    mail.outbox.clear()
    pages = []
    for address in ("WAITING@example.tw", "nobody@example.tw", firm_user.email):
        client = Client()
        response = client.post("/accounts/verify/resend", {"email": address})
        assert response.status_code == 302
        pages.append(main_of(client.get(response["Location"])))
    assert pages[0] == pages[1] == pages[2]
    assert [m.to for m in sent()] == [["waiting@example.tw"]]
    Client().post("/accounts/verify/resend", {"email": "waiting@example.tw"})
    assert len(sent()) == 1  # once a minute at most


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accounts/signup", "Sign up your firm"),
        ("/accounts/signup/sent", "Open the verification link in your e-mail"),
        ("/accounts/verify/resend", "Send the verification e-mail again"),
        ("/accounts/verify/MQ/bad-token", "Verification link not valid"),
        ("/accounts/login/", "Log in"),
        ("/accounts/password-reset/", "Forgot the password?"),
        ("/accounts/password-reset/sent", "Check your e-mail"),
        ("/accounts/password-reset/MQ/bad-token/", "Choose a new password"),
        ("/accounts/password-reset/done", "Your password has been reset"),
    ],
)
def test_every_page_in_english(path: str, heading: str) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(path)
    page = response.content.decode()
    assert response.status_code == 200 and f"<h1>{heading}</h1>" in page
    assert 'lang="en"' in page


def test_the_industries_in_english() -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/accounts/signup").content.decode()
    assert 'optgroup label="Manufacturing"' in page
    assert "for manufacturing and service firms only" in page


def test_the_firm_name_loses_its_bidi_controls() -> None:
    data = signup_data(name="好\u202e司公\u200f限有")
    assert Client().post("/accounts/signup", data).status_code == 302
    assert Firm.objects.get(business_id=data["business_id"]).name == "好司公限有"
    only_controls = Client().post("/accounts/signup", signup_data(name="\u202e\u2067"))
    assert (
        only_controls.status_code == 422
        and "企業名稱：請填寫名稱" in only_controls.content.decode()
    )
