# ruff: noqa: RUF012
"""The desk's groups (``desk_agent``, ``desk_supervisor``) and the administrator's right to
manage partners and their staff in the admin. Permissions are created here if
``post_migrate`` has not made them yet (a fresh database)."""

from typing import Any

from django.contrib.auth.management import create_permissions
from django.db import migrations

from smewindow.applications.roles import ADMINISTRATOR

GROUPS = ("desk_agent", "desk_supervisor")
CODENAMES = (
    "view_partner", "add_partner", "change_partner", "delete_partner",
    "view_partnerstaff", "add_partnerstaff", "change_partnerstaff", "delete_partnerstaff",
)  # fmt: skip


def _permissions(apps: Any) -> Any:
    config = apps.get_app_config("desk")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label="desk", codename=codename)
        for codename in CODENAMES
    ]


def forwards(apps: Any, schema_editor: Any) -> None:
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)
    administrator, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    administrator.permissions.add(*_permissions(apps))


def backwards(apps: Any, schema_editor: Any) -> None:
    administrator = apps.get_model("auth", "Group").objects.filter(name=ADMINISTRATOR).first()
    if administrator is not None:
        administrator.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_initial"),
        ("applications", "0005_administrator_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
