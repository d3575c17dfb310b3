"""What a firm's question says that the box did not understand (smewindow.ask.understood)."""

from __future__ import annotations

import datetime as dt

import pytest

from smewindow.ask.engine import ask
from smewindow.ask.facts import facts_in
from smewindow.ask.normalize import normalize
from smewindow.ask.understood import (
    is_content,
    known_words,
    not_asked_of_the_plan,
    not_understood,
    unknown_items,
    unknown_prices,
)

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
            ["plant", "vietnam"],  # sister is a relative word, plant still unclear
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
    ("question", "words"),
    [
        ("苹果香蕉优惠贷款跳舞几点", ["蘋果", "香蕉"]),
        ("今年大甲媽祖遶境是佗一工起駕？", ["媽祖"]),
        # the rules' words, words questions ask the plan with, English: nothing unknown
        ("動力與公用設備補助的官方網站是哪個？", []),
        ("優惠貸款的利率最高多少？", []),
        ("What is the weather in Taipei?", []),
    ],
)
def test_what_a_question_asks_in_words_the_plan_does_not_hold_is_unknown(
    question: str, words: list[str]
) -> None:
    assert not_asked_of_the_plan(normalize(question), facts_in(question, ON).pieces) == words


def test_the_words_questions_ask_with_are_not_the_rules_words() -> None:
    """asking_words.txt holds only what the rules' texts do not: a rule's word is known."""
    from smewindow.ask.understood import asking_words

    assert not asking_words() & known_words()


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


@pytest.mark.parametrize(
    ("question", "program", "prices"),
    [
        ("台灣精品得獎有獎金嗎？", None, ["獎金"]),
        ("品牌輔導的通過率大概幾成？", None, ["通過率"]),
        ("iOPEN Mall上架會收多少服務費？", None, ["服務費"]),
        # the rules state these, or they ask of no particular price
        ("系統節能專案的節能率要多少？", None, []),
        ("參加海外展覽的場地費可以補嗎？", None, []),
        ("減碳服務站的專家訪視要付費嗎？", None, []),
        ("優惠貸款銀行利率最高多少？", None, []),
        ("how do my staff sign up for the free courses, and is there a fee?", None, []),
        ("阮欲用專利作價入股，股票價值三百萬，緩課會使用無？", None, []),
        # the named program's texts: 報名費 is the online shows' fee, not Taiwan Excellence's
        ("台灣精品報名一件產品要繳多少報名費？", "taiwan-excellence", ["報名費"]),
        ("線上展覽的報名費補多少？", "overseas-exhibition-subsidy", []),
        ("is there an early repayment penalty?", "transformation-loan", ["penalty"]),
        ("what is the credit guarantee fee?", "transformation-loan", []),
    ],
)
def test_a_price_the_rules_never_state_is_unknown(
    question: str, program: str | None, prices: list[str]
) -> None:
    """Of the named program's texts, or of every rule's when none is named."""
    assert unknown_prices(normalize(question), program) == prices


def test_a_question_asking_a_price_no_rule_states_is_refused() -> None:
    """獎金 names no rule's value: the box refuses rather than describe Taiwan Excellence;
    報名費 is a value of the exhibition subsidy's online shows, not of Taiwan Excellence."""
    assert ask("台灣精品選拔得獎的話，獎金大概多少？", ON).refer
    assert ask("台灣精品報名一件產品要繳多少報名費？", ON).refer
    assert not ask("線上展覽報名費補助多少？", ON).refer
    assert not ask("台灣精品選拔的報名資格是什麼？", ON).refer
    assert not ask("我們是做五金的工廠，電費很兇，動力設備補助可以申請嗎？", ON).refer


@pytest.mark.parametrize(
    ("question", "program", "items"),
    [
        ("海外參展補助可以補機票跟住宿嗎？", "overseas-exhibition-subsidy", ["機票", "住宿"]),
        ("住宿也可以補嗎？", "overseas-exhibition-subsidy", ["住宿"]),
        ("海外參展補助可以補場地租金嗎？", "overseas-exhibition-subsidy", []),
        ("節能補助可以補冷氣嗎？", "service-energy-equipment-subsidy", []),
    ],
)
def test_a_thing_a_measure_is_asked_to_pay_for_that_it_never_names(
    question: str, program: str, items: list[str]
) -> None:
    assert unknown_items(normalize(question), program) == items


def test_a_town_with_its_county_is_understood_and_alone_is_read_as_its_county() -> None:
    """台南永康: the district agrees with the county read, so it is no unclear word."""
    assert unclear("我跟我老婆在台南永康開早餐店，行號登記，員工3人，可以申請什麼？") == []
    assert facts_in("我們是土城的印刷廠，員工19人", ON).profile["county"] == "新北市"


def test_the_askers_relatives_say_nothing_of_the_firm() -> None:
    """阮阿公, my uncle: who runs the firm, not what it is."""
    assert unclear("阮阿公佇屏東養雞，是商業登記的行號，三个人，有啥物補助通申請？") == []
    assert unclear("My uncle runs a print shop in Keelung, registered as a company.") == []
