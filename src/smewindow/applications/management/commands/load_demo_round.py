"""``manage.py load_demo_round``: the demo round, open from today for 30 days (idempotent),
and, in development only, the demo staff accounts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.timezone import localtime

from smewindow.applications.demo import (
    DEMO_BUDGET,
    DEMO_DAYS,
    DEMO_STAFF,
    DEMO_STAFF_PASSWORD,
    demo_round_load,
    demo_staff_load,
)
from smewindow.formatting import twd
from smewindow.rules.engine import TAIPEI


class Command(BaseCommand):
    help = (
        f"建立示範梯次：自今日（臺北時間）起受理 {DEMO_DAYS} 天，製造業與服務業各 {twd(DEMO_BUDGET)} "
        "示範預算；重複執行不會改變資料。"
        f"Create the demo round, open from today (Asia/Taipei) for {DEMO_DAYS} days with a"
        f" demo budget of {twd(DEMO_BUDGET)} per track; running it again the same day changes"
        " nothing. In development (SMEWINDOW_DEBUG=1) it also makes the demo staff accounts"
        f" ({', '.join(DEMO_STAFF)}; password {DEMO_STAFF_PASSWORD})."
        " Example: python manage.py load_demo_round"
    )

    def handle(self, *args: Any, verbosity: int = 1, **options: Any) -> None:
        round, changed = demo_round_load()
        if verbosity:
            what = "已建立或更新 (created or updated)" if changed else "未變更 (unchanged)"
            opens, deadline = (localtime(t, TAIPEI) for t in (round.opens_at, round.deadline))
            self.stdout.write(f"{round.name}：{opens:%Y-%m-%d} – {deadline:%Y-%m-%d %H:%M}，{what}")
        if settings.DEBUG:
            accounts = "、".join(demo_staff_load())
            self.stdout.write(
                f"示範帳號 demo accounts: {accounts}（密碼 password {DEMO_STAFF_PASSWORD}）"
            )
