"""Finding ESCOs: free text (OpenCC, 台/臺, ranks), county, service, certification, pages."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from smewindow.netzero.search import EscoFilters, search_escos

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture
def demo() -> None:
    call_command("load_demo_escos", verbosity=0)


def names(q: str = "", **filters: str) -> list[str]:
    found = search_escos(q, EscoFilters(**filters), per_page=100)  # type: ignore[arg-type]
    assert found.total == len(found.items)
    return [esco.name.removeprefix("（示範）") for esco in found.items]


def test_free_text_finds_names_in_either_script() -> None:
    assert names("空壓") == ["桃竹空壓節能工程有限公司", "苗栗塑化空壓節能股份有限公司"]
    assert names("空压") == names("空壓")  # Simplified → Traditional
    assert names("中台灣") == ["中台灣能源技術服務股份有限公司"]  # 台 = 臺
    assert names("冷鏈 屏東") == ["屏東餐飲冷鏈節能有限公司"]  # every term
    assert names("沒有這家") == []


def test_a_name_ranks_before_an_address() -> None:
    # 臺南 is in 府城照明's address only … and nowhere in a name: found by address.
    assert names("臺南市東區") == ["府城照明節能有限公司"]
    # 北辰 in a name ranks before 臺北 in addresses.
    assert names("北")[0] == "北辰節能科技股份有限公司"


def test_county_keeps_those_serving_it_and_those_serving_all() -> None:
    assert names(county="花蓮縣") == ["全國能源管理顧問股份有限公司", "花東綠能技術服務有限公司"]
    assert "全國能源管理顧問股份有限公司" in names(county="連江縣")


def test_service_and_certification() -> None:
    assert names(service="heat") == [
        "南方熱能節能股份有限公司",
        "屏東餐飲冷鏈節能有限公司",
        "花東綠能技術服務有限公司",
    ]
    assert names(certified="iso50001") == [
        "全國能源管理顧問股份有限公司",
        "北辰節能科技股份有限公司",
        "南方熱能節能股份有限公司",
    ]
    assert names(service="air_compressor", county="臺中市") == [
        "中台灣能源技術服務股份有限公司",
        "苗栗塑化空壓節能股份有限公司",
    ]
    assert names(service="air_compressor", county="臺中市", certified="iso50001") == []


def test_pages() -> None:
    first = search_escos("", EscoFilters(), page=1, per_page=5)
    third = search_escos("", EscoFilters(), page=3, per_page=5)
    assert (first.total, len(first.items), len(third.items)) == (12, 5, 2)
    assert not {e.pk for e in first.items} & {e.pk for e in third.items}
    assert search_escos("", None, page=4, per_page=5).items == []
    with pytest.raises(ValueError):
        search_escos("", None, page=0)
