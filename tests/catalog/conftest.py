"""Real list files written to tmp_path (CSV and .xlsx) and a small provider list loaded."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from smewindow.catalog.importers import ImportResult
from smewindow.catalog.services import catalog_import

Rows = Sequence[Sequence[Any]]

PROVIDER_HEADER = ("序號", "機構名稱", "統一編號", "機構類型", "連絡地址", "課程明細")
PROVIDER_ROWS: Rows = (
    (1, "中原大學", "", "學校", "桃園市中壢區中北路200號", "課程內容"),
    (2, "台北市進出口商業同業公會", "", "公協會", "臺北市中山區松江路350號", "課程內容"),
    (3, "水青清股份有限公司", "04595257", "民間單位", "連江縣南竿鄉清水村130-1號", "課程內容"),
)
COURSE_HEADER = ("序號", "課程名稱", "機構名稱", "實體時數", "線上時數", "課程簡介", "網址")
COURSE_ROWS: Rows = (
    (1, "Python 資料分析", "中原大學", 18, 0, "資料分析實作", "https://example.com/c/1"),
    (
        2,
        "生成式 AI 行銷",
        "台北市進出口商業同業公會",
        6,
        1.5,
        "行銷實作",
        "https://example.com/c/2",
    ),
    (3, "碳盤查工具", "臺北市進出口商業同業公會", 0, 12, "線上課程", "https://example.com/c/3"),
)


def write_csv(path: Path, header: Sequence[str], rows: Rows, encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: Sequence[str], rows: Rows) -> Path:
    """A real workbook: numbers stay numbers and dates stay dates, as Excel keeps them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


Writer = Callable[[Path, Sequence[str], Rows], Path]


@pytest.fixture(params=["csv", "xlsx"])
def write(request: pytest.FixtureRequest) -> Callable[[Path, Sequence[str], Rows], Path]:
    """Write a list as .csv or as .xlsx (each test runs with both); the suffix is added."""
    writer: Writer = write_csv if request.param == "csv" else write_xlsx

    def _write(path: Path, header: Sequence[str], rows: Rows) -> Path:
        return writer(path.with_suffix(f".{request.param}"), header, rows)

    return _write


def import_file(kind: str, path: Path, **options: Any) -> ImportResult:
    return catalog_import(kind=kind, data=path.read_bytes(), filename=path.name, **options)


@pytest.fixture
def providers(tmp_path: Path, db: None) -> ImportResult:
    """The three providers of ``PROVIDER_ROWS``, imported from a CSV file."""
    return import_file("providers", write_csv(tmp_path / "p.csv", PROVIDER_HEADER, PROVIDER_ROWS))
