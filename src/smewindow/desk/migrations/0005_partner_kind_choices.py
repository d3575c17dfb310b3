# ruff: noqa: RUF012
"""A partner's kind takes its choices from the rules' partner kinds (``rules/partners.yaml``)
plus 其他, through ``desk.models.partner_kind_choices``: one list, and no migration when the
rules' list changes. The stored values are the same keys; nothing in the database changes."""

from django.db import migrations, models

import smewindow.desk.models


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0004_supervisor_campaigns"),
    ]

    operations = [
        migrations.AlterField(
            model_name="partner",
            name="kind",
            field=models.CharField(
                choices=smewindow.desk.models.partner_kind_choices,
                max_length=30,
                verbose_name="類別",
            ),
        ),
    ]
