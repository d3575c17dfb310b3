"""ESCO list files written to tmp_path (CSV and .xlsx) and valid 統一編號 made up for tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from smewindow.catalog.importers import ImportResult
from smewindow.netzero.services import esco_import
from smewindow.rules.taiwan import business_id_is_valid

from ..catalog.conftest import write_csv, write_xlsx

__all__ = ["HEADER", "ROWS", "import_file", "valid_id", "write_csv", "write_xlsx"]


def valid_id(prefix: str) -> str:
    """The first 8-digit 統一編號 starting with ``prefix`` whose check digit is right."""
    for n in range(10 ** (8 - len(prefix))):
        candidate = f"{prefix}{n:0{8 - len(prefix)}d}"
        if business_id_is_valid(candidate):
            return candidate
    raise AssertionError(prefix)


HEADER = (
    "序號",
    "公司名稱",
    "統一編號",
    "服務縣市",
    "服務項目",
    "登錄與驗證",
    "聯絡電話",
    "電子郵件",
    "網址",
)
ROWS: Sequence[Sequence[Any]] = (
    (1, "甲節能科技股份有限公司", valid_id("9000001"), "臺北市、新北市", "空調、照明", "服務能量登錄、ISO 50001", "02-2775-7788#123", "a@example.com", "https://a.example.com/"),
    (2, "乙空壓節能工程有限公司", "", "中區", "空壓機, 風機、泵浦與馬達", "服務能量登錄", "(04)2222-3333", "", ""),
    (3, "丙能源技術服務股份有限公司", "", "全國", "系統節能專案、節能診斷", "", "", "", "https://c.example.com/"),
)  # fmt: skip


def import_file(path: Path, **options: Any) -> ImportResult:
    return esco_import(data=path.read_bytes(), filename=path.name, **options)
