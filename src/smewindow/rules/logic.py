"""Three-valued rule expressions that compile to plain Python and to Polars.

A rule is written once as a tree of :class:`Expr` nodes. ``compile_py`` turns it
into a closure over one profile (a mapping whose missing or ``None`` values are
unknown) and ``compile_pl`` into a Polars expression over a frame of profiles
(``null`` is unknown). Both apply Kleene logic and propagate unknown through
arithmetic, so the two paths agree value for value; a property test checks it.

Parameters (``Param``) are resolved when a rule is compiled, through the
``resolve`` function passed in, so one compiled rule serves one parameter epoch.
"""

from __future__ import annotations

import math
import operator
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import polars as pl

Profile = Mapping[str, Any]
PyFn = Callable[[Profile], Any]
Resolve = Callable[[str], Any]

_COMPARE = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
    "==": operator.eq,
    "!=": operator.ne,
}


class Expr(ABC):
    """A node of a rule. Subclasses compile to Python and to Polars."""

    def fields(self) -> frozenset[str]:
        """The profile fields this expression reads."""
        return frozenset().union(*(c.fields() for c in self.children()))

    def children(self) -> tuple[Expr, ...]:
        return ()

    @abstractmethod
    def compile_py(self, resolve: Resolve) -> PyFn:
        """A closure computing the value for one profile."""

    @abstractmethod
    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        """A Polars expression computing the value for every row of a frame."""

    def constant(self, resolve: Resolve) -> tuple[bool, Any]:
        """(True, value) when the expression needs no profile, else (False, None)."""
        return False, None

    # Operators make rules read like the regulation: Field("employees") <= 30.
    def __le__(self, other: Any) -> Expr:
        return Compare("<=", self, lift(other))

    def __lt__(self, other: Any) -> Expr:
        return Compare("<", self, lift(other))

    def __ge__(self, other: Any) -> Expr:
        return Compare(">=", self, lift(other))

    def __gt__(self, other: Any) -> Expr:
        return Compare(">", self, lift(other))

    def eq(self, other: Any) -> Expr:
        return Compare("==", self, lift(other))

    def __mul__(self, other: Any) -> Expr:
        return Arith("*", (self, lift(other)))

    def __add__(self, other: Any) -> Expr:
        return Arith("+", (self, lift(other)))

    def __sub__(self, other: Any) -> Expr:
        return Arith("-", (self, lift(other)))

    def __invert__(self) -> Expr:
        return Not(self)

    def __and__(self, other: Expr) -> Expr:
        return And(self, other)

    def __or__(self, other: Expr) -> Expr:
        return Or(self, other)


def lift(value: Any) -> Expr:
    """Wrap a plain value as a constant expression."""
    return value if isinstance(value, Expr) else Const(value)


@dataclass(frozen=True, eq=False)
class Const(Expr):
    value: Any

    def constant(self, resolve: Resolve) -> tuple[bool, Any]:
        return True, self.value

    def compile_py(self, resolve: Resolve) -> PyFn:
        value = self.value
        return lambda p: value

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        return pl.lit(self.value)


@dataclass(frozen=True, eq=False)
class Param(Expr):
    """A dated parameter, resolved to its value on the screening date."""

    name: str

    def constant(self, resolve: Resolve) -> tuple[bool, Any]:
        return True, resolve(self.name)

    def compile_py(self, resolve: Resolve) -> PyFn:
        value = resolve(self.name)
        return lambda p: value

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        return pl.lit(resolve(self.name))


@dataclass(frozen=True, eq=False)
class Field(Expr):
    """A profile field; absent or None is unknown."""

    name: str

    def fields(self) -> frozenset[str]:
        return frozenset({self.name})

    def compile_py(self, resolve: Resolve) -> PyFn:
        name = self.name
        return lambda p: p.get(name)

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        return pl.col(self.name)


@dataclass(frozen=True, eq=False)
class Compare(Expr):
    op: str
    left: Expr
    right: Expr

    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)

    def compile_py(self, resolve: Resolve) -> PyFn:
        op = _COMPARE[self.op]
        is_const, c = self.right.constant(resolve)
        if is_const and isinstance(self.left, Field):
            if c is None:
                return lambda p: None
            name = self.left.name
            return lambda p: None if (v := p.get(name)) is None else op(v, c)
        left, right = self.left.compile_py(resolve), self.right.compile_py(resolve)

        def compare(p: Profile) -> bool | None:
            a, b = left(p), right(p)
            return None if a is None or b is None else op(a, b)

        return compare

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        op: Callable[[pl.Expr, pl.Expr], pl.Expr] = _COMPARE[self.op]
        return op(self.left.compile_pl(resolve), self.right.compile_pl(resolve))


@dataclass(frozen=True, eq=False)
class IsIn(Expr):
    """A scalar field's value is one of ``values``."""

    field: Field
    values: frozenset[Any]

    def children(self) -> tuple[Expr, ...]:
        return (self.field,)

    def compile_py(self, resolve: Resolve) -> PyFn:
        name, values = self.field.name, self.values
        return lambda p: None if (v := p.get(name)) is None else v in values

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        # is_in gives null for a null value (and the values never hold null).
        return pl.col(self.field.name).is_in(sorted(self.values))


@dataclass(frozen=True, eq=False)
class HasAny(Expr):
    """A list field holds at least one of ``values`` (an empty list is known: false)."""

    field: Field
    values: frozenset[str]

    def children(self) -> tuple[Expr, ...]:
        return (self.field,)

    def compile_py(self, resolve: Resolve) -> PyFn:
        name, values = self.field.name, self.values
        return lambda p: None if (v := p.get(name)) is None else not values.isdisjoint(v)

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        # A null list gives null; an empty list gives false.
        return pl.col(self.field.name).list.eval(pl.element().is_in(sorted(self.values))).list.any()


@dataclass(frozen=True, eq=False, init=False)
class _Junction(Expr):
    """Kleene And/Or: the decisive answer wins; else unknown if any part is unknown."""

    parts: tuple[Expr, ...]
    decisive: ClassVar[bool]  # False for And, True for Or

    def __init__(self, *parts: Expr) -> None:
        object.__setattr__(self, "parts", parts)

    def children(self) -> tuple[Expr, ...]:
        return self.parts

    def compile_py(self, resolve: Resolve) -> PyFn:
        fns = tuple(part.compile_py(resolve) for part in self.parts)
        decisive: bool = self.decisive
        otherwise: bool = not decisive

        def junction(p: Profile) -> bool | None:
            result: bool | None = otherwise
            for fn in fns:
                v = fn(p)
                if v is decisive:
                    return bool(v)
                if v is None:
                    result = None
            return result

        return junction

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        horizontal = pl.any_horizontal if self.decisive else pl.all_horizontal
        return horizontal(*(part.compile_pl(resolve) for part in self.parts))


class And(_Junction):
    """Kleene conjunction: false if any is false, else unknown if any is unknown."""

    decisive = False


class Or(_Junction):
    """Kleene disjunction: true if any is true, else unknown if any is unknown."""

    decisive = True


@dataclass(frozen=True, eq=False)
class Not(Expr):
    part: Expr

    def children(self) -> tuple[Expr, ...]:
        return (self.part,)

    def compile_py(self, resolve: Resolve) -> PyFn:
        fn = self.part.compile_py(resolve)
        return lambda p: None if (v := fn(p)) is None else not v

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        return ~self.part.compile_pl(resolve)


@dataclass(frozen=True, eq=False)
class OnlyIfTrue(Expr):
    """True when ``part`` is true, unknown otherwise: a fallback that can only confirm."""

    part: Expr

    def children(self) -> tuple[Expr, ...]:
        return (self.part,)

    def compile_py(self, resolve: Resolve) -> PyFn:
        fn = self.part.compile_py(resolve)
        return lambda p: True if fn(p) is True else None

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        return pl.when(self.part.compile_pl(resolve)).then(pl.lit(True)).otherwise(None)


@dataclass(frozen=True, eq=False)
class Coalesce(Expr):
    """The first answer that is known: ``preferred`` if known, else ``fallback``."""

    preferred: Expr
    fallback: Expr

    def children(self) -> tuple[Expr, ...]:
        return (self.preferred, self.fallback)

    def compile_py(self, resolve: Resolve) -> PyFn:
        first, second = self.preferred.compile_py(resolve), self.fallback.compile_py(resolve)
        return lambda p: second(p) if (v := first(p)) is None else v

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        return pl.coalesce(self.preferred.compile_pl(resolve), self.fallback.compile_pl(resolve))


@dataclass(frozen=True, eq=False)
class IfElse(Expr):
    """``then`` when ``condition`` is true, ``otherwise`` when false, unknown when unknown."""

    condition: Expr
    then: Expr
    otherwise: Expr

    def children(self) -> tuple[Expr, ...]:
        return (self.condition, self.then, self.otherwise)

    def compile_py(self, resolve: Resolve) -> PyFn:
        cond = self.condition.compile_py(resolve)
        then, otherwise = self.then.compile_py(resolve), self.otherwise.compile_py(resolve)

        def if_else(p: Profile) -> Any:
            c = cond(p)
            return None if c is None else then(p) if c else otherwise(p)

        return if_else

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        cond = self.condition.compile_pl(resolve)
        return (
            pl.when(cond.is_null())
            .then(None)
            .when(cond)
            .then(self.then.compile_pl(resolve))
            .otherwise(self.otherwise.compile_pl(resolve))
        )


_ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "min": min,
    "max": max,
}


@dataclass(frozen=True, eq=False)
class Arith(Expr):
    """Sum, difference, product, minimum or maximum of its parts, left to right; unknown if
    any part is."""

    op: str
    parts: tuple[Expr, ...]

    def children(self) -> tuple[Expr, ...]:
        return self.parts

    def compile_py(self, resolve: Resolve) -> PyFn:
        first, *rest = (part.compile_py(resolve) for part in self.parts)
        op = _ARITH[self.op]

        def arith(p: Profile) -> Any:
            total = first(p)
            if total is None:
                return None
            for fn in rest:
                v = fn(p)
                if v is None:
                    return None
                total = op(total, v)
            return total

        return arith

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        parts = [part.compile_pl(resolve) for part in self.parts]
        total = parts[0]
        for part in parts[1:]:
            if self.op in ("min", "max"):
                # min/max_horizontal skip nulls; unknown must stay unknown.
                extreme = pl.min_horizontal if self.op == "min" else pl.max_horizontal
                total = (
                    pl.when(total.is_null() | part.is_null())
                    .then(None)
                    .otherwise(extreme(total, part))
                )
            else:
                total = _ARITH[self.op](total, part)
        return total


@dataclass(frozen=True, eq=False)
class RoundTWD(Expr):
    """Round a money amount to whole New Taiwan dollars, halves up."""

    part: Expr

    def children(self) -> tuple[Expr, ...]:
        return (self.part,)

    def compile_py(self, resolve: Resolve) -> PyFn:
        fn = self.part.compile_py(resolve)
        return lambda p: None if (v := fn(p)) is None else math.floor(v + 0.5)

    def compile_pl(self, resolve: Resolve) -> pl.Expr:
        return (self.part.compile_pl(resolve).cast(pl.Float64) + 0.5).floor().cast(pl.Int64)


def minimum(*parts: Any) -> Expr:
    """The smallest of the parts; unknown if any part is unknown."""
    return Arith("min", tuple(lift(p) for p in parts))


def maximum(*parts: Any) -> Expr:
    """The largest of the parts; unknown if any part is unknown."""
    return Arith("max", tuple(lift(p) for p in parts))


def largest_possible(condition: Expr, then: Any, otherwise: Any) -> Expr:
    """``then`` when ``condition`` is true, ``otherwise`` when false, and the larger of the
    two while it is unknown: the most a firm could get under a condition not yet answered."""
    return Coalesce(IfElse(condition, lift(then), lift(otherwise)), maximum(then, otherwise))


def unknown_if(condition: Expr, otherwise: Expr) -> Expr:
    """Unknown where ``condition`` holds, else ``otherwise``: a case the sources leave open,
    which no answer of the firm settles (it must ask the agency)."""
    return IfElse(condition, Const(None), otherwise)


def implies(condition: Expr, consequence: Expr) -> Expr:
    """'If condition then consequence', in Kleene logic (not condition, or consequence)."""
    return Or(Not(condition), consequence)


UnknownsFn = Callable[[Profile], set[str]]


def compile_unknowns(expr: Expr, resolve: Resolve) -> UnknownsFn:
    """A closure naming the unanswered fields that leave ``expr`` unknown for a profile.

    It descends only into sub-expressions that are themselves unknown, so a field whose
    answer can no longer matter (the other side of an Or that is already true) is
    not named.
    """
    if isinstance(expr, Field):
        name = expr.name
        return lambda p: {name} if p.get(name) is None else set()
    children = [(c.compile_py(resolve), compile_unknowns(c, resolve)) for c in expr.children()]

    def unknowns(p: Profile) -> set[str]:
        found: set[str] = set()
        for value, why in children:
            if value(p) is None:
                found |= why(p)
        return found

    return unknowns
