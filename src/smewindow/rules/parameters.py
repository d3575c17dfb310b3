"""Dated parameters: every threshold, rate, cap, amount and window of the plan.

Parameters live in ``parameters/*.yaml``, one file per program or statute. Each
entry has a description, its English ``description_en`` (optional: English pages show
the name without it), a unit, references (a seed section or an official URL) and
``values`` keyed by effective date. A change of law adds a dated value;
nothing is overwritten, so any date stays answerable. A parameter is named
``<file stem>.<key>``; before its first effective date it has no value (None).

A reference with a ``date`` backs the value of that date alone; one without backs the
parameter as a whole. A parameter with several values names a source for each: every one
of its dates has a reference dated to it (so a reader sees where each change came from).
A reference marked ``unconfirmed: true`` is a guess (the fact sheet's UNCONFIRMED, said
in its ``note``): every text stating a value it backs says so (``texts.fill``).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

UNITS = frozenset(
    {
        "TWD",
        "rate",
        "count",
        "persons",
        "kW",
        "TWD/kW",
        "TWD/kWh",
        "kgCO2e/kWh",
        "years",
        "months",
        "days",
        "hours",
        "age",
        "share",
        "window",
        "date",
        "kgCO2e/m3",
        "kgCO2e/kg",
        "kgCO2e/L",
        "GWP",
        "kWh/m2/yr",
    }
)
_PARAMETER_KEYS = frozenset(
    {"description", "description_en", "unit", "reference", "values", "note"}
)
_REFERENCE_KEYS = frozenset({"title", "seed", "url", "note", "date", "unconfirmed"})


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it


class ParameterFileError(ValueError):
    """A parameter file breaks the format described in this module."""


@dataclass(frozen=True)
class Reference:
    title: str
    seed: str | None = None
    url: str | None = None
    note: str | None = None
    date: dt.date | None = None
    """The dated value this source backs; None when it backs the whole parameter."""
    unconfirmed: bool = False
    """The value it backs is a guess: texts stating it mark it 待確認 (unconfirmed)."""

    def cite(self) -> str:
        """A short citation: ``seed: <section>`` or the URL."""
        return f"seed: {self.seed}" if self.seed else str(self.url)


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: str
    references: tuple[Reference, ...]
    dates: tuple[dt.date, ...]
    values: tuple[Any, ...]
    note: str | None = None
    description_en: str | None = None
    """The description in English (what English pages name the parameter by)."""

    def at(self, on: dt.date) -> Any:
        """The value in force on ``on``; None before the first effective date."""
        i = bisect.bisect_right(self.dates, on)
        return self.values[i - 1] if i else None

    def reference_on(self, on: dt.date) -> tuple[Reference, ...]:
        """The sources of the value in force on ``on``: those dated to it and the undated
        ones; none before the first effective date."""
        i = bisect.bisect_right(self.dates, on)
        if not i:
            return ()
        return tuple(r for r in self.references if r.date in (None, self.dates[i - 1]))

    def unconfirmed_on(self, on: dt.date) -> bool:
        """Whether a source of the value in force on ``on`` marks it as unconfirmed."""
        return any(r.unconfirmed for r in self.reference_on(on))


def load_parameter_text(stem: str, text: str) -> dict[str, Parameter]:
    data = yaml.load(text, Loader=_Loader) or {}
    if not isinstance(data, dict):
        raise ParameterFileError(f"{stem}.yaml: top level must be a mapping")
    params = {}
    for key, entry in data.items():
        name = f"{stem}.{key}"
        if not isinstance(entry, dict):
            raise ParameterFileError(f"{name}: must be a mapping")
        unknown = set(entry) - _PARAMETER_KEYS
        if unknown:
            raise ParameterFileError(f"{name}: unknown keys {sorted(unknown)}")
        for required in ("description", "unit", "reference", "values"):
            if not entry.get(required):
                raise ParameterFileError(f"{name}: needs a {required}")
        if "description_en" in entry and not (
            isinstance(entry["description_en"], str) and entry["description_en"].strip()
        ):
            raise ParameterFileError(f"{name}: description_en must be a non-empty text")
        if entry["unit"] not in UNITS:
            raise ParameterFileError(f"{name}: unit {entry['unit']!r} not one of {sorted(UNITS)}")
        values = entry["values"]
        if not isinstance(values, dict) or not all(type(d) is dt.date for d in values):
            raise ParameterFileError(f"{name}: values must be keyed by dates (YYYY-MM-DD)")
        dates = tuple(sorted(values))
        refs = tuple(_reference(name, ref, dates) for ref in entry["reference"])
        unbacked = [d for d in dates if len(dates) > 1 and all(r.date != d for r in refs)]
        if unbacked:
            raise ParameterFileError(
                f"{name}: several values, so each needs a reference dated to it;"
                f" none for {', '.join(map(str, unbacked))}"
            )
        params[name] = Parameter(
            name=name,
            description=entry["description"],
            unit=entry["unit"],
            references=refs,
            dates=dates,
            values=tuple(values[d] for d in dates),
            note=entry.get("note"),
            description_en=entry.get("description_en"),
        )
    return params


def _reference(name: str, ref: Any, dates: tuple[dt.date, ...]) -> Reference:
    """One checked reference of parameter ``name``, whose values have ``dates``."""
    if not isinstance(ref, dict) or set(ref) - _REFERENCE_KEYS or not ref.get("title"):
        raise ParameterFileError(
            f"{name}: a reference needs a title and only {sorted(_REFERENCE_KEYS)}"
        )
    if not (ref.get("seed") or ref.get("url")):
        raise ParameterFileError(f"{name}: a reference needs a seed section or a url")
    if not isinstance(ref.get("unconfirmed", False), bool):
        raise ParameterFileError(f"{name}: a reference's unconfirmed must be true or false")
    if "date" in ref and ref["date"] not in dates:
        raise ParameterFileError(
            f"{name}: reference date {ref['date']} is not the date of one of its values"
        )
    return Reference(**ref)


@cache
def load_parameters() -> dict[str, Parameter]:
    """Every parameter of the package, by name."""
    params: dict[str, Parameter] = {}
    folder = resources.files("smewindow.rules") / "parameters"
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.endswith(".yaml"):
            params.update(
                load_parameter_text(path.name.removesuffix(".yaml"), path.read_text("utf-8"))
            )
    return params


@cache
def _change_dates() -> tuple[dt.date, ...]:
    return tuple(sorted({d for p in load_parameters().values() for d in p.dates}))


def epoch(on: dt.date) -> int:
    """An index that is equal for two dates exactly when every parameter is equal."""
    return bisect.bisect_right(_change_dates(), on)


def resolver(on: dt.date) -> Any:
    """A function giving each parameter's value on ``on``; unknown names raise KeyError."""
    params = load_parameters()

    def resolve(name: str) -> Any:
        return params[name].at(on)

    return resolve
