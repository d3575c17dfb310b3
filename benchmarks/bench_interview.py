"""How many questions does the interview ask? One run per persona in benchmarks/personas.py.

Run: python benchmarks/bench_interview.py [--on 2025-04-01] [--verbose] [--floor] [--synthetic N]

Each persona answers what it knows and skips the rest. Two interviews per persona:

- one question per screen (``next_step`` as the API uses it by default);
- combined (``combine=True``, as the web finder uses it): the open yes/no questions of one
  topic share one screen, a grid of rows answered 是 / 否 / 不確定. The persona answers the
  rows it knows and leaves the others unknown (their fields are skipped) on the same screen
  (``personas.answer``).

Prints the screens shown, the programs decided and the time per step; --verbose lists the
questions, --floor adds the fewest one-per-screen questions any order of questions reaches
for the persona (a beam search over orders; it takes about half a minute per persona).
--synthetic N also runs N firms of the synthetic registry (generate_firms.py, seed 11), whose
unknown fields, most of them, are the answers the owner skips.
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

from personas import PERSONAS, answer

from smewindow.rules.engine import screen
from smewindow.rules.interview import next_step, question_texts


def interview(
    truth: dict[str, Any], on: dt.date, *, combine: bool = False
) -> tuple[list[tuple[str, ...]], int, int, float]:
    """Run the interview for one persona: (screens' fields, decided, total, seconds per step)."""
    answers: dict[str, Any] = {}
    skipped: list[str] = []
    screens: list[tuple[str, ...]] = []
    start = time.perf_counter()
    while True:
        step = next_step(answers, on=on, skipped=skipped, combine=combine)
        question = step.question
        if question is None:
            seconds = (time.perf_counter() - start) / (len(screens) + 1)
            return screens, step.decided, step.total, seconds
        fields = question.rows or (question.field,)
        screens.append(fields)
        known, unknown = answer(truth, fields)
        answers.update(known)
        skipped.extend(unknown)


def floor(truth: dict[str, Any], on: dt.date, width: int = 3000) -> int:
    """The fewest one-per-screen questions after which no answer can change a program, over
    orders of questions (beam search: states with the fewest open fields are kept)."""

    def open_fields(asked: frozenset[str]) -> set[str]:
        answers = {f: truth[f] for f in asked if f in truth}
        programs = screen(answers, on=on)["programs"]
        undecided = [set(p["missing_fields"]) for p in programs if p["eligibility"] == "unknown"]
        return set().union(*undecided) - asked

    level: dict[frozenset[str], set[str]] = {frozenset(): open_fields(frozenset())}
    depth = 0
    while all(level.values()):
        following: dict[frozenset[str], set[str]] = {}
        for asked, fields in level.items():
            for field in fields:
                after = asked | {field}
                if after not in following:
                    following[after] = open_fields(after)
        kept = sorted(following, key=lambda s: len(following[s]))[:width]
        level = {s: following[s] for s in kept}
        depth += 1
    return depth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--on", type=dt.date.fromisoformat, default=dt.date(2025, 4, 1))
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--floor", action="store_true")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N")
    args = parser.parse_args()
    counts: dict[bool, list[int]] = {False: [], True: []}
    for name, truth in PERSONAS.items():
        parts = []
        for combine in (False, True):
            screens, decided, total, seconds = interview(truth, args.on, combine=combine)
            counts[combine].append(len(screens))
            parts.append(
                f"{len(screens)} screens, {decided}/{total} decided, {seconds * 1000:.1f} ms/step"
            )
            if args.verbose:
                shown = [" + ".join(s) for s in screens]
                parts[-1] += "\n      " + ", ".join(shown)
        best = f" (fewest possible one per screen: {floor(truth, args.on)})" if args.floor else ""
        print(f"{name}{best}\n  one per screen: {parts[0]}\n  combined:       {parts[1]}")
    for combine, label in ((False, "one per screen"), (True, "combined")):
        c = counts[combine]
        print(f"{label}: median {statistics.median(c)} screens, max {max(c)}, total {sum(c)}")
    if args.synthetic:
        synthetic(args.synthetic, args.on)


def synthetic(n: int, on: dt.date) -> None:
    """The screens over ``n`` synthetic registry firms, each answering its known fields."""
    from generate_firms import generate

    firms = [
        {k: v for k, v in row.items() if v is not None and k in question_texts()}
        for row in generate(n, 11).iter_rows(named=True)
    ]
    for combine, label in ((False, "one per screen"), (True, "combined")):
        c = [len(interview(truth, on, combine=combine)[0]) for truth in firms]
        print(
            f"{n} synthetic firms, {label}: mean {statistics.mean(c):.2f} screens, "
            f"median {statistics.median(c)}, max {max(c)}"
        )


if __name__ == "__main__":
    main()
