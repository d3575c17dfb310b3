"""The ask box on its evaluation sets (evaluation/): answered correctly, refused correctly,
answered wrongly (the target: at most 2 %) and missed (refused though the rules answer it),
by category, and the time per question (target: p95 ≤ 50 ms).

``ask-questions.yaml`` is the set the box was tuned on; ``ask-heldout.yaml``, written apart
and never used for tuning, says how well that generalises.

Run: python benchmarks/bench_ask.py [--verbose]   (--verbose lists every question not correct)
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path

from smewindow.ask.engine import ask
from smewindow.ask.grading import evaluation_sets, grade, lang_of, load

SETS = Path(__file__).resolve().parents[1] / "evaluation"


def score(path: Path, verbose: bool) -> None:
    """Print the outcomes by category and the times of one set."""
    questions = load(path)
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    cold, warm = [], []
    for question in questions:  # each question's first time fills caches (industry search …)
        start = time.perf_counter()
        ask(question.q, question.on, lang_of(question))
        cold.append((time.perf_counter() - start) * 1000)
    for question in questions:
        start = time.perf_counter()
        result = ask(question.q, question.on, lang_of(question))
        warm.append((time.perf_counter() - start) * 1000)
        outcome, why = grade(question, result)
        by_category[question.category][outcome] += 1
        by_category["all"][outcome] += 1
        if verbose and outcome not in ("correct", "refused"):
            print(f"{outcome:7} {question.id}: {question.q} → {why or result.programs[:3]}")
    print(f"\n{path.name}")
    print(f"{'category':14} {'n':>4} {'correct':>8} {'refused':>8} {'wrong':>6} {'missed':>7}")
    for category, counts in sorted(by_category.items(), key=lambda kv: kv[0] == "all"):
        n = sum(counts.values())
        print(
            f"{category:14} {n:4d} {counts['correct']:8d} {counts['refused']:8d}"
            f" {counts['wrong']:6d} {counts['missed']:7d}"
        )
    total = by_category["all"]
    print(f"answered wrongly: {total['wrong'] / sum(total.values()):.1%} (target ≤ 2 %)")
    for name, times in (("first time", cold), ("again", warm)):
        p95 = statistics.quantiles(times, n=20)[18]
        print(f"time per question, {name}: p50 {statistics.median(times):.2f} ms, p95 {p95:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    start = time.perf_counter()
    files = evaluation_sets(SETS)
    ask("暖身", load(files[0])[0].on)  # jieba's dictionary and the index, once
    print(f"first call (jieba's dictionary, the index): {time.perf_counter() - start:.2f} s")
    for path in files:
        score(path, args.verbose)


if __name__ == "__main__":
    main()
