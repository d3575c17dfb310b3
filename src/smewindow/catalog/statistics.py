"""The seed's statistics tables, counted from the catalogue (never typed in): providers by
type × region (seed lines 459–467), manufacturing courses by industry (473–483) and the
AI-zone courses by category (146–194). Each table also feeds its chart and its CSV.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypedDict

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_stubs_ext import WithAnnotations

from smewindow.catalog.charts import bar_chart
from smewindow.catalog.demo import AI_ZONE, AI_ZONE_NAME
from smewindow.catalog.labels import label
from smewindow.catalog.models import Course, Industry, Provider, ProviderType, Track
from smewindow.catalog.regions import REGIONS


class CourseCount(TypedDict):
    """What ``provider_table`` annotates a provider with."""

    n_courses: int


EXAMPLES = 2
"""Examples per cell, as many as the seed gives."""


@dataclass(frozen=True)
class Example:
    """A provider or course named as an example, with its page and a note (its courses)."""

    name: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Row:
    """A row: its label, its counts, and its examples grouped (by region, or one group "")."""

    label: str
    counts: tuple[int, ...]
    examples: tuple[tuple[str, tuple[Example, ...]], ...] = ()

    def examples_text(self) -> str:
        """The examples as plain text, as the seed writes them (北：A（3 門）、B；中：…)."""
        return _("；").join(
            (f"{group}{_('：')}" if group else "") + _("、").join(e.name + e.note for e in examples)
            for group, examples in self.examples
        )


@dataclass(frozen=True)
class Table:
    """One statistics table; the chart stacks ``counts[chart_from:]`` in ``series``."""

    slug: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    total: Row
    demo: int
    note: str
    series: tuple[str, ...]
    chart_from: int = 0

    @property
    def chart(self) -> SafeString:
        """The table as a bar chart (inline SVG)."""
        end = self.chart_from + len(self.series)
        bars = [(row.label, row.counts[self.chart_from : end]) for row in self.rows]
        return bar_chart(f"chart-{self.slug}", self.caption, self.series, bars)

    def csv_rows(self) -> list[list[object]]:
        """Header, rows and total, for the CSV download."""
        return [
            list(self.header),
            *([row.label, *row.counts, row.examples_text()] for row in self.rows),
            [self.total.label, *self.total.counts],
        ]


def _total(rows: Sequence[Row]) -> Row:
    return Row(
        _("總數"), tuple(sum(column) for column in zip(*(r.counts for r in rows), strict=True))
    )


def provider_table() -> Table:
    """Approved providers by type × region, with their approved courses and examples (the
    seed's own providers first, then those with most courses)."""
    providers = list(
        Provider.objects.approved()
        .annotate(n_courses=Count("courses", filter=Q(courses__is_approved=True)))
        .order_by("is_demo", "-n_courses", "name")
    )
    types = [t for t in [*ProviderType.values, ""] if t or any(not p.type for p in providers)]
    regions = [r for r in [*REGIONS, ""] if r or any(not p.region for p in providers)]

    def example(provider: WithAnnotations[Provider, CourseCount]) -> Example:
        note = ngettext("（%(n)s 門）", "（%(n)s 門）", provider.n_courses) % {
            "n": provider.n_courses
        }
        return Example(provider.name, reverse("catalog:provider", args=[provider.pk]), note)

    rows = []
    for kind in types:
        group = [p for p in providers if p.type == kind]
        in_region = {r: [p for p in group if p.region == r] for r in regions}
        rows.append(
            Row(
                label("type", kind),
                (
                    len(group),
                    *(len(in_region[r]) for r in regions),
                    sum(p.n_courses for p in group),
                ),
                tuple(
                    (label("region", r), tuple(example(p) for p in in_region[r][:EXAMPLES]))
                    for r in regions
                    if in_region[r]
                ),
            )
        )
    region_labels = tuple(label("region", r) for r in regions)
    return Table(
        slug="providers",
        caption=_("開課單位家數（依類型與區域）"),
        header=(
            _("類型"),
            _("總數"),
            *region_labels,
            _("課程數"),
            _("舉例：開課單位（課程數）"),
        ),
        rows=tuple(rows),
        total=_total(rows),
        demo=sum(p.is_demo for p in providers),
        note=_(
            "列於公告清單的開課單位，依地址所在縣市分區；無法判定者列「未載明」。"
            "公告的統計表只分北區、中區、南區（84 = 53 + 17 + 14）。"
        ),
        series=region_labels,
        chart_from=1,
    )


def _course_table(
    slug: str,
    caption: str,
    heading: str,
    note: str,
    courses: QuerySet[Course],
    field: str,
    order: Sequence[str],
    label_of: Callable[[str], str],
) -> Table:
    """Courses counted by ``field``: ``order`` first, then any other value found."""
    found = {
        row[field]: row
        for row in courses.values(field)
        .annotate(n=Count("id"), demo=Count("id", filter=Q(is_demo=True)))
        .order_by()
    }
    keys = [*order, *sorted(k for k in found if k not in order)]
    rows = [
        Row(
            label_of(key),
            (found[key]["n"] if key in found else 0,),
            (
                (
                    "",
                    tuple(
                        Example(name, reverse("catalog:course", args=[pk]))
                        for pk, name in courses.filter(**{field: key})
                        .order_by("is_demo", "name")
                        .values_list("pk", "name")[:EXAMPLES]
                    ),
                ),
            ),
        )
        for key in keys
    ]
    return Table(
        slug=slug,
        caption=caption,
        header=(heading, _("課程數"), _("課程舉例")),
        rows=tuple(rows),
        total=_total(rows),
        demo=sum(row["demo"] for row in found.values()),
        note=note,
        series=(_("課程數"),),
    )


def industry_table() -> Table:
    """Approved manufacturing courses by industry category."""
    return _course_table(
        "industries",
        _("製造業課程數（依行業別）"),
        _("行業別"),
        _("列於公告清單的製造業課程。"),
        Course.objects.approved().filter(track=Track.MANUFACTURING),
        "industry",
        Industry.values,
        lambda key: label("industry", key),
    )


def ai_zone_table() -> Table:
    """The AI-zone courses of 中小企業網路大學校 by category."""
    return _course_table(
        "ai-zone",
        _("中小企業網路大學校 AI主題專區課程數（依類別）"),
        _("課程類別"),
        _("網路大學校的線上課程，不屬配套1.1 的補助課程。"),
        Course.objects.filter(zone=AI_ZONE_NAME),
        "topic",
        tuple(AI_ZONE),
        lambda key: label("topic", key),
    )


TABLES: dict[str, Callable[[], Table]] = {
    "providers": provider_table,
    "industries": industry_table,
    "ai-zone": ai_zone_table,
}
"""The tables by the slug of their CSV file, in page order."""
