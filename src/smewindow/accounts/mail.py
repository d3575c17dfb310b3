"""The account e-mails, in Chinese then English: the verification link, the password reset
link, the e-mail change link (to the new address) and its notice (to the old one), and the
notice that a sign-up gave an address that has an account already. Plain text; queued in
the outbox within the caller's transaction (``smewindow.outbox``), then sent through
Django's EMAIL_BACKEND (files under var/mail in development)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from smewindow.accounts.tokens import email_change_token, verification_token
from smewindow.outbox.services import queue

SITE = "中小微企業單一窗口 SME Window"


def link_days() -> int:
    """How long a link works (Django's PASSWORD_RESET_TIMEOUT, for both links), in days."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


def verification_link(request: HttpRequest, user: User, next_url: str = "") -> str:
    """The absolute link that activates ``user``; ``next_url`` (already checked safe) rides
    along as ?next=."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:verify", args=[uid, verification_token.make_token(user)])
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    return request.build_absolute_uri(path + query)


def send_verification(request: HttpRequest, user: User, next_url: str = "") -> None:
    link, days = verification_link(request, user, next_url), link_days()
    body = (
        f"您好：\n\n您在{SITE}註冊了帳號（統一編號 {user.username}）。"
        f"請點選下列連結完成電子郵件驗證，連結 {days} 天內有效、只能使用一次：\n\n{link}\n\n"
        "如果您沒有註冊，請忽略這封信。\n\n"
        f"You signed up at {SITE} (business ID {user.username}). Open the link above to "
        f"verify your e-mail address; it works once, within {days} days. "
        "If you did not sign up, ignore this message.\n"
    )
    subject = f"請驗證您的電子郵件 (verify your e-mail address)｜{SITE}"
    queue(subject, body, [user.email])


def send_password_reset(to: str, link: str) -> None:
    days = link_days()
    body = (
        f"您好：\n\n有人為此電子郵件在{SITE}申請重設密碼。請點選下列連結設定新密碼，"
        f"連結 {days} 天內有效、只能使用一次：\n\n{link}\n\n"
        "如果不是您本人申請，請忽略這封信，密碼不會改變。\n\n"
        f"Someone asked to reset the password of this e-mail address at {SITE}. Open the "
        f"link above to choose a new password; it works once, within {days} days. "
        "If it was not you, ignore this message: the password stays as it is.\n"
    )
    subject = f"重設密碼 (reset your password)｜{SITE}"
    queue(subject, body, [to])


def send_email_change(request: HttpRequest, user: User, email: str) -> None:
    """The link that makes ``email`` (the new address, which receives it) the account's."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:email_confirm", args=[uid, email_change_token(user, email)])
    link, days = request.build_absolute_uri(path), link_days()
    body = (
        f"您好：\n\n有人在{SITE}申請把帳號 {user.username} 的電子郵件改為這個地址。"
        f"請點選下列連結確認變更，連結 {days} 天內有效、只能使用一次：\n\n{link}\n\n"
        "如果不是您本人申請，請忽略這封信，帳號的電子郵件不會改變。\n\n"
        f"Someone asked to make this address the e-mail of account {user.username} at {SITE}. "
        f"Open the link above to confirm; it works once, within {days} days. "
        "If it was not you, ignore this message: nothing changes.\n"
    )
    subject = f"確認變更電子郵件 (confirm your new e-mail address)｜{SITE}"
    queue(subject, body, [email])


def send_email_changed(user: User, old: str) -> None:
    """The notice to the old address ``old`` that the account's e-mail is now another."""
    body = (
        f"您好：\n\n您在{SITE}的帳號 {user.username} 的電子郵件已改為 {user.email}，"
        "之後的通知會寄到新的地址。如果不是您本人變更，請立即撥 0800-056-476 與我們聯絡。\n\n"
        f"The e-mail of your account {user.username} at {SITE} is now {user.email}; "
        "notices will go there. If you did not change it, call 0800-056-476 at once.\n"
    )
    subject = f"電子郵件已變更 (your e-mail address was changed)｜{SITE}"
    queue(subject, body, [old])


def send_account_exists(request: HttpRequest, user: User) -> None:
    """To the address of ``user``, which someone just gave to sign up: it has an account
    already (the sign-up page answers as for a new address, so it tells nobody else)."""
    login = request.build_absolute_uri(reverse("accounts:login"))
    reset = request.build_absolute_uri(reverse("accounts:password_reset"))
    body = (
        f"您好：\n\n有人用這個電子郵件在{SITE}註冊，但這個地址已有帳號（帳號 {user.username}），"
        f"所以沒有建立新帳號。若是您本人，請直接登入：\n\n{login}\n\n"
        f"忘記密碼可在此重設：\n\n{reset}\n\n如果不是您本人，請忽略這封信，帳號不會改變。\n\n"
        f"Someone used this address to sign up at {SITE}, but it has an account already "
        f"(account {user.username}), so none was made. If it was you, log in at the first link, "
        "or reset the password at the second. If it was not you, ignore this message: "
        "nothing changes.\n"
    )
    subject = f"您已有帳號 (you already have an account)｜{SITE}"
    queue(subject, body, [user.email])
