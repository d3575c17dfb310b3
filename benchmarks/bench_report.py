"""The PDF report (/results.pdf) as a new user gets it: the development server as
`scripts/start` runs it, on a fresh SQLite database.

Run: python benchmarks/bench_report.py [--requests 20]
1. A temporary SMEWINDOW_VAR_DIR, `manage.py migrate`, then `manage.py runserver` on
   127.0.0.1 and a free port (SMEWINDOW_DEBUG=1, the autoreloader on, as scripts/start).
2. GET /results.pdf for the example bakery (examples/bakery.json as the answers in the link):
   the first request after start, then ``--requests`` more one after another (median, p95).
3. In this process: the same report rendered (``finder.pdf.report_pdf`` on the report's HTML),
   first render and median/p95 of ``--requests`` more, in wall-clock and in CPU seconds (the
   CPU figure does not depend on what else runs on the machine).
The server is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bench_web import wait_for  # benchmarks/ is on the path when run as a script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from smewindow.finder.state import InterviewState  # noqa: E402

CLOCKS = (time.perf_counter, time.process_time)


def bakery_state() -> InterviewState:
    state = InterviewState()
    for field, value in json.loads((ROOT / "examples" / "bakery.json").read_text("utf-8")).items():
        state = state.answer(field, value)
    return state


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def timed(
    fetch: Callable[[], object], count: int, clock: Callable[[], float] = time.perf_counter
) -> tuple[float, list[float]]:
    """Seconds (by ``clock``) of the first call of ``fetch`` and of ``count`` calls after it."""
    times = []
    for _ in range(count + 1):
        start = clock()
        fetch()
        times.append(clock() - start)
    return times[0], times[1:]


def summary(first: float, later: list[float]) -> str:
    p95 = statistics.quantiles(later, n=20)[-1] if len(later) > 1 else later[0]
    return (
        f"first {first:.2f} s; then median {statistics.median(later):.2f} s, p95 {p95:.2f} s, "
        f"max {max(later):.2f} s ({len(later)} requests)"
    )


def over_http(var: str, url_path: str, count: int) -> tuple[float, list[float], int]:
    """Start the development server on a fresh database, time the report, stop it."""
    env = {**os.environ, "SMEWINDOW_VAR_DIR": var, "SMEWINDOW_DEBUG": "1"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # the autoreloader's child is stopped with it
    )
    try:
        wait_for(port, seconds=60)
        url = f"http://127.0.0.1:{port}{url_path}"
        sizes = []

        def fetch() -> None:
            with urllib.request.urlopen(url, timeout=300) as response:
                assert response.headers["Content-Type"] == "application/pdf"
                sizes.append(len(response.read()))

        first, later = timed(fetch, count)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    return first, later, sizes[0]


def in_process(var: str, url_path: str, count: int) -> tuple[tuple[float, list[float]], ...]:
    """The report's HTML rendered once, then its PDF timed in this process: wall-clock, then
    CPU seconds."""
    os.environ.update(SMEWINDOW_VAR_DIR=var, SMEWINDOW_DEBUG="1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smewindow.web.settings")
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from smewindow.finder.pdf import report_pdf
    from smewindow.finder.views import _results_context

    request = RequestFactory().get(url_path, HTTP_HOST="127.0.0.1")
    request.user = AnonymousUser()
    html = render_to_string("finder/report.html", _results_context(request), request=request)
    site = request.build_absolute_uri("/")
    return tuple(timed(lambda: report_pdf(html, site), count, clock) for clock in CLOCKS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    url_path = f"/results.pdf?state={bakery_state().encode()}"
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="smewindow-bench-report-") as var:
        first, later, size = over_http(var, url_path, args.requests)
        print("GET /results.pdf, the example bakery, development server (runserver) after start:")
        print(f"  {summary(first, later)}; {size:,} bytes")
        (first, later), (first_cpu, later_cpu) = in_process(var, url_path, args.requests)
        print("the same PDF rendered in process (finder.pdf.report_pdf):")
        print(f"  {summary(first, later)}")
        print(f"  CPU: {summary(first_cpu, later_cpu)}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (before: {load:.1f})")


if __name__ == "__main__":
    main()
