"""The ask box's canonical text and its words (smewindow.ask.normalize): pure, no DB."""

from __future__ import annotations

import time
from importlib import resources

import jieba
import pytest
import yaml

from smewindow.ask import normalize as module
from smewindow.ask.normalize import domain_words, normalize, tokens, variants


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("優惠貸款利率最高多少？", "優惠貸款利率最高多少?"),  # NFKC: full-width mark
        ("ＡＩ課程　３０人", "ai課程 30人"),  # full-width letters, digits, space
        ("优惠贷款利率", "優惠貸款利率"),  # Simplified
        ("台中市的烘焙坊", "臺中市的烘焙坊"),
        ("SME AI平台", "sme ai平臺"),  # one spelling for 平台 and 平臺
        ("申请程序", "申請程序"),  # s2tw, not s2twp (which gives 申請程式)
        ("补助项目", "補助項目"),  # s2twp would give 補助專案
        ("数字转型补肋", "數位轉型補助"),  # mainland word and a typo
        ("信息安全", "資訊安全"),
        ("我們是只有稅籍登記", "我們是只有稅籍登記"),  # s2tw alone gives 是隻有
        ("烘培坊", "烘焙坊"),
        ("  多\t個\n空白  ", "多 個 空白"),
        ("a\x00b\u200bc\u202ed", "a b c d"),  # control and format characters
        ("", ""),
    ],
)
def test_normalize(typed: str, canonical: str) -> None:
    assert normalize(typed) == canonical


@pytest.mark.parametrize(
    "correct",
    ["皮帶款式有幾種", "參加心得分享", "我們要付貨款", "輔助工具", "攜帶款項"],
)
def test_a_correct_word_is_left_alone(correct: str) -> None:
    assert normalize(correct) == correct


def test_every_variant_says_why_and_changes_something() -> None:
    entries = yaml.safe_load((resources.files("smewindow.ask") / "variants.yaml").read_text())
    assert all(e.get("why") for e in entries)
    assert len(variants()) == len(entries)
    for typed, variant in variants().items():
        assert typed != variant.to
        assert variant.to not in variants()  # no chains: one pass is enough
        assert all(typed in longer for longer in variant.unless)


QUESTIONS: list[tuple[str, list[str]]] = [
    ("優惠貸款利率最高多少？", ["優惠貸款", "利率"]),
    ("我們8個人的烘焙坊可以申請培訓補助嗎？", ["烘焙坊", "申請", "培訓", "補助"]),
    ("加薪有什麼租稅優惠？", ["加薪", "租稅優惠"]),
    ("115年還有展覽補助嗎？", ["115", "展覽", "補助"]),
    ("我們8個人的烘焙坊在台中，可以申請什麼？", ["烘焙坊", "臺中"]),
    ("数字转型补助怎么申请", ["數位轉型", "補助", "申請"]),
    ("30人以下的公司可以申請優惠貸款嗎", ["30", "公司", "優惠貸款"]),
    ("信保基金可以保幾成", ["信保基金"]),
    ("空壓機汰換有補助嗎", ["空壓機", "汰換", "補助"]),
    ("雲市集的數位點數怎麼用", ["雲市集", "數位點數"]),
    ("淨零轉型要先做碳盤查嗎", ["淨零", "碳盤查"]),
    ("研發投資抵減可以抵多少", ["研發投資抵減"]),
    ("增僱24歲以下員工有什麼優惠", ["增僱", "員工"]),
    ("雇用65歲以上的員工可以減稅嗎", ["僱用", "員工"]),
    ("參加海外展覽有補助嗎", ["海外展覽"]),
    ("線上展覽也可以補助嗎", ["展覽", "補助"]),
    ("手搖飲店可以申請什麼補助", ["手搖飲店", "補助"]),
    ("我在高雄開早餐店，員工3人", ["高雄", "早餐店", "員工"]),
    ("美髮店可以申請數位轉型補助嗎", ["美髮店", "數位轉型"]),
    ("塑膠射出廠想換節能設備", ["塑膠射出", "節能"]),
    ("我們是網拍賣家，可以參加什麼課程", ["網拍", "課程"]),
    ("咖啡廳有AI工具可以用嗎", ["咖啡廳", "ai", "工具"]),
    ("行號可以申請貸款嗎", ["行號", "貸款"]),
    ("有限合夥可以申請嗎", ["有限合夥"]),
    ("只有稅籍登記可以貸款嗎", ["稅籍登記", "貸款"]),
    ("要有工廠登記嗎", ["工廠登記"]),
    ("資本額500萬算中小企業嗎", ["資本額", "中小企業"]),
    ("營業額一億以下是中小企業嗎", ["營業額", "中小企業"]),
    ("品牌輔導要怎麼報名", ["品牌", "輔導"]),
    ("台灣精品獎怎麼申請", ["臺灣"]),
    ("馬上辦服務中心在哪裡", ["馬上辦"]),
    ("虛擬財務長是什麼", ["虛擬財務長"]),
    ("國發基金會投資小公司嗎", ["國發基金"]),
    ("智財權作價入股可以緩課嗎", ["智財權", "作價入股", "緩課"]),
    ("加薪企業的額外信保額度是多少", ["加薪", "信保"]),
    ("減碳服務站有什麼服務", ["減碳"]),
    ("ESCO節能服務要錢嗎", ["esco", "節能"]),
    ("中小企業網路大學校的課程免費嗎", ["中小企業", "課程"]),
    ("我們在新竹，有什麼補助", ["新竹", "補助"]),
    ("花蓮的民宿可以申請嗎", ["花蓮", "民宿"]),
    ("彰化的襪子工廠可以申請品牌輔導嗎", ["彰化", "襪子", "品牌"]),
    ("我們做螺絲外銷，有拓銷補助嗎", ["螺絲", "外銷", "拓銷"]),
    ("培力補助每人最多多少錢", ["培力", "補助"]),
    ("訓練費用可以補助幾成", ["訓練費用"]),
    ("申請期限到什麼時候", ["申請", "期限"]),
    ("收件截止了嗎", ["收件", "截止"]),
    ("員工數怎麼算", ["員工數"]),
    ("勞保投保人數和員工數一樣嗎", ["勞保", "投保", "員工數"]),
    ("優惠貸款的利率是固定的嗎", ["優惠貸款", "利率"]),
    ("We have 8 employees in Taichung, can we get a loan?", ["employees", "taichung", "loan"]),
]


@pytest.mark.parametrize(("question", "words"), QUESTIONS)
def test_the_words_that_matter_come_out_whole(question: str, words: list[str]) -> None:
    found = tokens(question)
    assert [w for w in words if w not in found] == [], found


def test_fifty_questions() -> None:
    assert len(QUESTIONS) >= 50


def test_tokens_are_words_of_the_canonical_text() -> None:
    question = "我們８個人的烘焙坊在台中，e-commerce 可以申請嗎？"
    found = tokens(question)
    assert found[:4] == ["我們", "8", "個人", "的"]
    assert "e" in found and "commerce" in found  # Latin words split on non-letters
    assert all(w in normalize(question) for w in found)
    assert not any(c in "".join(found) for c in " ，,?？-")


def test_a_long_word_brings_its_parts() -> None:
    assert tokens("優惠貸款") == ["優惠貸款", "優惠", "貸款"]


def test_domain_words_come_from_the_rules() -> None:
    words = set(domain_words())
    assert {"貸款", "烘焙坊", "臺中市", "臺中", "手搖飲", "雲市集工業館", "麵包"} <= words
    assert all(len(w) > 1 for w in words)


def test_the_segmenter_writes_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("jieba's initialize writes a cache file")

    monkeypatch.setattr(jieba.Tokenizer, "initialize", refuse)
    module._segmenter.cache_clear()
    try:
        assert tokens("優惠貸款利率") == ["優惠貸款", "優惠", "貸款", "利率"]
    finally:
        module._segmenter.cache_clear()


@pytest.mark.parametrize(
    "hostile",
    [
        "貸" * 10_000,
        "a" * 10_000,
        "".join(chr(c) for c in range(0, 0x3000, 3)),
        "<script>alert('貸款')</script>" * 300,
        "\x00\x01\x02" * 3000,
        "🙂" * 5000,
    ],
)
def test_hostile_text_is_read_quickly(hostile: str) -> None:
    tokens("暖身")
    started = time.perf_counter()
    normalize(hostile)
    tokens(hostile)
    assert time.perf_counter() - started < 2
