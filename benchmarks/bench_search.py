"""Catalogue search (smewindow.catalog.search): recall@20 of the relevance set
(tests/catalog/relevance.yaml) and search latency over its queries, on the demo catalogue
and on a catalogue grown to 20,000 courses with generated demo-like ones.

Run: python benchmarks/bench_search.py [--courses 20000] [--runs 5]
SQLite always (a fresh file in a temporary folder); PostgreSQL too when DATABASE_URL names
a server (a fresh database ``smewindow_bench_search`` there, dropped at the end). Each
database runs in a child process, Django's settings being per process.

Latency is one whole search — the count and the page of 20 with their providers — timed in
process (p50/p95 over every query × runs, after one warm-up run); "API" is the same through
GET /api/v1/courses with Django's test client (routing, validation, JSON).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "smewindow_bench_search"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one", choices=("sqlite", "postgresql"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run(args.one, args.courses, args.runs)
        return
    url = os.environ.pop("DATABASE_URL", None)
    targets = [("sqlite", None), *([("postgresql", url)] if url else [])]
    for engine, database_url in targets:
        env = {**os.environ, **({"DATABASE_URL": database_url} if database_url else {})}
        command = [sys.executable, __file__, "--one", engine, "--courses", str(args.courses)]
        subprocess.run([*command, "--runs", str(args.runs)], env=env, check=True)


def run(engine: str, courses: int, runs: int) -> None:
    """Create a fresh database, load the demo, measure; grow it to ``courses``, measure."""
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smewindow.web.test_settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from smewindow.catalog.services import demo_catalog_load

    with tempfile.TemporaryDirectory(prefix="bench-search-") as folder:
        test_name = f"{folder}/bench.sqlite3" if engine == "sqlite" else BENCH_DB
        connection.settings_dict["TEST"]["NAME"] = test_name
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            demo_catalog_load()
            report(f"{engine}, the demo catalogue", runs)
            grow(courses)
            report(f"{engine}, {courses:,} courses", runs)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def grow(target: int) -> None:
    """Add demo-like courses (the demo's names, providers, hours and classification, a new
    class number and code GEN-nnnnn) up to ``target``, a session for one in ten; ANALYZE."""
    import re

    from django.db import connection

    from smewindow.catalog.models import Course, CourseSession

    templates = list(Course.objects.filter(is_demo=True).order_by("pk"))
    new = []
    for i in range(target - Course.objects.count()):
        t = templates[i % len(templates)]
        topic = re.sub(r"^（示範）|（第 \d+ 班）$| 第 \d+ 講$", "", t.name)
        new.append(
            Course(
                code=f"GEN-{i:05d}",
                name=f"（示範）{topic}（第 {1000 + i} 班）",
                provider_id=t.provider_id,
                physical_hours=t.physical_hours,
                online_hours=t.online_hours,
                description=f"示範資料，非公告課程。{topic}：以實作帶領業者導入數位工具（第 {i} 期）。",
                url=f"https://example.com/smewindow-demo/bench/{i}",
                track=t.track,
                industry=t.industry,
                topic=t.topic,
                zone=t.zone,
                is_approved=t.is_approved,
                is_demo=True,
                source="benchmarks/bench_search.py",
            )
        )
    created = Course.objects.bulk_create(new, batch_size=1000)
    start = dt.date(2025, 1, 6)
    CourseSession.objects.bulk_create(
        [
            CourseSession(course=c, starts_on=start + dt.timedelta(days=i % 300), is_demo=True)
            for i, c in enumerate(created)
            if i % 10 == 0
        ],
        batch_size=1000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def report(title: str, runs: int) -> None:
    from django.test import Client

    from smewindow.catalog.models import Course, Provider
    from smewindow.catalog.search import CourseFilters, search_courses, search_providers
    from tests.catalog.relevance import CASES, FIRST_PAGE, expected, missing

    print(f"\n== {title}: {Course.objects.count():,} courses, {Provider.objects.count()} providers")
    total_expected = total_found = 0
    for case in CASES:
        want, gone = expected(case), missing(case)
        found = want - len(gone)
        total_expected, total_found = total_expected + want, total_found + found
        print(f"  {case.q:<16} {found}/{want} {found / want:6.1%}  {case.kind}  {', '.join(gone)}")
    micro = total_found / total_expected
    print(
        f"recall@{FIRST_PAGE}: {micro:.1%} ({total_found}/{total_expected}) over {len(CASES)} queries"
    )

    course_queries = [c.q for c in CASES if c.courses] + ["", "AI 數位轉型 生產管理"]
    provider_queries = [c.q for c in CASES if c.providers] + [""]
    filters = CourseFilters(
        region="north",
        min_hours=Decimal(12),
        session_from=dt.date(2025, 3, 1),
        approved=True,
    )
    client = Client()

    def api(q: str) -> None:
        response = client.get(f"/api/v1/courses?{urlencode({'q': q})}")
        assert response.status_code == 200, response.content

    timings = {
        "courses": timed(lambda q: search_courses(q), course_queries, runs),
        "courses + filters": timed(lambda q: search_courses(q, filters), course_queries, runs),
        "providers": timed(lambda q: search_providers(q), provider_queries, runs),
        "API /courses": timed(api, course_queries, runs),
    }
    for name, (p50, p95) in timings.items():
        print(f"latency {name:<18} p50 {p50:5.1f} ms  p95 {p95:5.1f} ms")


def timed(search: Callable[[str], Any], queries: list[str], runs: int) -> tuple[float, float]:
    """p50 and p95 in ms of ``search`` over every query, ``runs`` times after a warm-up."""
    for q in queries:
        search(q)
    times = []
    for _ in range(runs):
        for q in queries:
            start = time.perf_counter()
            search(q)
            times.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(times, n=20)
    return statistics.median(times), cuts[18]


if __name__ == "__main__":
    main()
