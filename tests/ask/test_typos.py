"""Homophone typos mended by sound (smewindow.ask.typos): pure, no DB."""

from __future__ import annotations

import time

import pytest

from smewindow.ask.facts import MAX_QUESTION
from smewindow.ask.normalize import normalize
from smewindow.ask.typos import mend, read_question, vocabulary


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("我想申清帶款", "我想申請貸款"),
        ("115年還有展欖補助嗎", "115年還有展覽補助嗎"),
        ("員工加心有租稅憂惠嗎", "員工加薪有租稅優惠嗎"),
        ("利習補帖是借多少以內才有", "利息補貼是借多少以內才有"),  # li4 xi2 ≈ li4 xi1, no tone
        ("線上展攬的抱名費", "線上展覽的報名費"),
        ("服務業算探排要用哪個工具", "服務業算碳排要用哪個工具"),
        ("商業服務業結能社備補助", "商業服務業節能設備補助"),
        ("我們是做室內設記的", "我們是做室內設計的"),
        ("我們是新北的補習班,圓工15人", "我們是新北的補習班,員工15人"),
        ("只有稅及登記", "只有稅籍登記"),  # 及 is a conjunction: variants.yaml, not sound
        ("數字转型補肋", "數位轉型補助"),  # a shape typo and a mainland word: variants.yaml
        ("房待利率多少", "房貸利率多少"),  # a word of refuse.yaml: the box knows it to refuse it
        ("明天會下魚嗎", "明天會下雨嗎"),
    ],
)
def test_a_typo_is_read_as_the_word_it_sounds_like(typed: str, meant: str) -> None:
    assert read_question(typed) == meant


@pytest.mark.parametrize(
    "correct",
    [
        "皮帶款式有幾種",  # 帶款 inside the word 皮帶 and 款式
        "我們要付貨款",  # 貨款 is a word (payment for goods), though it sounds like 貸款
        "參加心得分享",
        "審查要多久才會撥款",  # 才會 is no typo of 財會: 才 is a function word
        "一間公司最多可以補到多少",  # nor 補到 of 不到
        "我們是做餐飲的",  # 是做 (shi zuo) is never 實作
        "算一下自己的碳排",  # nor 的碳 of 低碳
        "品牌輔導要打給臺經院哪一位",
        "一人補多少",  # a numeral is meant: 一人 is never 藝人
    ],
)
def test_a_correct_text_is_left_alone(correct: str) -> None:
    assert read_question(correct) == normalize(correct)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("汽車美容店 公司登記 員工4人", "汽車美容店,公司登記,員工4人"),
        ("雲林虎尾的幼兒園 12個老師 今年有補助嗎", "雲林虎尾的幼兒園,12個老師,今年有補助嗎"),
        ("We are a 12 person firm", "we are a 12 person firm"),  # Latin words keep their spaces
    ],
)
def test_the_spaces_of_a_chat_message_part_its_clauses(typed: str, read: str) -> None:
    assert read_question(typed) == read


def test_the_vocabulary_is_the_rules_words() -> None:
    words = vocabulary()
    assert {"貸款", "補助", "加薪", "碳排", "節能", "設備", "報名"} <= words
    assert all(2 <= len(w) <= 4 for w in words)


@pytest.mark.parametrize(
    "hostile", ["貸" * MAX_QUESTION, "探排抱名" * (MAX_QUESTION // 4), "𠀀𠀁" * (MAX_QUESTION // 2)]
)
def test_the_longest_question_is_mended_quickly(hostile: str) -> None:
    mend("暖身")
    started = time.perf_counter()
    mend(hostile)
    assert time.perf_counter() - started < 1
