"""Whether the ask box understood everything a question says of the firm.

A firm's question mixes statements (「我們是宜蘭的糕餅店，做在地特色的牛舌餅」) and a
question (「地方特色產業通路輔導敢有阮的份？」). Every statement must be understood: as a
fact read into the profile, or as words of the rules (a program, a criterion, a profile
question). A statement with a content word that is neither — 牛舌餅, 越南, investors — says
something of the firm the box did not read, and a screening without it may be wrong, so the
engine refers the question to the desk instead (a wrong confident answer is the worst
outcome).

- **Statements** are the clauses (between punctuation) without a question word
  (:data:`QUESTION_WORDS`: 嗎, 什麼, 幾, 哪, 如何, 是否, 敢 …; can, what, how …).
- **Content words** are the question's words (``normalize.tokens``) of two characters or
  more that are not stop words (``bm25s.stopwords``, Chinese and English, with the
  Taiwanese and self-introducing words of ``function_words.txt``), that name things (a noun
  or place in jieba's dictionary, or a word it does not hold: :data:`NAMING_TAGS`), and are
  rare enough to carry meaning: an inverse document frequency in jieba's own table
  (``jieba/analyse/idf.txt``, Simplified) of at least :data:`COMMON_IDF`. 我們 (3.4), 今年
  (4.3) and 拿到 (a verb) say nothing; 客戶 (6.1), 越南 (7.4), 牛舌餅 (unlisted) do.
- **The rules' words** (:func:`known_words`): every program's names, benefit, criteria,
  next steps, contact and everyday words (``keywords.yaml``), every parameter's
  description, every profile question and its options (``rules/questions.yaml``), the
  industry words and the counties, in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import opencc
from bm25s.stopwords import STOPWORDS_CHINESE, STOPWORDS_EN_PLUS

from smewindow.ask.answers import program_parameters
from smewindow.ask.normalize import blanked, normalize, tokens
from smewindow.ask.retrieve import keywords
from smewindow.rules import PROGRAMS, PROGRAMS_BY_ID
from smewindow.rules.industries import synonyms
from smewindow.rules.interview import question_texts
from smewindow.rules.model import Program
from smewindow.rules.parameters import load_parameters
from smewindow.rules.taiwan import COUNTIES
from smewindow.rules.texts import PLACEHOLDER

COMMON_IDF = 6.0
"""Below this inverse document frequency (jieba's table, natural log) a word is too common
to say anything of a firm: 大家 4.9, 數據 4.8, 日本 5.0 are common; 客戶 6.1, 越南 7.4 are
not. A word absent from the table is rare."""
FUNCTION_WORDS = Path(__file__).with_name("function_words.txt")
DISTRICTS = Path(__file__).with_name("districts.txt")
ASKING_WORDS = Path(__file__).with_name("asking_words.txt")
QUESTION_WORDS = re.compile(
    r"嗎|呢|什麼|甚麼|啥|多少|幾|哪|如何|為何|有何|何種|何時|怎|是否|能否|得否|可否|有沒有|可不可以|能不能|會不會"
    r"|敢|無$|否|\?|\b(?:can|could|what|how|which|is|are|do|does|where|who|when|should|may)\b"
)
"""A clause with one of these asks; the others state."""
_CLAUSES = re.compile(r"[，。！；,.!;、\n]|(?<=\?)")
_TO_SIMPLIFIED = opencc.OpenCC("t2s")


@cache
def _idf() -> dict[str, float]:
    """jieba's inverse document frequencies, Simplified words (shipped with jieba)."""
    table = resources.files("jieba").joinpath("analyse/idf.txt").read_text(encoding="utf-8")
    return {word: float(value) for word, value in (line.split() for line in table.splitlines())}


@cache
def _tags() -> dict[str, str]:
    """jieba's part of speech of each word of its dictionary (Simplified): n noun, ns place,
    v verb, a adjective, r pronoun, t time …"""
    table = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    return {parts[0]: parts[2] for parts in (line.split() for line in table.splitlines())}


def part_of_speech(word: str) -> str | None:
    """jieba's part of speech of ``word`` (canonical form), None for a word it does not hold."""
    return _tags().get(_TO_SIMPLIFIED.convert(word))


NAMING_TAGS = ("n", "s", "j", "l", "i")
"""The parts of speech that name things (nouns, places, abbreviations, set phrases): a verb
(想換, 拿到), an adjective or a time word says nothing the screening reads."""


@cache
def _stop_words() -> frozenset[str]:
    lines = FUNCTION_WORDS.read_text(encoding="utf-8").splitlines()
    own = {normalize(w) for w in lines if w.strip() and not w.startswith("#")}
    return frozenset(own | set(STOPWORDS_EN_PLUS))


@cache
def district_counties() -> dict[str, frozenset[str]]:
    """Each of Taiwan's districts and townships (``districts.txt``), named with and without
    its 區, 鄉, 鎮 or 市, → the counties that have one of that name (信義區: 臺北市, 基隆市).
    ``facts`` reads a district as its county, or as agreeing with the county named."""
    found: dict[str, set[str]] = {}
    for line in DISTRICTS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        county, district = line.split("\t")
        names = [district] + (
            [district[:-1]] if len(district) >= 3 and district[-1] in "區鄉鎮市" else []
        )
        for name in names:
            found.setdefault(normalize(name), set()).add(county)
    return {name: frozenset(counties) for name, counties in found.items()}


@cache
def _stop_words_simplified() -> frozenset[str]:
    return frozenset(STOPWORDS_CHINESE)


def is_content(word: str) -> bool:
    """Whether ``word`` (a token of the normalised text) carries meaning of its own."""
    if word in _stop_words():
        return False
    if word.isascii():
        return len(word) >= 3 and not word.isdigit()
    simplified = _TO_SIMPLIFIED.convert(word)
    if len(word) < 2 or simplified in _stop_words_simplified():
        return False
    tag = part_of_speech(word)
    if tag is not None and not tag.startswith(NAMING_TAGS):
        return False
    return _idf().get(simplified, COMMON_IDF) >= COMMON_IDF


def _texts(value: Any) -> Iterable[str]:
    """Every string inside ``value`` (a YAML tree)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


@cache
def known_words() -> frozenset[str]:
    """The words of the rules (see the module's docstring)."""
    return frozenset(w for text in _rules_texts() for w in tokens(text))


@cache
def rules_text(trades: bool = True) -> str:
    """The rules' texts (as :func:`known_words` reads them), normalised and joined: a word
    jieba splits in them (節能率 as 節能 率) is still found whole. Without the industry words
    when not ``trades``: what the rules say besides naming trades."""
    return "\n".join(normalize(text) for text in _rules_texts(trades))


@cache
def program_text(program_id: str) -> str:
    """One program's texts and its parameters' descriptions, as :func:`rules_text`."""
    descriptions = [str(load_parameters()[n].description) for n in program_parameters(program_id)]
    texts = [*_program_texts(PROGRAMS_BY_ID[program_id]), *descriptions]
    return "\n".join(normalize(PLACEHOLDER.sub(" ", text)) for text in texts)


def _stated(program: str | None) -> str:
    """What a question is answered from: ``program``'s texts, or every rule's."""
    return program_text(program) if program else rules_text()


def _program_texts(program: Program) -> list[str]:
    texts: list[str] = []
    for key in ("name", "next_steps", "contact"):
        texts += [getattr(program, key), getattr(program, f"{key}_en")]
    texts += [program.benefit.summary, program.benefit.summary_en]
    texts += [t for c in program.criteria for t in (c.label, c.label_en)]
    return texts + keywords().get(program.id, [])


@cache
def _rules_texts(trades: bool = True) -> tuple[str, ...]:
    """The rules' texts (see the module's docstring); without the industry words when not
    ``trades``."""
    texts = [t for program in PROGRAMS for t in _program_texts(program)]
    texts += [str(p.description) for p in load_parameters().values()]
    texts += list(_texts(question_texts())) + list(COUNTIES)
    texts += list(_texts(synonyms())) if trades else []
    return tuple(PLACEHOLDER.sub(" ", str(text)) for text in texts)


PRICE_HEADS = ("費", "金", "率", "價")
"""The last character of a word for a price, a fee, a sum or a rate (攤位費, 獎金, 通過率)."""
EVERYDAY_PRICES = frozenset({
    "付費", "收費", "免費", "現金", "本金", "稅金", "報價", "費用", "經費", "資金", "基金",
    "利率", "比率", "效率", "頻率", "功率", "稅率", "匯率",
    "價格", "價值", "評價", "代價", "售價", "賣價", "平價", "物價", "票價", "五金",
})  # fmt: skip
"""Price words that ask of no particular price (要付費嗎, 可以換現金嗎), that the rules say
otherwise (賣價 for 售價, 銀行利率 for 利率: a word ending in one is everyday too), or that
jieba makes of two words (股票價值 → 股 票價 值); 五金 is a trade."""


_PRICE_EN = re.compile(
    r"\b(?!(?:a|an|any|the|no|of|what|is|there|pay|charge)\b)[a-z-]+ (?P<head>fee)s?\b"
    r"|\b(?P<sum>penalty|commission|deposit|prize|premium)s?\b"
)
"""An English name of a fee (the entry fee: "is there a fee" asks whether it is free, as 要付費嗎
does) or a sum (a penalty, a commission)."""
_PRICE_ZH = {
    "fee": ("費",), "penalty": ("違約金", "罰"), "commission": ("佣金", "抽成"),
    "deposit": ("押金", "保證金"), "prize": ("獎金",), "premium": ("保費",),
}  # fmt: skip
"""What the rules' Chinese texts call each (:func:`program_text` holds the parameters'
Chinese descriptions)."""


def _head(match: re.Match[str]) -> str:
    return match.group("head") or match.group("sum")


def unknown_prices(normal: str, program: str | None = None) -> list[str]:
    """The words for a price or rate in ``normal`` (a normalised question) that the rules'
    texts never hold (攤位費, 獎金, 場地費, 通過率) — the texts of ``program`` when the
    question names one (台灣精品的報名費: the online shows' entry fee is another program's):
    a question asking one asks what no rule states. Only the clauses that ask count (電費很兇
    states a bill), and jieba may split the word (場地 費): the head joins the word before it.
    In English a named fee or sum (entry fee, repayment penalty) counts when the texts hold
    neither its head nor the Chinese for it (:data:`_PRICE_ZH`)."""
    asking = [c for c in _CLAUSES.split(normal) if QUESTION_WORDS.search(c)]
    words = [w for clause in asking for w in tokens(clause)]
    stated = _stated(program)
    found = [
        m.group()
        for c in asking
        for m in _PRICE_EN.finditer(c)
        if not any(w in stated for w in (_head(m), *_PRICE_ZH[_head(m)]))
    ]
    for i, word in enumerate(words):
        if word in PRICE_HEADS and i and not words[i - 1].isascii():
            word = words[i - 1] + word  # 場地 費
        if len(word) >= 2 and word.endswith(PRICE_HEADS) and word[-2:] not in EVERYDAY_PRICES:
            found += [] if word in stated else [word]
    return found


_COVERS = (
    re.compile(
        r"(?:可以|能|會|有沒有|有無|敢會)(?:補|補助|支付|給付|涵蓋|包含|包括)"
        r"(?P<items>[\u4e00-\u9fff]{2,12}?)(?:嗎|呢|無|\?|$)"
    ),
    re.compile(
        r"(?P<items>[\u4e00-\u9fff]{2,8}?)(?:也|都)(?:可以|能|會|有)(?:補|補助|報)(?:嗎|\?)"
    ),
)
"""A question whether a measure pays for things: 可以補機票跟住宿嗎, 住宿也可以補嗎."""
_AND = re.compile(r"跟|和|及|與|或|、|還有")
_DETERMINER = re.compile(r"^(?:的|我們的|員工的|我們|他們|這個|這些|那個)")


def unknown_items(normal: str, program: str | None = None) -> list[str]:
    """The things ``normal`` asks a measure to pay for (:data:`_COVERS`) that the texts of
    ``program`` (of any rule, when it names none) never name: 機票 and 住宿 for the exhibition
    subsidy, which pays a booth's rent. Only words that name things count (上課 is no item)."""
    stated = _stated(program)
    found = []
    for pattern in _COVERS:
        for match in pattern.finditer(normal):
            for item in _AND.split(match.group("items")):
                item = _DETERMINER.sub("", item.strip())
                if len(item) >= 2 and item not in stated and all(map(is_content, tokens(item))):
                    found.append(item)
    return found


def not_understood(normal: str, read: list[str]) -> list[str]:
    """The content words of the statements in ``normal`` (a normalised question) that are
    neither inside a piece a fact reader took (``read``) nor words of the rules."""
    return _unknown_words(normal, read, asking=False)


def not_asked_of_the_plan(normal: str, read: list[str]) -> list[str]:
    """The Chinese content words of the clauses of ``normal`` that ask, outside the pieces
    ``read``, that are neither words of the rules nor words questions ask the plan with
    (``asking_words.txt``: 網址, 收件, 分機 …): 媽祖 and 遶境, 香蕉 and 跳舞 ask of something
    the plan does not hold. English words are left out: too many everyday ones ask."""
    return _unknown_words(normal, read, asking=True)


def _unknown_words(normal: str, read: list[str], *, asking: bool) -> list[str]:
    normal = blanked(normal, read)
    found: list[str] = []
    for clause in _CLAUSES.split(normal):
        if not clause.strip() or bool(QUESTION_WORDS.search(clause)) != asking:
            continue
        words = tokens(clause, guess=False)  # 想換, 有辦: no words, only jieba's guesses
        found += [w for w in words if is_content(w) and w not in known_words()]
    found = list(dict.fromkeys(found))
    found = [w for w in found if not any(w != v and w in v for v in found)]  # 牛舌 in 牛舌餅
    if asking:
        found = [w for w in found if not w.isascii() and w not in asking_words()]
    return found


@cache
def asking_words() -> frozenset[str]:
    """The words questions ask the plan with that its rules do not hold (see the file), as
    the normalised question reads them (制造業 is how it reads 制造业)."""
    lines = ASKING_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
