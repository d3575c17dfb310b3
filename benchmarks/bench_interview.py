"""How many screens does the interview show? Runs per persona in benchmarks/personas.py.

Run: python benchmarks/bench_interview.py [--on 2025-04-01] [--verbose] [--synthetic N]

Each persona answers what it knows and skips the rest (``personas.answer``), in the web
finder's interview (``next_step(..., combine=True)``): the open yes/no questions of one topic
share one screen, a grid of rows answered 是 / 否 / 不確定, and the persona answers the rows it
knows and leaves the others unknown on the same screen. Every persona runs twice: saying what
it needs on the first screen, and skipping that screen (``personas.without_needs``: every
program in scope). Both counts include the first screen.

Prints a table: persona, needs, screens and programs decided (all programs, and those in
scope) with and without needs; then the medians and maxima, the same for one question per
screen (the API's default), and the time per step. --verbose lists each run's screens.
--synthetic N also runs N firms of the synthetic registry (generate_firms.py, seed 11), whose
unknown fields, most of them, are the answers the owner skips.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from personas import PERSONAS, answer, without_needs

from smewindow.rules.interview import next_step, question_texts
from smewindow.rules.needs import need_label


@dataclass(frozen=True)
class Run:
    """One interview: the fields of each screen, and what was decided at the end."""

    screens: list[tuple[str, ...]]
    decided: int
    total: int
    scope_decided: int
    scope_total: int
    seconds_per_step: float


def interview(truth: dict[str, Any], on: dt.date, *, combine: bool = True) -> Run:
    """Run the interview for the persona ``truth``."""
    answers: dict[str, Any] = {}
    skipped: list[str] = []
    screens: list[tuple[str, ...]] = []
    start = time.perf_counter()
    while True:
        step = next_step(answers, on=on, skipped=skipped, combine=combine)
        question = step.question
        if question is None:
            in_scope = [p for p in step.result["programs"] if p["id"] in step.in_scope]
            return Run(
                screens=screens,
                decided=step.decided,
                total=step.total,
                scope_decided=sum(p["eligibility"] != "unknown" for p in in_scope),
                scope_total=len(in_scope),
                seconds_per_step=(time.perf_counter() - start) / (len(screens) + 1),
            )
        fields = question.rows or (question.field,)
        screens.append(fields)
        known, unknown = answer(truth, fields)
        answers.update(known)
        skipped.extend(unknown)


def table(on: dt.date, verbose: bool) -> dict[tuple[bool, bool], list[Run]]:
    """Print the table of the personas; the runs by (combine, with needs)."""
    runs: dict[tuple[bool, bool], list[Run]] = {k: [] for k in ((c, n) for c in (True, False) for n in (True, False))}  # fmt: skip
    print(
        "| persona | needs | with needs: screens | decided (in scope) | without: screens | decided |"
    )
    print("|---|---|---|---|---|---|")
    for name, truth in PERSONAS.items():
        for combine in (True, False):
            for needs in (True, False):
                runs[combine, needs].append(
                    interview(truth if needs else without_needs(truth), on, combine=combine)
                )
        scoped, full = runs[True, True][-1], runs[True, False][-1]
        needs_text = "、".join(need_label(n) for n in truth["needs"])
        print(
            f"| {name} | {needs_text} | {len(scoped.screens)} "
            f"| {scoped.decided}/{scoped.total} ({scoped.scope_decided}/{scoped.scope_total}) "
            f"| {len(full.screens)} | {full.decided}/{full.total} |"
        )
        if verbose:
            for label, run in (("with needs", scoped), ("without", full)):
                print(f"    {label}: " + ", ".join(" + ".join(s) for s in run.screens))
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--on", type=dt.date.fromisoformat, default=dt.date(2025, 4, 1))
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N")
    args = parser.parse_args()
    runs = table(args.on, args.verbose)
    print()
    for combine, label in (
        (True, "combined (the web finder)"),
        (False, "one per screen (API default)"),
    ):
        for needs in (True, False):
            counts = [len(run.screens) for run in runs[combine, needs]]
            print(
                f"{label}, {'with' if needs else 'without'} needs: median "
                f"{statistics.median(counts)} screens, max {max(counts)}, total {sum(counts)}"
            )
    steps = [run.seconds_per_step * 1000 for group in runs.values() for run in group]
    print(f"time per step: median {statistics.median(steps):.2f} ms, max {max(steps):.2f} ms")
    if args.synthetic:
        synthetic(args.synthetic, args.on)


def synthetic(n: int, on: dt.date) -> None:
    """The screens over ``n`` synthetic registry firms, each answering its known fields."""
    from generate_firms import generate

    firms = [
        {k: v for k, v in row.items() if v is not None and k in question_texts()}
        for row in generate(n, 11).iter_rows(named=True)
    ]
    for combine, label in ((True, "combined"), (False, "one per screen")):
        c = [len(interview(truth, on, combine=combine).screens) for truth in firms]
        print(
            f"{n} synthetic firms, {label}: mean {statistics.mean(c):.2f} screens, "
            f"median {statistics.median(c)}, max {max(c)}"
        )


if __name__ == "__main__":
    main()
