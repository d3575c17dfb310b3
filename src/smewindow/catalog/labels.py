"""The catalogue's stored values as the pages show them, in the page's language.

The Chinese labels are the models' choice labels (a test checks they agree); they are
written out here so that Babel extracts them for the English translation.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, dict[str, Promise]] = {
    "type": {
        "association": _("公協會"),
        "institute": _("法人"),
        "school": _("學校"),
        "private": _("民間單位"),
    },
    "region": {
        "north": _("北"),
        "central": _("中"),
        "south": _("南"),
        "east": _("東"),
        "islands": _("離島"),
    },
    "industry": {
        "plastics": _("塑膠製品"),
        "electrical": _("電機電子"),
        "textiles": _("紡織業"),
        "machinery": _("機械設備"),
        "transport": _("運輸工具"),
        "metal": _("金屬製品"),
        "common": _("共通性"),
    },
    "track": {"manufacturing": _("製造業"), "services": _("服務業")},
    "mode": {"in_person": _("實體"), "online": _("線上"), "hybrid": _("混成")},
    "topic": {  # free text: the seed's topics and AI-zone categories; others show as stored
        "生產管理": _("生產管理"),
        "人資管理": _("人資管理"),
        "行銷管理": _("行銷管理"),
        "基礎知識": _("基礎知識"),
        "工具/方法": _("工具/方法"),
        "實務應用": _("實務應用"),
        "國際大廠": _("國際大廠"),
    },
    "zone": {"AI主題": _("AI主題")},
}
"""Labels by field (``type``, ``region``, ``industry``, ``track``, ``mode``, ``topic``,
``zone``) and stored value."""


def unknown() -> str:
    """What a blank or null value shows: 未載明 (not stated), never 0."""
    return gettext("未載明")


def label(field: str, value: str) -> str:
    """The label of a stored value; 未載明 when blank, the value itself when not listed."""
    if not value:
        return unknown()
    return str(LABELS[field].get(value, value))


def hours(value: Decimal | None) -> str:
    """Hours without a needless decimal (18, 1.5); 未載明 when unknown."""
    return unknown() if value is None else f"{value.normalize():f}"
