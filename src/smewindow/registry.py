"""Screening a registry file (Parquet or CSV) chunk by chunk, into Parquet or CSV.

The input is read a chunk at a time with pyarrow, so memory stays flat however
many firms there are. Every chunk is validated before it is screened; the output
goes to a temporary file that replaces OUTPUT only when every row was good, so a
bad input leaves nothing behind. In CSV, the list fields are ``;``-separated
(``[]`` is an empty list, an empty cell is unknown) and yes/no is true/false.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from smewindow.rules.batch import (
    FrameError,
    RowError,
    conform,
    output_columns,
    profile_schema,
    screen_frame,
    validate_frame,
)
from smewindow.rules.profile import LIST_FIELDS
from smewindow.rules.programs import PROGRAMS

FORMATS = (".parquet", ".csv")
Progress = Callable[[int], None]


class RegistryError(ValueError):
    """The input cannot be screened; ``rows`` names the bad rows when there are any."""

    def __init__(self, message: str, rows: list[RowError] | None = None) -> None:
        self.rows = rows or []
        super().__init__(message)


@dataclass
class Summary:
    """Counts per program over the whole registry."""

    rows: int = 0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, screened: pl.DataFrame) -> None:
        self.rows += screened.height
        exprs = []
        for program in PROGRAMS:
            eligible, _, _ = output_columns(program.id)
            col = pl.col(eligible)
            exprs += [
                col.sum().alias(f"{program.id}|eligible"),
                col.null_count().alias(f"{program.id}|unknown"),
                col.not_().sum().alias(f"{program.id}|ineligible"),
            ]
        for name, value in screened.select(exprs).row(0, named=True).items():
            program_id, outcome = name.split("|")
            by_outcome = self.counts.setdefault(program_id, {})
            by_outcome[outcome] = by_outcome.get(outcome, 0) + int(value)


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise RegistryError(f"只接受 Parquet 或 CSV 檔 (only .parquet or .csv): {path.name}")
    return suffix


def count_rows(path: Path) -> int | None:
    """The number of rows when the file says so cheaply (Parquet), else None."""
    return pq.ParquetFile(path).metadata.num_rows if _format(path) == ".parquet" else None


def _check_columns(names: list[str]) -> None:
    unknown = [n for n in names if n not in profile_schema()]
    if unknown:
        raise RegistryError(f"不是企業概況的欄位 (not profile fields): {', '.join(unknown)}")


def _csv_types(names: list[str]) -> dict[str, pa.DataType]:
    schema = profile_schema()
    arrow = {pl.Boolean(): pa.bool_(), pl.Int64(): pa.int64(), pl.Float64(): pa.float64()}
    return {n: arrow.get(schema[n], pa.string()) for n in names}


def _from_csv(frame: pl.DataFrame) -> pl.DataFrame:
    """Split the ';'-joined list cells; the literal [] is a known empty list."""
    return frame.with_columns(
        pl.when(pl.col(n) == "[]")
        .then(pl.lit([], dtype=pl.List(pl.String)))
        .otherwise(pl.col(n).str.split(";"))
        .alias(n)
        for n in LIST_FIELDS
        if n in frame.columns
    )


def _read_chunks(path: Path, chunk_rows: int) -> Iterator[pl.DataFrame]:
    try:
        if _format(path) == ".parquet":
            source = pq.ParquetFile(path)
            _check_columns(source.schema_arrow.names)
            for batch in source.iter_batches(batch_size=chunk_rows):
                yield pl.from_arrow(batch)  # type: ignore[misc]
            return
        with open(path, "rb") as handle:
            header = handle.readline().decode("utf-8-sig").strip()
        names = [n.strip() for n in header.split(",")] if header else []
        _check_columns(names)
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(block_size=1 << 24),
            convert_options=pacsv.ConvertOptions(
                column_types=_csv_types(names),
                true_values=["true"],
                false_values=["false"],
                strings_can_be_null=True,
            ),
        )
        for batch in reader:
            yield _from_csv(pl.from_arrow(batch))  # type: ignore[arg-type]
    except (pa.ArrowInvalid, pa.ArrowTypeError, OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"無法讀取 {path.name} (cannot read the file): {exc}") from None


def _to_arrow(screened: pl.DataFrame, csv: bool) -> pa.Table:
    if csv:
        screened = screened.with_columns(pl.col(pl.Enum).cast(pl.String))
    return screened.to_arrow()


def screen_file(
    source: Path,
    target: Path,
    on: dt.date,
    *,
    criteria: bool = False,
    chunk_rows: int = 250_000,
    progress: Progress | None = None,
) -> Summary:
    """Screen every firm in ``source`` and write the results to ``target``."""
    csv_out = _format(target) == ".csv"
    temporary = target.with_name(f".{target.name}.partial")
    summary = Summary()
    writer: pq.ParquetWriter | pacsv.CSVWriter | None = None
    try:
        for chunk in _read_chunks(source, chunk_rows):
            try:
                conformed = conform(chunk)
            except (FrameError, pl.exceptions.InvalidOperationError) as exc:
                raise RegistryError(f"欄位型別不符 (a column has the wrong type): {exc}") from None
            errors = validate_frame(conformed, first_row=summary.rows + 1)
            if errors:
                raise RegistryError(
                    f"{source.name} 有不正確的資料，未產生任何結果 (invalid rows; nothing written)",
                    errors,
                )
            screened = screen_frame(conformed, on, criteria=criteria)
            table = _to_arrow(screened, csv_out)
            if writer is None:
                writer = (
                    pacsv.CSVWriter(temporary, table.schema)
                    if csv_out
                    else pq.ParquetWriter(temporary, table.schema, compression="lz4")
                )
            writer.write_table(table)
            summary.add(screened)
            if progress:
                progress(summary.rows)
        if writer is None:
            raise RegistryError(f"{source.name} 沒有任何資料列 (no rows)")
        writer.close()
        writer = None
        os.replace(temporary, target)
    finally:
        if writer is not None:
            writer.close()
        temporary.unlink(missing_ok=True)
    return summary
