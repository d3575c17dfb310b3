"""The site under load: gunicorn on 127.0.0.1, two ways.

Run: python benchmarks/bench_web.py [--seconds 10] [--workers 3] [--connections 50]
1. 50 concurrent users: 50 threads, each sending a request and then pausing 0.5–1.5 s as a
   person reading a page would; latency percentiles per endpoint.
2. Saturation: Debian's `wrk` (apt-get install wrk) with 50 connections sending back to back;
   here latency ≈ connections ÷ throughput, so it shows the capacity.
Endpoints: POST /api/v1/screen (the spec's example profile) and GET /results (the same answers
in the link). The server and the load share this 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from smewindow.finder.state import InterviewState  # noqa: E402

PORT = 8765


def wait_for(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def wrk(url: str, seconds: int, connections: int, script: str | None = None) -> str:
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", script]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def users(url: str, body: bytes | None, count: int, seconds: int) -> str:
    """``count`` users, each requesting then pausing 0.5–1.5 s, for ``seconds``; percentiles."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(seed: int) -> None:
        nonlocal errors
        pause = random.Random(seed)
        while time.monotonic() < deadline:
            request = urllib.request.Request(url, data=body, method="POST" if body else "GET")
            request.add_header("Content-Type", "application/json")
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    response.read()
                with lock:
                    latencies.append((time.perf_counter() - start) * 1000)
            except OSError:
                with lock:
                    errors += 1
            time.sleep(pause.uniform(0.5, 1.5))

    threads = [threading.Thread(target=user, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()

    def pct(q: float) -> str:
        return f"{latencies[min(len(latencies) - 1, int(len(latencies) * q))]:.1f}ms"

    return f"p50 {pct(0.5)}, p95 {pct(0.95)}, p99 {pct(0.99)}, {len(latencies)} requests, errors {errors}"


def summary(output: str) -> str:
    def pick(label: str) -> str:
        match = re.search(rf"^\s*{label}%?\s+(\S+)", output, re.M)
        return match.group(1) if match else "?"

    rate = re.search(r"Requests/sec:\s+(\S+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return (
        f"p50 {pick('50')}, p90 {pick('90')}, p99 {pick('99')}, "
        f"{rate.group(1) if rate else '?'} req/s, non-2xx {errors.group(1) if errors else 0}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    example = json.loads((ROOT / "examples" / "bakery.json").read_text("utf-8"))
    state = InterviewState()
    for field, value in example.items():
        if field != "name":
            state = state.answer(field, value)
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "post.lua"
        body = json.dumps(example, ensure_ascii=False).replace("\\", "\\\\").replace('"', '\\"')
        script.write_text(
            f'wrk.method = "POST"\nwrk.body = "{body}"\n'
            'wrk.headers["Content-Type"] = "application/json"\n',
            "utf-8",
        )
        env = {**os.environ, "SMEWINDOW_SECRET_KEY": "benchmark-only", "SMEWINDOW_VAR_DIR": tmp}
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "smewindow.web.wsgi", "-b", f"127.0.0.1:{PORT}",
             "-w", str(args.workers), "--access-logfile", "/dev/null", "--error-logfile", "-"],
            env=env, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait_for(PORT)
            base = f"http://127.0.0.1:{PORT}"
            screen_url = f"{base}/api/v1/screen?on=2025-04-01"
            results_url = f"{base}/results?on=2025-04-01&state={state.encode()}"
            payload = json.dumps(example).encode()
            wrk(screen_url, 2, 4, str(script))  # warm up the workers
            users_post = users(screen_url, payload, args.connections, args.seconds)
            users_page = users(results_url, None, args.connections, args.seconds)
            post = wrk(screen_url, args.seconds, args.connections, str(script))
            page = wrk(results_url, args.seconds, args.connections)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"gunicorn {args.workers} workers, {args.seconds} s per run")
    print(f"{args.connections} concurrent users (0.5–1.5 s between requests):")
    print(f"  POST /api/v1/screen: {users_post}")
    print(f"  GET  /results:       {users_page}")
    print(f"saturation, wrk with {args.connections} connections back to back:")
    print(f"  POST /api/v1/screen: {summary(post)}")
    print(f"  GET  /results:       {summary(page)}")


if __name__ == "__main__":
    main()
