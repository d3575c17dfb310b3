"""``manage.py send_outbox``: send the outbox's due mails once, or with ``--loop`` keep
doing so every ``--interval`` seconds (the worker beside the web servers)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection

from smewindow.outbox.models import State
from smewindow.outbox.services import send_due


class Command(BaseCommand):
    help = (
        "寄出寄信佇列中到期的郵件；失敗者稍後重試，達上限即放棄（見管理後台）。"
        "Send the outbox's due mails; a failure is retried later with a doubling delay and"
        " given up after SMEWINDOW_MAIL_ATTEMPTS attempts (shown in the admin)."
        " Example: python manage.py send_outbox --loop"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running (a worker)")
        parser.add_argument(
            "--interval", type=float, default=30.0, help="seconds between passes with --loop"
        )
        parser.add_argument("--limit", type=int, default=100, help="mails per pass")

    def handle(self, *args: Any, loop: bool, interval: float, limit: int, **options: Any) -> None:
        while True:
            if not connection.in_atomic_block:  # never under a caller's transaction (tests)
                close_old_connections()  # a database restarted meanwhile
            counts = send_due(limit)
            if options["verbosity"] and (counts or not loop):
                self.stdout.write(
                    f"寄出 sent {counts[State.SENT]}，待重試 to retry {counts[State.PENDING]}，"
                    f"放棄 gave up {counts[State.FAILED]}"
                )
            if not loop:
                return
            if sum(counts.values()) < limit:
                time.sleep(interval)
