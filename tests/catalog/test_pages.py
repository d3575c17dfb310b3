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
