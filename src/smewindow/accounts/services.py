"""The account writes: sign-up (the user and its firm together), activation, a new e-mail."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from smewindow.accounts.backends import user_by_email
from smewindow.accounts.tokens import email_change_address
from smewindow.applications.intake import firm_create
from smewindow.applications.models import Firm


class AccountTaken(Exception):
    """The 統一編號 or the e-mail is registered already; ``field`` says which."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def business_id_taken(business_id: str) -> bool:
    return (
        User.objects.filter(username=business_id).exists()
        or Firm.objects.filter(business_id=business_id).exists()
    )


def account_create(
    *, business_id: str, name: str, county: str, industry: str, email: str, password: str
) -> User:
    """An inactive user (username = the 統一編號, ``email`` lower-cased) and its firm, in one
    transaction: both or neither. A 統一編號 or an e-mail taken meanwhile (the unique
    username and the index on lower(email)) raises ``AccountTaken``."""
    try:
        with transaction.atomic():
            user = User(username=business_id, email=email.strip().lower(), is_active=False)
            user.set_password(password)
            user.save()
            firm_create(
                user=user, business_id=business_id, name=name, county=county, industry=industry
            )
    except IntegrityError as exc:
        field = "business_id" if business_id_taken(business_id) else "email"
        raise AccountTaken(field) from exc
    return user


def account_activate(user: User) -> None:
    """The e-mail is verified: the user may log in."""
    user.is_active = True
    user.save(update_fields=["is_active"])


def awaits_verification(user: User) -> bool:
    """Signed up, never verified: inactive and never logged in (a user an administrator
    deactivated has logged in before, and is not reactivated by a link)."""
    return not user.is_active and user.last_login is None


def account_email_change(*, user_id: int, token: str) -> tuple[User, str] | None:
    """The e-mail change link is confirmed: the address signed in ``token`` becomes the
    active user's; returns the user and the old address. None when the link is not valid
    (used, expired, altered, another user's, an inactive user). An address another account
    took meanwhile raises ``AccountTaken("email")``; nothing changes then."""
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
        email = email_change_address(user, token) if user is not None else None
        if user is None or email is None:
            return None
        holder = user_by_email(email)
        if holder is not None and holder.pk != user.pk:
            raise AccountTaken("email")
        old, user.email = user.email, email
        try:
            with transaction.atomic():
                user.save(update_fields=["email"])
        except IntegrityError as exc:
            raise AccountTaken("email") from exc
    return user, old
