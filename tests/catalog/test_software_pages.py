"""The software list (軟體名單) and a product's page through Django's test client, on a list
imported from a real CSV file: search by what people type (1–2 Chinese characters too),
filters, pages, a product and how it counts within the subsidy from the dated parameters,
the links to the list, English, bad parameters and hostile strings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from importlib import import_module
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.test import Client

from smewindow.catalog.for_firm import software_list_url
from smewindow.catalog.models import SoftwareProduct
from smewindow.catalog.search import SoftwareFilters, search_software
from smewindow.rules.parameters import load_parameters

from .conftest import import_file, write_csv

pytestmark = pytest.mark.django_db

HEADER = ("序號", "軟體名稱", "廠商名稱", "廠商統一編號", "類別", "售價", "網址")
PRODUCTS = (
    (1, "雲端進銷存 ERP", "甲軟體股份有限公司", "", "進銷存管理", "30,000", "https://example.com/s/1"),
    (2, "智慧客服機器人", "乙資訊有限公司", "04595257", "智慧客服", "12000", "https://example.com/s/2"),
    (3, "碳足跡盤查平台", "丙永續顧問有限公司", "", "碳管理", "48000", "https://example.com/s/3"),
    (4, "POS 點餐系統", "乙資訊有限公司", "04595257", "智慧點餐", "9900", ""),
    (5, "生成式AI文案助手", "甲軟體股份有限公司", "", "生成式 AI 行銷", "", ""),
    (6, "電子發票與記帳", "丁會計科技有限公司", "", "會計記帳", "150000", ""),
    (7, "雲端排班", "客服外包科技有限公司", "", "人資管理", "6000", ""),
)  # fmt: skip
"""Seven products: 5 of unknown price, 6 above the firm's cap, 7 from a vendor whose name
has 客服; 2 and 4 from a vendor with a 統一編號."""
WITHDRAWN = "舊版進銷存"


@pytest.fixture
def software(tmp_path: Path, db: None) -> None:
    """The seven products imported from a CSV file, and one taken off the list (with a URL
    that is not http, as an admin's edit could leave it)."""
    import_file("software", write_csv(tmp_path / "軟體名單.csv", HEADER, PRODUCTS), unknown_ok=True)
    SoftwareProduct.objects.create(
        name=WITHDRAWN, vendor="甲軟體股份有限公司", category="進銷存管理", price=20000,
        url="javascript:alert(1)", is_approved=False,
    )  # fmt: skip


@pytest.fixture
def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def rows(html: str) -> list[str]:
    """The products the results list, in order."""
    return re.findall(r'<th scope="row" class="name"><a href="[^"]+">([^<]+)</a>', html)


def count(html: str) -> int:
    """The total the results give; 0 when none are found."""
    found = re.search(r"共 (\d+) 項軟體，第", html)
    return int(found.group(1)) if found else 0


def page(client: Client, query: str = "", **params: str) -> str:
    response = client.get(f"/catalog/software{query}", params)
    assert response.status_code == 200
    return response.content.decode()


def product(name: str) -> SoftwareProduct:
    return SoftwareProduct.objects.get(name=name)


@pytest.mark.usefixtures("software")
def test_the_list_has_its_columns_and_every_product(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(4):  # categories, the page with its total, the rows
        html = page(client)
    assert "<h1>軟體名單</h1>" in html and count(html) == 8
    header = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', html)
    assert header == ["序號", "軟體名稱", "廠商名稱", "軟體類別", "售價", "網址"]
    erp = product("雲端進銷存 ERP")
    assert f'<a href="/catalog/software/{erp.pk}">雲端進銷存 ERP</a>' in html
    assert '<td class="n">NT$30,000</td>' in html and '<td class="n">未載明</td>' in html
    assert '<a href="https://example.com/s/1" target="_blank"' in html
    assert 'href="javascript:' not in html and '<td class="url">javascript:alert(1)</td>' in html
    assert '<span class="tag">非公告軟體</span>' in html and '<span class="demo">' not in html
    for name in ("q", "category", "min_price", "max_price", "approved"):
        assert f'name="{name}"' in html, name
    assert '<option value="碳管理">碳管理</option>' in html
    assert 'role="status" aria-live="polite"' in html and "catalog/search.js" in html


@pytest.mark.usefixtures("software")
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("碳", ["碳足跡盤查平台"]),  # one character
        ("客服", ["智慧客服機器人", "雲端排班"]),  # two; the name before the vendor's
        ("記帳", ["電子發票與記帳"]),
        ("點餐", ["POS 點餐系統"]),
        ("進銷存", ["舊版進銷存", "雲端進銷存 ERP"]),
        ("进销存", ["舊版進銷存", "雲端進銷存 ERP"]),  # Simplified
        ("pos", ["POS 點餐系統"]),  # case folded
        ("ＡＩ", ["生成式AI文案助手"]),  # full width
        ("行銷", ["生成式AI文案助手"]),  # the category
        ("乙資訊", ["POS 點餐系統", "智慧客服機器人"]),  # the vendor
        ("04595257", ["POS 點餐系統", "智慧客服機器人"]),  # its 統一編號
        ("碳 客服", []),  # every term must be found
        ("雲端 客服", ["雲端排班"]),  # in any field
        ("erp 雲端", ["雲端進銷存 ERP"]),
    ],
)
def test_search_finds_what_people_type(client: Client, q: str, expected: list[str]) -> None:
    """Equal ranks come by name; compared as sets, as the two databases may sort names
    differently."""
    html = page(client, q=q)
    found = rows(html)
    assert found[:1] == expected[:1] and sorted(found) == sorted(expected), q
    assert f'value="{q}"' in html  # the box keeps the search
    if not expected:
        assert "找不到符合條件的軟體" in html and "<table" not in html


@pytest.mark.usefixtures("software")
def test_filters_by_category_price_and_listing(client: Client) -> None:
    assert rows(page(client, category="智慧客服")) == ["智慧客服機器人"]
    # the price within bounds; a product of unknown price is left out, not taken as 0
    assert set(rows(page(client, min_price="10000", max_price="30000"))) == {
        "智慧客服機器人", "舊版進銷存", "雲端進銷存 ERP",
    }  # fmt: skip
    assert "生成式AI文案助手" not in rows(page(client, max_price="100000"))
    assert rows(page(client, min_price="100000")) == ["電子發票與記帳"]
    listed = page(client, approved="1", q="進銷存")
    assert rows(listed) == ["雲端進銷存 ERP"]
    assert (
        'name="approved" value="1" checked' in listed and '<details class="filters" open>' in listed
    )
    both = page(client, category="進銷存管理", approved="1", min_price="1000")
    assert rows(both) == ["雲端進銷存 ERP"]
    assert '<option value="進銷存管理" selected>' in both and 'value="1000"' in both
    assert search_software("", SoftwareFilters(min_price=0)).total == 7  # unknown stays out


def test_pages_of_twenty_keep_the_search(client: Client, db: None) -> None:
    SoftwareProduct.objects.bulk_create(
        SoftwareProduct(name=f"庫存系統 {n:02d}", vendor="戊科技", category="庫存", price=1000 * n)
        for n in range(1, 46)
    )
    first = page(client, q="庫存", category="庫存")
    assert "共 45 項軟體，第 1／3 頁" in first and len(rows(first)) == 20
    link = urlencode({"q": "庫存", "category": "庫存", "page": 2}).replace("&", "&amp;")
    assert f'<a href="?{link}" rel="next">' in first
    second = page(client, q="庫存", category="庫存", page="2")
    assert "第 2／3 頁" in second and '<td class="n">21</td>' in second
    assert not set(rows(first)) & set(rows(second)) and 'rel="prev"' in second
    last = page(client, q="庫存", category="庫存", page="3")
    assert len(rows(last)) == 5 and 'rel="next"' not in last
    past = page(client, q="庫存", page="4")
    assert "「頁次」超出範圍（共 3 頁）" in past and "第 1／3 頁" in past


@pytest.mark.usefixtures("software")
def test_partial_is_the_results_alone(client: Client) -> None:
    whole = page(client, q="客服")
    partial = page(client, q="客服", partial="1")
    assert "<html" not in partial and "<form" not in partial and "data-count" in partial
    assert rows(partial) == rows(whole) and partial.strip() in whole


@pytest.mark.usefixtures("software")
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("category=%E4%B8%8D%E5%AD%98%E5%9C%A8", "「軟體類別」不是可選的項目"),
        ("category=%00", "「軟體類別」不是可選的項目"),
        ("min_price=abc", "「售價下限」須為新臺幣整數元"),
        ("min_price=-1", "「售價下限」須為新臺幣整數元"),
        ("max_price=1e9", "「售價上限」須為新臺幣整數元"),
        ("max_price=99999999999999999999", "「售價上限」須為新臺幣整數元"),
        ("min_price=20000&max_price=10000", "「售價上限」低於下限"),
        ("approved=yes", "「列於公告清單」只能是 1"),
        ("page=0", "「頁次」須為 1 以上的頁數"),
        ("page=%EF%BC%92", "「頁次」須為 1 以上的頁數"),
        ("page=2", "「頁次」超出範圍（共 1 頁）"),
        ("q=" + "碳" * 201, "「關鍵字」超過 200 字"),
    ],
)
def test_a_bad_parameter_is_named_and_ignored(client: Client, query: str, message: str) -> None:
    html = page(client, f"?{query}")
    assert message in html and "已略過" in html and 'class="notice" role="alert"' in html
    assert count(html) > 0  # the rest still shown


@pytest.mark.usefixtures("software")
@pytest.mark.parametrize(
    "q", ["<script>alert(1)</script>", "' OR 1=1 --", "%", "_", "\x00", "碳\x1b[31m", "\u202e"]
)
def test_hostile_searches_are_only_text(client: Client, q: str) -> None:
    for partial in ("", "1"):
        html = page(client, q=q, partial=partial)
        assert "<script>alert" not in html
    assert rows(page(client, q="%")) == [] and count(page(client, q="\x00")) == 8


@pytest.mark.usefixtures("software")
def test_a_product_page_shows_its_fields_and_how_it_counts(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    bot = product("智慧客服機器人")
    with django_assert_max_num_queries(1):
        html = client.get(f"/catalog/software/{bot.pk}?on=2025-04-01").content.decode()
    for text in ("<h1>智慧客服機器人</h1>", "<dt>廠商名稱</dt><dd>乙資訊有限公司</dd>",
                 "<dt>廠商統一編號</dt><dd>04595257</dd>", "<dt>軟體類別</dt><dd>智慧客服</dd>",
                 "<dt>售價</dt><dd>NT$12,000</dd>", "<dt>列於公告清單</dt><dd>是</dd>",
                 "<dt>出處</dt><dd>匯入 軟體名單.csv</dd>",
                 '<a href="https://example.com/s/2" rel="noopener noreferrer external">'):  # fmt: skip
        assert text in html, text
    parameters = load_parameters()
    on = dt.date(2025, 4, 1)
    per_trainee = parameters["digital_training.per_trainee_cap"].at(on)
    firm = parameters["digital_training.firm_cap"].at(on)
    hours = parameters["digital_training.min_hours"].at(on)
    assert "依 民國114年4月1日 適用的數位轉型培力補助（配套1.1）規定" in html
    assert f"受訓員工累積 {hours} 小時以上公告課程" in html and "單買軟體不補助" in html
    assert (
        f"每位本國籍受訓員工補助上限 NT${per_trainee:,}，每一家企業申請補助上限 NT${firm:,}" in html
    )
    assert "最多可計入 NT$12,000" in html and "也就是至少 2 位受訓員工" in html
    assert 'href="/programs/digital-training-subsidy"' in html
    assert "示範資料" not in html and "不在配套1.1 的公告軟體名單上" not in html

    html = client.get(f"/catalog/software/{product('電子發票與記帳').pk}").content.decode()
    assert f"最多可計入 NT${firm:,}" in html and "售價超過每一家企業的補助上限" in html
    html = client.get(f"/catalog/software/{product('生成式AI文案助手').pk}").content.decode()
    assert "<dt>售價</dt><dd>未載明</dd>" in html and "售價未載明，無法估算" in html
    assert "<dt>網址</dt><dd>未載明</dd>" in html
    html = client.get(f"/catalog/software/{product(WITHDRAWN).pk}").content.decode()
    assert "這個軟體不在配套1.1 的公告軟體名單上" in html and "<dd>否</dd>" in html
    assert "<dt>網址</dt><dd>javascript:alert(1)</dd>" in html  # text, not a link


@pytest.mark.usefixtures("software")
def test_the_amounts_follow_the_dated_parameters(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later dated value of the per-trainee cap shows from its date on, never before."""
    name = "digital_training.per_trainee_cap"
    cap = load_parameters()[name]
    raised = dataclasses.replace(
        cap, dates=(*cap.dates, dt.date(2026, 1, 1)), values=(*cap.values, 25_000)
    )
    monkeypatch.setitem(load_parameters(), name, raised)
    path = f"/catalog/software/{product('碳足跡盤查平台').pk}"  # NT$48,000
    before = client.get(f"{path}?on=2025-12-31").content.decode()
    assert "補助上限 NT$10,000" in before and "至少 5 位受訓員工" in before
    after = client.get(f"{path}?on=2026-01-01").content.decode()
    assert "補助上限 NT$25,000" in after and "至少 2 位受訓員工" in after
    assert "民國115年1月1日" in after


@pytest.mark.usefixtures("software")
@pytest.mark.parametrize(
    ("on", "message"),
    [("2024-12-31", "「日期」須為 民國114年1月1日 以後的日期"), ("someday", "「日期」須為日期")],
)
def test_a_bad_date_is_named_and_today_shown(client: Client, on: str, message: str) -> None:
    html = client.get(f"/catalog/software/{product('雲端排班').pk}?on={on}").content.decode()
    assert message in html and "補助上限 NT$" in html


@pytest.mark.usefixtures("software")
@pytest.mark.parametrize(
    "path",
    [
        "/catalog/software/999999",
        "/catalog/software/0",
        "/catalog/software/99999999999999999999999999",
        "/catalog/software/-1",
        "/catalog/software/abc",
        "/catalog/software/1%27%20OR%201=1",
        "/catalog/software/%EF%BC%91",
    ],
)
def test_unknown_and_hostile_ids_are_404(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    if path.endswith("999999"):
        assert "找不到這個軟體" in response.content.decode()


@pytest.mark.usefixtures("software")
def test_english_pages(english: Client) -> None:
    html = english.get("/catalog/software?q=客服&max_price=x").content.decode()
    for text in ("Software list", "Keywords", "2 software products, page 1 of 1", "Vendor",
                 "Price up to: must be whole NT dollars, such as 12000, so it was ignored."):  # fmt: skip
        assert text in html, text
    assert not re.search(
        r">[^<>]*[：（）；、。「」][^<>]*</(th|caption|h1|h2|label|legend|li|dt|p)>", html
    )
    html = english.get(
        f"/catalog/software/{product('碳足跡盤查平台').pk}?on=2025-04-01"
    ).content.decode()
    for text in ("How it counts within the subsidy", "in force on 2025-04-01",
                 "At most NT$10,000 for each trainee", "at least 5 trainees", "Vendor"):  # fmt: skip
        assert text in html, text
    assert not re.search(r">[^<>]*[：（）；、。「」][^<>]*</(h1|h2|li|dt)>", html)
    assert "No such software" in english.get("/catalog/software/999999").content.decode()


@pytest.mark.usefixtures("software")
def test_the_list_is_linked_from_the_subsidy_and_the_course_zone(client: Client) -> None:
    assert software_list_url() == "/catalog/software?approved=1"
    program = client.get("/programs/digital-training-subsidy").content.decode()
    assert (
        '<a href="/catalog/software?approved=1">可搭配課程申請補助的軟體（軟體名單）</a>' in program
    )
    loan = client.get("/programs/transformation-loan").content.decode()
    assert "可搭配課程申請補助的軟體" not in loan  # the footer links the list on every page
    listed = client.get(software_list_url()).content.decode()
    assert count(listed) == 7 and WITHDRAWN not in rows(listed)
    for path in ("/catalog/courses", "/catalog/providers"):
        assert '<a href="/catalog/software">軟體名單</a>' in client.get(path).content.decode()


@pytest.mark.usefixtures("software")
def test_search_text_follows_every_write(tmp_path: Path) -> None:
    def found(q: str) -> list[str]:
        return [p.name for p in search_software(q).items]

    changed = [(*row[:4], "排程管理", *row[5:]) if row[0] == 7 else row for row in PRODUCTS]
    path = write_csv(tmp_path / "軟體名單2.csv", HEADER, changed)
    import_file("software", path, unknown_ok=True)
    assert found("排程") == ["雲端排班"]  # an import's update
    bot = product("智慧客服機器人")
    bot.name = "LINE 自動回覆"
    bot.save()
    assert found("line") == ["LINE 自動回覆"] and found("機器人") == []  # the admin's save
    fill = import_module("smewindow.catalog.migrations.0003_software_search_text").fill
    SoftwareProduct.objects.update(search_text="")
    assert found("碳") == []
    fill(apps, None)  # the migration fills the products already there
    assert found("碳") == ["碳足跡盤查平台"]
    assert sorted(found("04595257")) == ["LINE 自動回覆", "POS 點餐系統"]
