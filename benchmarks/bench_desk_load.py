"""The desk under load (issue 14): 200 firms, 30 desk agents and 20 partner staff at once,
locust against gunicorn (gunicorn.conf.py) on 127.0.0.1 with PostgreSQL.

Run: python benchmarks/bench_desk_load.py [--seconds 60] [--workers 3] [--spawn-rate 25]
     [--cases 2000] [--keep-db]
1. Makes the PostgreSQL database ``bench_desk`` afresh (dropped at the end unless
   --keep-db) and migrates.
2. Creates 30 agents and 5 partners (one of each kind the segments name first) with 4 staff
   each, all with one known password, and --cases earlier web cases over the last 30 days,
   a third of them referred, so that the queue and the partners' lists are full.
3. Starts gunicorn, warms it, and runs ``benchmarks/locustfile_desk.py`` headless: 250 users
   spawned --spawn-rate a second, for --seconds (the flows are in that file).
4. Prints the requests, the failures and, per request, p50/p95/p99 and req/s, the outcomes
   and what the database holds. Exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from loadrun import SERVER, gunicorn, recreate_database, report, run_locust, warm_up

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile_desk.py"
DATABASE = "bench_desk"
PORT = 8768
PASSWORD = "bench-desk-密碼-2026"
FIRMS, AGENTS, PARTNERS, STAFF_PER_PARTNER = 200, 30, 5, 4
KINDS = ("research_institute", "sme_counselling", "credit_guarantee", "esco", "elearning")


def prepare(data_file: Path, cases: int) -> None:
    """Migrate, make the staff, the partners and the earlier cases; write the accounts."""
    import django
    from django.core.management import call_command

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, User
    from django.db import connections
    from django.utils import timezone

    from smewindow.desk import roles, services
    from smewindow.desk.models import Partner, PartnerStaff

    call_command("migrate", verbosity=0)
    password = make_password(PASSWORD)  # hashed once (Argon2): the same for every account
    agents = []
    group = Group.objects.get(name=roles.AGENT)
    for n in range(1, AGENTS + 1):
        account = User.objects.create(username=f"agent{n:02d}", password=password)
        account.groups.add(group)
        agents.append(account)
    partners, staff = [], []
    for n, kind in enumerate(KINDS[:PARTNERS], start=1):
        partner = Partner.objects.create(name=f"壓測合作單位{n}", kind=kind)
        partners.append(partner)
        for m in range(1, STAFF_PER_PARTNER + 1):
            account = User.objects.create(
                username=f"partner{n}_{m}", email=f"p{n}{m}@bench.example", password=password
            )
            PartnerStaff.objects.create(partner=partner, user=account)
            staff.append({"login": account.username})
    now = timezone.now()
    for n in range(cases):
        case, _ = services.consultation_create(
            channel="web",
            firm_name=f"既有企業{n:05d}",
            question="想了解數位轉型與貸款的補助。",
            consent_given=True,
            contact_phone="02-2345-6789",
            county="臺北市",
            now=now - dt.timedelta(minutes=30 * 24 * 60 * n // max(cases, 1)),
        )
        if n % 3 == 0:
            services.refer(
                consultation=case,
                partners=[partners[n % len(partners)]],
                note="",
                agent=agents[n % len(agents)],
            )
    data = {
        "password": PASSWORD,
        "agents": [{"login": a.username} for a in agents],
        "partners": staff,
    }
    data_file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    connections.close_all()


def database_state() -> None:
    """Print the cases by channel and status, and the referrals by status."""
    from django.db.models import Count

    from smewindow.desk.models import Consultation, Referral

    cases = Consultation.objects.values_list("channel", "status").annotate(n=Count("id"))
    referrals = Referral.objects.values_list("status").annotate(n=Count("id"))
    print(f"cases {sorted(cases)}; referrals {sorted(referrals)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--spawn-rate", type=int, default=25, help="users started a second")
    parser.add_argument("--cases", type=int, default=2000, help="earlier cases made first")
    parser.add_argument("--keep-db", action="store_true", help="leave bench_desk afterwards")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-desk-") as name:
        tmp = Path(name)
        env = {
            **os.environ,
            "DATABASE_URL": f"{SERVER}/{DATABASE}",
            "SMEWINDOW_SECRET_KEY": "benchmark-only",
            "SMEWINDOW_HTTPS": "off",  # plain HTTP on the loopback, no proxy in front
            "SMEWINDOW_VAR_DIR": str(tmp),
            "SMEWINDOW_DESK_QUESTIONS_PER_HOUR": "1000000",  # 200 firms share one IP here
            "DJANGO_SETTINGS_MODULE": "smewindow.web.settings",
            "BENCH_DATA": str(tmp / "accounts.json"),
            "BENCH_OUTCOMES": str(tmp / "outcomes.json"),
        }
        os.environ.update(env)
        sys.path.insert(0, str(ROOT / "src"))
        recreate_database(DATABASE)
        try:
            started = time.monotonic()
            prepare(tmp / "accounts.json", args.cases)
            print(f"database {DATABASE} ready in {time.monotonic() - started:.0f} s")
            with gunicorn(env, PORT, args.workers, tmp / "gunicorn.log"):
                warm_up(PORT, ("/", "/desk/ask/", "/accounts/login/"))
                rows = run_locust(
                    LOCUSTFILE,
                    tmp,
                    env,
                    port=PORT,
                    users=FIRMS + AGENTS + PARTNERS * STAFF_PER_PARTNER,
                    seconds=args.seconds,
                    spawn_rate=args.spawn_rate,
                )
            failures = report(rows, tmp, tmp / "outcomes.json")
            database_state()
            if failures:
                print((tmp / "gunicorn.log").read_text("utf-8")[-5000:])
        finally:
            from django.db import connections

            connections.close_all()
            if not args.keep_db:
                recreate_database(DATABASE, drop_only=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
