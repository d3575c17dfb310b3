"""GET /netzero/escos/: the directory's page — filters (a county includes the ESCOs serving
every county), demo marking, the cards, pages of 20, each bad parameter named with 400,
hostile strings escaped, the English page."""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.template import engines
from django.test import Client
from django.urls import reverse

from smewindow.netzero.models import Esco
from smewindow.netzero.views_escos import esco_card

pytestmark = [pytest.mark.django_db]

URL = "/netzero/escos/"


@pytest.fixture
def demo() -> None:
    call_command("load_demo_escos", verbosity=0)


def page(client: Client, status: int = 200, **params: Any) -> str:
    response = client.get(f"{URL}?{urlencode(params, doseq=True)}")
    assert response.status_code == status, response.content.decode()
    return response.content.decode()


def names(html: str) -> list[str]:
    """The ESCOs' names on the page, in order."""
    return [unescape(n) for n in re.findall(r'<h3 id="esco-\d+"><span[^>]*>([^<]*)</span>', html)]


def esco(name: str, **fields: Any) -> Esco:
    return Esco.objects.create(name=name, is_approved=fields.pop("is_approved", True), **fields)


def test_route() -> None:
    assert reverse("netzero:escos") == URL


@pytest.mark.usefixtures("demo")
def test_every_approved_demo_esco_marked(client: Client) -> None:
    html = page(client)
    assert len(names(html)) == 12 and all(n.startswith("（示範）") for n in names(html))
    assert "共 12 家業者，第 1／1 頁" in html
    assert html.count('class="esco-demo-tag">示範資料</span>') == 12
    assert "注意：標示「示範資料」的業者是為展示網站而虛構的" in html
    assert html.count("data-esco=") == 12 and 'name="escos"' not in html  # no checkboxes here


@pytest.mark.usefixtures("demo")
def test_county_includes_those_serving_every_county(client: Client) -> None:
    everywhere = [e.name for e in Esco.objects.filter(counties="")]
    assert everywhere  # the demo list has one
    matsu = names(page(client, county="連江縣"))
    assert set(everywhere) <= set(matsu)
    taipei = names(page(client, county="臺北市"))
    assert "（示範）北辰節能科技股份有限公司" in taipei and set(everywhere) <= set(taipei)
    assert names(page(client, county="台北市")) == taipei  # 台 = 臺
    assert "（示範）北辰節能科技股份有限公司" not in matsu
    html = page(client, county="臺北市")
    assert '<option value="臺北市" selected>' in html


@pytest.mark.usefixtures("demo")
def test_service_certification_and_keywords(client: Client) -> None:
    refrigeration = names(page(client, service="refrigeration"))
    assert refrigeration and all(
        "refrigeration" in Esco.objects.get(name=n).service_list for n in refrigeration
    )
    iso = names(page(client, certified="iso50001"))
    assert "（示範）北辰節能科技股份有限公司" in iso
    assert len(iso) == Esco.objects.filter(certifications__contains="|iso50001|").count()
    assert names(page(client, q="北辰")) == ["（示範）北辰節能科技股份有限公司"]
    both = names(page(client, county="臺中市", service="air_compressor"))
    assert "（示範）中台灣能源技術服務股份有限公司" in both
    assert '<option value="air_compressor" selected>' in page(client, service="air_compressor")
    empty = page(client, q="北辰", service="refrigeration")  # nothing: say so, offer help
    assert names(empty) == [] and "找不到符合條件的業者。" in empty
    assert 'href="tel:0800056476">0800-056-476</a>' in empty
    assert 'href="https://escoinfo.tgpf.org.tw/Page/Company.aspx"' in empty


@pytest.mark.usefixtures("demo")
def test_a_card(client: Client) -> None:
    html = page(client, q="北辰")
    card = html[html.index("data-esco=") : html.index("</article>")]
    assert f'data-esco="{Esco.objects.get(name__contains="北辰").pk}"' in card
    assert "臺北市、新北市、基隆市" in card
    assert "空調、照明、能源管理系統" in card
    assert (
        '能源技術服務業服務能量登錄 <a href="https://escoinfo.tgpf.org.tw/Page/Company.aspx">'
        "出處：escoinfo.tgpf.org.tw</a>" in card
    )
    assert '<a href="https://www.iso.org/standard/69426.html">出處：www.iso.org</a>' in card
    assert "臺北市中山區（示範地址）" in card
    assert '<a href="mailto:contact@north-esco.example.com">' in card
    assert '<a href="https://north-esco.example.com/">' in card
    assert "<dt>電話</dt>\n    <dd>未載明</dd>" in card  # the demo has no phone
    everywhere = page(client, q=Esco.objects.get(counties="").name)
    assert "<dt>服務縣市</dt>\n    <dd>全國</dd>" in everywhere


def test_a_real_esco_phone_and_approval(client: Client) -> None:
    esco("甲節能科技股份有限公司", counties="|臺北市|", phone="02-2775-7788#123")
    esco("乙空壓節能工程有限公司", phone="(04)2222-3333")
    esco("丙已除名節能有限公司", is_approved=False)  # withdrawn: not on the latest list
    html = page(client)
    assert names(html) == ["乙空壓節能工程有限公司", "甲節能科技股份有限公司"]
    assert '<a class="tel" href="tel:+886227757788,123">02-2775-7788#123</a>' in html
    assert '<a class="tel" href="tel:+886422223333">(04)2222-3333</a>' in html
    assert "示範資料" not in html  # no demo records, no notice
    assert "<dt>服務項目</dt>\n    <dd>未載明</dd>" in html


def test_pages_of_twenty(client: Client) -> None:
    for n in range(45):
        esco(f"節能{n:02d}有限公司")
    first = page(client)
    assert names(first) == [f"節能{n:02d}有限公司" for n in range(20)]
    assert "共 45 家業者，第 1／3 頁" in first and 'rel="prev"' not in first
    assert 'href="?page=2" rel="next"' in first
    third = page(client, page=3)
    assert names(third) == [f"節能{n:02d}有限公司" for n in range(40, 45)]
    assert 'href="?page=2" rel="prev"' in third and 'rel="next"' not in third
    kept = page(client, q="節能", county="臺南市", page=2)  # the links keep the search
    assert 'href="?q=%E7%AF%80%E8%83%BD&amp;county=%E8%87%BA%E5%8D%97%E5%B8%82" rel="prev"' in kept
    assert "page=3" in kept


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"county": "火星市"}, "「縣市」須為 22 個縣市之一"),
        ({"county": ["臺北市", "新北市"]}, "「縣市」只能有一個值"),
        ({"service": "bakery"}, "「服務項目」須為清單中的項目"),
        ({"certified": "iso9001"}, "「登錄與驗證」須為清單中的項目"),
        ({"page": "0"}, "「頁次」須為 1 以上的整數"),
        ({"page": "二"}, "「頁次」須為 1 以上的整數"),
        ({"page": "100001"}, "「頁次」超出範圍"),
        ({"page": "2"}, "「頁次」超出範圍：這次查詢共 1 頁"),
        ({"q": "節" * 201}, "「關鍵字」最多 200 字"),
    ],
)
@pytest.mark.usefixtures("demo")
def test_a_bad_parameter_is_named_with_400(
    client: Client, params: dict[str, Any], field: str
) -> None:
    html = page(client, 400, **params)
    assert field in html and "查詢條件有誤" in html and 'role="alert"' in html
    assert names(html) == []
    assert '<form class="esco-search"' in html  # the form is there to correct it
    assert html.index('role="alert"') < html.index('<form class="esco-search"')  # seen first


def test_the_bad_field_is_marked_and_the_good_ones_kept(client: Client) -> None:
    html = page(client, 400, county="台南市", service="bakery", q="冷凍")
    assert (
        '<select id="service" name="service" aria-describedby="errors" aria-invalid="true">' in html
    )
    assert '<option value="臺南市" selected>' in html and 'value="冷凍"' in html
    assert '<select id="county" name="county" aria-describedby="county-hint">' in html


@pytest.mark.usefixtures("demo")
def test_empty_parameters_filter_nothing(client: Client) -> None:
    assert len(names(page(client, q="", county="", service="", certified="", page=""))) == 12
    assert "200 字" not in page(client, q="節" * 200)  # 200 is allowed


@pytest.mark.parametrize(
    "hostile",
    ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "' OR 1=1 --", "%", "\x00"],
)
@pytest.mark.usefixtures("demo")
def test_hostile_strings_are_escaped(client: Client, hostile: str) -> None:
    for params in ({"q": hostile}, {"county": hostile}, {"service": hostile}):
        response = client.get(URL, params)
        assert response.status_code in (200, 400)
        html = response.content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html


def test_a_hostile_record_is_escaped(client: Client) -> None:
    esco(
        "<b>壞</b>節能公司",
        address='<script>alert("x")</script>',
        url="javascript:alert(1)",
    )
    html = page(client)
    assert "<b>壞</b>" not in html and "&lt;b&gt;壞&lt;/b&gt;" in html
    assert "<script>alert" not in html and "javascript:" not in html


@pytest.mark.usefixtures("demo")
def test_english_page(client: Client) -> None:
    client.cookies["django_language"] = "en"
    html = page(client, county="臺北市", service="lighting")
    assert "Find an energy service company (ESCO)" in html
    assert "Counties served" in html and "Registration and certification" in html
    assert "lighting" in html and "registered on the ESCO service-capacity platform" in html
    assert re.search(r"\d+ compan(y|ies), page 1 of 1", html)
    assert "made up to demonstrate the site" in html
    assert 'lang="zh-Hant-TW">（示範）' in html  # the ESCOs' own words are marked Chinese
    bad = page(client, 400, service="bakery")
    assert '"Service" must be one of the listed choices.' in unescape(bad)
    assert "Something in the search is wrong" in bad
    assert '"Page" is out of range: this search has 1 page(s).' in unescape(
        page(client, 400, page=9)
    )


def test_the_card_with_a_checkbox_for_another_page() -> None:
    """The lead's tool page calls the macro with checkbox=True inside its own form."""
    chosen = esco("甲節能科技股份有限公司", counties="|臺北市|", services="|lighting|")
    template = engines["jinja2"].from_string(
        '{% from "netzero/esco_macros.html" import esco_card %}'
        "{{ esco_card(card, 'zh', checkbox=True) }}"
    )
    html = template.render({"card": esco_card(chosen, "zh")})
    assert f'data-esco="{chosen.pk}"' in html
    assert (
        f'<label class="option esco-pick"><input type="checkbox" name="escos" '
        f'value="{chosen.pk}"> 選擇「甲節能科技股份有限公司」</label>'
    ) in html
    assert "照明" in html and "臺北市" in html and "示範資料" not in html
