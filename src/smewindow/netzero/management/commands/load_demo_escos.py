"""``manage.py load_demo_escos``: load the demo ESCO list (idempotent), or remove it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from smewindow.catalog.importers import ImportRefused
from smewindow.netzero.services import demo_escos_load, demo_escos_remove


class Command(BaseCommand):
    help = (
        "載入示範能源技術服務業者名單（名稱皆為「（示範）…」；重複執行不會改變資料）。"
        "Load the demo ESCO list (every name starts with （示範）); running it again changes "
        "nothing. --remove deletes every demo ESCO."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--remove", action="store_true", help="刪除所有示範業者 (delete every demo ESCO)"
        )

    def handle(self, *args: Any, remove: bool = False, verbosity: int = 1, **options: Any) -> None:
        if remove:
            removed = demo_escos_remove()
            if verbosity:
                self.stdout.write(f"已刪除示範業者 {removed} 家 (removed {removed} demo ESCOs)")
            return
        try:
            result = demo_escos_load()
        except ImportRefused as exc:
            raise CommandError(exc.report()) from None
        if verbosity:
            self.stdout.write(str(result))
