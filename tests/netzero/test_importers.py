"""The ESCO importer on real CSV and .xlsx files: a good file lands whole and once; a bad
one is refused whole naming every bad row and column in Chinese; nothing is written then;
importing the same file again changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from smewindow.catalog.importers import ImportRefused
from smewindow.netzero import lists
from smewindow.netzero.models import Esco

from .conftest import HEADER, ROWS, import_file, valid_id, write_csv, write_xlsx

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 2)


def snapshot() -> list[dict[str, Any]]:
    """Every field of every ESCO, timestamps included: equal snapshots mean no write."""
    return list(Esco.objects.order_by("pk").values())


def refused(path: Path, **options: Any) -> list[str]:
    with pytest.raises(ImportRefused) as caught:
        import_file(path, **options)
    assert "未匯入任何資料" in str(caught.value)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("writer", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_a_good_file_lands_whole(tmp_path: Path, writer: Any) -> None:
    path = writer(tmp_path / f"escos{'.csv' if writer is write_csv else '.xlsx'}", HEADER, ROWS)
    result = import_file(path, on=DAY)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    a, b, c = (Esco.objects.get(name=row[1]) for row in ROWS)
    assert a.business_id == ROWS[0][2]
    assert a.county_list == ["臺北市", "新北市"]
    assert a.service_list == ["air_conditioning", "lighting"]
    assert a.certification_list == ["registered", "iso50001"]
    assert (a.phone, a.email, a.url) == (
        "02-2775-7788#123",
        "a@example.com",
        "https://a.example.com/",
    )
    assert b.county_list == [
        "臺中市",
        "苗栗縣",
        "彰化縣",
        "南投縣",
        "雲林縣",
    ]  # 中區, official order
    assert b.service_list == ["air_compressor", "fan_pump_motor"]
    assert b.business_id == "" and b.certification_list == ["registered"]
    assert c.certification_list == []
    assert c.county_list == [] and c.counties == ""  # 全國: every county
    assert c.service_list == ["system_project", "diagnosis"]
    assert {e.source for e in (a, b, c)} == {f"匯入 {path.name}（2026-03-02）"}
    assert all(e.is_approved and not e.is_demo for e in (a, b, c))
    assert "甲節能" in a.search_text


def test_the_sample_file_imports(tmp_path: Path) -> None:
    sample = Path(__file__).parents[2] / "examples" / "escos.csv"
    result = import_file(sample)
    assert result.created == 3
    assert Esco.objects.get(name__contains="乙空壓").service_list == [
        "air_compressor",
        "fan_pump_motor",
    ]


def test_bad_rows_are_named_by_row_and_column_in_chinese(tmp_path: Path) -> None:
    rows = [
        ROWS[0],
        (2, "", "", "", "", "", "", "", ""),
        (
            3,
            "丁公司",
            "12345678",
            "台北市、火星市",
            "空調、修水管",
            "金牌",
            "123",
            "不是信箱",
            "ftp://x",
        ),
        (4, "戊公司", "1234567", "", "", "", "", "", ""),
        (5, "甲節能科技股份有限公司", "", "", "", "", "", "", ""),
    ]
    problems = refused(write_csv(tmp_path / "bad.csv", HEADER, rows))
    text = "\n".join(problems)
    assert "第 3 列「公司名稱」：不可空白" in text
    assert "第 4 列「統一編號」：統一編號格式或檢查碼不正確" in text
    assert "第 4 列「服務縣市」：「火星市」不是縣市名稱" in text
    assert "第 4 列「服務項目」：「修水管」不是可選的服務項目" in text
    assert "第 4 列「登錄與驗證」：「金牌」不是可選的登錄或驗證" in text
    assert "第 4 列「聯絡電話」：電話號碼格式不正確" in text
    assert "第 4 列「電子郵件」：電子郵件格式不正確" in text
    assert "第 4 列「網址」：網址格式不正確" in text
    assert "第 5 列「統一編號」：統一編號須為 8 位數字" in text
    assert "第 6 列「公司名稱」：與第 2 列重複" in text
    assert Esco.objects.count() == 0


def test_a_bad_header_is_refused(tmp_path: Path) -> None:
    problems = refused(write_csv(tmp_path / "h.csv", ("序號", "名字", "地址"), [(1, "甲", "x")]))
    assert any("欄位「名字」：不是這份清單的欄位" in p for p in problems)
    assert any("欄位「公司名稱」：缺少此欄" in p for p in problems)


def test_one_bad_row_writes_nothing_and_changes_nothing(tmp_path: Path) -> None:
    import_file(write_csv(tmp_path / "first.csv", HEADER, ROWS))
    before = snapshot()
    changed = [
        (*ROWS[0][:3], "高雄市", *ROWS[0][4:]),
        ROWS[1],
        (9, "新公司", "", "", "", "", "", "", ""),
    ]
    bad = [*changed, (10, "壞公司", "", "", "", "", "0", "", "")]
    problems = refused(write_csv(tmp_path / "second.csv", HEADER, bad))
    assert problems == [
        "第 5 列「聯絡電話」：電話號碼格式不正確，例如 02-2775-7788 或 02-2775-7788#123 (row 5, column 聯絡電話: not a phone number, e.g. 02-2775-7788 or 02-2775-7788#123)：「0」"
    ]
    assert snapshot() == before


def test_reimport_changes_nothing_then_updates_what_changed(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "escos.csv", HEADER, ROWS)
    import_file(path, on=DAY)
    before = snapshot()
    again = import_file(path, on=DAY + dt.timedelta(days=30))
    assert (again.created, again.updated, again.unchanged, again.changed) == (0, 0, 3, False)
    assert snapshot() == before  # the source keeps the day of the import that changed it

    rows = [(*ROWS[0][:3], "台北市", *ROWS[0][4:]), *ROWS[1:]]  # 台 = 臺; 新北市 dropped
    later = import_file(write_csv(tmp_path / "escos.csv", HEADER, rows), on=dt.date(2026, 5, 1))
    assert (later.created, later.updated, later.unchanged) == (0, 1, 2)
    a = Esco.objects.get(name=ROWS[0][1])
    assert a.county_list == ["臺北市"] and a.source == "匯入 escos.csv（2026-05-01）"
    assert Esco.objects.get(name=ROWS[1][1]).source == "匯入 escos.csv（2026-03-02）"


def test_replace_withdraws_escos_the_list_no_longer_names(tmp_path: Path) -> None:
    import_file(write_csv(tmp_path / "all.csv", HEADER, ROWS))
    result = import_file(write_csv(tmp_path / "new.csv", HEADER, ROWS[:2]), replace=True)
    assert result.withdrawn == 1
    gone = Esco.objects.get(name=ROWS[2][1])
    assert not gone.is_approved  # kept, off the list


def test_a_business_id_belongs_to_one_esco(tmp_path: Path) -> None:
    import_file(write_csv(tmp_path / "a.csv", HEADER, ROWS[:1]))
    other = [(1, "別家公司", ROWS[0][2], "", "", "", "", "", "")]
    problems = refused(write_csv(tmp_path / "b.csv", HEADER, other))
    assert problems[0].startswith("第 2 列「統一編號」：此統一編號已屬於另一家業者")


def test_every_county_listed_is_every_county() -> None:
    assert lists.counties("北區、中區、南區、東區、離島") == ""
    assert lists.counties("台中市 臺中市") == "|臺中市|"
    assert lists.certifications("iso 50001、已登錄") == "|registered|iso50001|"
    assert lists.services("熱能（鍋爐、熱泵熱水器）、冷凍") == "|refrigeration|heat|"


@pytest.mark.parametrize(
    "phone",
    ["02-2775-7788", "(02)2775-7788", "+886-2-2775-7788", "0912 345 678", "02-27757788轉12"],
)
def test_phones_as_people_write_them(phone: str) -> None:
    assert lists.phone(phone) == phone


def test_import_escos_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "escos.csv", HEADER, ROWS)
    call_command("import_escos", str(path))
    assert "escos.csv：新增 3" in capsys.readouterr().out
    bad = write_csv(
        tmp_path / "bad.csv", HEADER, [(1, "壞", valid_id("1234567")[:7], "", "", "", "", "", "")]
    )
    with pytest.raises(CommandError, match="第 2 列「統一編號」"):
        call_command("import_escos", str(bad))
    with pytest.raises(CommandError, match="無法讀取"):
        call_command("import_escos", str(tmp_path / "none.csv"))
