"""Read an uploaded list (CSV or Excel .xlsx) into a header and rows of text cells.

Rows are numbered as a spreadsheet numbers them: the header is row 1, the first data row
is row 2, so an error's row is the one an officer sees in Excel. Entirely blank rows are
skipped but keep their numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

SUFFIXES = (".csv", ".xlsx")
MAX_FILE_BYTES = 10 * 1024 * 1024
"""The largest list accepted: 10 MB holds about 50,000 course rows, far more than any
official list (592 manufacturing courses in the seed)."""
MAX_UNZIPPED_BYTES = 20 * MAX_FILE_BYTES
"""An .xlsx is a zip: more than this once unpacked is refused before it is unpacked."""


class TableError(ValueError):
    """The file cannot be read as a table: why, in Chinese and in English."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} ({en})")
        self.zh = zh
        self.en = en


@dataclass(frozen=True)
class Table:
    """A header and the non-blank rows under it, each with its spreadsheet row number."""

    header: list[str]
    rows: list[tuple[int, list[str]]]


def read_table(data: bytes, filename: str) -> Table:
    """The table in ``data``: a .csv (UTF-8, Big5 as Excel in Taiwan saves it, or UTF-16 with
    a BOM) or an .xlsx (its first sheet)."""
    if len(data) > MAX_FILE_BYTES:
        raise TableError(
            f"檔案超過 {MAX_FILE_BYTES // (1024 * 1024)} MB",
            f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB",
        )
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".csv":
        lines = _csv_rows(data)
    elif suffix in (".xlsx", ".xlsm"):
        lines = _xlsx_rows(data)
    elif suffix == ".xls":
        raise TableError(
            "不支援舊版 Excel .xls，請另存為 .xlsx 或 .csv",
            "old .xls files are not supported: save as .xlsx or .csv",
        )
    else:
        raise TableError("檔名須以 .csv 或 .xlsx 結尾", "the file must be .csv or .xlsx")
    numbered = [(number, cells) for number, cells in enumerate(lines, start=1) if any(cells)]
    if not numbered:
        raise TableError("檔案是空的", "the file is empty")
    (_, header), *rows = numbered
    return Table(header=[clean_header(h) for h in header], rows=rows)


def clean_header(text: str) -> str:
    """A header as compared with the official names: NFKC, no surrounding spaces."""
    return unicodedata.normalize("NFKC", text).strip()


def _csv_rows(data: bytes) -> list[list[str]]:
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")  # Excel's "Unicode text"
    for encoding in ("utf-16",) if utf16 else ("utf-8-sig", "cp950"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError(
            "CSV 檔的編碼無法辨識，請存為 UTF-8", "the CSV file is neither UTF-8 nor Big5"
        )
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","  # tabs: pasted from a page
    try:
        rows = csv.reader(io.StringIO(text), delimiter=delimiter)
        return [[cell.strip() for cell in row] for row in rows]
    except csv.Error as exc:
        raise TableError(f"CSV 格式錯誤：{exc}", "malformed CSV") from exc


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # imported on use: only uploads of .xlsx need it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(member.file_size for member in archive.infolist())
        if unzipped > MAX_UNZIPPED_BYTES:
            raise TableError(
                "Excel 檔解壓縮後過大，請確認檔案內容", "the .xlsx file unpacks to too much data"
            )
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError(f"無法讀取 Excel 檔：{exc}", "not a readable .xlsx file") from exc
    try:
        sheet = workbook.worksheets[0]
        rows = [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return [_trim(row) for row in rows]


def _trim(row: list[str]) -> list[str]:
    """A row without the empty cells Excel keeps after the last used column."""
    while row and not row[-1]:
        row.pop()
    return row


def cell_text(value: Any) -> str:
    """An Excel cell as the text it shows: 18.0 → "18", a date → "2025-06-05"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
