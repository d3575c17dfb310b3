"""Login by e-mail, 統一編號 or username, and the identifier django-axes counts failures by."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.db.models.functions import Lower
from django.http import HttpRequest

from smewindow.applications.models import Firm

BUSINESS_ID = re.compile(r"[0-9]{8}")


def user_by_email(email: str) -> User | None:
    """The user of ``email``, whatever its case (the unique index on lower(email) makes it
    one at most)."""
    return (
        User.objects.alias(email_lower=Lower("email"))
        .filter(email_lower=email.strip().lower())
        .exclude(email="")
        .first()
    )


def user_for_identifier(identifier: str) -> User | None:
    """ "@" → by e-mail; 8 digits → the user of the firm with that 統一編號; else by username."""
    value = identifier.strip()
    if "@" in value:
        return user_by_email(value)
    if BUSINESS_ID.fullmatch(value):
        firm = Firm.objects.select_related("user").filter(business_id=value).first()
        return firm.user if firm else None
    return User.objects.filter(username=value).first()


class IdentifierBackend(ModelBackend):
    """Django's model backend, found by ``user_for_identifier``. An inactive user with the
    right password is returned (the login form then asks for the e-mail verification);
    sessions of inactive users stay refused (``get_user``)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        user = user_for_identifier(username)
        if user is None:
            User().set_password(password)  # as long as a real check: no enumeration by timing
            return None
        return user if user.check_password(password) else None


def axes_identifier(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The identifier failures are counted by: stripped, NFKC, lower case, so that
    "ABC@x.tw " and "abc@x.tw" (or full-width digits) count together. The posted login name
    comes first: after a successful login axes passes the username as credentials, and the
    failures to reset are those of the identifier typed."""
    posted = request.POST.get("username") if request is not None else None
    value = posted if posted is not None else (credentials or {}).get("username", "")
    return unicodedata.normalize("NFKC", str(value or "")).strip().lower()
