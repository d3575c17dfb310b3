"""Import an official list (CSV or .xlsx) into the catalogue: validate every row, then
write in one transaction, or write nothing.

A list is read by a ``Spec``: its columns (the headers as the official page shows them,
plus a few optional ones this project adds), how a row finds its record (the key), and the
checks that need the database (a course's provider must be known). Every problem of every
row is collected before anything is written; a file with any problem is refused whole
(``ImportRefused`` names each row and column). A good file creates new records, updates
changed ones and leaves equal ones untouched, so importing the same file twice changes
nothing. With ``replace`` the file is the whole list: records of the same list that it no
longer names are withdrawn (``is_approved`` off; sessions are deleted).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from smewindow.catalog import cells
from smewindow.catalog.models import CatalogRecord
from smewindow.catalog.tables import TableError, read_table

Need = Literal["required", "official", "optional"]
"""Whether a cell may be blank: never; only in a seed transcription (unknown); always."""


@dataclass(frozen=True)
class Problem:
    """One problem of a file, with the row (as in a spreadsheet) and column it is in."""

    zh: str
    en: str
    row: int | None = None
    column: str | None = None
    value: str = ""

    def __str__(self) -> str:
        if self.row and self.column:
            where = f"第 {self.row} 列「{self.column}」", f"row {self.row}, column {self.column}"
        elif self.row:
            where = f"第 {self.row} 列", f"row {self.row}"
        elif self.column:
            where = f"欄位「{self.column}」", f"column {self.column}"
        else:
            return f"{self.zh} ({self.en})"
        shown = self.value if len(self.value) <= 60 else self.value[:59] + "…"
        quoted = f"：「{shown}」" if self.value else ""
        return f"{where[0]}：{self.zh} ({where[1]}: {self.en}){quoted}"


class ImportRefused(Exception):
    """A file refused whole: nothing was written. ``problems`` names each bad cell."""

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = sorted(problems, key=lambda p: p.row or 0)  # stable: columns in order
        super().__init__(
            f"{filename}：{len(problems)} 處錯誤，未匯入任何資料；列號同試算表，標題為第 1 列 "
            f"({len(problems)} problem(s), nothing was imported; rows are numbered as in a "
            "spreadsheet, the header is row 1)"
        )

    def report(self) -> str:
        """The summary and one line per problem."""
        return "\n".join([str(self), *(f"  - {p}" for p in self.problems)])


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    kind: str
    filename: str
    created: int
    updated: int
    unchanged: int
    withdrawn: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.withdrawn)

    def __str__(self) -> str:
        return (
            f"{self.filename}：新增 {self.created}、更新 {self.updated}、未變 {self.unchanged}、"
            f"移出清單 {self.withdrawn} (created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, withdrawn {self.withdrawn})"
        )


PLAIN_TEXT = cells.text(200)


@dataclass(frozen=True)
class Column:
    """One column of a list: its header, the field it fills (None: read and ignored), its
    parser and whether the header must be there and the cell filled."""

    header: str
    field: str | None
    parse: cells.Parser = PLAIN_TEXT
    header_required: bool = False
    need: Need = "optional"
    blank: Any = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Options:
    """How one file is imported."""

    filename: str
    replace: bool = False
    unknown_ok: bool = False
    """A seed transcription: an official column may be blank where the seed is silent."""
    approved: bool = True
    is_demo: bool = False
    fixed: dict[str, Any] = field(default_factory=dict)
    """Values every record of this list gets (a course list's track and zone)."""


@dataclass
class Row:
    """A parsed row: its spreadsheet number and the model values read from it."""

    number: int
    values: dict[str, Any]
    ok: bool = True


class Problems(list[Problem]):
    """The problems found so far; adding one for a row marks that row bad."""

    def add(
        self, row: Row | None, zh: str, en: str, column: str | None = None, value: str = ""
    ) -> None:
        if row is not None:
            row.ok = False
        self.append(
            Problem(zh=zh, en=en, row=row.number if row else None, column=column, value=value)
        )


@dataclass(frozen=True)
class Spec:
    """How one kind of list is read and written."""

    kind: str
    model: type[CatalogRecord]
    columns: tuple[Column, ...]
    key_headers: str
    """The headers that identify a record, as named in a duplicate-row problem."""
    key: Callable[[dict[str, Any]], Hashable]
    key_of: Callable[[Any], Hashable]
    resolve: Callable[[list[Row], Options, Problems], None]
    """Checks and lookups that need the database or several cells; fills model values.
    It sees every row, also those with a bad cell (whose value is then missing)."""
    scope: Callable[[list[Row], Options], models.QuerySet[Any]]
    """The records this list covers (what ``replace`` may withdraw)."""
    withdraw: Callable[[models.QuerySet[Any]], int]


def import_list(spec: Spec, data: bytes, options: Options) -> ImportResult:
    """Import one file of ``spec``'s list; raises ``ImportRefused`` and writes nothing on any
    problem."""
    problems = Problems()
    try:
        table = read_table(data, options.filename)
    except TableError as exc:
        raise ImportRefused(options.filename, [Problem(zh=exc.zh, en=exc.en)]) from None
    columns = _match_header(spec, table.header, problems)
    if problems:
        raise ImportRefused(options.filename, problems)
    rows = [_parse_row(number, cells_, columns, options, problems) for number, cells_ in table.rows]
    if not rows:
        problems.add(None, "檔案只有標題、沒有資料列", "the file has a header but no rows")
    spec.resolve(rows, options, problems)
    _check_duplicates(spec, rows, problems)
    if problems:
        raise ImportRefused(options.filename, problems)
    try:
        with transaction.atomic():
            return _write(spec, rows, options)
    except IntegrityError as exc:  # a concurrent change since the checks
        raise ImportRefused(
            options.filename, [Problem(zh=f"資料庫拒絕寫入：{exc}", en="the database refused")]
        ) from None


def _match_header(spec: Spec, header: list[str], problems: Problems) -> list[Column | None]:
    by_header = {name: c for c in spec.columns for name in (c.header, *c.aliases)}
    matched: list[Column | None] = []
    for position, name in enumerate(header, start=1):
        column = by_header.get(name)
        if not name:
            problems.add(None, f"第 {position} 欄沒有標題", f"column {position} has no header")
        elif column is None:
            known = "、".join(c.header for c in spec.columns)
            problems.add(
                None,
                f"不是這份清單的欄位；可用的欄位：{known}",
                f"unknown column; known: {known}",
                name,
            )
        elif column in matched:
            problems.add(None, "標題重複", "the header appears twice", column.header)
        matched.append(column)
    for column in spec.columns:
        if column.header_required and column not in matched:
            problems.add(None, "缺少此欄", "missing column", column.header)
    return matched


def _parse_row(
    number: int,
    texts: list[str],
    columns: list[Column | None],
    options: Options,
    problems: Problems,
) -> Row:
    row = Row(number=number, values={})
    if any(texts[len(columns) :]):
        problems.add(row, "資料比標題多出欄位", "more cells than headers")
    for column, value in zip(columns, texts + [""] * (len(columns) - len(texts)), strict=False):
        if column is None or column.field is None:
            continue
        if not value:
            if column.need == "required" or (column.need == "official" and not options.unknown_ok):
                problems.add(row, "不可空白", "must not be blank", column.header)
            row.values[column.field] = column.blank
            continue
        try:
            row.values[column.field] = column.parse(value)
        except cells.CellError as exc:
            problems.add(row, exc.zh, exc.en, column.header, value)
    return row


def _check_duplicates(spec: Spec, rows: list[Row], problems: Problems) -> None:
    first: dict[Hashable, int] = {}
    for row in rows:
        if not row.ok:
            continue
        key = spec.key(row.values)
        if key in first:
            problems.add(
                row,
                f"與第 {first[key]} 列重複",
                f"duplicates row {first[key]}",
                spec.key_headers,
            )
        else:
            first[key] = row.number


def _write(spec: Spec, rows: list[Row], options: Options) -> ImportResult:
    # ``_default_manager`` is each model's only manager, ``objects``, which typing cannot see
    # on ``type[CatalogRecord]`` (an abstract model declares none).
    existing = {spec.key_of(obj): obj for obj in spec.model._default_manager.all()}
    common = {"is_approved": options.approved, "is_demo": options.is_demo, **options.fixed}
    source = f"匯入 {options.filename}"  # unless the file has a 出處 column
    new, updated, unchanged, seen = [], 0, 0, set()
    for row in rows:
        values = {**common, **row.values}
        key = spec.key(values)
        seen.add(key)
        obj = existing.get(key)
        if obj is None:
            new.append(spec.model(**{"source": source, **values}))
            continue
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed and "source" not in values and obj.source != source:
            values["source"] = source  # the file that last changed it; a rename alone is no change
            changed.append("source")
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=[*changed, "updated_at"])
            updated += 1
        else:
            unchanged += 1
    spec.model._default_manager.bulk_create(new)
    withdrawn = 0
    if options.replace:
        gone = [obj.pk for obj in spec.scope(rows, options) if spec.key_of(obj) not in seen]
        withdrawn = spec.withdraw(spec.model._default_manager.filter(pk__in=gone))
    return ImportResult(
        kind=spec.kind,
        filename=options.filename,
        created=len(new),
        updated=updated,
        unchanged=unchanged,
        withdrawn=withdrawn,
    )


def withdraw_listing(records: models.QuerySet[Any]) -> int:
    """Take records off the list (``is_approved`` off); returns how many were on it."""
    return records.filter(is_approved=True).update(is_approved=False, updated_at=timezone.now())


def delete_records(records: models.QuerySet[Any]) -> int:
    """Delete records (sessions a new schedule no longer has); returns how many."""
    return records.delete()[1].get(records.model._meta.label, 0)
