# ruff: noqa: RUF012
"""The five groups (applicant, reviewer per track, finance, administrator) and the 2025
round, whose window is the rules' parameter ``digital_training.window`` (opens 2025-01-14,
deadline 2025-12-31 17:00 Asia/Taipei). Its budgets are not in the seed (UNCONFIRMED): an
administrator enters them."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db import migrations

from smewindow.applications.roles import GROUPS
from smewindow.rules.parameters import resolver

ROUND_2025 = "114年度（2025）"


def forwards(apps: Any, schema_editor: Any) -> None:
    for name in GROUPS:
        apps.get_model("auth", "Group").objects.get_or_create(name=name)
    window = resolver(dt.date(2025, 1, 1))("digital_training.window")
    opens = dt.datetime.combine(window["opens"], dt.time(0), ZoneInfo("Asia/Taipei"))
    apps.get_model("applications", "Round").objects.get_or_create(
        name=ROUND_2025, defaults={"opens_at": opens, "deadline": window["closes"]}
    )


def backwards(apps: Any, schema_editor: Any) -> None:
    """The groups go; the round stays (forwards finds it again) until 0001 drops the table."""
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
