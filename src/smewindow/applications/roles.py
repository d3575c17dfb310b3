"""Who may do what: the five groups (made by migration 0002) and ``Actor``, a user with the
groups it is in, read once, which every permission question asks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest

from smewindow.applications.models import Application, Status
from smewindow.catalog.models import Track

APPLICANT = "applicant"
FINANCE = "finance"
ADMINISTRATOR = "administrator"
REVIEWER = {track: f"reviewer_{track}" for track in Track.values}
"""The reviewer group of each track: reviewer_manufacturing, reviewer_services."""
GROUPS = (APPLICANT, *REVIEWER.values(), FINANCE, ADMINISTRATOR)
MONEY_ROLES = (*REVIEWER.values(), FINANCE)
"""The groups that approve and pay money: only a superuser grants them (``admin``), so an
administrator cannot give them to itself or take over an account that holds one."""


@dataclass(frozen=True)
class Actor:
    """A user (``pk`` None when anonymous) and the names of its groups (none when it is
    inactive or anonymous), read once: a page asks it about many cases without a query each."""

    pk: int | None
    groups: frozenset[str]

    @classmethod
    def of(cls, user: Any) -> Actor:
        """``user`` (a User or Django's AnonymousUser) with its groups read now."""
        if not user.is_authenticated or not user.is_active:
            return cls(user.pk, frozenset())
        return cls(user.pk, frozenset(user.groups.values_list("name", flat=True)))

    def is_in(self, *groups: str) -> bool:
        """In at least one of ``groups``."""
        return not self.groups.isdisjoint(groups)

    def reviewed_tracks(self) -> list[str]:
        """The tracks the user reviews."""
        return [track for track in Track.values if REVIEWER[track] in self.groups]

    def can_review(self, application: Application) -> bool:
        """A reviewer sees and reviews only the submitted applications of its own track: a
        draft is the firm's alone (the review page and the documents both ask this)."""
        return application.status != Status.DRAFT and REVIEWER[application.track] in self.groups

    @property
    def is_finance_officer(self) -> bool:
        return FINANCE in self.groups

    def owns(self, application: Application) -> bool:
        """The firm's own user."""
        return self.pk is not None and application.firm.user_id == self.pk


def signed_in(request: HttpRequest) -> User:
    """The request's signed-in user (the pages behind ``login_required`` ask it); an
    anonymous request here is a programming error, answered 404."""
    user = request.user
    if not isinstance(user, User):
        raise Http404("not signed in")
    return user
