"""Finding the industry division by everyday words, and the labels that tell divisions apart."""

from __future__ import annotations

import re

import pytest

from smewindow.rules.industries import normal, search, synonyms
from smewindow.rules.interview import question_for
from smewindow.rules.taiwan import DIVISION_NAMES, division_label

EVERYDAY = {
    "麵包": "08", "烘焙": "08", "蛋糕": "08", "餐廳": "56", "小吃": "56", "飲料": "56",
    "咖啡": "56", "網拍": "48", "電商": "48", "網路商店": "48", "塑膠": "22", "軟體": "62",
    "App": "62", "美髮": "96", "營造": "41", "貿易": "45", "批發": "45", "機械": "29",
    "水電": "43", "手搖飲": "56", "民宿": "55", "補習班": "85", "修車": "95", "記帳": "69",
    "五金": "25", "印刷": "16", "紡織": "11", "自行車": "31", "家具": "32", "旅行社": "79",
}  # fmt: skip
"""Words a small firm uses for its trade, and the division each is classified in."""


@pytest.mark.parametrize(("word", "code"), EVERYDAY.items())
def test_each_everyday_word_finds_its_division_first(word: str, code: str) -> None:
    found = search(word)
    assert found and found[0].code == code, [m.code for m in found]
    assert found[0].note == ""


@pytest.mark.parametrize(
    ("word", "code"),
    [("bakery", "08"), ("Restaurant", "56"), ("online shop", "48"), ("e-commerce", "48"),
     ("plumbing", "43"), ("hair salon", "96"), ("software", "62"), ("app", "62")],
)  # fmt: skip
def test_english_words_find_the_division_on_the_english_page(word: str, code: str) -> None:
    found = search(word, "en")
    assert found[0].code == code
    assert found[0].label.startswith(f"{code} ") and found[0].label.isascii()


def test_a_bakery_is_food_manufacturing_first_and_retail_second_with_a_note() -> None:
    found = search("麵包")
    assert [m.code for m in found] == ["08", "47"]
    assert found[0].label == "08 食品及飼品製造業" and found[0].section == "製造業"
    assert found[1].section == "批發及零售業"
    assert "可能登記為零售業" in found[1].note and "08" in found[1].note
    english = search("bread", "en")
    assert [m.code for m in english] == ["08", "47"]
    assert "may be registered as retail" in english[1].note
    assert search("麵包", "en")[1].note.startswith("A shop mainly retailing bread")


@pytest.mark.parametrize(
    ("query", "code"),
    [("麵", "08"), ("網", "48"), ("56", "56"), ("茶飲", "56"), ("IC", "26"), ("3C", "48"),
     ("臺幣", None), ("我開麵包店", "08"), ("台", None), ("ＡＰＰ", "62")],
)  # fmt: skip
def test_one_or_two_characters_and_longer_sentences_work(query: str, code: str | None) -> None:
    found = search(query)
    if code is None:
        assert all(m.code in DIVISION_NAMES for m in found)
    else:
        assert found[0].code == code, [m.code for m in found]


def test_the_section_name_finds_its_divisions_after_the_named_ones() -> None:
    found = [m.code for m in search("住宿及餐飲", limit=20)]
    assert set(found) == {"55", "56"}
    assert search("製造", limit=30)[0].section == "製造業"


def test_a_blank_or_unknown_query_finds_nothing() -> None:
    assert search("") == [] and search("   ") == []
    assert search("火星採礦") == []
    assert len(search("業")) == 10, "at most ten"


def test_every_synonym_names_a_division_of_the_classification() -> None:
    data = synonyms()
    assert set(data) <= set(DIVISION_NAMES)
    owner: dict[str, str] = {}
    chinese = 0
    for code, entry in data.items():
        assert set(entry) <= {"words", "words_en", "also"}, code
        for word in entry["words"] + entry["words_en"]:
            key = normal(str(word))
            assert owner.setdefault(key, code) == code, f"{word}: {owner[key]} and {code}"
        chinese += len(entry["words"])
        assert all(
            re.search(r"[\u4e00-\u9fff]", str(w)) or str(w).isascii() for w in entry["words"]
        )
        assert all(str(w).isascii() for w in entry["words_en"]), code
    assert chinese >= 150
    for code, entry in data.items():
        for item in entry.get("also", []):
            assert set(item) == {"words", "note", "note_en"}, code
            assert item["note"].strip() and item["note_en"].isascii(), code
            for word in item["words"]:
                assert owner[normal(str(word))] != code, f"{word} is already {code}'s own word"


def test_divisions_that_share_a_name_are_told_apart() -> None:
    for lang in ("zh", "en"):
        labels = [label for _, label in question_for("industry", lang).options]
        assert len(labels) == len(set(labels)) == len(DIVISION_NAMES)
        names = [label.split(" ", 1)[1] for label in labels]
        assert len(names) == len(set(names)), "the same name twice, even without the code"
    assert division_label("47") == (
        "47 零售業（便利商店及百貨等綜合商品、食品飲料、布疋服飾、家用器具、藥品化粧品、文教育樂用品）"
    )
    assert division_label("48").startswith("48 零售業（") and "網路購物" in division_label("48")
    assert division_label("46", "en").startswith("46 Wholesale Trade (building materials")
    assert division_label("56") == "56 餐飲業" and division_label("56", "en") == (
        "56 Food and Beverage Service Activities"
    )
