"""Reading a question the way the ask box matches it: one canonical text, and its words.

:func:`normalize` gives the canonical form: Unicode NFKC (full-width ８ and ＡＩ → 8 and ai),
control and format characters dropped, lower case, OpenCC ``s2tw`` (Simplified → Taiwan
Traditional, character by character, as the catalogue's search does), 臺 for every 台, the
typos and variants of ``variants.yaml``, and single spaces.

- ``s2tw``, not ``s2twp``: the phrase table of ``s2twp`` also rewrites correct Taiwan text
  (申請程序 → 申請程式, 補助項目 → 補助專案). The few mainland words that matter here
  (信息, 數字轉型, 軟件 …) are in ``variants.yaml`` instead.
- 臺 for every 台, not only in county names: OpenCC already turns nearly every 台 into 臺
  (台灣, 平台, 一台), so only a single canonical spelling lets 平台 in a question match 平臺 in
  a rule. Reading a county is ``facts.py``'s business; it keeps 平臺中 and 一臺中古 apart
  from 臺中.

:func:`tokens` segments the canonical form into words for BM25, with jieba (its own
dictionary, shipped in the package) and a user dictionary built from the rules' terms.
jieba's dictionary is Simplified, so a Traditional run is segmented on its Simplified shadow
(OpenCC ``t2s``, the same length) and the words are cut from the Traditional text at the same
places; a word of three or more characters is followed by the dictionary words inside it, so
優惠貸款 also matches 貸款 (jieba's search mode, here on any length). Latin words split on
anything but letters, numbers stay whole.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jieba
import opencc
import yaml

from smewindow.rules import PROGRAMS
from smewindow.rules.industries import synonyms
from smewindow.rules.taiwan import COUNTIES

_TO_TRADITIONAL = opencc.OpenCC("s2tw")
_TO_SIMPLIFIED = opencc.OpenCC("t2s")
_DROPPED = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PIECES = re.compile(rf"[a-z]+|\d+(?:\.\d+)?|[{_HAN}]+")
HAN_RUN = re.compile(rf"[{_HAN}]+")
_NAME_RUN_LENGTH = range(2, 9)
"""How long a run of a program's name is to be a word: longer ones are phrases."""
DOMAIN_FREQ = 1000
"""The least count of a domain word in jieba's dictionary (貸款 has 4,000, 拍賣 1,067, of
60 million): enough to keep it whole beside common words, not so much that it cuts across
them (舞臺中央 stays 舞臺 中央)."""


@dataclass(frozen=True)
class _Variant:
    to: str
    unless: tuple[str, ...]


def _package_text(name: str) -> str:
    return (resources.files("smewindow.ask") / name).read_text("utf-8")


_OPENCC_SLIPS = {"是隻": "是只"}
"""What ``s2tw`` does to text that was Traditional already and should not: 是只有 and 是只要
become 是隻有 and 是隻要 (隻 the measure word); a question never means 是隻狗 here."""


def _canonical(text: str) -> str:
    """``text`` in the canonical form, before the variants are applied."""
    text = _DROPPED.sub(" ", unicodedata.normalize("NFKC", text)).lower()
    traditional: str = _TO_TRADITIONAL.convert(text)
    for slip, meant in _OPENCC_SLIPS.items():
        traditional = traditional.replace(slip, meant)
    return traditional.replace("台", "臺")


@cache
def variants() -> dict[str, _Variant]:
    """The typed form → the rules' word, as ``variants.yaml`` gives them (canonical form)."""
    entries: list[dict[str, Any]] = yaml.safe_load(_package_text("variants.yaml"))
    return {
        _canonical(e["from"]): _Variant(
            _canonical(e["to"]), tuple(_canonical(u) for u in e.get("unless", []))
        )
        for e in entries
    }


@cache
def _variant_pattern() -> re.Pattern[str]:
    keys = sorted(variants(), key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


def _replace(match: re.Match[str]) -> str:
    word, text, start = match.group(), match.string, match.start()
    variant = variants()[word]
    for longer in variant.unless:
        offset = longer.find(word)
        if offset <= start and text.startswith(longer, start - offset):
            return word
    return variant.to


def normalize(question: str) -> str:
    """``question`` in the canonical form the ask box matches (see the module's docstring)."""
    text = _variant_pattern().sub(_replace, _canonical(question))
    return " ".join(text.split())


def blanked(text: str, words: list[str] | tuple[str, ...]) -> str:
    """``text`` with each of ``words`` replaced by a space, the longest first (so 優惠貸款
    goes whole before 貸款), words of one length in their given order."""
    for word in sorted(words, key=len, reverse=True):
        if word:
            text = text.replace(word, " ")
    return text


def domain_words() -> list[str]:
    """The words the segmenter keeps whole: ``terms.txt``, the industry words, the counties
    (and their names without 市 or 縣) and the runs of two to eight Han characters in the
    programs' names; canonical form, each once."""
    words = [
        line.strip()
        for line in _package_text("terms.txt").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for entry in synonyms().values():
        words += [str(w) for w in entry.get("words", [])]
        words += [str(w) for item in entry.get("also", []) for w in item["words"]]
    words += [*COUNTIES, *(c[:2] for c in COUNTIES)]
    for program in PROGRAMS:
        words += [r for r in HAN_RUN.findall(program.name) if len(r) in _NAME_RUN_LENGTH]
    found = (normalize(w) for w in words)
    return list(dict.fromkeys(w for w in found if len(w) > 1 and HAN_RUN.fullmatch(w)))


@cache
def _segmenter() -> jieba.Tokenizer:
    """jieba with its own dictionary, loaded directly (it writes no cache file), and the
    domain words in their Simplified form, each at least as frequent as :data:`DOMAIN_FREQ`
    (jieba's own frequency for most of them is tiny, and then 網拍賣家 cuts as 網 拍賣 家)."""
    tokenizer = jieba.Tokenizer()
    path = Path(jieba.__file__).with_name("dict.txt")
    with path.open("rb") as dictionary:
        tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(dictionary)
    tokenizer.initialized = True
    for word in domain_words():
        shadow = _TO_SIMPLIFIED.convert(word)
        tokenizer.add_word(shadow, max(DOMAIN_FREQ, tokenizer.FREQ.get(shadow) or 0))
    return tokenizer


def _shadow(run: str) -> str:
    """``run`` in Simplified characters, the same length (jieba's dictionary is Simplified)."""
    shadow: str = _TO_SIMPLIFIED.convert(run)
    return shadow if len(shadow) == len(run) else run  # t2s kept the length in every case seen


def segmenter_words(run: str, guess: bool = False) -> list[str]:
    """A run of Han characters cut into words by jieba, in order, nothing added or left out;
    ``guess`` as in :func:`tokens`."""
    words: list[str] = []
    start = 0
    for piece in _segmenter().cut(_shadow(run), HMM=guess):
        words.append(run[start : start + len(piece)])
        start += len(piece)
    return words


def is_dictionary_word(word: str) -> bool:
    """Whether jieba's dictionary (with the domain words) holds ``word``."""
    return bool(_segmenter().FREQ.get(_shadow(word)))


def _han_words(run: str, guess: bool = True) -> list[str]:
    """A run of Han characters cut into words (then the dictionary words inside each)."""
    words: list[str] = []
    for piece in segmenter_words(run, guess):
        words.append(piece)
        for size in range(2, len(piece)):
            words += [
                piece[at : at + size]
                for at in range(len(piece) - size + 1)
                if is_dictionary_word(piece[at : at + size])
            ]
    return words


def tokens(question: str, guess: bool = True) -> list[str]:
    """The words of ``question`` (normalised) for BM25, in order; no spaces or marks.
    ``guess``: let jieba's HMM join characters its dictionary does not hold into a word
    (牛舌餅 from 牛 舌 餅, but also 想換 from 想 換); without it they stay single."""
    words: list[str] = []
    for piece in _PIECES.findall(normalize(question)):
        words += _han_words(piece, guess) if piece[0] >= "\u3400" else [piece]
    return words
