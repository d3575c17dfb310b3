"""Reading a question for the ask box (smewindow.ask.normalize and smewindow.ask.facts): the
cost of the first call (jieba's dictionary and the domain words loaded) and per-question
p50/p95 of ``tokens`` + ``facts_in`` over 500 varied questions after it.

Run: python benchmarks/bench_ask_reading.py [--questions 500] [--runs 3]
Each question is new to the process's caches (its wording is varied: Traditional,
Simplified, full-width, typos, English, facts about the firm). Target (issue 16): p95 well
under 5 ms for both together.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

ON = datetime.date(2025, 9, 1)
OPENINGS = ["", "請問", "想請問一下，", "你好，", "老闆問：", "hello, "]
FIRMS = [
    "我們{n}個人的烘焙坊在台中，", "员工{n}人的面包店，", "我開咖啡廳，員工{n}位，",
    "我們是做塑膠射出的，營業額{m}萬，", "敝公司為機械加工廠，資本額{m}萬元，", "我們在新竹，",
    "我們是行號，", "We have {n} employees in Kaohsiung. ", "my bakery has {n} staff, ",
    "我們公司有{n}名員工，去年營收{m}萬，", "我們十幾個人，", "３０人以下的公司", "",
]  # fmt: skip
ASKS = [
    "優惠貸款利率最高多少？", "可以申請培訓補助嗎？", "加薪有什麼租稅優惠？", "{y}年還有展覽補助嗎？",
    "数字转型补肋怎么申清", "空壓機汰換有補助嗎", "雲市集的數位點數怎麼用", "淨零要先做碳盤查嗎",
    "可以申請什麼？", "what subsidies can we apply for?", "信保基金可以保幾成", "明年還有嗎",
    "研發投資抵減可以抵多少", "參加海外展欖有補助嗎", "網拍賣家可以上什麼課",
]  # fmt: skip


def questions(count: int, seed: int = 16) -> list[str]:
    """``count`` distinct questions made of an opening, a firm and a question."""
    rng = random.Random(seed)
    made: dict[str, None] = {}
    while len(made) < count:
        firm = rng.choice(FIRMS).format(n=rng.randint(1, 200), m=rng.randint(50, 90_000))
        ask = rng.choice(ASKS).format(y=rng.randint(113, 118))
        made[rng.choice(OPENINGS) + firm + ask] = None
    return list(made)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    from smewindow.ask.facts import facts_in
    from smewindow.ask.normalize import tokens

    imported = time.perf_counter()
    tokens("我們8個人的烘焙坊在台中，可以申請什麼？")
    facts_in("我們8個人的烘焙坊在台中，可以申請什麼？", ON)
    first = time.perf_counter()
    print(
        f"import {1000 * (imported - started):.0f} ms; first call {1000 * (first - imported):.0f} ms"
    )

    asked = questions(args.questions)
    timings: dict[str, list[float]] = {"tokens": [], "facts_in": [], "both": []}
    for _ in range(args.runs):
        for question in asked:
            t0 = time.perf_counter()
            tokens(question)
            t1 = time.perf_counter()
            facts_in(question, ON)
            t2 = time.perf_counter()
            timings["tokens"].append(t1 - t0)
            timings["facts_in"].append(t2 - t1)
            timings["both"].append(t2 - t0)
    print(f"{len(asked)} questions × {args.runs} runs")
    for name, seconds in timings.items():
        cuts = statistics.quantiles(seconds, n=100)
        print(
            f"{name:>9}: p50 {1000 * cuts[49]:.3f} ms, p95 {1000 * cuts[94]:.3f} ms, max {1000 * max(seconds):.3f} ms"
        )


if __name__ == "__main__":
    main()
