"""Screening a whole registry at once: the same rules compiled to Polars expressions.

``screen_frame`` takes a DataFrame or LazyFrame with one column per profile field
(absent columns are unknown) and adds, per program, ``<id>.eligible`` (true, false
or null for unknown), ``<id>.window`` and ``<id>.amount``; with ``criteria=True``
also ``<id>.<criterion id>`` per criterion. A frame with any of the carbon estimate's input
columns (the profile's ``electricity_kwh`` … or the ``carbon.`` extensions) also gets each
row's carbon estimate (``carbon_frame``). ``validate_frame``
finds the rows a profile, or the carbon estimate, would refuse. The property tests in
tests/rules keep this path and ``engine.screen`` (and ``carbon.estimate``) in agreement
field by field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, TypeVar, get_args, get_origin

import polars as pl

from smewindow.rules import parameters
from smewindow.rules.carbon import CarbonInputError, check_inputs
from smewindow.rules.carbon_frame import EXTENSIONS, CarbonPlan, carbon_columns
from smewindow.rules.engine import check_date, window_statuses
from smewindow.rules.logic import RoundTWD
from smewindow.rules.profile import (
    ENUM_FIELDS,
    FIELDS,
    LIST_FIELDS,
    Profile,
    enum_values,
    field_bounds,
)
from smewindow.rules.programs import PROGRAMS
from smewindow.rules.taiwan import COUNTY_SPELLINGS, DIVISIONS, business_id_valid_expr
from smewindow.rules.windows import STATUSES

WINDOW_DTYPE = pl.Enum(STATUSES)
KEEP_COLUMNS = ("business_id", "name", "county")
"""Profile columns copied to the output so that each row can be identified (the county
lets the desk's outreach pick a county's firms, docs/desk.md)."""

Frame = TypeVar("Frame", pl.DataFrame, pl.LazyFrame)


def _base_type(annotation: Any) -> Any:
    """The Python type under Optional/Annotated: bool, int, float, str or list."""
    for arg in get_args(annotation) or (annotation,):
        if arg is type(None):
            continue
        if arg in (bool, int, float, str):
            return arg
        if get_origin(arg) is Literal:
            return str
        if get_origin(arg) is list:
            return list
        found = _base_type(arg) if get_args(arg) else None
        if found is not None:
            return found
    return None


_DTYPES = {bool: pl.Boolean, int: pl.Int64, float: pl.Float64, str: pl.String}


@cache
def profile_schema() -> dict[str, pl.DataType]:
    """The Polars dtype of every profile column."""
    schema: dict[str, pl.DataType] = {}
    for name, info in Profile.model_fields.items():
        base = _base_type(info.annotation)
        schema[name] = pl.List(pl.String) if base is list else _DTYPES[base]()
    return schema


@cache
def input_schema() -> dict[str, pl.DataType]:
    """The Polars dtype of every column a registry may have: the profile's and the carbon
    estimate's extensions (``carbon_frame.EXTENSIONS``)."""
    return {**profile_schema(), **EXTENSIONS}


def output_columns(program_id: str) -> tuple[str, str, str]:
    """The eligibility, window and amount column names of a program."""
    return f"{program_id}.eligible", f"{program_id}.window", f"{program_id}.amount"


class FrameError(ValueError):
    """A frame that cannot be screened: unknown columns or uncastable types."""


def _compatible(actual: pl.DataType, expected: pl.DataType) -> bool:
    """Whether a column of ``actual`` dtype can stand for a profile field without guessing."""
    if actual == expected or actual == pl.Null():
        return True
    if expected == pl.Int64():
        return actual.is_integer()
    if expected == pl.Float64():
        return actual.is_numeric()
    if expected == pl.String():
        return actual in (pl.String(), pl.Categorical(), pl.Enum)
    if isinstance(expected, pl.List):
        return isinstance(actual, pl.List) and actual.inner in (pl.String(), pl.Null())
    return False


def conform(frame: Frame) -> Frame:
    """Add absent profile columns as unknown and cast every column to its dtype (the
    carbon estimate's extension columns are optional: those absent stay absent).

    Unknown columns and columns of an incompatible type (text for a number, a number
    for yes/no …) are refused with a FrameError naming them.
    """
    schema = input_schema()
    given = frame.collect_schema()
    unknown = [n for n in given if n not in schema]
    if unknown:
        raise FrameError(
            "不是企業概況或碳排估算的欄位 (not profile fields nor carbon estimate columns):"
            f" {', '.join(unknown)}"
        )
    wrong = [
        f"{n}（{given[n]}，應為 {schema[n]}）"
        for n in given
        if not _compatible(given[n], schema[n])
    ]
    if wrong:
        raise FrameError(f"欄位型別不符 (columns of the wrong type): {'、'.join(wrong)}")
    return frame.with_columns(
        [pl.col(n).cast(schema[n], strict=True) for n in given]
        + [pl.lit(None, dtype=schema[n]).alias(n) for n in FIELDS if n not in given]
    )


@dataclass(frozen=True)
class _Compiled:
    """One program's expressions for one parameter epoch."""

    eligible: pl.Expr
    amount: pl.Expr | None
    criteria: tuple[tuple[str, pl.Expr], ...]
    windows: tuple[tuple[pl.Expr | None, str], ...]


@cache
def _compiled(epoch: int, on: dt.date) -> tuple[_Compiled, ...]:
    resolve = parameters.resolver(on)
    compiled = []
    for program in PROGRAMS:
        tests = [(c.id, c.test.compile_pl(resolve), c.required) for c in program.criteria]
        required = [expr for _, expr, req in tests if req]
        eligible = pl.all_horizontal(required) if required else pl.lit(True)
        amount = program.benefit.amount
        compiled.append(
            _Compiled(
                eligible=eligible,
                amount=None if amount is None else RoundTWD(amount).compile_pl(resolve),
                criteria=tuple((cid, expr) for cid, expr, _ in tests),
                windows=tuple(
                    (None if w.track is None else w.track.compile_pl(resolve), w.parameter)
                    for w in program.windows
                ),
            )
        )
    return tuple(compiled)


def _window_expr(windows: tuple[tuple[pl.Expr | None, str], ...], on: dt.date) -> pl.Expr:
    statuses = window_statuses(on)
    default = pl.lit(statuses[windows[0][1]][0], dtype=WINDOW_DTYPE)
    tracked = [(track, param) for track, param in windows if track is not None]
    if not tracked:
        return default
    track, param = tracked[0]
    chain: Any = pl.when(track).then(pl.lit(statuses[param][0], dtype=WINDOW_DTYPE))
    for track, param in tracked[1:]:
        chain = chain.when(track).then(pl.lit(statuses[param][0], dtype=WINDOW_DTYPE))
    result: pl.Expr = chain.otherwise(default)
    return result


def carbon_plan(columns: Iterable[str], on: dt.date, year: int | None = None) -> CarbonPlan | None:
    """What the carbon estimate reads of a frame with ``columns``, for rows without
    ``carbon.year`` in ``year`` (by default the year before ``on``, as ``smewindow carbon``
    estimates last year); None when the frame has no carbon input column, of the profile
    or an extension (``screen_frame`` asks before ``conform`` adds the absent ones). A year
    out of the estimate's range raises FrameError."""
    given = carbon_columns(columns)
    chosen = on.year - 1 if year is None else year
    if given or year is not None:  # a year given is checked even when no row reads it
        try:
            check_inputs({"year": chosen})
        except CarbonInputError as exc:
            (error,) = exc.errors
            raise FrameError(
                f"碳排估算年度 {chosen} 有誤 (invalid carbon year)：{error.message_zh}"
                f"（{error.message_en}）"
            ) from None
    return CarbonPlan(given, chosen) if given else None


def screen_frame(
    frame: Frame,
    on: dt.date,
    *,
    criteria: bool = False,
    extra: Sequence[pl.Expr] = (),
    carbon_year: int | None = None,
) -> Frame:
    """Screen every row of ``frame`` on ``on``; returns the identifying columns and results.

    Eligibility (and each criterion) is computed once, then windows and amounts read it.
    A frame with carbon input columns gets the carbon estimate's columns after the
    programs' (``carbon_plan`` for ``carbon_year``). ``extra`` expressions over the input
    columns are added at the end (the file screener adds its validity flag so that it is
    computed in the same pass). ``frame`` is not validated here: call ``validate_frame``
    first on untrusted data.
    """
    check_date(on)
    carbon = carbon_plan(frame.collect_schema().names(), on, carbon_year)
    decided: list[pl.Expr] = []
    outputs: list[pl.Expr] = [pl.col(c) for c in KEEP_COLUMNS]
    for program, compiled in zip(PROGRAMS, _compiled(parameters.epoch(on), on), strict=True):
        eligible_name, window_name, amount_name = output_columns(program.id)
        eligible = pl.col(eligible_name)
        decided.append(compiled.eligible.alias(eligible_name))
        amount = (
            pl.lit(None, dtype=pl.Int64)
            if compiled.amount is None
            # a program with an amount is worth 0 to a firm that is not eligible
            else pl.when(eligible.not_()).then(0).otherwise(compiled.amount)
        )
        outputs += [
            eligible,
            _window_expr(compiled.windows, on).alias(window_name),
            amount.cast(pl.Int64).alias(amount_name),
        ]
        if criteria:
            names = [f"{program.id}.{cid}" for cid, _ in compiled.criteria]
            decided += [
                expr.alias(n) for n, (_, expr) in zip(names, compiled.criteria, strict=True)
            ]
            outputs += [pl.col(n) for n in names]
    if carbon is not None:
        decided += carbon.sums()
        outputs += carbon.outputs()
    return conform(frame).with_columns(decided).select(*outputs, *extra)


# --- validation: the same rules as the Profile model, vectorized --------------------


@cache
def _problems() -> dict[str, tuple[pl.Expr, str]]:
    """Per column: an expression true where a row's value is invalid, and why (zh / en).

    Each is null or false for a null value (unknown is always allowed). They are written
    for speed: one pass over 1.7 million rows must stay a fraction of a second.
    """
    checks: dict[str, tuple[pl.Expr, str]] = {}
    for name in Profile.model_fields:
        col = pl.col(name)
        if name == "listed_market":  # a market, and none for a firm said not to be listed
            checks[name] = (
                col.is_not_null()
                & (~col.is_in(enum_values(name)) | (pl.col("is_listed") == False)),  # noqa: E712
                "不是允許的值，或 is_listed 為否卻填了掛牌市場 (not allowed, or is_listed is false)",
            )
        elif name == "factory_registration_certificate":  # none without factory registration
            checks[name] = (
                col & (pl.col("factory_registration") == False),  # noqa: E712
                "factory_registration 為否卻領有工廠登記證"
                " (a certificate, but factory_registration is false)",
            )
        elif name in ENUM_FIELDS:
            checks[name] = (~col.is_in(enum_values(name)), "不是允許的值 (not an allowed value)")
        elif name in LIST_FIELDS:
            bad_item = col.list.eval(~pl.element().is_in(enum_values(name))).list.any()
            repeated = col.list.len() != col.list.n_unique()
            checks[name] = (
                bad_item | repeated,
                "含不允許或重複的值 (a value not allowed or repeated)",
            )
        elif name == "business_id":
            valid = business_id_valid_expr(col)
            checks[name] = (~valid, "統一編號格式或檢查碼不符 (invalid business id)")
        elif name == "county":
            checks[name] = (~col.is_in(sorted(COUNTY_SPELLINGS)), "不是臺灣的縣市 (not a county)")
        elif name == "industry":
            checks[name] = (~col.is_in(list(DIVISIONS)), "不是行業中類代碼 (not a TSIC division)")
        elif name == "name":
            checks[name] = (col.str.len_chars() > 200, "過長，上限200字 (longer than 200)")
        else:
            low, high = field_bounds(name)
            if low is None or high is None:
                continue
            if profile_schema()[name] == pl.Int64():
                low, high = int(low), int(high)  # float bounds would cast the column
            # is_between is false for NaN and for ±inf beyond the bounds too.
            checks[name] = (
                ~col.is_between(low, high),
                f"須介於 {low:,.0f} 與 {high:,.0f} 之間 (must be from {low:,.0f} to {high:,.0f})",
            )
    return checks


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    value: Any
    reason: str

    def __str__(self) -> str:
        return f"第 {self.row} 列 (row {self.row}) {self.field}={self.value!r}：{self.reason}"


@cache
def _profile_invalid() -> pl.Expr:
    return pl.any_horizontal(bad for bad, _ in _problems().values()).fill_null(False)


def invalid_expr(carbon: CarbonPlan | None = None) -> pl.Expr:
    """True for a row with any value that a profile, or the ``carbon`` estimate, would refuse."""
    if carbon is None:
        return _profile_invalid()
    bad = [expr for _, expr, _ in carbon.problems()]
    return pl.any_horizontal(_profile_invalid(), *bad).fill_null(False)


def validate_frame(
    frame: pl.DataFrame,
    *,
    row_numbers: list[int] | None = None,
    limit: int = 20,
    carbon: CarbonPlan | None = None,
) -> list[RowError]:
    """The invalid values of a conformed frame, at most ``limit``; with ``carbon``, the
    carbon inputs it reads too.

    Rows are numbered from 1 in frame order unless ``row_numbers`` gives each row's number.
    """
    checks = [(name, bad, why) for name, (bad, why) in _problems().items()]
    checks += [] if carbon is None else carbon.problems()
    flags = frame.select(
        [pl.int_range(pl.len()).alias("__index")]
        + [bad.fill_null(False).alias(f"__check{i}") for i, (_, bad, _) in enumerate(checks)]
    ).filter(pl.any_horizontal(f"__check{i}" for i in range(len(checks))))
    errors: list[RowError] = []
    for row in flags.head(limit).iter_rows():
        index, *failed = row
        number = row_numbers[index] if row_numbers is not None else index + 1
        for (name, _, why), is_bad in zip(checks, failed, strict=True):
            if is_bad and len(errors) < limit:
                value = frame[name][index]
                if isinstance(value, pl.Series):
                    value = value.to_list()
                errors.append(RowError(number, name, value, why))
    return errors
