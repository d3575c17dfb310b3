"""What the load benchmarks share (bench_apply_load.py, bench_desk_load.py): a PostgreSQL
database made afresh, valid 統一編號, gunicorn with the production settings on 127.0.0.1,
a warm-up, locust run headless and its figures printed. The server, the database and locust
share this 2-core machine; locust's percentiles are exact up to 100 ms, then rounded to 2
significant digits."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bench_web import wait_for  # benchmarks/ is on the path when run as a script

ROOT = Path(__file__).resolve().parent.parent
SERVER = "postgres://postgres@127.0.0.1:5432"


def recreate_database(name: str, drop_only: bool = False) -> None:
    """Drop the database ``name`` (closing its connections) and, unless ``drop_only``,
    create it."""
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if not drop_only:
            connection.execute(f"CREATE DATABASE {name}")


def business_id(n: int) -> str:
    """A valid 統一編號 made from ``n``."""
    from smewindow.rules.taiwan import business_id_is_valid

    return next(
        candidate
        for candidate in (f"{n:07d}{last}" for last in range(10))
        if business_id_is_valid(candidate)
    )


def warm_up(port: int, paths: Iterable[str]) -> None:
    """A few pages first, so that each worker has loaded its code and templates."""
    paths = list(paths)
    for _ in range(10):
        for path in paths:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as page:
                page.read()


@contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int, log: Path) -> Iterator[None]:
    """gunicorn (gunicorn.conf.py) serving the site on 127.0.0.1:``port`` while inside;
    its errors go to ``log``."""
    with log.open("w") as errors:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
             "smewindow.web.wsgi", "--access-logfile", "/dev/null", "--error-logfile", "-"],
            env={**env, "SMEWINDOW_BIND": f"127.0.0.1:{port}", "SMEWINDOW_WORKERS": str(workers)},
            stdout=errors, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_for(port)
            yield
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"gunicorn (gunicorn.conf.py, gthread) {workers} workers; "
        f"load average {os.getloadavg()[0]:.1f}"
    )


def run_locust(
    locustfile: Path,
    tmp: Path,
    env: dict[str, str],
    *,
    port: int,
    users: int,
    seconds: int,
    spawn_rate: int,
) -> list[dict[str, str]]:
    """Run ``locustfile`` headless with ``users`` for ``seconds``; the rows of its
    per-request statistics (files ``tmp/load_*.csv``)."""
    command = [
        sys.executable, "-m", "locust", "-f", str(locustfile), "--headless",
        "-u", str(users), "-r", str(spawn_rate), "-t", f"{seconds}s",
        "--host", f"http://127.0.0.1:{port}", "--csv", str(tmp / "load"),
        "--only-summary", "--loglevel", "WARNING",
        "--stop-timeout", "30",  # at the end each user finishes the request it is making
    ]  # fmt: skip
    subprocess.run(command, env=env, cwd=tmp, check=False)
    print(f"{users} users spawned {spawn_rate} a second, for {seconds} s")
    with (tmp / "load_stats.csv").open(encoding="utf-8") as stats:
        return list(csv.DictReader(stats))


def report(rows: list[dict[str, str]], tmp: Path, outcomes: Path | None = None) -> int:
    """Print the table (and the run's outcomes, if written); the number of failures."""
    print(f"\n{'request':<48} {'n':>6} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6} {'req/s':>6}")
    for row in rows:
        name = "TOTAL" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        print(
            f"{name:<48} {row['Request Count']:>6} {row['Failure Count']:>5} {row['50%']:>6} "
            f"{row['95%']:>6} {row['99%']:>6} {float(row['Requests/s']):>6.1f}"
        )
    total = next(row for row in rows if row["Name"] == "Aggregated")
    failures = int(total["Failure Count"])
    print(f"requests {total['Request Count']}, failures {failures} (times in ms)")
    failures_file = tmp / "load_failures.csv"
    if failures and failures_file.exists():
        print(failures_file.read_text("utf-8"))
    if outcomes is not None and outcomes.exists():
        print("outcomes:", json.loads(outcomes.read_text("utf-8")))
    return failures
