"""The account forms. Every error names its field, in Chinese and English."""

from __future__ import annotations

import unicodedata
from typing import Any

import django_stubs_ext
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UsernameField,
)
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_stubs_ext import StrOrPromise

from smewindow.accounts import mail
from smewindow.accounts.backends import user_by_email
from smewindow.accounts.services import awaits_verification, business_id_taken
from smewindow.rules.cleantext import without_bidi
from smewindow.rules.taiwan import COUNTIES, DIVISION_NAMES, business_id_is_valid

MISMATCH = "確認密碼：兩次輸入的密碼不一致 (password confirmation: the passwords differ)"
TAKEN = {
    "business_id": "統一編號：已有帳號；請直接登入，或使用「忘記密碼」"
    " (business ID: already registered; log in or reset the password)",
}
"""The error of a 統一編號 that has an account already (public: the registry says it). An
e-mail's is never shown: the sign-up mails the address's owner instead."""
WRONG_PASSWORD = "目前的密碼：不正確 (current password: incorrect)"


LIMIT = settings.AXES_FAILURE_LIMIT
MINUTES = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def _required(field: str) -> dict[str, str]:
    return {"required": f"{field}：必填 (required)"}


def _email_field() -> forms.EmailField:
    return forms.EmailField(
        max_length=254,
        error_messages={
            **_required("電子郵件"),
            "invalid": "電子郵件：格式不正確 (e-mail: not a valid address)",
            "max_length": "電子郵件：最多 254 字 (e-mail: 254 characters at most)",
        },
    )


class SignupForm(forms.Form):
    """A firm's sign-up: its 統一編號, name, county and industry, the e-mail, a password."""

    business_id = forms.CharField(max_length=20, error_messages=_required("統一編號"))
    name = forms.CharField(
        max_length=200,
        error_messages={
            **_required("企業名稱"),
            "max_length": "企業名稱：最多 200 字 (firm name: 200 characters at most)",
        },
    )
    county = forms.ChoiceField(
        choices=[(c, c) for c in COUNTIES],
        error_messages={
            **_required("所在縣市"),
            "invalid_choice": "所在縣市：請從清單選擇 (county: choose one from the list)",
        },
    )
    industry = forms.ChoiceField(
        choices=sorted(DIVISION_NAMES.items()),
        error_messages={
            **_required("行業"),
            "invalid_choice": "行業：請從清單選擇 (industry: choose one from the list)",
        },
    )
    email = _email_field()
    password1 = forms.CharField(strip=False, error_messages=_required("密碼"))
    password2 = forms.CharField(strip=False, error_messages=_required("確認密碼"))

    def clean_business_id(self) -> str:
        value = unicodedata.normalize("NFKC", self.cleaned_data["business_id"]).strip()
        if not business_id_is_valid(value):
            raise ValidationError(
                "統一編號：須為 8 位數字且檢查碼正確 (business ID: 8 digits with a valid check digit)"
            )
        if business_id_taken(value):
            raise ValidationError(TAKEN["business_id"])
        return value

    def clean_name(self) -> str:
        name: str = without_bidi(self.cleaned_data["name"]).strip()
        if not name or any(unicodedata.category(c) == "Cc" for c in name):
            raise ValidationError("企業名稱：請填寫名稱 (firm name: required)")
        return name

    def clean_email(self) -> str:
        """Lower case. An address that has an account is not an error here: the view
        answers as for a new one and mails its owner (no enumeration)."""
        email: str = self.cleaned_data["email"].strip().lower()
        return email

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        password, confirmation = data.get("password1"), data.get("password2")
        if password:
            candidate = User(username=data.get("business_id", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(password, candidate)
            except ValidationError as exc:
                self.add_error("password1", exc)
        if password and confirmation and password != confirmation:
            self.add_error("password2", MISMATCH)
        return data


class LoginForm(AuthenticationForm):
    """E-mail, 統一編號 or (staff) username, and the password. A wrong identifier or password
    gets one message; the right password of an unverified account asks for the
    verification (``unverified`` is then True)."""

    username = UsernameField(max_length=254, error_messages=_required("帳號"))
    password = forms.CharField(strip=False, error_messages=_required("密碼"))
    # Not ClassVar (RUF012): django-stubs declares Django's error_messages an instance
    # attribute, and a ClassVar may not override one.
    error_messages: dict[str, StrOrPromise] = {  # noqa: RUF012
        "invalid_login": (
            f"帳號或密碼不正確；連續錯誤 {LIMIT} 次將暫停登入 {MINUTES} 分鐘"
            f" (wrong account or password; {LIMIT} failures lock the login for {MINUTES} minutes)"
        ),
        "inactive": "請先完成電子郵件驗證 (verify your e-mail address first)",
    }
    unverified = False

    def confirm_login_allowed(self, user: User) -> None:
        if user.is_active:
            return
        if awaits_verification(user):
            self.unverified = True
            raise ValidationError(self.error_messages["inactive"], code="inactive")
        raise self.get_invalid_login_error()


class EmailForm(forms.Form):
    """The address to send the verification link to again."""

    email = _email_field()

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class ResetForm(PasswordResetForm):
    """Django's reset form, with the bilingual e-mail of ``mail.send_password_reset``."""

    email = _email_field()

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        path = reverse("accounts:password_reset_confirm", args=[context["uid"], context["token"]])
        mail.send_password_reset(to_email, f"{context['protocol']}://{context['domain']}{path}")


# django-stubs has SetPasswordForm generic in its user model; Django's own class takes the
# type argument only once patched (it is not among those web/settings.py patches).
django_stubs_ext.monkeypatch(extra_classes=[SetPasswordForm])


class NewPasswordForm(SetPasswordForm[User]):
    """Django's new-password form with bilingual messages."""

    error_messages: dict[str, StrOrPromise] = {"password_mismatch": MISMATCH}  # noqa: RUF012

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].error_messages.update(_required("新密碼"))
        self.fields["new_password2"].error_messages.update(_required("確認密碼"))


class ChangePasswordForm(PasswordChangeForm):
    """Django's change-password form (current password, new one twice), bilingual."""

    error_messages: dict[str, StrOrPromise] = {  # noqa: RUF012 (as in LoginForm)
        "password_mismatch": MISMATCH,
        "password_incorrect": WRONG_PASSWORD,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].error_messages.update(_required("目前的密碼"))
        self.fields["new_password1"].error_messages.update(_required("新密碼"))
        self.fields["new_password2"].error_messages.update(_required("確認密碼"))


class ChangeEmailForm(forms.Form):
    """A new address for ``user`` (not in use by any account, whatever its case) and the
    current password."""

    email = _email_field()
    password = forms.CharField(strip=False, error_messages=_required("目前的密碼"))

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if email == self.user.email.lower():
            raise ValidationError(
                "電子郵件：與目前的電子郵件相同 (e-mail: the same as the current one)"
            )
        if user_by_email(email) is not None:
            raise ValidationError(
                "電子郵件：已被其他帳號使用 (e-mail: already used by another account)"
            )
        return email

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(WRONG_PASSWORD)
        return password
