"""``manage.py load_demo_desk``: the desk's demo partners and accounts (development only)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from smewindow.applications.demo import DEMO_STAFF_PASSWORD
from smewindow.desk.demo import DEMO_ACCOUNTS, DEMO_PARTNERS, demo_desk_load
from smewindow.desk.services import DeskRefused


class Command(BaseCommand):
    help = (
        f"建立服務台的示範合作單位（{len(DEMO_PARTNERS)} 個，名稱標示「示範」）與示範帳號"
        f"（{', '.join(DEMO_ACCOUNTS)}；密碼 {DEMO_STAFF_PASSWORD}），只限開發模式"
        "（SMEWINDOW_DEBUG=1）；重複執行不會重複建立。"
        " Create the desk's demo partners (marked demo) and demo accounts, in development"
        " only; running it again changes nothing. Example: python manage.py load_demo_desk"
    )

    def handle(self, *args: Any, verbosity: int = 1, **options: Any) -> None:
        try:
            partners, accounts = demo_desk_load()
        except DeskRefused as refusal:
            raise CommandError(str(refusal)) from None
        if verbosity:
            self.stdout.write(f"示範合作單位 demo partners: {len(partners)}")
            self.stdout.write(
                f"示範帳號 demo accounts: {'、'.join(accounts)}（密碼 password {DEMO_STAFF_PASSWORD}）"
            )
