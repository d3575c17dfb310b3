"""Catalogue search (``search.py``) on a small catalogue imported from real files: every kind
of query people type, ranking, filters, pagination, hostile strings; and the relevance set
(relevance.yaml) on the demo catalogue. Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps

from smewindow.catalog import searchtext
from smewindow.catalog.models import Course, CourseSearch, Provider
from smewindow.catalog.search import (
    CourseFilters,
    ProviderFilters,
    search_courses,
    search_providers,
)
from smewindow.catalog.services import demo_catalog_load

from .conftest import PROVIDER_HEADER, PROVIDER_ROWS, import_file, write_csv
from .relevance import CASES, missing

pytestmark = pytest.mark.django_db

PROVIDERS = (
    *PROVIDER_ROWS,  # 中原大學 (桃園), 台北市進出口商業同業公會 (臺北), 水青清 04595257 (連江)
    (4, "財團法人華岡興業基金會", "", "法人", "臺中市西屯區台灣大道四段1號", ""),
    (5, "碳權顧問有限公司", "", "民間單位", "高雄市苓雅區四維三路2號", ""),
)
COURSE_HEADER = (
    "課程代碼", "課程名稱", "機構名稱", "實體時數", "線上時數", "課程簡介", "網址", "行業別", "類別",
)  # fmt: skip
COURSES = (
    ("C01", "Python 資料分析", "中原大學", 18, 0, "資料分析實作", "https://example.com/c/1", "共通性", "生產管理"),
    ("C02", "生成式AI行銷", "台北市進出口商業同業公會", 6, 1.5, "電商行銷實作", "https://example.com/c/2", "共通性", "行銷管理"),
    ("C03", "碳盤查工具", "臺北市進出口商業同業公會", 0, 12, "線上課程，補助 50%", "https://example.com/c/3", "金屬製品", "生產管理"),
    ("C04", "電商經營", "水青清股份有限公司", 12, 0, "training and email marketing，減少碳排", "https://shop.example.com/c/4", "紡織業", "行銷管理"),
    ("C05", "中小企業貸款與數位財務", "財團法人華岡興業基金會", 3, 3, "Power BI 與 AWS 雲端報表", "https://example.com/c/5", "塑膠製品", "人資管理"),
    ("C06", "ＡＷＳ 雲端入門", "財團法人華岡興業基金會", "", "", "雲端服務 snake_case 命名", "https://example.com/c/6", "", ""),
    ("C07", "永續報告撰寫", "碳權顧問有限公司", 12, 0, "", "https://example.com/c/7", "共通性", "行銷管理"),
)  # fmt: skip
SESSIONS = (
    ("中原大學", "Python 資料分析", "2025-06-05"),
    ("台北市進出口商業同業公會", "碳盤查工具", "2025-09-01"),
)


@pytest.fixture
def catalogue(tmp_path: Path, db: None) -> None:
    """Five providers, seven courses (C06 with unknown hours), two sessions; C07 for
    services only, C06 for either track, C04 not on the list."""
    import_file("providers", write_csv(tmp_path / "p.csv", PROVIDER_HEADER, PROVIDERS))
    import_file("courses", write_csv(tmp_path / "c.csv", COURSE_HEADER, COURSES), unknown_ok=True)
    sessions = write_csv(tmp_path / "s.csv", ("機構名稱", "課程名稱", "開課日期"), SESSIONS)
    import_file("sessions", sessions)
    Course.objects.filter(code="C07").update(track="services")
    Course.objects.filter(code="C06").update(track="")
    Course.objects.filter(code="C04").update(is_approved=False)


def codes(q: str = "", filters: CourseFilters | None = None, **page: Any) -> list[str]:
    return [course.code for course in search_courses(q, filters, **page).items]


def names(q: str = "", filters: ProviderFilters | None = None) -> list[str]:
    return [provider.name for provider in search_providers(q, filters).items]


def test_normalisation() -> None:
    assert searchtext.normalize("ＡＷＳ　Power BI") == "aws power bi"  # NFKC, lower case
    assert searchtext.normalize("电商 数位转型 贷款") == "電商 數位轉型 貸款"  # OpenCC s2tw
    assert searchtext.normalize("台北市") == "臺北市"
    assert searchtext.normalize("生成式AI行銷") == "生成式 ai 行銷"  # ASCII words stand apart
    assert searchtext.normalize("a\x00b\tc") == "a b c"
    assert searchtext.column("Python", "資料") == " python 資料 "
    assert searchtext.patterns("AI  行銷 ai") == [" ai", "行銷"]  # distinct; ASCII at word start


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("碳", ["C03", "C07", "C04"]),  # name, then provider, then description
        ("電商", ["C04", "C02"]),
        ("贷款", ["C05"]),  # Simplified
        ("电商", ["C04", "C02"]),
        ("数位", ["C05"]),
        ("AI", ["C02"]),  # not "training" or "email" (C04)
        ("ai", ["C02"]),
        ("Python", ["C01"]),
        ("PYTHON", ["C01"]),
        ("ｐｙｔｈｏｎ", ["C01"]),  # full-width
        ("Power BI", ["C05"]),
        ("power  bi", ["C05"]),
        ("AWS", ["C06", "C05"]),  # ＡＷＳ in C06's name, AWS in C05's description
        ("ａｗｓ", ["C06", "C05"]),
        ("中原", ["C01"]),  # partial provider name
        ("華岡", ["C05", "C06"]),
        ("台北市進出口", ["C02", "C03"]),  # 台 = 臺
        ("臺北", ["C02", "C03"]),
        ("Python 中原", ["C01"]),  # every term, in any field
        ("Python 碳", []),
        ("AI行銷", ["C02"]),
        ("c05", ["C05"]),  # code
        ("shop.example", ["C04"]),  # URL
        ("50%", ["C03"]),
        ("%", ["C03"]),  # a literal %, not LIKE's wildcard
        ("_", ["C06"]),  # a literal _
        ("snake_case", ["C06"]),
        ("'", []),
        ("'; DROP TABLE catalog_course; --", []),
        ('"碳"', []),
        ("\x00碳", ["C03", "C07", "C04"]),  # control characters dropped
        ("", ["C01", "C02", "C03", "C04", "C05", "C06", "C07"]),
        ("   ", ["C01", "C02", "C03", "C04", "C05", "C06", "C07"]),
        ("碳" * 300, []),
    ],
)
def test_every_kind_of_query(catalogue: None, q: str, expected: list[str]) -> None:
    assert codes(q) == expected
    assert Course.objects.count() == 7


def test_ties_in_code_order_and_pages_with_the_total(catalogue: None) -> None:
    first = search_courses("", per_page=3)
    assert (first.total, [c.code for c in first.items]) == (7, ["C01", "C02", "C03"])
    assert codes(per_page=3, page=3) == ["C07"]
    beyond = search_courses("碳", page=9)
    assert (beyond.total, beyond.items) == (3, [])
    with pytest.raises(ValueError):
        search_courses("", page=0)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (CourseFilters(industry=("common",)), ["C01", "C02", "C07"]),
        (CourseFilters(industry=("plastics", "common")), ["C01", "C02", "C05", "C07"]),
        (CourseFilters(topic="行銷管理"), ["C02", "C04", "C07"]),
        (CourseFilters(track="services"), ["C06", "C07"]),  # C06: either track
        (CourseFilters(track="manufacturing"), ["C01", "C02", "C03", "C04", "C05", "C06"]),
        (CourseFilters(region="central"), ["C05", "C06"]),
        (CourseFilters(region="islands"), ["C04"]),
        (CourseFilters(provider_type="school"), ["C01"]),
        (CourseFilters(mode="physical"), ["C01", "C02", "C04", "C05", "C07"]),
        (CourseFilters(mode="online"), ["C02", "C03", "C05"]),
        (CourseFilters(min_hours=Decimal(12)), ["C01", "C03", "C04", "C07"]),  # C06 unknown
        (CourseFilters(min_hours=Decimal("7.5")), ["C01", "C02", "C03", "C04", "C07"]),
        (CourseFilters(session_from=dt.date(2025, 6, 1), session_to=dt.date(2025, 6, 30)), ["C01"]),
        (CourseFilters(session_from=dt.date(2025, 6, 6)), ["C03"]),
        (CourseFilters(session_to=dt.date(2025, 6, 5)), ["C01"]),
        (CourseFilters(approved=True), ["C01", "C02", "C03", "C05", "C06", "C07"]),
        (CourseFilters(approved=False), ["C04"]),
        (CourseFilters(industry=("common",), region="north", min_hours=Decimal(12)), ["C01"]),
    ],
)
def test_filters(catalogue: None, filters: CourseFilters, expected: list[str]) -> None:
    assert codes("", filters) == expected


def test_filters_and_query_together(catalogue: None) -> None:
    assert codes("碳", CourseFilters(mode="physical")) == ["C07", "C04"]


def test_two_queries_a_search_and_the_provider_with_it(
    catalogue: None, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2):  # the count and the page
        page = search_courses("碳", CourseFilters(region="north", min_hours=Decimal(1)))
        assert [c.provider.name for c in page.items if c.provider] == ["台北市進出口商業同業公會"]


def test_providers_by_name_business_id_and_address(catalogue: None) -> None:
    assert names("中原") == ["中原大學"]
    assert names("04595257") == ["水青清股份有限公司"]
    assert names("連江") == ["水青清股份有限公司"]
    assert names("臺中") == ["財團法人華岡興業基金會"]  # address
    assert names("台北") == ["台北市進出口商業同業公會"]
    assert names("碳") == ["碳權顧問有限公司"]
    assert names("%") == []
    assert names("", ProviderFilters(type="school")) == ["中原大學"]
    assert names("", ProviderFilters(region="north")) == ["中原大學", "台北市進出口商業同業公會"]
    page = search_providers("華岡")
    assert (page.total, page.items[0].course_count) == (1, 2)


def test_a_name_match_ranks_before_an_address_match(catalogue: None) -> None:
    Provider.objects.create(name="高雄學習中心", address="臺北市中正區重慶南路一段2號")
    assert names("高雄") == ["高雄學習中心", "碳權顧問有限公司"]


def test_search_columns_follow_every_write(catalogue: None, tmp_path: Path) -> None:
    changed = [(*row[:5], "區塊鏈應用", *row[6:]) if row[0] == "C01" else row for row in COURSES]
    import_file("courses", write_csv(tmp_path / "c2.csv", COURSE_HEADER, changed), unknown_ok=True)
    assert codes("區塊鏈") == ["C01"] and codes("實作") == ["C02"]  # an import's update
    course = Course.objects.get(code="C02")
    course.name = "Excel 報表"
    course.save()
    assert codes("excel") == ["C02"] and codes("生成式") == []  # save (the admin)
    course.name = "Copilot 入門"
    Course.objects.bulk_update([course], ["name"])
    assert codes("copilot") == ["C02"]
    provider = Provider.objects.get(name="中原大學")
    provider.name = "中原大學推廣教育處"
    provider.save()
    assert codes("推廣教育") == ["C01"]  # courses find their provider's new name


def test_relevance_set_on_the_demo_catalogue(db: None) -> None:
    """Each query of relevance.yaml finds its courses and providers on the first page."""
    demo_catalog_load()
    assert len(CASES) >= 30
    failures = {case.q: gone for case in CASES if (gone := missing(case))}
    assert failures == {}


def test_the_migration_fills_the_records_already_there(catalogue: None) -> None:
    fill = import_module("smewindow.catalog.migrations.0002_search_text").fill
    CourseSearch.objects.all().delete()
    Provider.objects.update(search_text="")
    assert codes("碳") == [] and names("中原") == []
    fill(apps, None)
    assert codes("碳") == ["C03", "C07", "C04"] and names("中原") == ["中原大學"]
