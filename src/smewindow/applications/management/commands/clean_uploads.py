"""``manage.py clean_uploads``: remove the upload files a killed process left behind
(``applications.uploads.orphans``); run it hourly, e.g. from cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from smewindow.applications.uploads import ORPHAN_AGE, orphans


class Command(BaseCommand):
    help = (
        "刪除上傳中斷留下的檔案：超過一小時的暫存檔、沒有任何文件紀錄使用的檔案。"
        f"Remove files left by interrupted uploads: temporary files and files no document"
        f" row names, older than {ORPHAN_AGE}. Example: python manage.py clean_uploads"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list, delete nothing")

    def handle(self, *args: Any, dry_run: bool = False, verbosity: int = 1, **options: Any) -> None:
        found = orphans(timezone.now())
        for path in found:
            if not dry_run:
                path.unlink(missing_ok=True)
            if verbosity > 1:
                self.stdout.write(str(path))
        if verbosity:
            verb = "可刪除 (to delete)" if dry_run else "已刪除 (deleted)"
            self.stdout.write(f"{len(found)} 個檔案{verb}")
