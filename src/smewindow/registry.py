"""Screening a registry file (Parquet or CSV) into Parquet or CSV, streaming.

The file is scanned lazily and screened by Polars' streaming engine, so memory
stays flat however many firms there are. Each batch is validated on its way
through; the output goes to a temporary file that replaces OUTPUT only when every
row was good, so a bad input leaves nothing behind. In CSV, the list fields are
``;``-separated (``[]`` is an empty list, an empty cell is unknown) and yes/no is
true/false.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from smewindow.rules.batch import (
    FrameError,
    RowError,
    carbon_plan,
    conform,
    input_schema,
    invalid_expr,
    output_columns,
    screen_frame,
    validate_frame,
)
from smewindow.rules.carbon_frame import CarbonPlan
from smewindow.rules.profile import LIST_FIELDS
from smewindow.rules.programs import PROGRAMS

FORMATS = (".parquet", ".csv")
ROW = "__row"
INVALID = "__invalid"
Progress = Callable[[int], None]


class RegistryError(ValueError):
    """The input cannot be screened; ``rows`` names the bad rows when there are any."""

    def __init__(self, message: str, rows: list[RowError] | None = None) -> None:
        self.rows = rows or []
        super().__init__(message)


@dataclass(frozen=True)
class Summary:
    """Counts per program over the whole registry: eligible, unknown, ineligible."""

    rows: int
    counts: dict[str, dict[str, int]]


def _outcome_counts() -> list[pl.Expr]:
    """Per program: how many rows are eligible, unknown and ineligible."""
    exprs = []
    for program in PROGRAMS:
        col = pl.col(output_columns(program.id)[0])
        exprs += [
            col.sum().alias(f"{program.id}|eligible"),
            col.null_count().alias(f"{program.id}|unknown"),
            col.not_().sum().alias(f"{program.id}|ineligible"),
        ]
    return exprs


def _summary(parts: list[pl.DataFrame]) -> Summary:
    """Add up the per-batch counts."""
    totals = pl.concat(parts).sum().row(0, named=True)
    counts: dict[str, dict[str, int]] = {}
    for name, value in totals.items():
        if name != "rows":
            program_id, outcome = name.split("|")
            counts.setdefault(program_id, {})[outcome] = int(value)
    return Summary(rows=int(totals["rows"]), counts=counts)


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise RegistryError(f"只接受 Parquet 或 CSV 檔 (only .parquet or .csv): {path.name}")
    return suffix


def count_rows(path: Path) -> int | None:
    """The number of rows when the file says so cheaply (Parquet metadata), else None."""
    if _format(path) != ".parquet":
        return None
    try:
        return int(pl.scan_parquet(path).select(pl.len()).collect().item())
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise RegistryError(f"無法讀取 {path.name} (cannot read the file): {exc}") from None


def _scan(path: Path) -> pl.LazyFrame:
    """The file as a lazy frame of its columns, list cells split for CSV."""
    if _format(path) == ".parquet":
        return pl.scan_parquet(path)
    schema = input_schema()
    header = pl.scan_csv(path, infer_schema=False).collect_schema().names()
    overrides = {n: pl.String() if n in LIST_FIELDS else schema[n] for n in header if n in schema}
    frame = pl.scan_csv(path, schema_overrides=overrides, infer_schema=False)
    return frame.with_columns(
        pl.when(pl.col(n) == "[]")
        .then(pl.lit([], dtype=pl.List(pl.String)))
        .otherwise(pl.col(n).str.split(";"))
        .alias(n)
        for n in LIST_FIELDS
        if n in header
    )


_TYPE_REASONS = {
    pl.Int64(): "須為整數 (must be a whole number)",
    pl.Float64(): "須為數字 (must be a number)",
    pl.Boolean(): "須為 true 或 false (must be true or false)",
}


def _csv_type_errors(source: Path, limit: int = 20) -> list[RowError]:
    """The CSV cells that are not of their column's type, read as text to find them."""
    schema = input_schema()
    text = pl.scan_csv(source, infer_schema=False).with_row_index(ROW, offset=1)
    typed = [n for n in text.collect_schema().names() if schema.get(n) in _TYPE_REASONS]
    if not typed:
        return []
    if_bad = [
        (
            pl.col(n).is_not_null()
            & (
                ~pl.col(n).is_in(["true", "false"])
                if schema[n] == pl.Boolean()
                else pl.col(n).cast(schema[n], strict=False).is_null()
            )
        ).alias(n)
        for n in typed
    ]
    flags = text.select(pl.col(ROW), *if_bad).filter(pl.any_horizontal(typed)).head(limit)
    cells = text.select(ROW, *typed)
    errors: list[RowError] = []
    for row in flags.join(cells, on=ROW, suffix="_value").collect().iter_rows(named=True):
        for n in typed:
            if row[n] and len(errors) < limit:
                errors.append(RowError(row[ROW], n, row[f"{n}_value"], _TYPE_REASONS[schema[n]]))
    return errors


def _first_errors(source: Path, carbon: CarbonPlan | None, limit: int = 20) -> list[RowError]:
    """The first invalid values of the file, with their row numbers (counted from 1)."""
    bad = (
        conform(_scan(source))
        .with_row_index(ROW, offset=1)
        .filter(invalid_expr(carbon))
        .head(limit)
        .collect()
    )
    rows = bad[ROW].to_list()
    return validate_frame(bad.drop(ROW), row_numbers=rows, limit=limit, carbon=carbon)


def screen_file(
    source: Path,
    target: Path,
    on: dt.date,
    *,
    criteria: bool = False,
    progress: Progress | None = None,
    carbon_year: int | None = None,
) -> Summary:
    """Screen every firm in ``source`` and write the results to ``target``; the carbon
    estimate of rows without ``carbon.year`` is for ``carbon_year`` (``carbon_plan``)."""
    csv_out = _format(target) == ".csv"
    temporary = target.with_name(f".{target.name}.partial")
    parts: list[pl.DataFrame] = []
    lock = threading.Lock()
    found_invalid = threading.Event()
    counts = [pl.len().cast(pl.Int64).alias("rows"), *_outcome_counts()]
    carbon: CarbonPlan | None = None

    def check_and_count(screened: pl.DataFrame) -> pl.DataFrame:
        # The validity flag is computed by Polars in the same pass; this only reads it.
        if screened[INVALID].any():
            found_invalid.set()
            raise ValueError("invalid rows")
        part = screened.select(counts)
        with lock:
            parts.append(part)
            if progress:
                progress(sum(p["rows"][0] for p in parts))
        return screened.drop(INVALID)

    try:
        frame = _scan(source)
        carbon = carbon_plan(frame.collect_schema().names(), on, carbon_year)
        invalid = invalid_expr(carbon).alias(INVALID)
        screened = screen_frame(
            frame, on, criteria=criteria, extra=[invalid], carbon_year=carbon_year
        )
        output_schema = {n: t for n, t in screened.collect_schema().items() if n != INVALID}
        screened = screened.map_batches(check_and_count, streamable=True, schema=output_schema)
        if csv_out:
            screened.sink_csv(temporary)
        else:
            screened.sink_parquet(temporary, compression="lz4", statistics=False)
        if not parts:
            raise RegistryError(f"{source.name} 沒有任何資料列 (no rows)")
        os.replace(temporary, target)
    except FrameError as exc:
        raise RegistryError(str(exc)) from None
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        if isinstance(exc, RegistryError):
            raise
        if found_invalid.is_set():
            raise RegistryError(
                f"{source.name} 有不正確的資料，未產生任何結果 (invalid rows; nothing written)",
                _first_errors(source, carbon),
            ) from None
        type_errors = _csv_type_errors(source) if _format(source) == ".csv" else []
        if type_errors:
            raise RegistryError(
                f"{source.name} 有型別不符的資料，未產生任何結果 (cells of the wrong type; nothing written)",
                type_errors,
            ) from None
        raise RegistryError(f"無法讀取 {source.name} (cannot read the file): {exc}") from None
    finally:
        temporary.unlink(missing_ok=True)
    return _summary(parts)
