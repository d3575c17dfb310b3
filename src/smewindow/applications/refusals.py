"""Why an action on an application is refused: ``ApplicationRefused`` with a stable code and
the reason in Chinese and English, and the checks every service shares (a cost within
bounds, the case in one of the statuses an action allows). A refusal writes nothing."""

from __future__ import annotations

from smewindow.applications.models import Application
from smewindow.formatting import twd

MAX_COST = 10_000_000
"""The largest cost taken, in NT$ — a trainee's, a software purchase's, a case's actual cost:
100 times the firm cap (NT$100,000), far inside the database's 64-bit integers. Not from the
seed: a sane bound, so a slip of the keyboard or a hostile number is refused, not stored."""


class ApplicationRefused(Exception):
    """An action refused, with a stable ``code`` and why, in Chinese and English."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(f"{zh} ({en})")
        self.code = code
        self.zh = zh
        self.en = en

    def text(self, lang: str) -> str:
        """Why, in the page's language (``en`` or ``zh``)."""
        return self.en if lang == "en" else self.zh


def require_cost(cost: int, *, code: str, zh: str, en: str) -> None:
    """``cost`` (named ``zh``/``en``) is from 0 to ``MAX_COST``; refused with ``code``."""
    if cost < 0:
        raise ApplicationRefused(code, f"{zh}不可為負數", f"the {en} cannot be negative")
    if cost > MAX_COST:
        raise ApplicationRefused(
            code,
            f"{zh}不可超過 {twd(MAX_COST)}",
            f"the {en} cannot be more than {twd(MAX_COST)}",
        )


def require_status(application: Application, *allowed: str) -> None:
    """The case is in one of the ``allowed`` statuses; refused naming its status."""
    if application.status not in allowed:
        raise ApplicationRefused(
            "wrong_status",
            f"申請案目前為「{application.get_status_display()}」，不能執行此動作",
            f"the application is {application.status}; this action is not allowed now",
        )


def no_track() -> ApplicationRefused:
    """The refusal for a firm outside both tracks."""
    return ApplicationRefused(
        "no_track",
        "本補助僅限製造業或服務業",
        "the subsidy is for manufacturing or service businesses only",
    )
