"""Demo partners and demo accounts of the desk, for a development machine only
(``SMEWINDOW_DEBUG=1``): ``manage.py load_demo_desk``. Every demo partner is marked
``is_demo`` and named 「（示範）…」, so none can pass for a real organisation."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from smewindow.applications.demo import DEMO_STAFF_PASSWORD
from smewindow.desk import roles
from smewindow.desk.models import Partner, PartnerStaff
from smewindow.desk.services import DeskRefused

DEMO_PARTNERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("（示範）技術法人 AI 診斷服務", "research_institute", ()),
    ("（示範）中小企業聯合輔導基金會", "sme_counselling", ()),
    ("（示範）中小企業信用保證基金", "credit_guarantee", ()),
    ("（示範）節能服務公司", "esco", ("臺北市", "新北市", "桃園市")),
    ("（示範）中區碳服務站", "carbon_station", ("臺中市", "彰化縣", "南投縣")),
    ("（示範）數位學院", "elearning", ()),
    ("（示範）中小企業 AI 服務平台", "sme_ai_platform", ()),
)
"""Name, kind (``rules/partners.yaml``) and the counties served (none: the whole country)."""
DEMO_ACCOUNTS: dict[str, tuple[str, str]] = {
    "demo-agent": ("group", roles.AGENT),
    "demo-supervisor": ("group", roles.SUPERVISOR),
    "demo-partner-ri": ("partner", DEMO_PARTNERS[0][0]),
    "demo-partner-sc": ("partner", DEMO_PARTNERS[1][0]),
}
"""The desk's demo accounts: an agent, a supervisor, and the staff of two demo partners."""


def demo_desk_load() -> tuple[list[Partner], list[str]]:
    """Create (or reset) the demo partners and demo accounts (password
    ``DEMO_STAFF_PASSWORD``); refused unless ``settings.DEBUG``."""
    if not settings.DEBUG:
        raise DeskRefused(
            "not_allowed",
            "示範合作單位與帳號只能在開發模式（SMEWINDOW_DEBUG=1）建立",
            "demo partners and accounts are made only in development (SMEWINDOW_DEBUG=1)",
        )
    partners = []
    with transaction.atomic():
        for name, kind, counties in DEMO_PARTNERS:
            partner, _ = Partner.objects.update_or_create(
                name=name,
                defaults={
                    "kind": kind,
                    "counties": list(counties),
                    "active": True,
                    "is_demo": True,
                    "contact_name": "示範聯絡人",
                },
            )
            partners.append(partner)
        by_name = {p.name: p for p in partners}
        for username, (what, value) in DEMO_ACCOUNTS.items():
            account, _ = get_user_model().objects.get_or_create(
                username=username, defaults={"first_name": "示範"}
            )
            account.set_password(DEMO_STAFF_PASSWORD)
            account.is_active = True
            account.email = account.email or f"{username}@example.invalid"
            account.save()
            if what == "group":
                account.groups.add(Group.objects.get_or_create(name=value)[0])
            else:
                PartnerStaff.objects.get_or_create(user=account, partner=by_name[value])
    return partners, list(DEMO_ACCOUNTS)
