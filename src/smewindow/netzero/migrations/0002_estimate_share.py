# ruff: noqa: RUF012
"""What a firm's carbon and energy-saving results were sent to (issue 15)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0005_partner_kind_choices"),
        ("netzero", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="EstimateShare",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("link", models.URLField(max_length=5000, verbose_name="試算連結")),
                (
                    "total_kg",
                    models.FloatField(blank=True, null=True, verbose_name="全年排放（公斤CO2e）"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="送出時間")),
                (
                    "consultation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="estimate_share",
                        to="desk.consultation",
                        verbose_name="諮詢案件",
                    ),
                ),
                (
                    "escos",
                    models.ManyToManyField(
                        blank=True,
                        related_name="shares",
                        to="netzero.esco",
                        verbose_name="提供給的業者",
                    ),
                ),
            ],
            options={
                "verbose_name": "試算結果轉送",
                "verbose_name_plural": "試算結果轉送",
            },
        ),
    ]
