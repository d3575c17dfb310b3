"""How to apply (guidance.yaml) and the sources named as documents (sources.yaml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smewindow.rules import PROGRAMS
from smewindow.rules.guidance import (
    GuidanceError,
    all_guidance,
    guidance_for,
    load_guidance_text,
)
from smewindow.rules.parameters import load_parameters
from smewindow.rules.sources import (
    SourceError,
    catalogue,
    load_catalogue_text,
    seed_section,
    source_title,
)
from tests.rules.test_code_health import english_problem

RULES_NOTES = Path(__file__).resolve().parents[2] / "docs" / "rules-notes.md"
PLAN_URL = "https://0800056476.sme.gov.tw"
PLAN = "中小微企業多元振興發展計畫（114年3月）"
PLAN_EN = "SME Multi-faceted Revitalization Plan (March 2025)"


def _used_sources() -> set[str]:
    """Every source a person may see: programs, criteria, parameter references, guidance."""
    used = set()
    for program in PROGRAMS:
        used |= {program.source, program.url} | {c.source for c in program.criteria}
    for parameter in load_parameters().values():
        used |= {ref.cite() for ref in parameter.references}
    for guidance in all_guidance().values():
        used |= set(guidance.sources())
    return used


def test_every_source_reads_as_a_named_document_with_a_link() -> None:
    problems = []
    for source in sorted(_used_sources()):
        for lang in ("zh", "en"):
            title, url = source_title(source, lang)
            if not title.strip() or "seed" in title.lower():
                problems.append(f"{source} ({lang}): title {title!r}")
            if not (url and url.startswith("https://")):
                problems.append(f"{source} ({lang}): link {url!r}")
            if lang == "en" and english_problem(title):
                problems.append(f"{source}: English title {english_problem(title)}")
    assert problems == []


def test_a_seed_section_reads_as_the_plan_and_the_section_in_plain_words() -> None:
    assert source_title("seed: 配套1.1 補助對象") == (
        f"「{PLAN}・配套措施1.1 30人以下中小微企業數位轉型協助方案・補助對象」",
        PLAN_URL,
    )
    assert source_title("seed: 配套1.1 補助對象", "en") == (
        f"{PLAN_EN} · Support measure 1.1: digital transformation help for firms of 30 or fewer"
        " · Who may apply",
        PLAN_URL,
    )
    assert source_title("seed: 製造業(三)")[0] == (
        f"「{PLAN}・製造業輔導措施（三）協助民生產業製造業者優化生產流程推動製造轉型」"
    )
    # The seed's own heading of a section adds nothing; a part in （） reads as the part.
    assert source_title("seed: 通路(四) 補助公司或商號參加海外國際展覽業務計畫") == source_title(
        "seed: 通路(四)"
    )
    assert source_title("seed: 配套2（智財權作價入股緩課）", "en")[0].endswith(
        " · Tax deferral on shares received for intellectual property"
    )


def test_a_law_reads_as_its_name_and_article() -> None:
    base = "https://law.moj.gov.tw/LawClass/"
    single = base + "LawSingle.aspx?pcode=G0340003&flno=5"
    assert source_title(single) == ("所得稅法第5條", single)
    assert source_title(single, "en") == ("Income Tax Act, Article 5", single)
    article = base + "LawSingle.aspx?pcode=J0140001&flno=36-2"
    assert source_title(article)[0] == "中小企業發展條例第36條之2"
    assert source_title(article, "en")[0] == (
        "Act for Development of Small and Medium Enterprises, Article 36-2"
    )
    assert source_title(base + "LawAll.aspx?pcode=J0140001")[0] == "中小企業發展條例"


def test_a_page_reads_as_its_recorded_title() -> None:
    url = "https://law.moea.gov.tw/LawContent.aspx?id=GL001787&media=print"
    assert source_title(url) == ("經濟部中小微企業多元發展專案貸款要點", url)


@pytest.mark.parametrize(
    "source",
    [
        "seed: 配套9",
        "seed: 配套1.1 沒有這一段",
        "seed: 配套1.10",
        "https://example.com/",
        "https://law.moj.gov.tw/LawClass/LawSingle.aspx?pcode=X9999999&flno=1",
        "配套1.1",
    ],
)
def test_a_source_that_names_no_document_is_refused(source: str) -> None:
    with pytest.raises(SourceError, match=re.escape(repr(source))):
        source_title(source)


def test_a_title_is_given_only_in_chinese_or_english() -> None:
    with pytest.raises(ValueError, match="zh 或 en"):
        source_title("seed: 配套1.1", "fr")
    with pytest.raises(ValueError, match="zh 或 en"):
        guidance_for("sme-elearning").documents_in("fr")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("plan: {zh: p, en: p}\nsections: {}\nlaws: {}\n", "exactly plan"),
        ("plan: {zh: p}\nsections: {}\nlaws: {}\npages: {}\n", "plan: needs zh and en"),
        (
            "plan: {zh: p, en: p}\nsections: {a: {zh: a, en: a, parts: {b: {zh: b}}}}\n"
            "laws: {}\npages: {}\n",
            "part b: needs zh and en",
        ),
        ("plan: {zh: p, en: p}\nsections: {}\nlaws: {}\npages: {u: {zh: u, en: u, x: 1}}\n", "u:"),
    ],
)
def test_a_malformed_sources_file_is_refused(text: str, problem: str) -> None:
    with pytest.raises(SourceError, match=problem):
        load_catalogue_text(text)


def test_the_sources_file_names_the_plan_page_named_in_the_seed() -> None:
    assert catalogue().plan_url == PLAN_URL


def test_every_program_has_documents_and_steps_in_the_specs_order() -> None:
    guidance = all_guidance()
    assert list(guidance) == [p.id for p in PROGRAMS]
    for program in PROGRAMS:
        g = guidance_for(program.id)
        assert g.documents and g.steps, program.id
        assert len(g.documents_in("zh")) == len(g.documents_in("en")) == len(g.documents)
        assert g.steps_in("en") == tuple(item.en for item in g.steps)


def test_an_item_cites_its_own_source_its_programs_or_none_for_an_interpretation() -> None:
    g = guidance_for("digital-training-subsidy")
    by_text = {item.zh: item for item in g.documents + g.steps}
    assert (
        by_text["事業名稱及統一編號"].source == "https://sites.google.com/view/mdcechatgpt/補助qa"
    )
    waiting = next(item for item in g.steps if item.zh.startswith("等待審查"))
    assert waiting.source == g.source == "seed: 配套1.1 申請流程"
    disaster = next(item for item in g.documents if item.zh.startswith("因天災"))
    assert disaster.interpretation and disaster.source is None
    assert g.sources()[0] == g.source and len(set(g.sources())) == len(g.sources())


_URL = re.compile(r"https?://\S+?(?=[\s（）()，。、；]|$)")
# Arabic digits (ASCII or full-width) anywhere, or a Chinese numeral before a unit.
_AMOUNT_ZH = re.compile(
    r"[0-9０-９]|[零一二兩三四五六七八九十百千萬億]+\s*(元|萬|億|%|％|成|年|個月|月|日|天|人|小時|瓩)|百分之|新臺幣|新台幣"
)
_AMOUNT_EN = re.compile(
    r"\d|NT\$|percent|million|thousand|hundred|\bhalf\b|\b(one|two|three) (year|month|day)", re.I
)


@pytest.mark.parametrize(
    ("zh", "en", "states_an_amount"),
    [
        ("每人上限1萬元", "Up to NT$10,000 a person", True),
        ("補助五成", "Half the cost, 50 percent", True),
        ("於一百十五年六月三十日前", "By 30 June 2026", True),
        ("上課時數要達到規定", "Enough hours to reach the required total", False),
        ("到 https://www.sme.gov.tw/30ai 申請", "Apply at https://www.sme.gov.tw/30ai", False),
        ("一級能效的空調", "Grade A air conditioners", False),
    ],
)
def test_the_amount_check(zh: str, en: str, states_an_amount: bool) -> None:
    found_zh = bool(_AMOUNT_ZH.search(_URL.sub("", zh)))
    found_en = bool(_AMOUNT_EN.search(_URL.sub("", en)))
    assert found_zh is found_en is states_an_amount


def test_no_text_states_an_amount_a_date_or_a_rate() -> None:
    problems = []
    for g in all_guidance().values():
        for item in g.documents + g.steps:
            if _AMOUNT_ZH.search(_URL.sub("", item.zh)):
                problems.append(f"{g.program_id}: {item.zh}")
            if _AMOUNT_EN.search(_URL.sub("", item.en)):
                problems.append(f"{g.program_id}: {item.en}")
    assert problems == []


# Simplified forms of characters the texts use, and mainland words (Taiwan: 數位, 資訊, 軟體, 網路).
_NOT_TAIWAN = re.compile("[数软网资补贷证书产业员计划费]|信息|数字|软件|网络|视频|质量")


def test_the_texts_are_taiwan_chinese_and_english() -> None:
    problems = []
    for g in all_guidance().values():
        for item in g.documents + g.steps:
            if _NOT_TAIWAN.search(item.zh) or not re.search("[\u4e00-\u9fff]", item.zh):
                problems.append(f"{g.program_id}: {item.zh}")
            if english_problem(item.en):
                problems.append(f"{g.program_id}: {item.en}: {english_problem(item.en)}")
    assert problems == []


def test_every_interpretation_is_listed_in_the_rules_notes() -> None:
    notes = RULES_NOTES.read_text("utf-8")
    section = notes[notes.index("## Guidance") :]
    interpreting = [
        g.program_id
        for g in all_guidance().values()
        if any(item.interpretation for item in g.documents + g.steps)
    ]
    assert interpreting
    assert [p for p in interpreting if f"`{p}`" not in section] == []


_GOOD_ITEM = "{zh: 統一編號, en: The business number}"


@pytest.mark.parametrize(
    ("text", "error", "problem"),
    [
        ("- a\n", GuidanceError, "top level"),
        (f"x: {{source: 'seed: 配套1.1', documents: [{_GOOD_ITEM}]}}", GuidanceError, "exactly"),
        (
            f"x: {{source: 'seed: 配套1.1', documents: [], steps: [{_GOOD_ITEM}]}}",
            GuidanceError,
            "x documents: needs a non-empty list",
        ),
        (
            f"x: {{source: 'seed: 配套1.1', documents: [{{zh: 統一編號}}], steps: [{_GOOD_ITEM}]}}",
            GuidanceError,
            "x documents #1: needs zh and en",
        ),
        (
            f"x: {{source: 'seed: 配套1.1', documents: [{_GOOD_ITEM}],"
            " steps: [{zh: 申請, en: Apply, note: n}]}",
            GuidanceError,
            "x steps #1: only",
        ),
        (
            f"x: {{source: 'seed: 配套1.1', documents: [{_GOOD_ITEM}],"
            " steps: [{zh: 申請, en: Apply, interpretation: true, source: 'seed: 配套3'}]}",
            GuidanceError,
            "an interpretation has no source",
        ),
        (
            f"x: {{source: 'seed: 配套1.1', documents: [{_GOOD_ITEM}],"
            " steps: [{zh: 申請, en: Apply, source: 'https://example.com/'}]}",
            SourceError,
            "example.com",
        ),
    ],
)
def test_a_malformed_guidance_file_is_refused(
    text: str, error: type[Exception], problem: str
) -> None:
    with pytest.raises(error, match=re.escape(problem)):
        load_guidance_text(text)


def test_a_program_without_guidance_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        guidance_for("no-such-program")


def test_every_entry_of_the_sources_file_is_cited() -> None:
    used = _used_sources()
    cat = catalogue()
    cited = {seed_section(s) for s in used if s.startswith("seed: ")}
    unused = [url for url in cat.pages if url not in used]
    unused += [p for p in cat.laws if not any(f"pcode={p}&" in s for s in used)]
    for code, section in cat.sections.items():
        parts = {part for c, part in cited if c == code}
        unused += [f"seed: {code}"] if not parts else []
        unused += [f"seed: {code} {part}" for part in section.parts if part not in parts]
    assert unused == []
