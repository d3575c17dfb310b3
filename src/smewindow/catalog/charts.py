"""Horizontal bar charts as inline SVG, drawn on the server: no JavaScript, and the labels are
real ``<text>`` in the page's font, so Chinese renders as the rest of the page does.

The chart is an image (``role="img"``, named by its ``<title>``, summarised by ``<desc>``);
the table beside it is the accessible equivalent.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

COLOURS = ("#0b4f8a", "#2e8540", "#b35900", "#6f3c96", "#a11d4a", "#4a4a4a")
"""Series colours, each at least 3:1 against white."""
WIDTH, FONT, ROW, BAR, GAP = 400, 15, 30, 18, 8


def text_width(text: str) -> float:
    """Rough width in px at ``FONT``: wide (CJK) characters 1 em, others 0.6 em."""
    return sum(FONT if unicodedata.east_asian_width(c) in "WF" else FONT * 0.6 for c in text)


def bar_chart(
    chart_id: str,
    title: str,
    series: Sequence[str],
    bars: Sequence[tuple[str, Sequence[int]]],
) -> SafeString:
    """An SVG of one bar per ``(label, values)``, its values stacked in ``series`` order,
    the total at its end; a legend when there is more than one series."""
    largest = max((sum(values) for _, values in bars), default=0)
    label_width = max((text_width(label) for label, _ in bars), default=0) + GAP
    scale = (WIDTH - label_width - text_width(f"{largest:,}") - GAP) / max(largest, 1)
    parts: list[SafeString] = []
    x, y = 0.0, 0
    for index, name in enumerate(series if len(series) > 1 else ()):  # the legend
        width = 16 + text_width(name)
        if x and x + width > WIDTH:
            x, y = 0.0, y + 20
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                '<text x="{}" y="{}">{}</text>',
                f"{x:.0f}",
                y + 4,
                COLOURS[index % len(COLOURS)],
                f"{x + 16:.0f}",
                y + 15,
                name,
            )
        )
        x += width + 2 * GAP
    top = y + ROW if parts else 0
    for row, (label, values) in enumerate(bars):
        y = top + row * ROW
        parts.append(format_html('<text x="0" y="{}">{}</text>', y + BAR - 4, label))
        x = label_width
        for index, value in enumerate(values):
            if value:
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                        f"{x:.1f}",
                        y,
                        f"{value * scale:.1f}",
                        BAR,
                        COLOURS[index % len(COLOURS)],
                    )
                )
            x += value * scale
        parts.append(
            format_html(
                '<text x="{}" y="{}">{}</text>', f"{x + 4:.1f}", y + BAR - 4, f"{sum(values):,}"
            )
        )
    summary = format_html_join(
        gettext("、"), "{} {}", ((label, f"{sum(values):,}") for label, values in bars)
    )
    height = top + len(bars) * ROW
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-size="{f}" fill="#1b1b1b">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{summary}</desc>{parts}</svg>',
        id=chart_id,
        w=WIDTH,
        h=height,
        f=FONT,
        title=title,
        summary=summary,
        parts=SafeString("".join(parts)),
    )
