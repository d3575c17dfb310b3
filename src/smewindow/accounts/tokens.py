"""The e-mail verification link's token: Django's password-reset tokens with their own salt,
also hashing ``is_active``, so a link stops working once it has activated the account."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class VerificationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "smewindow.accounts.tokens.VerificationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


verification_token = VerificationTokenGenerator()
"""Valid for ``PASSWORD_RESET_TIMEOUT`` (three days), like a password-reset link."""
