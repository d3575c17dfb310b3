"""File downloads the pages share."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence

from django.http import HttpResponse


def csv_response(rows: Iterable[Sequence[object]], filename: str) -> HttpResponse:
    """``rows`` as a CSV attachment: UTF-8 with a BOM, so that Excel reads the Chinese, and
    no cell a spreadsheet would run as a formula."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    csv.writer(response).writerows([_cell(value) for value in row] for row in rows)
    return response


def _cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value
