"""The catalogue's pages: the statistics (tables, charts, CSV), a course and a provider.

Plain pages without JavaScript, in the finder's look (``finder/base.html``); an unknown
id is the finder's error page with status 404.
"""

from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext

from smewindow.catalog.labels import hours, label, unknown
from smewindow.catalog.models import Course, Provider
from smewindow.catalog.statistics import TABLES
from smewindow.formatting import display_date

PAGE_SIZE = 20
"""Courses per page on a provider's page."""


def _lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


def _kind(course: Course) -> str:
    """A course's industry and topic, those that are known."""
    known = [label(f, getattr(course, f)) for f in ("industry", "topic") if getattr(course, f)]
    return " · ".join(known) or unknown()


def _not_found(request: HttpRequest, title: str) -> HttpResponse:
    return render(request, "finder/error.html", {"error": {"title": title}}, status=404)


def statistics(request: HttpRequest) -> HttpResponse:
    """The seed's statistics tables from the catalogue, each with a chart and a CSV link."""
    tables = [build() for build in TABLES.values()]
    return render(
        request,
        "catalog/statistics.html",
        {"tables": tables, "demo": sum(t.demo for t in tables)},
    )


def statistics_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One statistics table as CSV: UTF-8 with a BOM, so that Excel reads the Chinese."""
    build = TABLES.get(table)
    if build is None:
        return _not_found(request, gettext("沒有這個統計表"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="smewindow-{table}.csv"'
    response.write("\ufeff")
    csv.writer(response).writerows([_cell(v) for v in row] for row in build().csv_rows())
    return response


def _cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


def course(request: HttpRequest, course_id: int) -> HttpResponse:
    """A course: every field, its provider and its sessions."""
    found = (
        Course.objects.select_related("provider")
        .prefetch_related("sessions")
        .filter(pk=course_id)
        .first()
    )
    if found is None:
        return _not_found(request, gettext("找不到這門課程"))
    lang = _lang()
    sessions = [
        {
            "starts_on": display_date(s.starts_on, lang),
            "ends_on": display_date(s.ends_on, lang) if s.ends_on else unknown(),
            "place": s.place or unknown(),
            "mode": label("mode", s.mode),
        }
        for s in found.sessions.all()
    ]
    context = {
        "course": found,
        "physical_hours": hours(found.physical_hours),
        "online_hours": hours(found.online_hours),
        "total_hours": hours(found.total_hours),
        "industry": label("industry", found.industry),
        "topic": label("topic", found.topic),
        "track": label("track", found.track) if found.track else gettext("不限"),
        "zone": label("zone", found.zone) if found.zone else "",
        "sessions": sessions,
        "unknown": unknown(),
    }
    return render(request, "catalog/course.html", context)


def provider(request: HttpRequest, provider_id: int) -> HttpResponse:
    """A provider and its courses, a page of them at a time."""
    found = Provider.objects.filter(pk=provider_id).first()
    if found is None:
        return _not_found(request, gettext("找不到這個開課單位"))
    page = Paginator(found.courses.order_by("name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    courses = [
        {
            "course": c,
            "total_hours": hours(c.total_hours),
            "kind": _kind(c),
        }
        for c in page
    ]
    context = {
        "provider": found,
        "type": label("type", found.type),
        "region": label("region", found.region),
        "page": page,
        "courses": courses,
        "unknown": unknown(),
    }
    return render(request, "catalog/provider.html", context)
