"""``manage.py import_escos FILE``: import an ESCO registry list (.csv or .xlsx)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from smewindow.catalog.importers import ImportRefused
from smewindow.netzero.services import esco_import


class Command(BaseCommand):
    help = (
        "匯入能源技術服務業者（ESCO）名單：每列都先檢查，有任何錯誤則整個檔案不匯入；"
        "重複匯入同一檔案不會改變資料。Import an ESCO list: every row is checked first, a "
        "file with any problem is refused whole; importing it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="名單檔 .csv 或 .xlsx (the list file)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="以此檔為完整名單，檔案中沒有的業者移出名單 (withdraw ESCOs the file no longer names)",
        )

    def handle(self, *args: Any, file: Path, replace: bool = False, **options: Any) -> None:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"無法讀取檔案 (cannot read the file) {file}: {exc}") from None
        try:
            result = esco_import(data=data, filename=file.name, replace=replace)
        except ImportRefused as exc:
            raise CommandError(exc.report()) from None
        if options.get("verbosity", 1):
            self.stdout.write(str(result))
