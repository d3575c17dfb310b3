# ruff: noqa: RUF012
"""The ``administrator`` group's permissions in the admin: make and edit users (staff
accounts), make and edit rounds and budgets, see applications, their history and firms.
An administrator also needs ``is_staff`` to enter the admin (set by a superuser, or by
another administrator in the user's page). The permissions are created here if
``post_migrate`` has not made them yet (a fresh database)."""

from typing import Any

from django.contrib.auth.management import create_permissions
from django.db import migrations

from smewindow.applications.roles import ADMINISTRATOR

PERMISSIONS = {
    "auth": ("view_user", "add_user", "change_user"),
    "applications": (
        "view_round",
        "add_round",
        "change_round",
        "view_budget",
        "add_budget",
        "change_budget",
        "view_application",
        "view_statuschange",
        "view_firm",
    ),
}


def _permissions(apps: Any) -> Any:
    for label in PERMISSIONS:
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=label, codename=codename)
        for label, codenames in PERMISSIONS.items()
        for codename in codenames
    ]


def forwards(apps: Any, schema_editor: Any) -> None:
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=ADMINISTRATOR)
    group.permissions.add(*_permissions(apps))


def backwards(apps: Any, schema_editor: Any) -> None:
    group = apps.get_model("auth", "Group").objects.filter(name=ADMINISTRATOR).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0004_bonus_software_purposes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
