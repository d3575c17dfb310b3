"""The demo catalogue: every record the seed names, a generated catalogue whose counts are
the seed's tables, every invented record marked, and loading twice changes nothing.

The numbers here are typed from the seed (000_b1aac13511ca88b0.txt), not read from
``demo.py``, so a wrong constant there fails these tests."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import ProtectedError

from smewindow.catalog import demo
from smewindow.catalog.models import Course, CourseSession, Provider, SoftwareProduct
from smewindow.catalog.services import demo_catalog_load, demo_catalog_remove

pytestmark = pytest.mark.django_db
MODELS = (Provider, Course, CourseSession, SoftwareProduct)


@pytest.fixture
def loaded(db: None) -> None:
    demo_catalog_load()


def test_generated_files_are_what_the_generator_writes() -> None:
    for name, text in demo.generate().items():
        assert (demo.DEMO_DIR / name).read_text("utf-8") == text, (
            f"{name} is stale: python -m smewindow.catalog.demo"
        )
    assert {f.filename for f in demo.MANIFEST} == {p.name for p in demo.DEMO_DIR.glob("*.csv")}


def test_84_providers_by_type_and_region_as_the_seed_table(loaded: None) -> None:
    listed = Provider.objects.approved()
    assert listed.count() == 84  # seed line 463
    by_type = Counter(listed.values_list("type", flat=True))
    assert by_type == {"association": 34, "institute": 11, "school": 12, "private": 27}
    cells = Counter((p.type, demo.table_column(p.region)) for p in listed)
    assert cells == {  # seed lines 464–467: 北區 / 中區 / 南區
        ("association", "north"): 21, ("association", "central"): 6, ("association", "south"): 7,
        ("institute", "north"): 7, ("institute", "central"): 3, ("institute", "south"): 1,
        ("school", "north"): 5, ("school", "central"): 5, ("school", "south"): 2,
        ("private", "north"): 20, ("private", "central"): 3, ("private", "south"): 4,
    }  # fmt: skip
    columns = Counter(demo.table_column(p.region) for p in listed)
    assert columns == {"north": 53, "central": 17, "south": 14}
    # only the seed's own providers fall outside 北/中/南: 連江縣, 「全區」, no address
    outside = listed.exclude(region__in=("north", "central", "south"))
    assert sorted(outside.values_list("name", "region")) == [
        ("巨匠電腦股份有限公司", ""),
        ("水青清股份有限公司", "islands"),
        ("財團法人華岡興業基金會", ""),
    ]


def test_592_manufacturing_courses_by_industry(loaded: None) -> None:
    manufacturing = Course.objects.approved().filter(track="manufacturing")
    assert manufacturing.count() == 592  # seed line 473
    assert Counter(manufacturing.values_list("industry", flat=True)) == {  # lines 476–482
        "plastics": 40, "electrical": 16, "textiles": 15, "machinery": 26,
        "transport": 3, "metal": 16, "common": 476,
    }  # fmt: skip


def test_91_ai_zone_courses_by_category(loaded: None) -> None:
    zone = Course.objects.filter(zone="AI主題")
    assert zone.count() == 91  # seed line 158
    assert Counter(zone.values_list("topic", flat=True)) == {
        "基礎知識": 12, "工具/方法": 40, "實務應用": 24, "國際大廠": 15,
    }  # fmt: skip
    assert set(zone.values_list("provider__name", flat=True)) == {"中小企業網路大學校"}
    assert not zone.filter(is_approved=True).exists()  # free e-learning, not 配套1.1 courses
    assert not Provider.objects.get(name="中小企業網路大學校").is_approved


def test_every_course_provider_and_session_the_seed_names(loaded: None) -> None:
    hwa_kang = Course.objects.filter(provider__name="財團法人華岡興業基金會", is_demo=False)
    assert sorted(hwa_kang.values_list("name", "physical_hours", "online_hours", "url")) == [
        ("微軟Azure雲端應用平台人工智慧", Decimal(18), Decimal(0),
         "https://ggc.hkxf.com.tw/course/8IW2B4090/overview"),
        ("自然語言處理與語意偵測", Decimal(18), Decimal(0),
         "https://ggc.hkxf.com.tw/course/8IW1B4080/overview"),
        ("資料處理與大數據分析：Python 程式語言運用實務", Decimal(18), Decimal(0),
         "https://ggc.hkxf.com.tw/course/8IW9B4070/overview"),
    ]  # fmt: skip
    addresses = dict(Provider.objects.exclude(address="").values_list("name", "address"))
    assert {n: a for n, a in addresses.items() if not n.startswith("（示範）")} == {
        "三創育成基金會": "臺北市中正區市民大道三段2號11F",
        "中原大學": "桃園市中壢區中北路200號",
        "中國文化大學": "臺北市大安區和平東路一段155號6樓",
        "中華人事主管協會": "臺北市松山區復興北路191號15樓之3",
        "中華民國全國商業總會": "臺北市大安區復興南路一段390號6樓",
        "中華民國資訊軟體協會": "臺北市中山區長安東路二段99號8樓",
        "水青清股份有限公司": "連江縣南竿鄉清水村130-1號",
        "台北市進出口商業同業公會": "臺北市中山區松江路350號",
    }
    sessions = CourseSession.objects.filter(course__provider__name="中華民國資訊軟體協會")
    assert sessions.count() == 29  # seed line 489
    assert sessions.filter(course__name="AI數位轉型工作坊-Leo KMGPT平台介紹與實作").count() == 9
    assert Counter(sessions.values_list("course__topic", flat=True)) == {
        "生產管理": 11, "人資管理": 9, "行銷管理": 9,
    }  # fmt: skip
    first = sessions.get(course__name="Robotiive 自動化應用與數位轉型")
    assert first.starts_on == dt.date(2025, 6, 5)
    assert max(sessions.values_list("starts_on", flat=True)) == dt.date(2025, 12, 5)
    examples = Course.objects.filter(provider__isnull=True)
    assert examples.count() == 14  # the industry table's course examples, lines 476–482
    assert examples.get(name="AI輔助Python資料分析入門班").industry == "metal"


def test_every_invented_record_is_marked_and_every_seed_record_cites_its_line(
    loaded: None,
) -> None:
    for model in (Provider, Course, SoftwareProduct):
        for record in model.objects.filter(is_demo=True):
            assert record.name.startswith("（示範）"), record
            assert "示範資料" in record.source
        for record in model.objects.filter(is_demo=False):
            assert record.source.startswith("seed 第 "), record
    for course in Course.objects.filter(is_demo=True):
        assert course.url.startswith("https://example.com/smewindow-demo/")
        assert course.description.startswith("示範資料")
    assert not Provider.objects.filter(is_demo=True).exclude(business_id="").exists()
    assert (
        not Course.objects.filter(is_demo=True, provider__is_demo=False)
        .exclude(zone="AI主題")
        .exists()
    )  # generated courses name generated providers only
    assert SoftwareProduct.objects.filter(is_demo=True).count() == 12


def test_loading_twice_changes_nothing(loaded: None) -> None:
    before = {m: list(m.objects.order_by("pk").values()) for m in MODELS}
    results = demo_catalog_load()
    assert not any(r.changed for r in results)
    assert {m: list(m.objects.order_by("pk").values()) for m in MODELS} == before


def test_management_command_loads_and_removes(db: None) -> None:
    out = StringIO()
    call_command("load_demo_catalog", stdout=out)
    assert "demo_courses.csv：新增 562" in out.getvalue()
    call_command("load_demo_catalog", "--remove", stdout=StringIO())
    assert not any(m.objects.filter(is_demo=True).exists() for m in MODELS)
    assert Provider.objects.count() == 27 and Course.objects.count() == 30
    assert CourseSession.objects.count() == 29


def test_removal_keeps_a_demo_provider_that_a_real_course_names(loaded: None) -> None:
    provider = Provider.objects.filter(is_demo=True).first()
    Course.objects.create(name="真實課程", provider=provider)
    with pytest.raises(ProtectedError):
        demo_catalog_remove()
    assert Provider.objects.filter(is_demo=True).count() == 58  # nothing was removed
