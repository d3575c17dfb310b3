# ruff: noqa: RUF012
"""One user per e-mail address, whatever its case: a unique index on lower(email) of
auth_user, for the addresses that are not empty (staff may have none). The same SQL runs on
SQLite and PostgreSQL."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE UNIQUE INDEX accounts_user_email_lower_unique "
                "ON auth_user (lower(email)) WHERE email <> ''"
            ),
            reverse_sql="DROP INDEX accounts_user_email_lower_unique",
        )
    ]
