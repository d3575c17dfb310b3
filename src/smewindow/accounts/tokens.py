"""The links' tokens. Verification: Django's password-reset tokens with their own salt, also
hashing ``is_active``, so a link stops working once it has activated the account. E-mail
change: the new address signed with a salt of the user and the current address, so a link
stops working once the address has changed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing


class VerificationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "smewindow.accounts.tokens.VerificationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


verification_token = VerificationTokenGenerator()
"""Valid for ``PASSWORD_RESET_TIMEOUT`` (three days), like a password-reset link."""


def _email_salt(user: User) -> str:
    return f"smewindow.accounts.tokens.email_change:{user.pk}:{user.email}"


def email_change_token(user: User, email: str) -> str:
    """The token of the link that makes ``email`` the address of ``user``."""
    return signing.dumps(email, salt=_email_salt(user))


def email_change_address(user: User, token: str) -> str | None:
    """The new address in ``token`` if it was made for ``user`` with the address it has now,
    within ``PASSWORD_RESET_TIMEOUT``; else None."""
    try:
        email = signing.loads(
            token, salt=_email_salt(user), max_age=settings.PASSWORD_RESET_TIMEOUT
        )
    except signing.BadSignature:  # SignatureExpired too
        return None
    return email if isinstance(email, str) else None
