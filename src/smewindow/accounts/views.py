"""The account pages under /accounts/: sign-up, the e-mail verification, login and logout,
the lockout page (django-axes), the page for a user without a firm, the account's settings
(password, e-mail). Password reset and change are Django's views with this app's templates
and forms. Sign-ups and mails are limited per client IP (``throttle``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import (
    MinimumLengthValidator,
    get_default_password_validators,
)
from django.contrib.auth.views import (
    LoginView,
    PasswordChangeView,
    PasswordResetConfirmView,
    PasswordResetView,
)
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import get_language
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from smewindow.accounts import mail, services
from smewindow.accounts.backends import user_by_email
from smewindow.accounts.context import staff_home
from smewindow.accounts.forms import (
    TAKEN,
    ChangeEmailForm,
    ChangePasswordForm,
    EmailForm,
    LoginForm,
    NewPasswordForm,
    ResetForm,
    SignupForm,
)
from smewindow.accounts.tokens import email_change_address, verification_token
from smewindow.formatting import taipei_minute
from smewindow.rules.taiwan import (
    COUNTIES,
    DIVISION_NAMES,
    DIVISION_NAMES_EN,
    DIVISIONS,
    SECTION_NAMES_EN,
    SECTIONS,
)
from smewindow.throttle import over_limit

BACKEND = "smewindow.accounts.backends.IdentifierBackend"
RESEND_INTERVAL = 60
"""Seconds between two verification mails to one account (the resend page)."""
SENT = "accounts_sent"
"""The session key of what the "check your mail" page shows."""
EMAIL_SENT = "accounts_email_sent"
"""The session key of the new address the e-mail change page mailed."""
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


class LoggedInRequest(HttpRequest):
    """The request a ``login_required`` view gets: its user is logged in (for typing only;
    the view is passed Django's request)."""

    user: User


def safe_next(request: HttpRequest, url: str | None) -> str:
    """``url`` if it stays on this site (else ""), as Django's LoginView checks it."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _next(request: HttpRequest) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


def _too_many(request: HttpRequest, kind: str, per_hour: int) -> HttpResponse | None:
    """Counts one ``kind`` for the client's IP; past ``per_hour`` this hour, the 429 page
    saying when to try again (the caller then writes and sends nothing)."""
    until = over_limit(request, kind, per_hour)
    if until is None:
        return None
    return _throttled_page(request, until, per_hour)


def _throttled_page(request: HttpRequest, until: dt.datetime, per_hour: int) -> HttpResponse:
    context = {"until": taipei_minute(until, get_language() or "zh"), "per_hour": per_hour}
    response = render(request, "accounts/throttled.html", context, status=429)
    response["Retry-After"] = str(max(1, int((until - timezone.now()).total_seconds())))
    return response


def min_password_length() -> int:
    """The shortest password AUTH_PASSWORD_VALIDATORS accept, for the forms' hints."""
    lengths = [
        v.min_length
        for v in get_default_password_validators()
        if isinstance(v, MinimumLengthValidator)
    ]
    return max(lengths, default=1)


def _industries(lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The TSIC divisions grouped by section, for the industry select."""
    names = DIVISION_NAMES_EN if lang == "en" else DIVISION_NAMES
    return [
        (
            SECTION_NAMES_EN[letter] if lang == "en" else section,
            [(code, names[code]) for code in sorted(DIVISIONS) if DIVISIONS[code] == letter],
        )
        for letter, (section, _) in SECTIONS.items()
    ]


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password1", "password2")
def signup(request: HttpRequest) -> HttpResponse:
    """A firm signs up: an inactive account and its firm, then the verification mail. Every
    post counts in SMEWINDOW_SIGNUP_TRIES_PER_HOUR, a valid one in SMEWINDOW_SIGNUPS_PER_HOUR.
    An e-mail that has an account gets the same answer as a new one; its owner is told by
    mail (``_tell_holder``)."""
    next_url = _next(request)
    if request.method == "POST" and (
        limited := _too_many(request, "signup-try", settings.SMEWINDOW_SIGNUP_TRIES_PER_HOUR)
    ):
        return limited
    form = SignupForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        if limited := _too_many(request, "signup", settings.SMEWINDOW_SIGNUPS_PER_HOUR):
            return limited
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the account and its verification mail, or neither
                user = services.account_create(
                    business_id=data["business_id"],
                    name=data["name"],
                    county=data["county"],
                    industry=data["industry"],
                    email=data["email"],
                    password=data["password1"],
                )
                mail.send_verification(request, user, next_url)
        except services.AccountTaken as taken:
            if taken.field == "business_id":  # public (the registry): said on the form
                form.add_error(taken.field, TAKEN[taken.field])
            else:
                _tell_holder(request, data["email"], next_url)
        if not form.errors:
            request.session[SENT] = {"email": data["email"], "next": next_url}
            return redirect("accounts:sent")
    context = {
        "form": form,
        "next": next_url,
        "counties": COUNTIES,
        "industries": _industries(get_language()),
        "min_length": min_password_length(),
    }
    return render(request, "accounts/signup.html", context, status=422 if form.errors else 200)


def _tell_holder(request: HttpRequest, email: str, next_url: str) -> None:
    """A sign-up gave ``email``, which has an account: an unverified one gets its link again
    (at most once a minute), a verified one the notice to log in or reset the password."""
    holder = user_by_email(email)
    if holder is None:
        return
    if services.awaits_verification(holder):
        if cache.add(f"accounts-resend-{holder.pk}", 1, RESEND_INTERVAL):
            mail.send_verification(request, holder, next_url)
        return
    mail.send_account_exists(request, holder)


@require_GET
def sent(request: HttpRequest) -> HttpResponse:
    """請至信箱點選驗證連結; in development, where the mail files are."""
    shown = request.session.get(SENT, {})
    files = settings.DEBUG and settings.EMAIL_BACKEND == FILE_BACKEND
    context = {
        "email": shown.get("email", ""),
        "next": shown.get("next", ""),
        "days": mail.link_days(),
        "mail_folder": str(settings.EMAIL_FILE_PATH) if files else "",
    }
    return render(request, "accounts/sent.html", context)


@require_http_methods(["GET", "POST"])
def resend(request: HttpRequest) -> HttpResponse:
    """Send the link again. The answer is the same whether the address exists or not."""
    next_url = _next(request)
    form = EmailForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        if limited := _too_many(request, "mail", settings.SMEWINDOW_MAILS_PER_HOUR):
            return limited
        user = user_by_email(form.cleaned_data["email"])
        if (
            user is not None
            and services.awaits_verification(user)
            and cache.add(f"accounts-resend-{user.pk}", 1, RESEND_INTERVAL)
        ):
            mail.send_verification(request, user, next_url)
        request.session[SENT] = {"email": "", "next": next_url}
        return redirect("accounts:sent")
    context = {"form": form, "next": next_url}
    return render(request, "accounts/resend.html", context, status=422 if form.errors else 200)


def _user_of(uidb64: str) -> User | None:
    try:
        return User.objects.filter(pk=int(force_str(urlsafe_base64_decode(uidb64)))).first()
    except (ValueError, TypeError, OverflowError):
        return None


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The mail's link. GET shows the 「完成驗證」 button only, so a mail scanner that opens
    links does not use it up; its POST activates, logs in and goes to ``next`` (when safe)
    or /apply/. A link used before, expired or altered gets a page that offers a new one."""
    user = _user_of(uidb64)
    next_url = _next(request)
    if (
        user is None
        or not services.awaits_verification(user)
        or not verification_token.check_token(user, token)
    ):
        return render(request, "accounts/verify_invalid.html", {"next": next_url})
    if request.method == "GET":
        return render(request, "accounts/verify.html", {"next": next_url, "email": user.email})
    services.account_activate(user)
    login(request, user, backend=BACKEND)
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


class Login(LoginView):
    """Login by e-mail, 統一編號 or username. Without ``next``, staff go to their page."""

    form_class = LoginForm
    template_name = "accounts/login.html"

    def get_default_redirect_url(self) -> str:
        staff = staff_home(self.request.user)
        return staff.url if staff else resolve_url(settings.LOGIN_REDIRECT_URL)


class NewPassword(PasswordResetConfirmView):
    """The password reset link's page: Django's, with the bilingual form."""

    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "min_length": min_password_length()}


class Reset(PasswordResetView):
    """Django's password reset request, with the bilingual form and the mail limit."""

    form_class = ResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        limited = _too_many(self.request, "mail", settings.SMEWINDOW_MAILS_PER_HOUR)
        return limited or super().form_valid(form)


class ChangePassword(PasswordChangeView):
    """Django's change-password page (the session stays logged in), bilingual."""

    form_class = ChangePasswordForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "min_length": min_password_length()}


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    """帳號設定: the account's e-mail, and the links to change the password or the e-mail."""
    return render(request, "accounts/account.html")


@login_required
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password")
def change_email(request: LoggedInRequest) -> HttpResponse:
    """A new address and the current password: the confirmation link goes to the new address;
    nothing changes until it is confirmed."""
    user = request.user
    form = ChangeEmailForm(user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        if limited := _too_many(request, "mail", settings.SMEWINDOW_MAILS_PER_HOUR):
            return limited
        email = form.cleaned_data["email"]
        mail.send_email_change(request, user, email)
        request.session[EMAIL_SENT] = email
        return redirect("accounts:email_sent")
    context = {"form": form, "days": mail.link_days()}
    return render(
        request, "accounts/email_change.html", context, status=422 if form.errors else 200
    )


@login_required
@require_GET
def email_sent(request: HttpRequest) -> HttpResponse:
    """確認信已寄到 the new address."""
    context = {"email": request.session.get(EMAIL_SENT, ""), "days": mail.link_days()}
    return render(request, "accounts/email_sent.html", context)


@require_http_methods(["GET", "POST"])
def email_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link mailed to the new address. GET shows the 「確認變更」 button (mail scanners
    do not use it up); its POST changes the address and sends the notice to the old one.
    It works without logging in: the link proves the mailbox, the request the password."""
    user = _user_of(uidb64)
    if user is None or not user.is_active:
        return render(request, "accounts/email_invalid.html")
    if request.method == "GET":
        email = email_change_address(user, token)
        if email is None:
            return render(request, "accounts/email_invalid.html")
        return render(request, "accounts/email_confirm.html", {"email": email})
    try:
        with transaction.atomic():  # the new address and the notice to the old one
            changed = services.account_email_change(user_id=user.pk, token=token)
            if changed is not None and changed[1]:
                mail.send_email_changed(*changed)
    except services.AccountTaken:
        return render(request, "accounts/email_invalid.html", {"taken": True}, status=409)
    if changed is None:
        return render(request, "accounts/email_invalid.html")
    return redirect("accounts:email_done")


@require_GET
def email_done(request: HttpRequest) -> HttpResponse:
    """電子郵件已變更."""
    return render(request, "accounts/email_done.html")


def locked_out(request: HttpRequest, response: HttpResponse, credentials: Any) -> HttpResponse:
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): 429 and when to try again. Each
    attempt while locked starts the cool-off again, so it is counted from now."""
    cool_off = get_cool_off(request)
    context = {
        "until": taipei_minute(timezone.now() + cool_off) if cool_off else "",
        "minutes": int(cool_off.total_seconds() // 60) if cool_off else 0,
    }
    return render(request, "accounts/locked_out.html", context, status=429)


@login_required
def no_firm(request: HttpRequest) -> HttpResponse:
    """A logged-in user without a firm opened a firm's page."""
    return render(request, "accounts/no_firm.html", {"staff": staff_home(request.user)})
