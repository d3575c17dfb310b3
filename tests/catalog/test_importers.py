"""The importers on real CSV and .xlsx files: good files land whole, once; bad files are
refused whole with every bad row and column named; nothing changes on a second import."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from smewindow.catalog import lists
from smewindow.catalog.importers import ImportRefused, ImportResult
from smewindow.catalog.models import Course, CourseSession, Provider, SoftwareProduct

from .conftest import (
    COURSE_HEADER,
    COURSE_ROWS,
    PROVIDER_HEADER,
    PROVIDER_ROWS,
    Rows,
    import_file,
    write_csv,
)

pytestmark = pytest.mark.django_db
Write = Callable[[Path, Sequence[str], Rows], Path]


def snapshot(model: Any) -> list[dict[str, Any]]:
    """Every field of every record, timestamps included: equal snapshots mean no write."""
    return list(model.objects.order_by("pk").values())


def refused(kind: str, path: Path, **options: Any) -> list[str]:
    with pytest.raises(ImportRefused) as caught:
        import_file(kind, path, **options)
    assert "未匯入任何資料" in str(caught.value) and "nothing was imported" in str(caught.value)
    return [str(p) for p in caught.value.problems]


def counts(result: ImportResult) -> tuple[int, int, int, int]:
    return result.created, result.updated, result.unchanged, result.withdrawn


# --- providers --------------------------------------------------------------------------


def test_provider_list_lands_with_county_and_region(tmp_path: Path, write: Write) -> None:
    result = import_file("providers", write(tmp_path / "開課單位", PROVIDER_HEADER, PROVIDER_ROWS))
    assert counts(result) == (3, 0, 0, 0)
    chung_yuan = Provider.objects.get(name="中原大學")
    assert (chung_yuan.county, chung_yuan.region, chung_yuan.type) == ("桃園市", "north", "school")
    island = Provider.objects.get(name="水青清股份有限公司")
    assert (island.county, island.region, island.business_id) == ("連江縣", "islands", "04595257")
    assert island.is_approved and not island.is_demo
    assert island.source == f"匯入 {result.filename}"


def test_reimporting_the_same_provider_file_changes_nothing(tmp_path: Path, write: Write) -> None:
    path = write(tmp_path / "p", PROVIDER_HEADER, PROVIDER_ROWS)
    import_file("providers", path)
    before = snapshot(Provider)
    result = import_file("providers", path)
    assert counts(result) == (0, 0, 3, 0) and not result.changed
    assert snapshot(Provider) == before


def test_a_changed_row_updates_only_that_record(tmp_path: Path) -> None:
    import_file("providers", write_csv(tmp_path / "a.csv", PROVIDER_HEADER, PROVIDER_ROWS))
    before = {p["name"]: p for p in snapshot(Provider)}
    moved = [list(r) for r in PROVIDER_ROWS]
    moved[0][4] = "臺中市西屯區文華路100號"
    result = import_file("providers", write_csv(tmp_path / "a.csv", PROVIDER_HEADER, moved))
    assert counts(result) == (0, 1, 2, 0)
    after = {p["name"]: p for p in snapshot(Provider)}
    assert (after["中原大學"]["county"], after["中原大學"]["region"]) == ("臺中市", "central")
    assert after["中原大學"]["updated_at"] > before["中原大學"]["updated_at"]
    assert after["水青清股份有限公司"] == before["水青清股份有限公司"]


def test_provider_problems_name_each_row_and_column(tmp_path: Path, write: Write) -> None:
    rows = [
        (1, "甲協會", "04595258", "公協會", "臺北市中正區1號", ""),  # check digit
        (2, "乙公司", "4595257", "民間單位", "臺北市中正區2號", ""),  # Excel dropped the 0
        (3, "丙學校", "", "大學", "臺北市中正區3號", ""),  # not a type
        (4, "丁中心", "", "法人", "中正區4號", ""),  # no county
        (5, "", "", "法人", "臺北市5號", ""),  # no name
        (6, "戊協會", "", "公協會", "", ""),  # no address
        (7, "己協會", "04595257", "公協會", "臺北市7號", ""),
        (8, "庚協會", "04595257", "公協會", "臺北市8號", ""),  # the same 統一編號
    ]
    problems = refused("providers", write(tmp_path / "bad", PROVIDER_HEADER, rows))
    expected = [
        ("第 2 列「統一編號」", "檢查碼", "04595258"),
        ("第 3 列「統一編號」", "開頭的 0", "4595257"),
        ("第 4 列「機構類型」", "公協會、法人、學校、民間單位", "大學"),
        ("第 5 列「連絡地址」", "縣市", "中正區4號"),
        ("第 6 列「機構名稱」", "不可空白", ""),
        ("第 7 列「連絡地址」", "不可空白", ""),
        ("第 9 列「統一編號」", "另一個開課單位", "04595257"),
    ]
    assert len(problems) == len(expected), problems
    for problem, (where, why, value) in zip(problems, expected, strict=True):
        assert problem.startswith(where) and why in problem and value in problem, problem
        assert "(row " in problem  # English follows the Chinese
    assert Provider.objects.count() == 0  # the good rows were not written either


def test_region_cell_must_agree_with_the_address(tmp_path: Path) -> None:
    header = ("機構名稱", "連絡地址", "區域")
    problems = refused(
        "providers", write_csv(tmp_path / "r.csv", header, [("甲", "臺北市中正區", "南")])
    )
    assert problems == [
        "第 2 列「區域」：與地址所在的臺北市（北區）不符 (row 2, column 區域: does not match "
        "the address's county 臺北市 (north))：「南」"
    ]


def test_a_business_id_of_another_provider_in_the_database_is_refused(
    tmp_path: Path, providers: ImportResult
) -> None:
    rows = [(1, "新公司", "04595257", "民間單位", "臺北市中正區1號", "")]
    problems = refused("providers", write_csv(tmp_path / "x.csv", PROVIDER_HEADER, rows))
    assert problems[0].startswith("第 2 列「統一編號」：此統一編號已屬於另一個開課單位")


# --- courses ----------------------------------------------------------------------------


def test_course_list_lands_with_numbers_from_excel_or_csv(
    tmp_path: Path, providers: ImportResult, write: Write
) -> None:
    result = import_file("courses", write(tmp_path / "課程專區", COURSE_HEADER, COURSE_ROWS))
    assert counts(result) == (3, 0, 0, 0)
    course = Course.objects.get(name="生成式 AI 行銷")
    assert course.provider and course.provider.name == "台北市進出口商業同業公會"
    assert (course.physical_hours, course.online_hours) == (Decimal(6), Decimal("1.5"))
    assert course.total_hours == Decimal("7.5")
    assert (course.track, course.zone, course.is_approved) == ("manufacturing", "", True)
    # 臺 and 台 name the same provider
    assert Course.objects.get(name="碳盤查工具").provider == course.provider


def test_reimporting_the_same_course_file_changes_nothing(
    tmp_path: Path, providers: ImportResult, write: Write
) -> None:
    path = write(tmp_path / "c", COURSE_HEADER, COURSE_ROWS)
    import_file("courses", path)
    before = snapshot(Course)
    assert counts(import_file("courses", path)) == (0, 0, 3, 0)
    assert counts(import_file("courses", path, replace=True)) == (0, 0, 3, 0)
    assert snapshot(Course) == before


def test_course_problems_name_each_row_and_column(
    tmp_path: Path, providers: ImportResult, write: Write
) -> None:
    rows = [
        (1, "甲", "不存在的單位", 18, 0, "x", "https://example.com/1"),
        (2, "乙", "中原大學", "十八", 0, "x", "https://example.com/2"),
        (3, "丙", "中原大學", -1, 1.25, "x", "https://example.com/3"),
        (4, "丁", "中原大學", 6, 6, "x", "ftp://example.com/4"),
        (5, "戊", "中原大學", 6, 6, "x", "example.com/5"),
        (6, "己", "中原大學", 0, 0, "x", "https://example.com/6"),
        (7, "庚", "中原大學", 6, "", "x", "https://example.com/7"),
        (8, "甲", "中原大學", 6, 6, "x", "https://example.com/8"),
        (9, "甲", "中原大學", 3, 3, "x", "https://example.com/9"),
    ]
    problems = refused("courses", write(tmp_path / "bad", COURSE_HEADER, rows))
    expected = [
        ("第 2 列「機構名稱」", "不在開課單位名單中"),
        ("第 3 列「實體時數」", "數字"),
        ("第 4 列「實體時數」", "0 以上"),
        ("第 4 列「線上時數」", "一位小數"),
        ("第 5 列「網址」", "http"),
        ("第 6 列「網址」", "http"),
        ("第 7 列「實體時數」", "皆為 0"),
        ("第 8 列「線上時數」", "不可空白"),
        ("第 10 列「機構名稱、課程名稱」", "與第 9 列重複"),
    ]
    assert len(problems) == len(expected), problems
    for problem, (where, why) in zip(problems, expected, strict=True):
        assert problem.startswith(where) and why in problem, problem
    assert Course.objects.count() == 0


def test_replace_withdraws_courses_the_new_list_leaves_out(
    tmp_path: Path, providers: ImportResult
) -> None:
    import_file("courses", write_csv(tmp_path / "all.csv", COURSE_HEADER, COURSE_ROWS))
    services = [(1, "服務業課程", "中原大學", 6, 6, "x", "https://example.com/s")]
    import_file(
        "courses", write_csv(tmp_path / "svc.csv", COURSE_HEADER, services), track="services"
    )
    shorter = write_csv(tmp_path / "all.csv", COURSE_HEADER, COURSE_ROWS[:2])
    assert counts(import_file("courses", shorter)) == (0, 0, 2, 0)  # update keeps the rest
    assert counts(import_file("courses", shorter, replace=True)) == (0, 0, 2, 1)
    withdrawn = Course.objects.get(name="碳盤查工具")
    assert not withdrawn.is_approved  # kept, off the list
    assert Course.objects.approved().count() == 3  # two manufacturing + the services course
    assert counts(import_file("courses", shorter, replace=True)) == (0, 0, 2, 0)
    full = write_csv(tmp_path / "all.csv", COURSE_HEADER, COURSE_ROWS)
    assert counts(import_file("courses", full)) == (0, 1, 2, 0)  # listed again
    assert Course.objects.get(name="碳盤查工具").is_approved


def test_optional_columns_code_industry_and_topic(tmp_path: Path, providers: ImportResult) -> None:
    header = (*COURSE_HEADER, "課程代碼", "行業別", "類別")
    rows = [
        (*COURSE_ROWS[0], "M-001", "塑膠製品", "生產管理"),
        (*COURSE_ROWS[1], "M-001", "食品", "行銷管理"),
    ]
    problems = refused("courses", write_csv(tmp_path / "x.csv", header, rows))
    assert problems[0].startswith("第 3 列「行業別」：須為下列之一：塑膠製品")
    assert problems[1].startswith("第 3 列「課程代碼」：此課程代碼已屬於另一門課程")
    rows[1] = (*COURSE_ROWS[1], "M-002", "共通性", "行銷管理")
    import_file("courses", write_csv(tmp_path / "x.csv", header, rows))
    course = Course.objects.get(code="M-001")
    assert (course.industry, course.topic) == ("plastics", "生產管理")


# --- the file itself --------------------------------------------------------------------


def test_unknown_and_missing_columns_are_named(tmp_path: Path, db: None) -> None:
    header = ("序號", "課程名稱", "機構名稱", "實體時數", "時數", "課程簡介", "網址", "網址")
    problems = refused("courses", write_csv(tmp_path / "h.csv", header, [(1,) * 8]))
    assert [p.split("：")[0] for p in problems] == [
        "欄位「時數」",
        "欄位「網址」",
        "欄位「線上時數」",
    ]
    assert "不是這份清單的欄位" in problems[0] and "標題重複" in problems[1]
    assert "缺少此欄" in problems[2] and "missing column" in problems[2]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("list.xls", b"\xd0\xcf\x11\xe0", "不支援舊版 Excel .xls"),
        ("list.txt", b"a,b", "須以 .csv 或 .xlsx 結尾"),
        ("list.xlsx", b"not a zip file", "無法讀取 Excel 檔"),
        ("list.csv", b"", "檔案是空的"),
        ("list.csv", "機構名稱,連絡地址\n".encode(), "沒有資料列"),
    ],
)
def test_unreadable_files_are_refused(
    tmp_path: Path, db: None, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    problems = refused("providers", path)
    assert len(problems) == 1 and message in problems[0]


def test_big5_csv_as_excel_in_taiwan_saves_it(tmp_path: Path, db: None) -> None:
    path = write_csv(tmp_path / "big5.csv", PROVIDER_HEADER, PROVIDER_ROWS, encoding="cp950")
    assert import_file("providers", path).created == 3
    assert Provider.objects.filter(name="台北市進出口商業同業公會").exists()


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers(
    tmp_path: Path, db: None
) -> None:
    rows = [PROVIDER_ROWS[0], ("", "", "", "", "", ""), (9, "乙", "", "法人", "nowhere", "")]
    problems = refused("providers", write_csv(tmp_path / "b.csv", PROVIDER_HEADER, rows))
    assert problems[0].startswith("第 4 列「連絡地址」")


def test_a_seed_transcription_may_leave_official_cells_unknown(
    tmp_path: Path, providers: ImportResult
) -> None:
    rows = [(1, "Fusion CAD AI", "", "", "", "", "")]
    path = write_csv(tmp_path / "seed.csv", COURSE_HEADER, rows)
    assert len(refused("courses", path)) == 5  # an official list must say all of it
    import_file("courses", path, unknown_ok=True)
    course = Course.objects.get(name="Fusion CAD AI")
    assert course.provider is None and course.physical_hours is None and course.total_hours is None


# --- sessions and software --------------------------------------------------------------


def test_sessions_with_dates_from_excel_iso_and_roc(
    tmp_path: Path, providers: ImportResult, write: Write
) -> None:
    import_file("courses", write_csv(tmp_path / "c.csv", COURSE_HEADER, COURSE_ROWS))
    header = ("序", "機構名稱", "課程名稱", "開課日期", "結束日期", "上課地點", "上課方式")
    rows = [
        (1, "中原大學", "Python 資料分析", dt.date(2025, 6, 5), "", "中壢校區", "實體"),
        (2, "中原大學", "Python 資料分析", "114/7/1", "114年7月2日", "", "混成"),
        (3, "台北市進出口商業同業公會", "碳盤查工具", "2025-08-12", "", "", "線上"),
    ]
    path = write(tmp_path / "sessions", header, rows)
    assert counts(import_file("sessions", path)) == (3, 0, 0, 0)
    python = CourseSession.objects.filter(course__name="Python 資料分析").order_by("starts_on")
    assert [(s.starts_on, s.ends_on, s.mode) for s in python] == [
        (dt.date(2025, 6, 5), None, "in_person"),
        (dt.date(2025, 7, 1), dt.date(2025, 7, 2), "hybrid"),
    ]
    before = snapshot(CourseSession)
    assert counts(import_file("sessions", path)) == (0, 0, 3, 0)
    assert snapshot(CourseSession) == before
    assert counts(import_file("sessions", path.with_name(path.name), replace=True))[3] == 0
    one = write_csv(tmp_path / "one.csv", header, rows[:1])
    assert counts(import_file("sessions", one, replace=True)) == (0, 0, 1, 1)  # of that course
    assert CourseSession.objects.count() == 2  # the other course's session stays


def test_session_problems(tmp_path: Path, providers: ImportResult) -> None:
    import_file("courses", write_csv(tmp_path / "c.csv", COURSE_HEADER, COURSE_ROWS))
    header = ("機構名稱", "課程名稱", "開課日期", "結束日期")
    rows = [
        ("中原大學", "沒有這門課", "2025-06-05", ""),
        ("中原大學", "Python 資料分析", "2025-02-30", ""),
        ("中原大學", "Python 資料分析", "2025-06-05", "2025-06-01"),
    ]
    problems = refused("sessions", write_csv(tmp_path / "s.csv", header, rows))
    assert [p.split("：")[0] for p in problems] == [
        "第 2 列「課程名稱」",
        "第 3 列「開課日期」",
        "第 4 列「結束日期」",
    ]


def test_software_list_prices_and_replace(tmp_path: Path, db: None, write: Write) -> None:
    header = ("序號", "軟體名稱", "廠商名稱", "廠商統一編號", "類別", "售價", "網址")
    rows = [
        (1, "雲端POS", "甲資訊", "04595257", "POS銷售系統", "12,000", "https://example.com/pos"),
        (2, "小ERP", "乙軟體", "", "ERP", 36000, ""),
        (3, "客服機器人", "乙軟體", "", "智慧客服", "NT$9,900", ""),
    ]
    path = write(tmp_path / "軟體名單", header, rows)
    assert counts(import_file("software", path)) == (3, 0, 0, 0)
    assert sorted(SoftwareProduct.objects.values_list("price", flat=True)) == [9900, 12000, 36000]
    assert counts(import_file("software", path)) == (0, 0, 3, 0)
    fewer = write(tmp_path / "軟體名單", header, rows[:2])
    assert counts(import_file("software", fewer, replace=True)) == (0, 0, 2, 1)
    bad = write(tmp_path / "bad", header, [(1, "X", "Y", "", "ERP", "一萬", "")])
    assert refused("software", bad)[0].startswith("第 2 列「售價」：售價須為新臺幣整數元")


def test_a_failure_while_writing_leaves_nothing_written(
    tmp_path: Path, providers: ImportResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(records: Any) -> int:
        raise RuntimeError("disk full")

    broken = dataclasses.replace(lists.COURSES, withdraw=fail)
    monkeypatch.setitem(lists.SPECS, "courses", broken)
    path = write_csv(tmp_path / "c.csv", COURSE_HEADER, COURSE_ROWS)
    with pytest.raises(RuntimeError):
        import_file("courses", path, replace=True)  # withdraws after creating three
    assert Course.objects.count() == 0


def test_a_table_pasted_from_the_official_page_as_utf16_tab_text(tmp_path: Path, db: None) -> None:
    lines = ["\t".join(PROVIDER_HEADER)] + ["\t".join(map(str, r)) for r in PROVIDER_ROWS]
    path = tmp_path / "pasted.csv"
    path.write_bytes("\r\n".join(lines).encode("utf-16"))  # Excel's "Unicode text" has a BOM
    assert import_file("providers", path).created == 3


def test_a_file_over_10_mb_is_refused_unread(tmp_path: Path, db: None) -> None:
    path = tmp_path / "huge.csv"
    path.write_bytes("機構名稱,連絡地址\n".encode() + b"x" * (10 * 1024 * 1024))
    problems = refused("providers", path)
    assert len(problems) == 1 and "檔案超過 10 MB" in problems[0]
    assert not Provider.objects.exists()


def test_an_xlsx_that_unpacks_to_hundreds_of_mb_is_refused_unpacked(
    tmp_path: Path, db: None
) -> None:
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(220):
            member.write(b"\0" * (1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    problems = refused("providers", path)
    assert len(problems) == 1 and "解壓縮後過大" in problems[0]
