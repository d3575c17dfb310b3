"""The agency dashboard: applications by status and track, budgets, counties and industries,
as tables with a chart (``catalog.charts``) and a CSV download each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from smewindow.applications.models import TRACK_NAMES, Application, Budget, Status
from smewindow.catalog.charts import bar_chart
from smewindow.rules.taiwan import DIVISION_NAMES


def _tracks() -> list[tuple[str, str]]:
    """Each track and its name in the page's language."""
    return [(track, _(zh)) for track, (zh, _en) in TRACK_NAMES.items()]


Value = int | float | None
"""A table cell: a count or an amount, a measure (a median, a share), or none (blank)."""


@dataclass(frozen=True)
class Table:
    """Rows of counts or amounts under ``header`` (the first column is the row label)."""

    slug: str
    caption: str
    header: tuple[str, ...]
    rows: Sequence[tuple[str, Sequence[Value]]]
    charted: int = 0
    """How many value columns the chart stacks (0: all; -1: no chart)."""

    @property
    def chart(self) -> SafeString:
        if self.charted < 0:
            return SafeString("")
        end = (self.charted or len(self.header) - 1) + 1
        bars = [(label, [int(v or 0) for v in values[: end - 1]]) for label, values in self.rows]
        return bar_chart(f"chart-{self.slug}", self.caption, self.header[1:end], bars)

    def csv_rows(self) -> list[list[object]]:
        rows: list[list[object]] = [list(self.header)]
        for label, values in self.rows:
            rows.append([label, *("" if v is None else v for v in values)])
        return rows


def status_table() -> Table:
    counts = Counter(
        {
            (row["status"], row["track"]): row["n"]
            for row in Application.objects.values("status", "track").annotate(n=Count("id"))
        }
    )
    tracks = _tracks()
    return Table(
        "status",
        _("申請案件數（依狀態及軌別）"),
        (_("狀態"), *(name for _track, name in tracks)),
        [
            (str(label), [counts[(value, t)] for t, _name in tracks])
            for value, label in Status.choices
        ],
    )


def budget_table() -> Table:
    sums = {
        row["track"]: row
        for row in Budget.objects.values("track").annotate(
            total=Sum("total"), committed=Sum("committed"), paid=Sum("paid")
        )
    }
    rows = []
    for track, name in _tracks():
        row = sums.get(track, {"total": 0, "committed": 0, "paid": 0})
        # committed includes what is paid (workflow.record_payment); left = total - committed
        outstanding = row["committed"] - row["paid"]
        rows.append((name, [outstanding, row["paid"], row["total"] - row["committed"]]))
    return Table(
        "budget",
        _("經費（新臺幣元，依軌別）"),
        (_("軌別"), _("已核定未撥款"), _("已撥款"), _("剩餘")),
        rows,
    )


def _grouped(
    slug: str, caption: str, field: str, label: str, names: dict[str, str] | None = None
) -> Table:
    """Applications sent for review (not drafts) and their approved amounts, by ``field``."""
    rows = (
        Application.objects.exclude(status=Status.DRAFT)
        .values(field)
        .annotate(n=Count("id"), approved=Sum("approved_amount"))
        .order_by(field)
    )
    return Table(
        slug,
        caption,
        (label, _("案件數"), _("核定金額")),
        [(_name(row[field], names), [row["n"], row["approved"] or 0]) for row in rows],
        charted=1,
    )


def _name(key: str, names: dict[str, str] | None) -> str:
    return f"{key} {names[key]}" if names and key in names else key


def county_table() -> Table:
    return _grouped("county", _("送件案件（依縣市）"), "firm__county", _("縣市"))


def industry_table() -> Table:
    return _grouped(
        "industry", _("送件案件（依行業）"), "firm__industry", _("行業"), DIVISION_NAMES
    )


TABLES = {
    "status": status_table,
    "budget": budget_table,
    "county": county_table,
    "industry": industry_table,
}
