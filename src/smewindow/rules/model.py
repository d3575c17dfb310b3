"""What a program of the plan is: criteria, benefit, windows, next steps, contact."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from smewindow.rules.logic import Expr

BENEFIT_KINDS = frozenset(
    {"grant", "loan", "guarantee", "tax_saving", "points", "service", "counselling", "training"}
)
MONEY_KINDS = frozenset({"grant", "loan", "tax_saving", "guarantee", "points"})
"""Benefit kinds that put money in the firm's hands (or save it); the others are services."""
GROUPS = {
    "digital": "策略1 數位轉型",
    "netzero": "策略2 淨零轉型",
    "channel": "策略3 通路發展",
    "support": "配套措施",
    "finance": "財務輔導",
}


@dataclass(frozen=True)
class Criterion:
    """One condition of a program, named like the notice, with its source.

    ``label`` is the notice's Traditional Chinese; ``label_en`` is its plain English
    translation, for the site's second language.
    """

    id: str
    label: str
    label_en: str
    source: str
    test: Expr
    required: bool = True
    applies: Expr | None = None
    """The firms the condition is about (a manufacturer, for a factory registration): where
    this is false the condition is met without asking anything, and reads 不適用."""

    def __post_init__(self) -> None:
        if not self.label_en.strip():
            raise ValueError(f"{self.id}: needs an English label")


@dataclass(frozen=True)
class Benefit:
    """What the program gives.

    ``amount`` is the headline TWD value (None: no money value). ``max_amount`` is the most
    the firm could receive given what is known — the per-firm cap, or the cap that known
    inputs imply (None: the program sets none; a program with a fixed ``amount`` and no
    ``max_amount`` has that amount as its cap). ``summary`` states the benefit for people,
    with ``{parameter.name}`` where an amount, rate or date stands, so the text always
    reads the value in force on the date shown (``rules.benefit_text``). ``detail`` holds the
    program's terms (caps, rates, the firm's track); ``money_detail`` the firm's own money
    worked out from its answers (the parts of its amount, a fee), in whole NT$ like the
    amount, and none (null) for an ineligible firm, whose amount is 0: both are reported
    under ``benefit.detail``.
    """

    kind: str
    amount: Expr | None = None
    detail: Mapping[str, Expr] = field(default_factory=dict)
    money_detail: Mapping[str, Expr] = field(default_factory=dict)
    max_amount: Expr | None = None
    summary: str = ""
    summary_en: str = ""


@dataclass(frozen=True)
class Window:
    """An application window (a dated parameter), for the firms of a track if given."""

    parameter: str
    track: Expr | None = None


@dataclass(frozen=True)
class Program:
    """A measure of the plan, as the notice describes it.

    Every text a person reads comes in Traditional Chinese and in English (``*_en``).
    """

    id: str
    name: str
    name_en: str
    group: str
    source: str
    url: str
    criteria: tuple[Criterion, ...]
    benefit: Benefit
    windows: tuple[Window, ...]
    next_steps: str
    next_steps_en: str
    contact: str
    contact_en: str

    def __post_init__(self) -> None:
        for name in ("name_en", "next_steps_en", "contact_en"):
            if not getattr(self, name).strip():
                raise ValueError(f"{self.id}: needs {name}")
        if self.benefit.kind not in BENEFIT_KINDS:
            raise ValueError(f"{self.id}: benefit kind {self.benefit.kind!r}")
        if bool(self.benefit.summary.strip()) != bool(self.benefit.summary_en.strip()):
            raise ValueError(f"{self.id}: a benefit summary needs both Chinese and English")
        if set(self.benefit.detail) & set(self.benefit.money_detail):
            raise ValueError(f"{self.id}: a detail key in both detail and money_detail")
        if self.group not in GROUPS:
            raise ValueError(f"{self.id}: group {self.group!r}")
        if not self.windows:
            raise ValueError(f"{self.id}: needs a window")
        ids = [c.id for c in self.criteria]
        if len(ids) != len(set(ids)):
            raise ValueError(f"{self.id}: repeated criterion id")
