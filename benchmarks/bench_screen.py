"""One firm, every program, the full result with criteria: how long does screen() take?

Run: python benchmarks/bench_screen.py [--repeat 20000]
Prints the median and 95th percentile in microseconds for the spec's example profile
(given as a plain dict, so validation is included), for the same profile already
validated, and for an empty profile (everything unknown, so missing_fields are worked out).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
from pathlib import Path
from typing import Any

from smewindow.rules import parse_profile, screen

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bakery.json"
ON = dt.date(2025, 4, 1)


def measure(profile: Any, repeat: int) -> tuple[float, float]:
    """Median and p95 of one screen() call, in microseconds."""
    screen(profile, on=ON)  # compile the rules for this date once
    samples = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        screen(profile, on=ON)
        samples.append((time.perf_counter_ns() - start) / 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20_000)
    args = parser.parse_args()
    example = json.loads(EXAMPLE.read_text("utf-8"))
    cases = {
        "example profile as a dict (validation included)": example,
        "example profile already validated": parse_profile(example),
        "empty profile (all unknown)": {},
    }
    for label, profile in cases.items():
        median, p95 = measure(profile, args.repeat)
        print(f"{label}: median {median:.1f} µs, p95 {p95:.1f} µs ({args.repeat} runs)")


if __name__ == "__main__":
    main()
