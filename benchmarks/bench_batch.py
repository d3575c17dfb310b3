"""A registry of 1.7 million synthetic firms through `smewindow batch`, Parquet to Parquet.

Run: python benchmarks/bench_batch.py [--rows 1700000] [--runs 3] [--before DIR]
Generates benchmarks/data/firms-<rows>.parquet (the profile's columns, its carbon fields
among them, so the carbon estimate runs) and firms-<rows>-carbon.parquet (the same firms
with the estimate's extension columns, generate_firms.py --carbon) when missing, then times
the whole command on each (process start, imports, validation, screening, the carbon
estimate, writing): wall-clock and CPU seconds (user + system) of the process, the runs
taking turns, and its peak memory. ``--before DIR`` also times the code in DIR (a ``src``
directory, e.g. main's from ``git archive main src``) on the profile file, in the same
turns: the figure before a change. Also prints the import time alone, part of every run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """The wall-clock and CPU seconds of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


PEAK = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_mb(command: list[str], env: dict[str, str] | None = None) -> float:
    """The peak resident memory of ``command`` alone, in MB (measured in a fresh parent)."""
    out = subprocess.run(
        [sys.executable, "-c", PEAK, *command], check=True, capture_output=True, env=env
    )
    return int(out.stdout) / 1024


def batch(source: Path, target: str) -> list[str]:
    """The command that screens ``source`` into data/``target``.parquet."""
    # `python -m smewindow` is the command without a wrapper (pyenv's shim adds ~0.2 s).
    out = HERE / "data" / f"{target}.parquet"
    return [sys.executable, "-m", "smewindow", "batch", str(source), str(out), "--on", "2025-04-01"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_700_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="src directory of the code before")
    args = parser.parse_args()
    runs: dict[str, tuple[list[str], dict[str, str] | None]] = {}
    for kind, flags in (("profile columns", []), ("with the extensions", ["--carbon"])):
        suffix = "-carbon" if flags else ""
        source = HERE / "data" / f"firms-{args.rows}{suffix}.parquet"
        if not source.exists():
            generator = [sys.executable, str(HERE / "generate_firms.py"), *flags]
            generator += ["--rows", str(args.rows), "--out", str(source)]
            subprocess.run(generator, check=True)
        runs[kind] = (batch(source, f"results{suffix}"), None)
        if args.before and not flags:
            env = {**os.environ, "PYTHONPATH": str(args.before.resolve())}
            runs["before, profile columns"] = (batch(source, "results-before"), env)
    walls: dict[str, list[float]] = {kind: [] for kind in runs}
    cpus: dict[str, list[float]] = {kind: [] for kind in runs}
    for _ in range(args.runs):  # in turns, so that the machine's load falls on all alike
        for kind, (command, env) in runs.items():
            wall, cpu = timed(command, env)
            walls[kind].append(wall)
            cpus[kind].append(cpu)
    imports = min(timed([sys.executable, "-c", "import smewindow.cli"])[0] for _ in range(3))
    print(f"{args.rows:,} firms, Parquet to Parquet, {args.runs} runs each")
    for kind, (command, env) in runs.items():
        wall, cpu = statistics.median(walls[kind]), statistics.median(cpus[kind])
        print(f"  {kind}: wall median {wall:.2f} s (best {min(walls[kind]):.2f} s),", end=" ")
        print(f"CPU median {cpu:.2f} s, peak memory {peak_mb(command, env):,.0f} MB")
    base = "before, profile columns" if args.before else "profile columns"
    for kind in runs:
        if kind != base:
            wall = statistics.median(walls[kind]) / statistics.median(walls[base]) - 1
            cpu = statistics.median(cpus[kind]) / statistics.median(cpus[base]) - 1
            print(f"  {kind} against {base}: wall {wall:+.0%}, CPU {cpu:+.0%} on the medians")
    print(f"  of which process start and imports: {imports:.2f} s")


if __name__ == "__main__":
    main()
