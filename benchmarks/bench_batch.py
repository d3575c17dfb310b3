"""A registry of 1.7 million synthetic firms through `smewindow batch`, Parquet to Parquet.

Run: python benchmarks/bench_batch.py [--rows 1700000] [--runs 3]
Generates benchmarks/data/firms-<rows>.parquet (profile columns only) and
firms-<rows>-carbon.parquet (the same firms with the carbon estimate's inputs,
generate_firms.py --carbon) when missing, then times the whole command on each (process
start, imports, validation, screening, the carbon estimate, writing), the runs of the two
taking turns, and reports the peak memory of the process. Also prints the import time
alone, which is part of every run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


PEAK = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_mb(command: list[str]) -> float:
    """The peak resident memory of ``command`` alone, in MB (measured in a fresh parent)."""
    out = subprocess.run([sys.executable, "-c", PEAK, *command], check=True, capture_output=True)
    return int(out.stdout) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_700_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    commands = {}
    for kind, flags in (("profile columns only", []), ("with the carbon inputs", ["--carbon"])):
        suffix = "-carbon" if flags else ""
        source = HERE / "data" / f"firms-{args.rows}{suffix}.parquet"
        if not source.exists():
            generator = [sys.executable, str(HERE / "generate_firms.py"), *flags]
            generator += ["--rows", str(args.rows), "--out", str(source)]
            subprocess.run(generator, check=True)
        target = HERE / "data" / f"results{suffix}.parquet"
        # `python -m smewindow` is the command without a wrapper (pyenv's shim adds ~0.2 s).
        command = [sys.executable, "-m", "smewindow", "batch", str(source), str(target)]
        commands[kind] = [*command, "--on", "2025-04-01"]
    times: dict[str, list[float]] = {kind: [] for kind in commands}
    for _ in range(args.runs):  # in turns, so that the machine's load falls on both alike
        for kind, command in commands.items():
            times[kind].append(timed(command))
    imports = min(timed([sys.executable, "-c", "import smewindow.cli"]) for _ in range(3))
    print(f"{args.rows:,} firms, Parquet to Parquet, {args.runs} runs each")
    for kind, command in commands.items():
        median, best = statistics.median(times[kind]), min(times[kind])
        print(f"  {kind}: wall time median {median:.2f} s, best {best:.2f} s,", end=" ")
        print(f"peak memory {peak_mb(command):,.0f} MB")
    ratio = statistics.median(times["with the carbon inputs"]) / statistics.median(
        times["profile columns only"]
    )
    print(f"  the carbon estimate: {ratio - 1:+.0%} on the median")
    print(f"  of which process start and imports: {imports:.2f} s")


if __name__ == "__main__":
    main()
