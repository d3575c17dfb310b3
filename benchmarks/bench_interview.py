"""How many questions does the interview ask? One run per persona in benchmarks/personas.py.

Run: python benchmarks/bench_interview.py [--on 2025-04-01] [--verbose]
Each persona answers what it knows and skips the rest; prints the questions asked, the
programs decided and the time per step.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from personas import PERSONAS

from smewindow.rules.interview import next_step


def interview(truth: dict[str, Any], on: dt.date) -> tuple[list[str], int, int, float]:
    """Run the interview for one persona: (fields asked, decided, total, seconds per step)."""
    answers: dict[str, Any] = {}
    skipped: list[str] = []
    asked: list[str] = []
    start = time.perf_counter()
    while True:
        step = next_step(answers, on=on, skipped=skipped)
        if step.question is None:
            seconds = (time.perf_counter() - start) / (len(asked) + 1)
            return asked, step.decided, step.total, seconds
        field = step.question.field
        asked.append(field)
        if field in truth:
            answers[field] = truth[field]
        else:
            skipped.append(field)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--on", type=dt.date.fromisoformat, default=dt.date(2025, 4, 1))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    counts = []
    for name, truth in PERSONAS.items():
        asked, decided, total, seconds = interview(truth, args.on)
        counts.append(len(asked))
        print(
            f"{name}: {len(asked)} questions, {decided}/{total} programs decided, "
            f"{seconds * 1000:.1f} ms per step"
        )
        if args.verbose:
            print("   " + ", ".join(asked))
    print(f"median {statistics.median(counts)} questions, max {max(counts)}")


if __name__ == "__main__":
    main()
