# ruff: noqa: RUF012
"""The raise bonus (a round's ``raise_deadline``, the bonus statuses and amount), the
optional software bundle and what each document is for. Existing rounds take the raise
deadline from the rules' parameter ``digital_training.raise_deadline`` (claims until the end
of that day, Asia/Taipei), never before their own deadline."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from smewindow.rules.parameters import resolver


def raise_deadlines(apps: Any, schema_editor: Any) -> None:
    for round_ in apps.get_model("applications", "Round").objects.all():
        last_day = resolver(round_.opens_at.date())("digital_training.raise_deadline")
        end = dt.datetime.combine(
            last_day + dt.timedelta(days=1), dt.time(0), ZoneInfo("Asia/Taipei")
        )
        round_.raise_deadline = max(end, round_.deadline)
        round_.save(update_fields=["raise_deadline"])


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0003_documents"),
        ("catalog", "0002_search_text"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SoftwarePurchase",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("cost", models.PositiveIntegerField(verbose_name="軟體費用（新臺幣元）")),
            ],
            options={
                "verbose_name": "搭配軟體 (software)",
                "verbose_name_plural": "搭配軟體 (software)",
                "ordering": ("id",),
            },
        ),
        migrations.AddField(
            model_name="application",
            name="bonus_amount",
            field=models.BigIntegerField(
                blank=True,
                help_text="the raise bonus, reserved when approved",
                null=True,
                verbose_name="加碼金額",
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="purpose",
            field=models.CharField(
                choices=[
                    ("application", "申請文件"),
                    ("supplement", "補正文件"),
                    ("completion", "結訓證明及發票"),
                    ("raise", "加薪證明"),
                ],
                default="application",
                max_length=20,
                verbose_name="用途",
            ),
        ),
        migrations.AddField(
            model_name="round",
            name="raise_deadline",
            field=models.DateTimeField(
                help_text="raise-bonus claims (加薪加碼) until before this time",
                null=True,
                verbose_name="加碼申請截止",
            ),
        ),
        migrations.RunPython(raise_deadlines, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="round",
            name="raise_deadline",
            field=models.DateTimeField(
                help_text="raise-bonus claims (加薪加碼) until before this time",
                verbose_name="加碼申請截止",
            ),
        ),
        migrations.AddConstraint(
            model_name="round",
            constraint=models.CheckConstraint(
                condition=models.Q(("raise_deadline__gte", models.F("deadline"))),
                name="applications_round_raise_after_deadline",
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "草稿"),
                    ("submitted", "已送件"),
                    ("in_review", "審查中"),
                    ("needs_documents", "待補件"),
                    ("approved", "核定"),
                    ("rejected", "駁回"),
                    ("completed", "已結訓"),
                    ("paid", "已撥款"),
                    ("bonus_claimed", "加碼申請中"),
                    ("bonus_approved", "加碼核定"),
                    ("bonus_paid", "加碼已撥款"),
                    ("closed", "結案"),
                ],
                default="draft",
                max_length=20,
                verbose_name="狀態",
            ),
        ),
        migrations.AlterField(
            model_name="statuschange",
            name="from_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("draft", "草稿"),
                    ("submitted", "已送件"),
                    ("in_review", "審查中"),
                    ("needs_documents", "待補件"),
                    ("approved", "核定"),
                    ("rejected", "駁回"),
                    ("completed", "已結訓"),
                    ("paid", "已撥款"),
                    ("bonus_claimed", "加碼申請中"),
                    ("bonus_approved", "加碼核定"),
                    ("bonus_paid", "加碼已撥款"),
                    ("closed", "結案"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="statuschange",
            name="to_status",
            field=models.CharField(
                choices=[
                    ("draft", "草稿"),
                    ("submitted", "已送件"),
                    ("in_review", "審查中"),
                    ("needs_documents", "待補件"),
                    ("approved", "核定"),
                    ("rejected", "駁回"),
                    ("completed", "已結訓"),
                    ("paid", "已撥款"),
                    ("bonus_claimed", "加碼申請中"),
                    ("bonus_approved", "加碼核定"),
                    ("bonus_paid", "加碼已撥款"),
                    ("closed", "結案"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("bonus_amount__isnull", True), ("bonus_amount__gt", 0), _connector="OR"
                ),
                name="applications_bonus_positive",
            ),
        ),
        migrations.AddField(
            model_name="softwarepurchase",
            name="application",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="software",
                to="applications.application",
            ),
        ),
        migrations.AddField(
            model_name="softwarepurchase",
            name="product",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="catalog.softwareproduct",
            ),
        ),
        migrations.AddConstraint(
            model_name="softwarepurchase",
            constraint=models.UniqueConstraint(
                fields=("application", "product"), name="applications_software_once"
            ),
        ),
    ]
