"""The training-subsidy applications under load (issue 5): 100 applicants and 10 reviewers
at once (plus 1 finance officer), locust against gunicorn (gunicorn.conf.py) on 127.0.0.1
with PostgreSQL.

Run: python benchmarks/bench_apply_load.py [--seconds 60] [--workers 3] [--spawn-rate 20]
     [--keep-db]
1. Makes the PostgreSQL database ``bench_apply`` afresh (dropped at the end unless
   --keep-db), migrates, loads the demo catalogue and the demo round and raises its budgets
   so that they cannot run out.
2. Creates 100 firms (active users, half manufacturing, TSIC 25, half services, TSIC 56),
   5 reviewers per track and 1 finance officer, all with one known password, and picks
   each firm's courses: approved, of the firm's track, ≥ 12 known hours, no session outside
   the round's training window.
3. Starts gunicorn, loads a few pages to warm its workers, and runs
   ``benchmarks/locustfile_apply.py`` headless: 111 users spawned 20 a second (--spawn-rate),
   for --seconds (the flows are in that file).
4. Prints the requests, the failures and, per request, p50/p95/p99 and req/s, then what the
   database holds (submitted, approved, the budgets). Exits 1 on any failure, or when the
   budgets' committed money is not the sum of the approvals.
locust's percentiles are its own: exact up to 100 ms, then rounded to 2 significant
digits. The server, the database and locust share this 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from loadrun import (
    SERVER,
    business_id,
    gunicorn,
    recreate_database,
    report,
    run_locust,
    warm_up,
)

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile_apply.py"
DATABASE = "bench_apply"
PORT = 8767
PASSWORD = "bench-apply-密碼-2026"
APPLICANTS, REVIEWERS_PER_TRACK, FINANCE = 100, 5, 1
INDUSTRIES = {"manufacturing": "25", "services": "56"}
"""TSIC divisions: 25 metal products (section C), 56 food and beverage service."""
BIG_BUDGET = 10**10


def national_id(n: int) -> str:
    """A valid 身分證字號 (A, male) made from ``n``."""
    from smewindow.applications.identifiers import LETTER_CODES

    body = f"1{n:07d}"
    code = LETTER_CODES["A"]
    total = (
        code // 10
        + 9 * (code % 10)
        + sum(int(d) * w for d, w in zip(body, range(8, 0, -1), strict=True))
    )
    return f"A{body}{(10 - total % 10) % 10}"


def courses_for(round_: Any) -> dict[str, list[int]]:
    """Per track, approved courses of ≥ 12 known hours that may be taken in the round's
    training window (``amounts.course_in_window``; courses with sessions first)."""
    from smewindow.applications.amounts import course_in_window
    from smewindow.catalog.models import Course

    found: dict[str, list[int]] = {}
    for track in INDUSTRIES:
        courses = Course.objects.filter(is_approved=True, track=track).prefetch_related("sessions")
        fitting = [
            course
            for course in courses
            if (course.total_hours or 0) >= 12 and course_in_window(course, round_) is not False
        ]
        fitting.sort(key=lambda course: (not course.sessions.all(), course.pk))
        if not fitting:
            raise RuntimeError(f"no course fits the {track} track")
        found[track] = [course.pk for course in fitting[:20]]
    return found


def prepare(data_file: Path) -> None:
    """Migrate, load the demo data, make the accounts and write what locust needs."""
    import django
    from django.core.management import call_command

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, User
    from django.db import connections

    from smewindow.applications import roles
    from smewindow.applications.demo import DEMO_ROUND_NAME
    from smewindow.applications.intake import firm_create
    from smewindow.applications.models import Budget, Round

    call_command("migrate", verbosity=0)
    call_command("load_demo_catalog", verbosity=0)
    call_command("load_demo_round", verbosity=0)
    round_ = Round.objects.get(name=DEMO_ROUND_NAME)
    Budget.objects.filter(round=round_).update(total=BIG_BUDGET)
    courses = courses_for(round_)
    password = make_password(PASSWORD)  # hashed once (Argon2): the same for every account
    applicants = []
    for n in range(1, APPLICANTS + 1):
        track = list(INDUSTRIES)[n % 2]
        account = User.objects.create(
            username=f"firm{n:03d}", email=f"firm{n:03d}@bench.example", password=password
        )
        firm = firm_create(
            user=account,
            business_id=business_id(2_000_000 + n),
            name=f"壓測企業{n:03d}",
            county="臺北市",
            industry=INDUSTRIES[track],
        )
        pick = courses[track]
        applicants.append(
            {
                "login": firm.business_id,
                "n": n,
                "national_id": national_id(500_000 + n),
                "courses": [pick[n % len(pick)]],
            }
        )
    reviewers = []
    for track in INDUSTRIES:
        group = Group.objects.get(name=roles.REVIEWER[track])
        for n in range(1, REVIEWERS_PER_TRACK + 1):
            account = User.objects.create(username=f"review_{track}_{n}", password=password)
            account.groups.add(group)
            reviewers.append({"login": account.username})
    finance = []
    for n in range(1, FINANCE + 1):
        account = User.objects.create(username=f"finance_{n}", password=password)
        account.groups.add(Group.objects.get(name=roles.FINANCE))
        finance.append({"login": account.username})
    data = {
        "password": PASSWORD,
        "applicants": applicants,
        "reviewers": reviewers,
        "finance": finance,
    }
    data_file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    connections.close_all()


def database_state() -> bool:
    """Print what the run left (applications by status, the budgets' committed money);
    whether the committed money is the sum of the approvals."""
    from django.db.models import Count, Sum

    from smewindow.applications.models import Application, Budget

    by_status = dict(
        Application.objects.values_list("status").annotate(n=Count("id")).order_by("status")
    )
    approved = Application.objects.aggregate(total=Sum("approved_amount"))["total"] or 0
    committed = Budget.objects.aggregate(total=Sum("committed"))["total"] or 0
    print(
        f"applications by status {by_status}; approved NT${approved:,}, committed NT${committed:,}"
    )
    if approved != committed:
        print("MISMATCH: the budgets' committed money is not the sum of the approvals")
    return approved == committed


def serve_and_load(tmp: Path, env: dict[str, str], args: argparse.Namespace) -> int:
    """gunicorn and locust; the number of failures (+1 when the money does not add up)."""
    with gunicorn(env, PORT, args.workers, tmp / "gunicorn.log"):
        warm_up(PORT, ("/", "/accounts/login/", "/catalog/courses?q=AI"))
        rows = run_locust(
            LOCUSTFILE,
            tmp,
            env,
            port=PORT,
            users=APPLICANTS + 2 * REVIEWERS_PER_TRACK + FINANCE,
            seconds=args.seconds,
            spawn_rate=args.spawn_rate,
        )
    failures = report(rows, tmp, tmp / "outcomes.json") + (0 if database_state() else 1)
    if failures:
        print((tmp / "gunicorn.log").read_text("utf-8")[-5000:])
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--spawn-rate", type=int, default=20, help="users started a second")
    parser.add_argument("--keep-db", action="store_true", help="leave bench_apply afterwards")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-apply-") as name:
        tmp = Path(name)
        env = {
            **os.environ,
            "DATABASE_URL": f"{SERVER}/{DATABASE}",
            "SMEWINDOW_SECRET_KEY": "benchmark-only",
            "SMEWINDOW_HTTPS": "off",  # plain HTTP on the loopback, no proxy in front
            "SMEWINDOW_VAR_DIR": str(tmp),
            "DJANGO_SETTINGS_MODULE": "smewindow.web.settings",
            "BENCH_DATA": str(tmp / "accounts.json"),
            "BENCH_OUTCOMES": str(tmp / "outcomes.json"),
        }
        os.environ.update(env)
        sys.path.insert(0, str(ROOT / "src"))
        recreate_database(DATABASE)
        try:
            started = time.monotonic()
            prepare(tmp / "accounts.json")
            print(f"database {DATABASE} ready in {time.monotonic() - started:.0f} s")
            failures = serve_and_load(tmp, env, args)
        finally:
            from django.db import connections

            connections.close_all()
            if not args.keep_db:
                recreate_database(DATABASE, drop_only=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
