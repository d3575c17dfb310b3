"""Screening one firm against every program: the result of ``shared/spec/screening.md``.

Rules are compiled to closures once per parameter epoch (a span of dates in which
no parameter changes) and window statuses once per date, so a screening costs only
the evaluation of the criteria and the building of the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from smewindow.rules import parameters
from smewindow.rules.logic import PyFn, RoundTWD, UnknownsFn, compile_unknowns
from smewindow.rules.model import Program
from smewindow.rules.profile import FIELDS, Profile, parse_profile
from smewindow.rules.programs import PROGRAMS, PROGRAMS_BY_ID
from smewindow.rules.texts import fill
from smewindow.rules.verification import last_verified
from smewindow.rules.windows import WindowDates, application_deadline, window_status

RULES_VERSION = "2026.12-1"
"""The rule set: the seed of 2025-03 plus the fact sheet's later changes, as encoded."""

SCREENING_FROM = dt.date(2025, 1, 1)
"""The first date the rules answer for: every criterion's parameters have a value from it."""

TAIPEI = ZoneInfo("Asia/Taipei")
RESULT = {True: "met", False: "unmet", None: "unknown"}
ELIGIBILITY = {True: "eligible", False: "ineligible", None: "unknown"}
_FIELD_ORDER = {name: i for i, name in enumerate(FIELDS)}


class ScreeningDateError(ValueError):
    """A date outside what the rules cover."""


def today_taipei() -> dt.date:
    """Today's date in Asia/Taipei, the default screening date."""
    return dt.datetime.now(TAIPEI).date()


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass(frozen=True)
class _CompiledCriterion:
    by_result: dict[bool | None, dict[str, Any]]  # the output entry for each result, copied
    test: PyFn
    required: bool
    unknowns: UnknownsFn
    applies: PyFn | None


@dataclass(frozen=True)
class _CompiledProgram:
    program: Program
    texts: dict[str, str]  # the next steps and contact, filled for the epoch
    criteria: tuple[_CompiledCriterion, ...]
    amount: PyFn | None
    amount_unknowns: UnknownsFn | None
    max_amount: PyFn | None
    detail_static: dict[str, Any]
    detail_dynamic: tuple[tuple[str, PyFn], ...]
    money_detail: tuple[tuple[str, PyFn], ...]
    windows: tuple[tuple[PyFn | None, str], ...]


def _compile_program(
    program: Program, resolve: Callable[[str], Any], on: dt.date
) -> _CompiledProgram:
    """``program`` compiled for the parameters ``resolve`` gives, its texts filled on ``on``
    (a date of the same epoch)."""
    criteria = tuple(
        _CompiledCriterion(
            by_result={
                result: {
                    "id": c.id,
                    "result": text,
                    "label": fill(c.label, on),
                    "label_en": fill(c.label_en, on, "en"),
                    "source": c.source,
                    "required": c.required,
                    "applies": True,
                }
                for result, text in RESULT.items()
            },
            test=c.test.compile_py(resolve),
            required=c.required,
            unknowns=compile_unknowns(c.test, resolve),
            applies=None if c.applies is None else c.applies.compile_py(resolve),
        )
        for c in program.criteria
    )
    amount, cap = program.benefit.amount, program.benefit.max_amount
    static: dict[str, Any] = {}
    dynamic = []
    for key, expr in program.benefit.detail.items():
        is_constant, value = expr.constant(resolve)
        if is_constant:
            static[key] = _json_value(value)
        else:
            dynamic.append((key, expr.compile_py(resolve)))
    return _CompiledProgram(
        program=program,
        texts=_texts(program, on),
        criteria=criteria,
        amount=None if amount is None else RoundTWD(amount).compile_py(resolve),
        amount_unknowns=None if amount is None else compile_unknowns(amount, resolve),
        max_amount=None if cap is None else RoundTWD(cap).compile_py(resolve),
        detail_static=static,
        detail_dynamic=tuple(dynamic),
        money_detail=tuple(
            (key, RoundTWD(expr).compile_py(resolve))
            for key, expr in program.benefit.money_detail.items()
        ),
        windows=tuple(
            (None if w.track is None else w.track.compile_py(resolve), w.parameter)
            for w in program.windows
        ),
    )


def _texts(program: Program, on: dt.date) -> dict[str, str]:
    """The program's next steps and contact, in both languages, filled on ``on``."""
    return {
        key: fill(getattr(program, key), on, "en" if key.endswith("_en") else "zh")
        for key in ("next_steps", "next_steps_en", "contact", "contact_en")
    }


_BY_EPOCH: dict[int, tuple[_CompiledProgram, ...]] = {}


def compiled_programs(on: dt.date) -> tuple[_CompiledProgram, ...]:
    """The programs compiled for the parameters in force on ``on`` (cached per epoch)."""
    epoch = parameters.epoch(on)
    found = _BY_EPOCH.get(epoch)
    if found is None:
        resolve = parameters.resolver(on)
        found = _BY_EPOCH[epoch] = tuple(_compile_program(p, resolve, on) for p in PROGRAMS)
    return found


@lru_cache(maxsize=4096)
def window_statuses(on: dt.date) -> dict[str, tuple[str, WindowDates | None]]:
    """The status of every window parameter on ``on``."""
    params = parameters.load_parameters()
    return {
        name: window_status(param.at(on), on)
        for name, param in params.items()
        if param.unit == "window"
    }


@lru_cache(maxsize=4096)
def _window_deadlines(on: dt.date) -> dict[str, dt.date | None]:
    """The deadline for applying of every window parameter on ``on`` (None: none)."""
    params = parameters.load_parameters()
    return {
        name: application_deadline(param.at(on), on)
        for name, param in params.items()
        if param.unit == "window"
    }


def program_deadline(program: Mapping[str, Any], on: dt.date) -> dt.date | None:
    """The deadline for applying (a day, or a moment as an aware datetime) of a program as
    ``screen`` reported it on ``on``: the closing of its window when the window's parameter
    calls it a deadline, else None (no closing, or the end of a law's or program's term)."""
    statuses, deadlines = window_statuses(on), _window_deadlines(on)
    for window in PROGRAMS_BY_ID[program["id"]].windows:
        if statuses[window.parameter] == (program["window"], program["window_dates"]):
            return deadlines[window.parameter]
    return None


def program_summary(program: Program, on: dt.date) -> dict[str, Any]:
    """A catalogue entry: what a program is and its (main) window on ``on``, no firm needed."""
    status, dates = window_statuses(on)[program.windows[0].parameter]
    return {
        "id": program.id,
        "name": program.name,
        "name_en": program.name_en,
        "group": program.group,
        "kind": program.benefit.kind,
        "window": status,
        "window_dates": dates,
        "source": program.source,
        "url": program.url,
        "last_verified": last_verified(program.id),
        **_texts(program, on),
    }


def check_date(on: dt.date) -> None:
    """Refuse dates before the rules' coverage."""
    if on < SCREENING_FROM:
        raise ScreeningDateError(
            f"規則自 {SCREENING_FROM.isoformat()} 起適用，無法篩選 {on.isoformat()}"
            f" (rules apply from {SCREENING_FROM.isoformat()})"
        )


def _amounts(
    cp: _CompiledProgram, values: Mapping[str, Any], eligible: bool | None
) -> tuple[Any, Any, list[str]]:
    """The amount, the most the firm could receive, and the unanswered fields that would
    price the amount. An ineligible program gets 0 where it has an amount or a cap, and
    needs no answer; a fixed amount with no cap of its own is its own cap."""
    if eligible is False:
        has_cap = cp.amount is not None or cp.max_amount is not None
        return (None if cp.amount is None else 0), (0 if has_cap else None), []
    amount = None if cp.amount is None else cp.amount(values)
    cap = amount if cp.max_amount is None else cp.max_amount(values)
    fields: list[str] = []
    if amount is None and cp.amount_unknowns is not None:
        fields = sorted(cp.amount_unknowns(values), key=_FIELD_ORDER.__getitem__)
    return amount, cap, fields


def _screen_program(
    cp: _CompiledProgram, values: Mapping[str, Any], windows: Mapping[str, Any]
) -> dict[str, Any]:
    eligible: bool | None = True
    criteria = []
    undecided: set[str] = set()
    for c in cp.criteria:
        result = c.test(values)
        entry = c.by_result[result].copy()
        if c.applies is not None and c.applies(values) is False:
            entry["applies"] = False
        criteria.append(entry)
        if c.required:
            if result is False:
                eligible = False
            elif result is None:
                undecided |= c.unknowns(values)
                if eligible:
                    eligible = None
    amount, cap, amount_fields = _amounts(cp, values, eligible)
    detail = dict(cp.detail_static)
    for key, fn in cp.detail_dynamic:
        detail[key] = _json_value(fn(values))
    for key, fn in cp.money_detail:
        detail[key] = None if eligible is False else fn(values)
    window_param = cp.windows[0][1]
    for track, param in cp.windows:
        if track is not None and track(values) is True:
            window_param = param
            break
    status, dates = windows[window_param]
    program = cp.program
    return {
        "id": program.id,
        "name": program.name,
        "name_en": program.name_en,
        "group": program.group,
        "eligibility": ELIGIBILITY[eligible],
        "window": status,
        "window_dates": dates,
        "benefit": {
            "kind": program.benefit.kind,
            "amount": amount,
            "max_amount": cap,
            "amount_fields": amount_fields,
            "unit": "TWD",
            "detail": detail,
        },
        "criteria": criteria,
        "missing_fields": (
            sorted(undecided, key=_FIELD_ORDER.__getitem__) if eligible is None else []
        ),
        **cp.texts,
        "source": program.source,
        "url": program.url,
        "last_verified": last_verified(program.id),
    }


def screen(profile: Mapping[str, Any] | Profile, on: dt.date | None = None) -> dict[str, Any]:
    """Screen one firm against every program on ``on`` (default: today in Taipei).

    ``profile`` is a plain mapping (as parsed from JSON) or a validated Profile.
    Raises ProfileError naming each bad field, or ScreeningDateError.
    """
    validated = parse_profile(profile)
    on = on or today_taipei()
    check_date(on)
    values = validated.__dict__
    windows = window_statuses(on)
    return {
        "as_of": on.isoformat(),
        "rules_version": RULES_VERSION,
        "programs": [_screen_program(cp, values, windows) for cp in compiled_programs(on)],
    }
