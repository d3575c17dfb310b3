"""One list of partner kinds: the desk's choices are the rules' kinds
(``rules/partners.yaml``) plus 其他, with the stored keys unchanged and no migration owed."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import translation

from smewindow.desk.demo import DEMO_PARTNERS
from smewindow.desk.models import Partner, partner_kind_choices
from smewindow.rules.segments import partner_kinds

pytestmark = pytest.mark.django_db
STORED = (
    "research_institute", "sme_counselling", "credit_guarantee", "esco", "carbon_station",
    "elearning", "sme_ai_platform", "other",
)  # fmt: skip
"""The keys migration 0001 stored: every one is still a choice."""


def test_the_partner_kinds_are_the_rules_list() -> None:
    assert [k for k, _ in partner_kind_choices()] == [*partner_kinds(), "other"]
    assert (
        dict(partner_kind_choices())["sme_counselling"] == partner_kinds()["sme_counselling"].name
    )
    assert {kind for _, kind, _ in DEMO_PARTNERS} <= set(partner_kinds())
    field = Partner._meta.get_field("kind")
    assert [k for k, _ in field.choices or ()] == [*partner_kinds(), "other"]
    partner = Partner(name="甲", kind="credit_guarantee")
    partner.full_clean()
    assert partner.get_kind_display() == partner_kinds()["credit_guarantee"].name
    assert set(STORED) <= set(dict(partner_kind_choices()))
    call_command("makemigrations", "desk", "--check", "--dry-run", verbosity=0)


def test_the_kinds_in_english() -> None:
    with translation.override("en"):
        labels = dict(partner_kind_choices())
    assert labels["esco"] == partner_kinds()["esco"].name_en and labels["other"] == "Other"
