"""``manage.py desk_outreach_stage RESULTS``: check a registry screening too large for the
page's upload (``smewindow batch``'s Parquet or CSV) and stage it for a supervisor, who
then picks the program and county at the printed address (kept for a day)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from smewindow.desk.outreach import STAGE_HOURS, stage
from smewindow.desk.services import DeskRefused


class Command(BaseCommand):
    help = (
        "檢查 smewindow batch 的篩選結果（Parquet 或 CSV，可大於網頁上傳上限）並暫存，"
        "督導再於列出的網址選擇措施與縣市、建立外撥活動（暫存一天）。"
        " Check a registry screening and stage it for an outbound campaign."
        " Example: python manage.py desk_outreach_stage results.parquet"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("results", type=Path, help="smewindow batch 的輸出檔 (its output)")

    def handle(self, *args: Any, results: Path, verbosity: int = 1, **options: Any) -> None:
        if not results.is_file():
            raise CommandError(f"找不到檔案 (no such file): {results}")
        try:
            found = stage(results, results.name)
        except DeskRefused as refusal:
            raise CommandError(str(refusal)) from None
        if verbosity:
            path = reverse("desk:supervisor_campaign_new", args=[found.key])
            self.stdout.write(
                f"已檢查 {found.rows:,} 家企業，暫存 {STAGE_HOURS} 小時；請督導開啟 {path}"
                f" (checked {found.rows:,} firms; open {path} within {STAGE_HOURS} hours)"
            )
