"""``manage.py load_demo_catalog``: load the demo catalogue (idempotent), or remove it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import ProtectedError

from smewindow.catalog.importers import ImportRefused
from smewindow.catalog.services import demo_catalog_load, demo_catalog_remove


class Command(BaseCommand):
    help = (
        "載入示範課程目錄（seed 所列紀錄與標示（示範）的產生資料；重複執行不會改變資料）。"
        "Load the demo catalogue (the seed's records and generated records marked （示範）); "
        "running it again changes nothing. --remove deletes every demo record."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--remove", action="store_true", help="刪除所有示範資料 (delete every demo record)"
        )

    def handle(self, *args: Any, remove: bool = False, verbosity: int = 1, **options: Any) -> None:
        if remove:
            try:
                removed = demo_catalog_remove()
            except ProtectedError as exc:
                raise CommandError(
                    f"仍有非示範課程使用示範開課單位，未刪除任何資料 "
                    f"(a real course still names a demo provider; nothing was deleted): {exc}"
                ) from None
            if verbosity:
                self.stdout.write(f"已刪除示範資料 (removed): {removed}")
            return
        try:
            results = demo_catalog_load()
        except ImportRefused as exc:
            raise CommandError(exc.report()) from None
        for result in results if verbosity else ():
            self.stdout.write(str(result))
