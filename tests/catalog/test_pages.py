"""The catalogue's pages through Django's test client, on the demo catalogue: the statistics
(tables, charts, CSV) reproduce the seed's tables, a course and a provider page, English,
and unknown or hostile ids.

The numbers are typed from the seed (000_b1aac13511ca88b0.txt lines 459–483, 146–194)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from smewindow.catalog import demo
from smewindow.catalog.charts import bar_chart
from smewindow.catalog.labels import LABELS
from smewindow.catalog.models import (
    Course,
    CourseSession,
    Industry,
    Provider,
    ProviderType,
    SessionMode,
    SoftwareProduct,
    Track,
)
from smewindow.catalog.regions import REGIONS
from smewindow.catalog.services import demo_catalog_load, demo_catalog_remove

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def catalogue(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo catalogue, loaded once for the module (each test runs in a transaction)."""
    with django_db_blocker.unblock():
        demo_catalog_load()
    yield
    with django_db_blocker.unblock():
        for model in (CourseSession, Course, SoftwareProduct, Provider):
            model.objects.all().delete()


@pytest.fixture
def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def table(client: Client, name: str) -> list[list[str]]:
    """A statistics table as its CSV download gives it (checked for the BOM)."""
    response = client.get(f"/catalog/statistics/{name}.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_providers_by_type_and_region_as_the_seed(client: Client) -> None:
    header, *rows, total = table(client, "providers")
    assert header == ["類型", "總數", "北", "中", "南", "東", "離島", "未載明", "課程數", "舉例：開課單位（課程數）"]  # fmt: skip
    counts = {row[0]: [int(n) for n in row[1:9]] for row in rows}
    assert {kind: n[0] for kind, n in counts.items()} == {
        "公協會": 34, "法人": 11, "學校": 12, "民間單位": 27,
    }  # fmt: skip
    assert total[:2] == ["總數", "84"]
    # the seed's three columns count 東, 離島 and unknown under 北區 (demo.table_column)
    seed = {"公協會": (21, 6, 7), "法人": (7, 3, 1), "學校": (5, 5, 2), "民間單位": (20, 3, 4)}
    for kind, (north, central, south) in seed.items():
        _, n, c, s, e, i, unknown, _ = counts[kind]
        assert (n + e + i + unknown, c, s) == (north, central, south), kind
    n, c, s, e, i, unknown = (int(x) for x in total[2:8])
    assert (n + e + i + unknown, c, s) == (53, 17, 14)
    assert "中華民國資訊軟體協會（13 門）" in rows[0][9]  # its 13 courses (seed lines 496–530)
    assert rows[0][9].startswith("北：") and "；中：" in rows[0][9]


def test_courses_by_industry_and_ai_zone_as_the_seed(client: Client) -> None:
    header, *rows, total = table(client, "industries")
    assert header == ["行業別", "課程數", "課程舉例"]
    assert {row[0]: int(row[1]) for row in rows} == {
        "塑膠製品": 40, "電機電子": 16, "紡織業": 15, "機械設備": 26,
        "運輸工具": 3, "金屬製品": 16, "共通性": 476,
    }  # fmt: skip
    assert total == ["總數", "592"]
    assert rows[0][2] == "生成式AI與塑膠產業數位轉型、科學化射出成型於AI智慧製造之應用"  # line 476
    header, *rows, total = table(client, "ai-zone")
    assert {row[0]: int(row[1]) for row in rows} == {
        "基礎知識": 12, "工具/方法": 40, "實務應用": 24, "國際大廠": 15,
    }  # fmt: skip
    assert total == ["總數", "91"]


def test_statistics_page_has_tables_charts_and_the_demo_label(client: Client) -> None:
    response = client.get("/catalog/statistics")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") == 3 and html.count('role="img"') == 3
    for label in ("公協會", "民間單位", "北", "離島", "塑膠製品", "共通性", "工具/方法"):
        assert f">{label}</text>" in html, label  # real text, drawn in the page's font
    assert "<desc" in html and "塑膠製品 40" in html
    assert html.count("<caption") == 3 and html.count('scope="row"') >= 15
    assert 'href="/catalog/statistics/providers.csv"' in html
    assert "示範資料" in html and "本頁數字含 711 筆示範資料" in html  # 58 + 562 + 91
    assert re.search(r'href="/catalog/providers/\d+">中華民國資訊軟體協會</a>（13 門）', html)
    assert "https://example.com" not in html


def test_without_demo_rows_no_demo_label(client: Client) -> None:
    demo_catalog_remove()  # rolled back after the test
    html = client.get("/catalog/statistics").content.decode()
    assert "示範資料" not in html
    assert re.search(r"<tfoot><tr><th scope=\"row\">總數</th><td class=\"n\">26</td>", html)


def test_csv_headers(client: Client) -> None:
    for name in ("providers", "industries", "ai-zone"):
        response = client.get(f"/catalog/statistics/{name}.csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="smewindow-{name}.csv"'
        assert response.content.startswith("\ufeff".encode())


def test_csv_cells_never_start_a_formula(client: Client) -> None:
    Course.objects.create(name="=HYPERLINK(1)", track=Track.MANUFACTURING, industry="plastics")
    _, plastics, *_ = table(client, "industries")
    assert plastics[2].startswith("'=HYPERLINK(1)、")


def test_course_page_shows_every_field_and_its_sessions(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    course = Course.objects.get(name="數位AI及綠色雙軌轉型--組織碳盤查")
    with django_assert_max_num_queries(2):
        html = client.get(f"/catalog/courses/{course.pk}").content.decode()
    assert f'<a href="/catalog/providers/{course.provider_id}">中華民國資訊軟體協會</a>' in html
    for text in ("課程代碼", "實體時數", "線上時數", "總時數", "共通性", "生產管理", "製造業"):
        assert text in html, text
    assert "<caption>共 5 場</caption>" in html and "民國114年2月17日" in html
    assert "<dt>列於公告清單</dt><dd>是</dd>" in html
    assert "未載明" in html and "示範資料" not in html

    made_up = Course.objects.filter(is_demo=True, track=Track.MANUFACTURING).first()
    assert made_up is not None
    html = client.get(f"/catalog/courses/{made_up.pk}").content.decode()
    assert "這門課程是系統產生的示範資料" in html and made_up.url in html
    total = made_up.total_hours
    assert total is not None and f"<dt>總時數</dt><dd>{total.normalize():f}</dd>" in html
    assert "沒有開課場次的資料。" in html

    ai = Course.objects.filter(zone=demo.AI_ZONE_NAME).first()
    assert ai is not None
    html = client.get(f"/catalog/courses/{ai.pk}").content.decode()
    assert "不在配套1.1 的公告課程清單上" in html and "<dt>專區</dt><dd>AI主題</dd>" in html


def test_provider_page_lists_its_courses_a_page_at_a_time(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    school = Provider.objects.get(name=demo.AI_ZONE_PROVIDER)  # 91 AI-zone courses
    with django_assert_max_num_queries(3):
        html = client.get(f"/catalog/providers/{school.pk}").content.decode()
    assert "共 91 門課程，第 1／5 頁" in html and html.count('<tr><th scope="row">') == 20
    assert "?page=2" in html and "這個單位不在配套1.1 的公告開課單位清單上" in html
    last = client.get(f"/catalog/providers/{school.pk}?page=5").content.decode()
    assert last.count('<tr><th scope="row">') == 11 and "?page=4" in last
    for hostile in ("abc", "-1", "0", "99999999999999999999", "1%27%20OR%201=1"):
        assert client.get(f"/catalog/providers/{school.pk}?page={hostile}").status_code == 200

    association = Provider.objects.get(name="中華民國資訊軟體協會")
    html = client.get(f"/catalog/providers/{association.pk}").content.decode()
    for text in (
        "統一編號",
        "公協會",
        "臺北市中山區長安東路二段99號8樓",
        "<dd>北</dd>",
        "共 13 門課程",
    ):
        assert text in html, text
    assert "?page=" not in html


def test_english_pages(english: Client) -> None:
    html = english.get("/catalog/statistics").content.decode()
    for text in ("Training providers by type and region", ">Associations</text>", ">North</text>",
                 ">Plastics</text>", "Manufacturing courses by industry", "(13 courses)",
                 "711 demo records"):  # fmt: skip
        assert text in html, text
    assert not re.search(r">[^<>]*[：（）；、。][^<>]*</(th|text|caption|h1|h2)>", html)
    header, *_ = table(english, "industries")
    assert header == ["Industry", "Courses", "Example courses"]
    course = Course.objects.get(name="數位AI及綠色雙軌轉型--組織碳盤查")
    html = english.get(f"/catalog/courses/{course.pk}").content.decode()
    assert "<caption>5 sessions</caption>" in html and "2025-02-17" in html
    assert "<dt>Industry</dt><dd>All industries</dd>" in html and "Not stated" in html


@pytest.mark.parametrize(
    "path",
    [
        "/catalog/courses/999999",
        "/catalog/courses/0",
        "/catalog/courses/99999999999999999999999999",
        "/catalog/courses/-1",
        "/catalog/courses/1x",
        "/catalog/courses/1%27%20OR%201=1",
        "/catalog/courses/%EF%BC%91",  # a full-width 1
        "/catalog/providers/999999",
        "/catalog/providers/99999999999999999999999999",
        "/catalog/providers/abc",
        "/catalog/statistics/nothing.csv",
        "/catalog/statistics/..%2Fproviders.csv",
        "/catalog/statistics/providers.csv.exe",
    ],
)
def test_unknown_and_hostile_ids_are_404(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404


def test_an_unknown_id_gets_the_sites_error_page(english: Client) -> None:
    html = english.get("/catalog/courses/999999").content.decode()
    assert "No such course" in html and 'lang="en"' in html
    html = english.get("/catalog/providers/99999999999999999999").content.decode()
    assert "No such training provider" in html


def test_labels_are_the_models_choice_labels() -> None:
    with translation.override("zh-hant"):
        chinese = {
            field: {value: str(text) for value, text in labels.items()}
            for field, labels in LABELS.items()
        }
    assert chinese["type"] == dict(ProviderType.choices)
    assert chinese["region"] == REGIONS
    assert chinese["industry"] == dict(Industry.choices)
    assert chinese["track"] == dict(Track.choices)
    assert chinese["mode"] == dict(SessionMode.choices)
    assert set(demo.AI_ZONE) <= set(chinese["topic"])


def test_chart_escapes_labels_and_wraps_its_legend() -> None:
    svg = bar_chart("c", "<b>title</b>", ["A long series name"] * 8, [("<script>", [1] * 8)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;" in svg
    assert 'y="44"' in svg  # the legend's third line
    assert bar_chart("e", "empty", ["n"], []).startswith('<svg class="chart"')


# The course zone and the provider list (search, filters, pages, the results fragment).

COURSE_COLUMNS = ["序號", "課程名稱", "機構名稱", "實體時數", "線上時數", "課程簡介", "網址"]


def rows(html: str) -> list[str]:
    """The results' row headers (a course's or a provider's name, as the page shows it)."""
    return re.findall(r'<th scope="row" class="name"><a href="[^"]+">([^<]+)</a>', html)


def count(html: str) -> int:
    """The total the results give (共 N 門課程 / 共 N 個開課單位); 0 when none are found."""
    found = re.search(r"共 (\d+) (?:門課程|個開課單位)，第", html)
    return int(found.group(1)) if found else 0


def test_course_zone_has_the_seeds_columns_and_links(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(5):
        response = client.get("/catalog/courses")
    html = response.content.decode()
    assert response.status_code == 200 and "<h1>課程專區</h1>" in html
    assert re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', html) == COURSE_COLUMNS
    assert "共 713 門課程，第 1／36 頁" in html and len(rows(html)) == 20  # 30 + 562 + 30 + 91
    course = Course.objects.get(name="資料處理與大數據分析：Python 程式語言運用實務")
    assert f'<a href="/catalog/courses/{course.pk}">{course.name}</a>' in html
    assert f'<a href="/catalog/providers/{course.provider_id}">財團法人華岡興業基金會</a>' in html
    assert f'<a href="{course.url}" target="_blank" rel="noopener noreferrer external">' in html
    for label in (
        "關鍵字",
        "行業別",
        "課程類別",
        "適用產業",
        "開課單位區域",
        "機構類型",
        "上課方式",
    ):
        assert label in html, label
    for name in ("q", "industry", "topic", "track", "region", "provider_type", "mode",
                 "min_hours", "session_from", "session_to", "approved"):  # fmt: skip
        assert f'name="{name}"' in html, name
    assert 'type="date"' in html and '<button type="submit">查詢</button>' in html
    assert 'role="status" aria-live="polite"' in html and "catalog/search.js" in html
    assert '<a href="/catalog/courses">課程專區</a>' in html  # the footer
    demo_page = client.get("/catalog/courses?q=DEMO-M001").content.decode()
    assert '<span class="demo">示範</span>' in demo_page


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("碳", "數位AI及綠色雙軌轉型--組織碳盤查"),
        ("電商", "一站式會員電商預約管理"),
        ("电商", "一站式會員電商預約管理"),  # Simplified
        ("AI", "永續優化AI基礎班"),
        ("Python", "資料處理與大數據分析：Python 程式語言運用實務"),
        ("華岡", "微軟Azure雲端應用平台人工智慧"),
        ("Power BI", "Power BI數據分析與視覺化實戰班"),
    ],
)
def test_course_zone_finds_what_people_type(client: Client, q: str, found: str) -> None:
    html = client.get("/catalog/courses", {"q": q}).content.decode()
    assert found in rows(html)[:20], q
    assert f'value="{q}"' in html  # the box keeps the search


def test_course_zone_with_no_match_says_so(client: Client) -> None:
    html = client.get("/catalog/courses", {"q": "中原"}).content.decode()  # 中原大學: no courses
    assert "找不到符合條件的課程" in html and "<table" not in html


def test_course_zone_filters_combined(client: Client) -> None:
    params = "industry=plastics&industry=common&track=manufacturing&region=north&provider_type=association&mode=physical&min_hours=12&approved=1"  # fmt: skip
    expected = [
        c
        for c in Course.objects.filter(
            industry__in=("plastics", "common"),
            track__in=("manufacturing", ""),
            provider__region="north",
            provider__type="association",
            physical_hours__gt=0,
            is_approved=True,
        )
        if c.total_hours is not None and c.total_hours >= 12
    ]
    html = client.get(f"/catalog/courses?{params}").content.decode()
    assert 0 < count(html) == len(expected) < 683
    assert set(rows(html)) <= {c.name for c in expected}
    for value in ("plastics", "common"):
        assert f'name="industry" value="{value}" checked' in html
    assert (
        'name="min_hours" value="12" checked' in html and '<details class="filters" open>' in html
    )

    sessions = client.get("/catalog/courses?session_from=2025-04-01&session_to=2025-04-30")
    html = sessions.content.decode()
    assert "開課場次期間：民國114年4月1日至民國114年4月30日" in html
    assert "民國114年4月10日" in html and "民國114年3月24日" not in html  # only April's
    assert count(html) == len(
        set(CourseSession.objects.filter(starts_on__month=4).values_list("course", flat=True))
    )


def test_statistics_rows_lead_to_the_lists_they_count(client: Client) -> None:
    html = client.get("/catalog/statistics").content.decode()
    links = {
        label: url.replace("&amp;", "&")
        for url, label in re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a>', html)
    }
    _, *industries, _ = table(client, "industries")
    for label, n, _ in industries:
        assert count(client.get(links[label]).content.decode()) == int(n), label
    assert "/catalog/courses?industry=plastics&amp;track=manufacturing&amp;approved=1" in html
    providers = client.get("/catalog/providers?type=association&approved=1").content.decode()
    assert count(providers) == 34


def test_pages_keep_the_filters(client: Client) -> None:
    html = client.get("/catalog/courses?industry=common&q=AI").content.decode()
    pages = count(html) // 20 + 1
    assert pages > 2 and '<a href="?q=AI&amp;industry=common&amp;page=2" rel="next">' in html
    second = client.get("/catalog/courses?q=AI&industry=common&page=2").content.decode()
    assert f"第 2／{pages} 頁" in second and 'href="?q=AI&amp;industry=common&amp;page=1"' in second
    assert '<td class="n">21</td>' in second and not set(rows(html)) & set(rows(second))


def test_partial_is_the_results_alone(client: Client) -> None:
    whole = client.get("/catalog/courses?q=電商").content.decode()
    partial = client.get("/catalog/courses?q=電商&partial=1").content.decode()
    assert "<html" not in partial and "<form" not in partial and "data-count" in partial
    assert rows(partial) == rows(whole) and partial.strip() in whole
    providers = client.get("/catalog/providers?q=華岡&partial=1").content.decode()
    assert "<html" not in providers and rows(providers) == ["財團法人華岡興業基金會"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("industry=plastic", "「行業別」不是可選的項目"),
        ("topic=%00", "「課程類別」不是可選的項目"),
        ("track=all", "「適用產業」不是可選的項目"),
        ("region=mars", "「開課單位區域」不是可選的項目"),
        ("provider_type=%3Cscript%3E", "「機構類型」不是可選的項目"),
        ("mode=hybrid", "「上課方式」不是可選的項目"),
        ("min_hours=-1", "「總時數」須為 0 以上的時數"),
        ("min_hours=1e9", "「總時數」須為 0 以上的時數"),
        ("session_from=2025-02-30", "「開課日期（起）」須為日期"),
        ("session_to=tomorrow", "「開課日期（迄）」須為日期"),
        ("session_from=2025-05-01&session_to=2025-04-01", "「開課日期（迄）」早於起日"),
        ("approved=yes", "「列於公告清單」只能是 1"),
        ("page=0", "「頁次」須為 1 以上的頁數"),
        ("page=-1", "「頁次」須為 1 以上的頁數"),
        ("page=99999999999999999999", "「頁次」須為 1 以上的頁數"),
        ("page=%EF%BC%92", "「頁次」須為 1 以上的頁數"),  # a full-width 2
        ("page=37", "「頁次」超出範圍（共 36 頁）"),
        ("q=" + "碳" * 201, "「關鍵字」超過 200 字"),
    ],
)
def test_a_bad_parameter_is_named_and_ignored(client: Client, query: str, message: str) -> None:
    response = client.get(f"/catalog/courses?{query}")
    html = response.content.decode()
    assert response.status_code == 200 and message in html and "已略過" in html
    assert 'class="notice" role="alert"' in html and count(html) > 0  # the rest still shown


@pytest.mark.parametrize(
    "q",
    [
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%",
        "_",
        "\x00",
        "碳\x1b[31m",
        "🙂" * 50,
        "\u202e",
    ],
)
def test_hostile_searches_are_only_text(client: Client, q: str) -> None:
    for path in ("/catalog/courses", "/catalog/providers"):
        response = client.get(path, {"q": q, "partial": "1"})
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()


def test_a_good_filter_stays_when_another_is_bad(client: Client) -> None:
    html = client.get("/catalog/courses?industry=plastics&industry=bogus").content.decode()
    assert "「行業別」不是可選的項目" in html and count(html) == 40  # plastics alone
    form = html.split('<form class="search"')[1].split("</form>")[0]
    assert 'value="plastics" checked' in form and "bogus" not in form


def test_provider_list_searches_name_business_id_and_address(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(3):
        html = client.get("/catalog/providers").content.decode()
    header = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', html)
    assert header == ["序號", "機構名稱", "連絡地址", "課程明細", "統一編號", "類型"]
    assert "共 85 個開課單位，第 1／5 頁" in html and len(rows(html)) == 20
    firm = Provider.objects.get(name="水青清股份有限公司")
    firm.business_id = "04595257"  # the demo has none; rolled back after the test
    firm.save()
    for q in ("04595257", "連江", "清水村"):
        assert rows(client.get("/catalog/providers", {"q": q}).content.decode()) == [firm.name]
    assert rows(client.get("/catalog/providers?q=中原").content.decode()) == ["中原大學"]
    html = client.get("/catalog/providers?q=華岡").content.decode()
    hkxf = Provider.objects.get(name="財團法人華岡興業基金會")
    assert f'<a href="/catalog/providers/{hkxf.pk}#courses">3 門課程</a>' in html
    assert '<td class="short">法人</td>' in html
    html = client.get("/catalog/providers?type=school&region=central").content.decode()
    assert count(html) == Provider.objects.filter(type="school", region="central").count() > 0
    assert "「區域」不是可選的項目" in client.get("/catalog/providers?region=x").content.decode()


def test_english_list_pages(english: Client) -> None:
    html = english.get("/catalog/courses?industry=plastics&page=x").content.decode()
    for text in ("Course zone", "Keywords", "Plastics", "40 courses, page 1 of 2",
                 "Hours in person", "Page: must be a page number from 1, so it was ignored."):  # fmt: skip
        assert text in html, text
    assert not re.search(r">[^<>]*[：（）；、。「」][^<>]*</(th|caption|h1|label|legend|li)>", html)
    html = english.get("/catalog/providers?q=華岡").content.decode()
    assert "1 training provider, page 1 of 1" in html and ">3 courses</a>" in html


def test_the_catalogue_home_leads_to_the_course_zone(client: Client) -> None:
    response = client.get("/catalog/?q=AI")
    assert response.status_code == 302 and response["Location"] == "/catalog/courses?q=AI"
