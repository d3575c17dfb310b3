"""``manage.py desk_erase_contacts``: erase the contact details of cases closed longer than
``SMEWINDOW_DESK_RETENTION_DAYS`` ago (Personal Data Protection Act), journaling each."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from smewindow.desk.services import contacts_erase


class Command(BaseCommand):
    help = (
        "刪除結案逾保存期限（SMEWINDOW_DESK_RETENTION_DAYS 日）之諮詢案件的聯絡人姓名、電話與"
        "電子郵件，並記入案件歷程；可每日由 cron 執行，重複執行不會重複刪除。"
        " Erase the contact details of cases closed more than SMEWINDOW_DESK_RETENTION_DAYS"
        " days ago, journaling each erasure; safe to run daily from cron."
        " Example: python manage.py desk_erase_contacts"
    )

    def handle(self, *args: Any, verbosity: int = 1, **options: Any) -> None:
        erased = contacts_erase()
        if verbosity:
            days = settings.SMEWINDOW_DESK_RETENTION_DAYS
            self.stdout.write(
                f"已刪除 {erased} 件的聯絡資料（結案逾 {days} 日） (erased the contacts of {erased} cases)"
            )
