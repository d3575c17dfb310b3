"""Ask the window: a question answered from the rules, or refused.

``ask(question, on, lang)`` reads the question (``normalize``: one canonical Traditional
form; ``facts``: what it says about the asking firm), finds the programs it is about
(``retrieve``: BM25 over the rules' own texts) and what it asks of them (the cue words of
``intents.yaml``), and answers only what the rules state for the date (``answers``).

It refuses — says it does not know, names the closest programs and offers the desk — when
the question names no program clearly and describes no firm, when two programs match almost
equally, when it asks for a detail no rule holds (how long a payment takes, the budget
left, which bank is fastest), or when it is about something outside the plan
(``refuse.yaml``). A wrong confident answer is the worst outcome: the thresholds are set on the
evaluation set (``evaluation/``, ``benchmarks/bench_ask.py``) so that it stays at or
below 2 %.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from smewindow.ask.answers import (
    KINDS,
    Fact,
    Part,
    asked_parameters,
    detail_part,
    firm_result,
    firm_terms,
    name_of,
    program_part,
    sme_standard_part,
    window_part,
)
from smewindow.ask.facts import MAX_QUESTION, Facts, facts_in
from smewindow.ask.normalize import blanked, normalize, tokens
from smewindow.ask.refusals import refusal_groups, refusal_words
from smewindow.ask.retrieve import Ranked, program_words, rank
from smewindow.ask.typos import read_question
from smewindow.ask.understood import (
    is_content,
    not_asked_of_the_plan,
    not_understood,
    part_of_speech,
    unknown_items,
    unknown_prices,
)
from smewindow.formatting import display_date
from smewindow.rules import PROGRAMS_BY_ID
from smewindow.rules.interview import field_readers

MIN_SCORE = 2.0
"""The least BM25 score for a program to count as named by the question."""
MARGIN = 1.3
"""How far the best program must lead the next for the question to name it alone."""
CLOSEST = 3
"""How many programs a refusal offers."""
INTENTS = Path(__file__).with_name("intents.yaml")

ARTICLE = re.compile(r"第\s*[0-9一二三四五六七八九十百]+\s*條")
"""A law's article: the rules cite laws, they do not hold their text."""


def contains(text: str, word: str) -> bool:
    """Whether ``text`` holds ``word``: anywhere for Chinese, as whole words for English."""
    if word.isascii():
        return _whole_word(word).search(text) is not None
    return word in text


@cache
def _whole_word(word: str) -> re.Pattern[str]:
    """``word`` between non-letters, compiled once (the cue and refusal lists outgrow the
    ``re`` module's cache); not \\b: a Han character is a word character too (有沒有email)."""
    return re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?:s|es)?(?![a-z0-9])")


def beyond_the_rules(text: str, program: str | None = None) -> bool:
    """Whether the normalized question asks what no rule holds (a word of ``refuse.yaml``,
    a law's article, a price or a thing paid for that no rule — of ``program``, when it
    names one — states), or is outside the plan."""
    if any(contains(text, w) for w in refusal_words()) or ARTICLE.search(text):
        return True
    if any(all(any(contains(text, w) for w in g) for g in e) for e in refusal_groups()):
        return True
    return bool(unknown_prices(text, program) or unknown_items(text, program))


class QuestionError(ValueError):
    """A question that cannot be read at all (empty, too long); the message says why."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} ({en})")
        self.message_zh, self.message_en = zh, en


@dataclass(frozen=True)
class Reading:
    """A question as read: its text, the date asked and what it said of the firm."""

    question: str
    on: dt.date
    profile: dict[str, Any]
    read: list[tuple[str, str]]
    """What the question said of the firm: (field, the words it came from)."""


@dataclass(frozen=True)
class Result:
    """An answer, or a refusal (``refer``) with the closest programs."""

    reading: Reading
    answer: str
    programs: list[str]
    facts: list[Fact]
    confidence: str
    """high (a program named clearly), medium (a firm's screening), none (refused)."""
    refer: bool
    closest: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    status: dict[str, str] = field(default_factory=dict)
    """For a firm: each program screened and its eligibility (eligible, unknown, ineligible)."""
    unclear: list[str] = field(default_factory=list)
    """A refused firm question's words that were not understood (3間, 牛舌餅)."""

    def as_api(self) -> dict[str, Any]:
        """The JSON of ``GET /api/v1/ask``."""
        return {
            "question": self.reading.question,
            "on": self.reading.on.isoformat(),
            "answer": self.answer,
            "programs": self.programs,
            "facts": [f.as_dict() for f in self.facts],
            "profile": self.reading.profile,
            "confidence": self.confidence,
            "refer": self.refer,
            "closest": self.closest,
            "status": self.status,
            "unclear": self.unclear,
        }


@cache
def cue_words() -> dict[str, tuple[str, ...]]:
    """Each kind of question and the words that ask it (``intents.yaml``)."""
    data = yaml.safe_load(INTENTS.read_text(encoding="utf-8"))
    return {kind: tuple(normalize(str(w)) for w in words) for kind, words in data.items()}


@cache
def _contact_words() -> frozenset[str]:
    """The words of the contact cues (電話, 辦公室, 網站 …): they say how to reach a program,
    never which one, so the ranking leaves them out (每個計畫都有專案辦公室)."""
    return frozenset(w for cue in cue_words()["contact"] for w in tokens(cue))


def asks(text: str) -> list[str]:
    """The kinds the normalized question asks, in ``KINDS`` order, then ``list`` and ``sme``
    (whether the firm is an SME at all)."""
    found = {kind for kind, words in cue_words().items() if any(contains(text, w) for w in words)}
    return [k for k in (*KINDS, "list", "sme") if k in found]


def _clean(question: str) -> str:
    if not isinstance(question, str):
        raise QuestionError("問題須為文字", "the question must be text")
    text = "".join(c for c in question if unicodedata.category(c)[0] != "C" or c in " \n")
    text = " ".join(text.split())
    if not text:
        raise QuestionError("請輸入問題", "type a question")
    if len(text) > MAX_QUESTION:
        raise QuestionError(
            f"問題太長了，請在 {MAX_QUESTION} 字以內", f"at most {MAX_QUESTION} characters"
        )
    return text


_NOT_RANKED = ("industry", "contract_capacity_kw")
"""Facts whose words (blanked before ranking) name no program: 烘焙坊 is the asker's trade, not the livelihood
program for bakeries; 契約容量800瓩 is the firm's, and it asks for an ESCO as often as for
the system-saving project whose criterion names a capacity (measured on every set)."""


def _named(ranked: list[Ranked]) -> str | None:
    """The program the question names, or None when none leads clearly."""
    if not ranked or ranked[0].score < MIN_SCORE:
        return None
    if len(ranked) > 1 and ranked[0].score < MARGIN * ranked[1].score:
        return None
    return ranked[0].program


LABELS = {
    "detail": ("您問的", "What you asked"),
    "terms": ("依您的條件", "For your firm"),
    "sme": ("中小企業認定標準", "The SME standard"),
    "amount": ("內容", "What it gives"),
    "window": ("受理", "Window"),
    "eligibility": ("申請資格", "Who qualifies"),
    "how_to": ("怎麼申請", "How to apply"),
    "contact": ("洽詢", "Contact"),
}


STATUS_WORDS = {
    "eligible": ("符合", "Eligible"),
    "unknown": ("可能符合，還需要更多資料", "Possibly eligible (more answers needed)"),
    "ineligible": ("不符合", "Not eligible"),
}
"""A firm's screening, each eligibility as the answer and the page say it, in their order."""


def status_labels(lang: str) -> list[tuple[str, str]]:
    """Each eligibility and its words in ``lang``, in the order an answer gives them."""
    return [(key, en if lang == "en" else zh) for key, (zh, en) in STATUS_WORDS.items()]


def _by_rank(ids: list[str], first: list[str] | None) -> list[str]:
    """``ids`` with those in ``first`` first, in its order; the rest as they were."""
    rank_of = {p: i for i, p in enumerate(first or [])}
    return sorted(ids, key=lambda p: rank_of.get(p, len(rank_of)))


def _colon(lang: str) -> str:
    return ": " if lang == "en" else "："


def part_label(kind: str, lang: str) -> str:
    zh, en = LABELS[kind]
    return en if lang == "en" else zh


def ask(question: str, on: dt.date, lang: str = "zh") -> Result:
    """The answer to ``question`` on ``on`` in ``lang`` (zh or en); ``QuestionError`` for a
    text that is no question."""
    text = _clean(question)
    normal = read_question(text)
    found = facts_in(text, on)
    kinds = asks(blanked(normal, program_words()))  # 優惠 in 優惠貸款 asks nothing
    words = tokens(blanked(normal, [span for name, span in found.spans if name in _NOT_RANKED]))
    words = [w for w in words if w not in _contact_words()]
    ranked = rank(words)
    base = Reading(text, on, found.profile, found.spans)
    result = _route(base, found, normal, kinds, words, ranked, on, lang)
    if "sme" in kinds and not result.refer:  # 這樣還算中小企業嗎: the standard, stated
        part = sme_standard_part(on, lang)
        result = replace(
            result,
            answer=result.answer.replace(_as_of(on, lang), "")
            + f"\n{part_label(part.kind, lang)}{_colon(lang)}{part.text}"
            + _as_of(on, lang),
            facts=_facts([*result.parts, part]),
            parts=[*result.parts, part],
        )
    return result


def _route(
    base: Reading,
    found: Facts,
    normal: str,
    kinds: list[str],
    words: list[str],
    ranked: list[Ranked],
    on: dt.date,
    lang: str,
) -> Result:
    """The answer the reading calls for (see the module's docstring), or a refusal."""
    closest = [r.program for r in ranked[:CLOSEST]]
    program = _named(ranked)
    if beyond_the_rules(normal, program):
        return _refusal(base, closest, lang)
    if found.profile:  # all it says of the firm must be understood, trade and county placed
        unplaced = [text for name, text in found.ambiguous if name in ("industry", "county")]
        unclear = found.unread + unplaced + not_understood(normal, found.pieces)
        if unclear:
            return _refusal(base, closest, lang, unclear)
    if unknown := not_asked_of_the_plan(normal, found.pieces):
        return _refusal(base, closest, lang, unknown)
    several = _leading(ranked)
    if "list" in kinds and not found.profile and program is None and several:
        return _programs(base, several, kinds, words, on, lang)
    if "list" in kinds and (found.profile or program is None):
        first = [r.program for r in ranked if r.score >= MIN_SCORE]
        return _firm(base, found.profile, None, kinds, words, on, lang, first)
    if found.profile and program is None and ranked and ranked[0].score >= MIN_SCORE:
        return _refusal(base, closest, lang)  # it asks about a program it does not name clearly
    if found.profile and (program or kinds):
        return _firm(base, found.profile, program, kinds, words, on, lang, _pointed(found.profile))
    if program is None:  # facts alone ask nothing: 明仔載台中會落雨無 names a county, no more
        return _refusal(base, closest, lang)
    return _programs(base, [program], kinds, words, on, lang)


def _pointed(profile: dict[str, Any]) -> list[str]:
    """The programs a firm's facts point at when its question names none: a fact only one
    program's required criteria read (new hires of 24 or under: the hiring deduction;
    今年請了兩個20歲的，能減稅嗎)."""
    alone = [field_readers().get(name, frozenset()) for name in profile]
    return list(dict.fromkeys(next(iter(ids)) for ids in alone if len(ids) == 1))


def _leading(ranked: list[Ranked]) -> list[str]:
    """The programs a 「有什麼…」 question may mean when none leads alone: those named (at
    ``MIN_SCORE``) within ``MARGIN`` of the best, at most ``CLOSEST``."""
    if not ranked or ranked[0].score < MIN_SCORE:
        return []
    best = ranked[0].score
    return [r.program for r in ranked[:CLOSEST] if r.score * MARGIN >= best]


def _programs(
    base: Reading, programs: list[str], kinds: list[str], words: list[str], on: dt.date, lang: str
) -> Result:
    """What each of ``programs`` says of what the question asks (what it gives and who
    qualifies when it asks nothing in particular)."""
    wanted = [k for k in kinds if k in KINDS] or ["amount", "eligibility"]
    wanted += [] if "window" in wanted else ["window"]  # whether it is open, always
    lines: list[str] = []
    parts: list[Part] = []
    for program in programs:
        found = _with_details(
            program, [program_part(program, k, on, lang) for k in wanted], words, on, lang
        )
        lines.append(name_of(PROGRAMS_BY_ID[program], lang))
        lines += [f"{part_label(p.kind, lang)}{_colon(lang)}{p.text}" for p in found]
        parts += found
    return Result(
        reading=base,
        answer="\n".join(lines) + _as_of(on, lang),
        programs=programs,
        facts=_facts(parts),
        confidence="high" if len(programs) == 1 else "medium",
        refer=False,
        parts=parts,
    )


def _with_details(
    program: str, parts: list[Part], words: list[str], on: dt.date, lang: str
) -> list[Part]:
    """``parts`` (those with something to say; else how to apply) and, after them, the
    program's parameters the question names that they do not state."""
    parts = [p for p in parts if p.text] or [program_part(program, "how_to", on, lang)]
    parts += _parts_quoted(program, parts, words, on, lang)
    stated = {f.parameter for p in parts for f in p.facts}
    asked = asked_parameters(program, words, stated)
    return [*parts, detail_part(program, asked, on, lang)] if asked else parts


def _parts_quoted(
    program: str, shown: list[Part], words: list[str], on: dt.date, lang: str
) -> list[Part]:
    """The program's other parts that hold a content word of the question no part shown
    holds (簡易評分表 is in how to apply for the loan: 貸款100萬以內是不是用簡易評分表就好)."""
    said = " ".join(normalize(p.text) for p in shown)
    asked = {w for w in words if _quotable(w) and w not in program_words() and w not in said}
    if not asked:
        return []
    others = [program_part(program, k, on, lang) for k in KINDS if k not in {p.kind for p in shown}]
    return [p for p in others if any(w in normalize(p.text) for w in asked)]


def _quotable(word: str) -> bool:
    """A word of the question another part may quote: one that carries meaning (a name), or
    a verb of two characters (簡化 in 簡化書表)."""
    return is_content(word) or (len(word) >= 2 and (part_of_speech(word) or "").startswith("v"))


def _facts(parts: list[Part]) -> list[Fact]:
    """The parameters ``parts`` state, each once (the loan's cap is in what it gives and in
    who qualifies), in the order they first appear."""
    once: dict[str, Fact] = {}
    for fact in (f for p in parts for f in p.facts):
        once.setdefault(fact.parameter, fact)
    return list(once.values())


def _as_of(on: dt.date, lang: str) -> str:
    day = display_date(on, lang)
    return f"\n(As of {day}.)" if lang == "en" else f"\n（依 {day} 的規定）"


def _refusal(
    base: Reading, closest: list[str], lang: str, unread: list[str] | None = None
) -> Result:
    """A refusal: the rules hold no answer, or (``unread``) the question says things of the
    firm that were not understood, and an answer without them could be wrong."""
    if lang == "en":
        answer = "Sorry, the rules of the plan do not answer this question."
        if unread:
            answer = (
                f"Sorry, I could not tell what {', '.join(f'“{u}”' for u in unread)} says"
                " about your firm, and an answer without it could be wrong."
            )
        if closest:
            answer += " The closest measures are listed below; the desk can help."
    else:
        answer = "抱歉，計畫的規定沒有這個問題的答案，我不能亂猜。"
        if unread:
            answer = (
                f"抱歉，我看不懂問題裡的{'、'.join(f'「{u}」' for u in unread)}"
                "說的是貴企業的什麼，不看它回答可能會錯。"
            )
        if closest:
            answer += "下面是最相關的措施；也可以請服務中心協助。"
    return Result(
        reading=base,
        answer=answer,
        programs=[],
        facts=[],
        confidence="none",
        refer=True,
        closest=closest,
        unclear=unread or [],
    )


def _firm(
    base: Reading,
    profile: dict[str, Any],
    program: str | None,
    kinds: list[str],
    words: list[str],
    on: dt.date,
    lang: str,
    first: list[str] | None = None,
) -> Result:
    """The firm's screening: of ``program`` when it names one (with what was asked of it),
    else of every program, those the question's words point at (``first``) first."""
    english = lang == "en"
    result = firm_result(profile, on, [program] if program else None)
    result.eligible[:] = _by_rank(result.eligible, first)
    result.possible[:] = _by_rank(result.possible, first)
    lines = []
    parts: list[Part] = []
    ruled_out = [p for p in (first or [])[:CLOSEST] if p in result.ineligible]
    found = {  # a list names the programs the question points at that the firm cannot use
        "eligible": result.eligible,
        "unknown": result.possible,
        "ineligible": result.ineligible if program else ruled_out,
    }
    for key, label in status_labels(lang):
        if found[key]:
            names = ("; " if english else "、").join(
                name_of(PROGRAMS_BY_ID[i], lang) for i in found[key]
            )
            lines.append(f"{label}{_colon(lang)}{names}")
    if program is not None:
        wanted = [k for k in kinds if k in KINDS] or ["amount"]
        wanted = [k for k in ("eligibility", "window") if k not in wanted] + wanted
        parts = _with_details(
            program,
            [
                window_part(program, result.windows[program], on, lang)
                if k == "window"
                else program_part(program, k, on, lang)
                for k in wanted
            ],
            words,
            on,
            lang,
        )
        stated = {f.parameter for p in parts for f in p.facts}
        terms = firm_terms(program, result.terms[program], on, lang, stated)
        parts += [terms] if terms else []
        lines += [f"{part_label(p.kind, lang)}{_colon(lang)}{p.text}" for p in parts]
    else:  # what the programs the question's words point at give (有什麼租稅優惠: the breaks)
        open_to_it = {*result.eligible, *result.possible}
        for pointed in [p for p in first or [] if p in open_to_it][:CLOSEST]:
            part = program_part(pointed, "amount", on, lang)
            quoted = _parts_quoted(pointed, [part], words, on, lang)  # 有啥物工具: the tool
            parts += [part, *quoted]
            name = name_of(PROGRAMS_BY_ID[pointed], lang)
            lines.append(f"{name}{_colon(lang)}{part.text}" if part.text else name)
            lines += [f"{part_label(q.kind, lang)}{_colon(lang)}{q.text}" for q in quoted]
    head = "Going by what you said:" if english else "依您提供的資料，"
    named = [*result.eligible, *result.possible, *ruled_out]
    programs = [program] if program else _by_rank(named, first)
    return Result(
        reading=base,
        answer=f"{head}\n" + "\n".join(lines) + _as_of(on, lang),
        programs=programs,
        facts=_facts(parts),
        confidence="medium",
        refer=False,
        parts=parts,
        status={
            **dict.fromkeys(result.eligible, "eligible"),
            **dict.fromkeys(result.possible, "unknown"),
            **dict.fromkeys(result.ineligible, "ineligible"),
        },
    )
