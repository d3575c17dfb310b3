"""What a firm's question says that the box did not understand (smewindow.ask.understood)."""

from __future__ import annotations

import datetime as dt

import pytest

from smewindow.ask.engine import ask
from smewindow.ask.facts import facts_in
from smewindow.ask.normalize import normalize
from smewindow.ask.understood import is_content, known_words, not_understood

ON = dt.date(2026, 3, 1)


def unclear(question: str) -> list[str]:
    return not_understood(normalize(question), facts_in(question, ON).pieces)


@pytest.mark.parametrize(
    ("question", "words"),
    [
        (
            "阮是宜蘭的糕餅店，做在地特色的牛舌餅，地方特色產業通路輔導敢有阮的份？",
            ["牛舌餅"],
        ),
        ("我們是台南的食品貿易商，員工30人，想在越南設發貨倉庫，單家申請最多補多少？", ["越南"]),
        (
            "Our cosmetics factory has a sister plant in Vietnam. Can we join?",
            ["sister", "plant", "vietnam"],
        ),
        # all read or words of the rules: nothing unclear
        ("我們8個人的烘焙坊在台中，可以申請什麼？", []),
        ("我們是台中的成衣廠，這半年投保人數最少的月份也有42人，培力補助還能申請嗎？", []),
        ("我們公司有自己的品牌，也拿到認證了，可以報名台灣精品嗎？", []),  # 拿到 is a verb
    ],
)
def test_a_statement_with_a_word_neither_read_nor_in_the_rules_is_unclear(
    question: str, words: list[str]
) -> None:
    assert unclear(question) == words


def test_a_question_clause_is_not_held_to_it() -> None:
    """Only statements must be understood: what is asked is the rules' to answer."""
    assert unclear("我們8個人，牛舌餅可以申請什麼補助嗎？") == []


@pytest.mark.parametrize(
    ("word", "content"),
    [("我們", False), ("今年", False), ("拿到", False), ("阮是", False), ("run", False),
     ("越南", True), ("客戶", True), ("牛舌餅", True), ("investors", True)],
)  # fmt: skip
def test_content_words(word: str, content: bool) -> None:
    """Stop words, common words (jieba's IDF below 6) and verbs say nothing of a firm."""
    assert is_content(normalize(word)) is content


def test_the_rules_words_include_every_program_name_and_profile_question() -> None:
    assert {"優惠貸款", "投保", "烘焙"} <= known_words()


def test_a_firm_question_with_an_unclear_statement_goes_to_the_desk() -> None:
    result = ask("我們是台南的食品貿易商，員工30人，想在越南設發貨倉庫，單家申請最多補多少？", ON)
    assert result.refer and "「越南」" in result.answer
    assert result.reading.profile["employees"] == 30  # what it did read goes on to the finder
