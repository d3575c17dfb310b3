"""The supervisor's dashboard (smewindow.desk.dashboard) on 10,000 cases: the time of each
table and of the whole page's tables, over a year of cases (2025-03-01 … 2026-02-28) with
referrals to seven partners, outcomes, loans and ratings.

Run: python benchmarks/bench_desk_dashboard.py [--cases 10000] [--runs 5]
SQLite always (a fresh file in a temporary folder); PostgreSQL too when DATABASE_URL names
a server (a fresh database ``smewindow_bench_desk`` there, dropped at the end). Each database
runs in a child process, Django's settings being per process. The cases are written with
bulk_create (not the services: the data, not the writes, are measured); the segment of
each is computed from its finder answers as the page does (head count, digital tools, AI
use). Times are wall clock in process, the best and the median of ``--runs`` after one
warm-up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "smewindow_bench_desk"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one", choices=("sqlite", "postgresql"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run(args.one, args.cases, args.runs)
        return
    url = os.environ.pop("DATABASE_URL", None)
    targets = [("sqlite", None), *([("postgresql", url)] if url else [])]
    for engine, database_url in targets:
        env = {**os.environ, **({"DATABASE_URL": database_url} if database_url else {})}
        command = [sys.executable, __file__, "--one", engine, "--cases", str(args.cases)]
        subprocess.run([*command, "--runs", str(args.runs)], env=env, check=True)


def run(engine: str, cases: int, runs: int) -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smewindow.web.test_settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    with tempfile.TemporaryDirectory(prefix="bench-desk-") as folder:
        test_name = f"{folder}/bench.sqlite3" if engine == "sqlite" else BENCH_DB
        connection.settings_dict["TEST"]["NAME"] = test_name
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            started = time.perf_counter()
            fill(cases)
            print(f"\n== {engine}: {cases:,} cases made in {time.perf_counter() - started:.1f} s")
            report(runs)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def fill(count: int) -> None:
    """``count`` cases over a year, a referral for three in five, outcomes and ratings."""
    from django.contrib.auth.models import User
    from django.db import connection

    from smewindow.desk.models import (
        Consultation,
        OutcomeKind,
        Partner,
        PartnerKind,
        Referral,
        ReferralStatus,
    )
    from smewindow.rules.needs import NEEDS
    from smewindow.rules.taiwan import COUNTIES, DIVISION_NAMES

    rng = random.Random(14)
    agent = User.objects.create_user("bench-agent")
    partners = [
        Partner.objects.create(name=f"（示範）合作單位 {kind.label}", kind=kind.value)
        for kind in list(PartnerKind)[:7]
    ]
    start = dt.datetime(2025, 3, 1, 1, tzinfo=dt.UTC)
    divisions = sorted(DIVISION_NAMES)
    tools = ["accounting", "pos", "erp", "crm", "ecommerce", "cloud"]
    new = []
    for i in range(count):
        created = start + dt.timedelta(minutes=rng.randrange(365 * 24 * 60))
        answered = created + dt.timedelta(hours=rng.choice([1, 5, 20, 30, 80, 200]))
        open_case = rng.random() < 0.1
        closed = not open_case and rng.random() < 0.6
        profile = {}
        if rng.random() < 0.7:
            profile["employees"] = rng.choice([2, 4, 8, 15, 40, 90, 180, 250])
        if rng.random() < 0.6:
            profile["digital_tools"] = rng.sample(tools, rng.randrange(0, 3))
            profile["ai_use"] = rng.choice(["none", "exploring", "pilot", "production"])
        new.append(
            Consultation(
                channel=rng.choice(["web", "web", "phone", "outbound"]),
                status="new" if open_case else ("closed" if closed else "in_progress"),
                firm_name=f"示範企業 {i}",
                county=rng.choice([*COUNTIES, ""]),
                industry=rng.choice([*divisions, ""]),
                question="示範問題",
                needs=rng.sample(list(NEEDS), rng.randrange(0, 3)),
                profile=profile,
                consent=True,
                consent_version="bench",
                consent_at=created,
                token_hash=f"{i:064x}",
                created_at=created,
                first_answered_at=None if open_case else answered,
                closed_at=answered + dt.timedelta(days=20) if closed else None,
                rating=rng.choice([None, 3, 4, 5, 5]) if closed else None,
            )
        )
    made = Consultation.objects.bulk_create(new, batch_size=1000)
    referrals = []
    for case in made:
        if case.first_answered_at is None or rng.random() < 0.4:
            continue
        sent = case.first_answered_at
        status = rng.choice(["sent", "accepted", "returned", "outcome", "outcome"])
        accepted = (
            sent + dt.timedelta(hours=rng.choice([2, 30, 70, 120]))
            if status
            in (
                "accepted",
                "outcome",
            )
            else None
        )
        kind = rng.choice(list(OutcomeKind)).value if status == "outcome" else ""
        referrals.append(
            Referral(
                consultation=case,
                partner=rng.choice(partners),
                status=ReferralStatus(status),
                created_by=agent,
                created_at=sent,
                accepted_at=accepted,
                outcome_kind=kind,
                outcome_loan_amount=rng.randrange(1, 50) * 100_000
                if kind == OutcomeKind.LOAN_APPROVED
                else None,
                outcome_at=accepted,
            )
        )
    Referral.objects.bulk_create(referrals, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"   {Referral.objects.count():,} referrals")


def report(runs: int) -> None:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from smewindow.desk import dashboard

    now = dt.datetime(2026, 3, 2, 4, tzinfo=dt.UTC)
    periods = {
        "a year": dashboard.Period(dt.date(2025, 3, 1), dt.date(2026, 2, 28)),
        "a month": dashboard.Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
    }
    builders = {
        **dashboard.TABLES,
        "service": lambda p: dashboard.service_table(p, now=now),
    }
    for title, period in periods.items():
        print(f"-- {title} ({period.cases().count():,} cases)")
        whole = []
        for slug, build in builders.items():
            build(period)  # warm-up
            times = []
            for _ in range(runs):
                reset_queries()
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    build(period)
                    times.append(time.perf_counter() - started)
            whole.append(statistics.median(times))
            print(
                f"   {slug:<9} best {min(times) * 1000:7.1f} ms  median"
                f" {statistics.median(times) * 1000:7.1f} ms  {len(queries)} queries"
            )
        print(f"   all tables (sum of medians) {sum(whole) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
