"""Homophone typos (同音錯字) mended by sound: 利習補帖 → 利息補貼, 室內設記 → 室內設計.

Most typos in Chinese come from the input method: the right sound, the wrong character
(注音 and 拼音 typing both pick characters by sound). So a typo is found the way a reader
finds it: a pair or run of characters that is no word, read aloud, sounds like a word of the
rules. ``mend`` replaces it, on the canonical text (``normalize.normalize``), when all of
these hold, and leaves it alone otherwise (a mended typo that was no typo changes the
question; one left alone is at worst not understood, and the desk answers):

- **No word as typed.** Every character of the window stands alone in jieba's cut (its own
  dictionary, no guessing), and the window is neither a word of jieba's dictionary nor of
  the rules: 貨款 (payment for goods) is a word and stays, 補住 is none.
- **One word it sounds like.** The window's reading (pypinyin) is that of exactly one word of the rules' vocabulary (:func:`vocabulary`) of
  the same length, with the tones (設記 she4 ji4 = 設計); failing that, without them
  (利習 li4 xi2 ≈ 利息 li4 xi1).
- **A typo, not another word.** All but one character are the word's own, in place: 探排 →
  碳排, 抱名 → 報名; 是做 (shi zuo) is never 實作.
- **No function word.** No character of the window or of the word is one jieba tags a
  function word (:data:`FUNCTION_TAGS`): 才會 is no typo of 財會, 補到 none of 不到.

``variants.yaml`` still holds what sound cannot find: shapes (補肋), mainland words (軟件),
and the typos that are words of their own (帶款 in 皮帶款式).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache, lru_cache

from pypinyin import Style, pinyin

from smewindow.ask.normalize import (
    HAN_RUN,
    domain_words,
    is_dictionary_word,
    normalize,
    segmenter_words,
)
from smewindow.ask.refusals import refusal_groups, refusal_words
from smewindow.ask.understood import known_words, part_of_speech

LENGTHS = (4, 3, 2)
"""The lengths of the words a typo is looked for in, longest first."""
FUNCTION_TAGS = ("d", "p", "c", "u", "r", "y", "e", "o")
"""jieba's tags of function words: adverbs, prepositions, conjunctions, particles, pronouns,
interjections and onomatopoeia."""


def _reading(text: str, tones: bool) -> tuple[str, ...]:
    """How ``text`` is read (pypinyin, as a phrase), a syllable per character, with the tone
    digit or not."""
    style = Style.TONE3 if tones else Style.NORMAL
    return tuple(s[0] for s in pinyin(text, style=style, errors="default"))


NUMERALS = frozenset("一二兩三四五六七八九十百千萬億")
"""A numeral is meant (一人補多少 is per person, not 藝人)."""


def _has_function_character(text: str) -> bool:
    return any(c in NUMERALS or (part_of_speech(c) or "").startswith(FUNCTION_TAGS) for c in text)


@cache
def vocabulary() -> frozenset[str]:
    """The Han words the box understands: the rules' words, the domain words and the words
    of the questions it refuses (通過綠 is 通過率, which no rule holds)."""
    refused = {*refusal_words(), *(w for entry in refusal_groups() for g in entry for w in g)}
    words = known_words() | set(domain_words()) | refused
    return frozenset(w for w in words if HAN_RUN.fullmatch(w) and len(w) in LENGTHS)


@cache
def _by_sound(tones: bool) -> dict[tuple[str, ...], frozenset[str]]:
    """Each reading → the words of :func:`vocabulary` without a function character read so."""
    found: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for word in vocabulary():
        if not _has_function_character(word):
            found[_reading(word, tones)].add(word)
    return {reading: frozenset(words) for reading, words in found.items()}


@lru_cache(maxsize=8192)
def _sounds_like(window: str) -> str | None:
    """The one word of the rules ``window`` sounds like and differs from by one character."""
    if _has_function_character(window):
        return None
    for tones in (True, False):
        heard = set(_by_sound(tones).get(_reading(window, tones), ()))
        heard = {w for w in heard if sum(a != b for a, b in zip(w, window, strict=True)) == 1}
        if len(heard) == 1:
            return heard.pop()
        if heard:
            return None  # two words sound alike: no guess
    return None


def mend(text: str) -> str:
    """``text`` (canonical form) with its homophone typos replaced (see the module)."""
    return HAN_RUN.sub(lambda run: _mend_run(run.group()), text)


def _mend_run(run: str) -> str:
    alone = [len(word) == 1 for word in segmenter_words(run) for _ in word]
    mended = list(run)
    at = 0
    while at < len(run):
        for size in LENGTHS:
            window = run[at : at + size]
            if len(window) < size or not all(alone[at : at + size]):
                continue
            known = window in vocabulary() or is_dictionary_word(window)
            word = None if known else _sounds_like(window)
            if word:
                mended[at : at + size] = word
                at += size
                break
        else:
            at += 1
    return "".join(mended)


_CHAT_GAP = re.compile(r"(?<![a-z0-9\s,.?!:;])\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+(?=\d)")
"""A space before Han text, after anything but a Latin word, a number or a mark: a message
typed like a chat (汽車美容店👍 公司登記 員工4人) separates its clauses with spaces; so does a
space before a number after Han text (幼兒園 12個老師)."""


def read_question(question: str) -> str:
    """A question as the box reads it: canonical (``normalize.normalize``), typos mended,
    and the spaces that part a chat message's clauses made commas."""
    return _CHAT_GAP.sub(",", mend(normalize(question)))
