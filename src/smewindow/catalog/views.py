"""The catalogue's pages: the course zone, the provider list and the software list (search
and filters), the statistics (tables, charts, CSV), a course, a provider and a software
product with how it counts within the subsidy.

Server-rendered pages in the finder's look (``finder/base.html``). The three lists are plain
GET forms; ``static/catalog/search.js`` replaces their results as one types, from the same
view with ``?partial=1`` (the results alone, one template for both). A bad query parameter
is left out and named in a notice on the page (status 200), never an error page; an unknown
id is the finder's error page with status 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from decimal import Decimal
from math import ceil
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext, ngettext

from smewindow.catalog import cells
from smewindow.catalog.demo import AI_ZONE
from smewindow.catalog.for_firm import TRAINING_PROGRAM
from smewindow.catalog.labels import LABELS, hours, label, unknown
from smewindow.catalog.models import Course, CourseSession, Provider, SoftwareProduct, Track
from smewindow.catalog.search import (
    MAX_PAGE,
    MODE_FIELDS,
    CourseFilters,
    Mode,
    Page,
    ProviderFilters,
    SoftwareFilters,
    search_courses,
    search_providers,
    search_software,
)
from smewindow.catalog.statistics import TABLES
from smewindow.catalog.subsidy import software_terms
from smewindow.downloads import csv_response
from smewindow.formatting import display_date, twd
from smewindow.rules.engine import SCREENING_FROM, today_taipei

T = TypeVar("T")

PAGE_SIZE = 20
"""Rows per page: the three lists and a provider's courses."""
MAX_QUERY = 200
"""The longest search accepted (characters), as the API's."""


def _lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


def _kind(course: Course) -> str:
    """A course's industry and topic, those that are known."""
    known = [label(f, getattr(course, f)) for f in ("industry", "topic") if getattr(course, f)]
    return " · ".join(known) or unknown()


def _link(url: str) -> str:
    """A URL to link to: only http(s), anything else is shown as text ("")."""
    return url if url.startswith(("https://", "http://")) else ""


def _not_found(request: HttpRequest, title: str) -> HttpResponse:
    return render(request, "finder/error.html", {"error": {"title": title}}, status=404)


def statistics(request: HttpRequest) -> HttpResponse:
    """The seed's statistics tables from the catalogue, each with a chart and a CSV link."""
    tables = [build() for build in TABLES.values()]
    return render(
        request,
        "catalog/statistics.html",
        {"tables": tables, "demo": sum(t.demo for t in tables), "links": _statistics_links()},
    )


def _statistics_links() -> dict[str, dict[str, str]]:
    """Where a statistics row leads, by table and row label (the tables keep no keys): a
    type's approved providers, an industry's approved manufacturing courses, an AI-zone
    category's courses — the lists that the row counts."""

    def links(route: str, field: str, keys: Collection[str], **fixed: str) -> dict[str, str]:
        path = reverse(route)
        return {label(field, key): f"{path}?{urlencode({field: key, **fixed})}" for key in keys}

    return {
        "providers": links("catalog:providers", "type", LABELS["type"], approved="1"),
        "industries": links(
            "catalog:courses",
            "industry",
            LABELS["industry"],
            track=str(Track.MANUFACTURING),
            approved="1",
        ),
        "ai-zone": links("catalog:courses", "topic", AI_ZONE),
    }


def statistics_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One statistics table as CSV: UTF-8 with a BOM, so that Excel reads the Chinese."""
    build = TABLES.get(table)
    if build is None:
        return _not_found(request, gettext("沒有這個統計表"))
    return csv_response(build().csv_rows(), f"smewindow-{table}.csv")


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


class _Query:
    """The query string, read one parameter at a time: a bad value is left out and named in
    ``problems``; the good ones are ``kept`` for the form and the page links."""

    def __init__(self, request: HttpRequest) -> None:
        self._get = request.GET
        self.problems: list[str] = []
        self.kept: dict[str, list[str]] = {}

    def many(self, name: str, field: str, parse: Callable[[str], T]) -> list[T]:
        """Every value of a repeatable parameter that ``parse`` accepts."""
        return self._read(name, field, parse, self._get.getlist(name))

    def one(self, name: str, field: str, parse: Callable[[str], T]) -> T | None:
        """The parameter's (last) value, or None when it is missing, empty or bad."""
        found = self._read(name, field, parse, self._get.getlist(name)[-1:])
        return found[0] if found else None

    def _read(self, name: str, field: str, parse: Callable[[str], T], given: list[str]) -> list[T]:
        values = []
        for raw in (value.strip() for value in given):
            if not raw:  # an empty field of the form: no filter
                continue
            try:
                value = parse(raw)
            except ValueError as why:
                self.reject(field, str(why))
                continue
            values.append(value)
            self.kept.setdefault(name, []).append(_param(value))
        return values

    def reject(self, field: str, why: str, name: str = "") -> None:
        """Name a bad parameter in ``problems`` (and forget ``name``'s kept value)."""
        self.kept.pop(name, None)
        self.problems.append(
            gettext("「%(field)s」%(why)s，已略過。") % {"field": field, "why": why}
        )

    def value(self, name: str) -> str:
        """The kept value of a parameter, for the form ("" when none)."""
        return self.kept.get(name, [""])[0]

    def has(self, name: str, value: str) -> bool:
        """Whether ``value`` is chosen (a selected option, a ticked box)."""
        return value in self.kept.get(name, ())

    def link(self, **extra: object) -> str:
        """The kept parameters and ``extra`` as a query string (``?…``)."""
        pairs = [(name, value) for name, values in self.kept.items() for value in values]
        return "?" + urlencode([*pairs, *extra.items()])


def _param(value: object) -> str:
    """A parsed value as the query string writes it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return hours(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _choice(values: Collection[str]) -> Callable[[str], str]:
    """A parser that accepts one of ``values`` (stored values, such as ``plastics``)."""

    def parse(value: str) -> str:
        if value not in values:
            raise ValueError(gettext("不是可選的項目"))
        return value

    return parse


def _keywords(value: str) -> str:
    if len(value) > MAX_QUERY:
        raise ValueError(gettext("超過 %(n)s 字") % {"n": MAX_QUERY})
    return value


def _date(value: str) -> dt.date:
    """A date as the date box sends it (2025-06-05); 2025/6/5 and ROC 114/6/5 too."""
    try:
        return cells.date(value)
    except ValueError:
        raise ValueError(gettext("須為日期，例如 2025-06-05")) from None


def _min_hours(value: str) -> Decimal:
    try:
        return cells.hours(value)
    except ValueError:
        raise ValueError(gettext("須為 0 以上的時數，例如 12")) from None


def _yes(value: str) -> bool:
    if value != "1":
        raise ValueError(gettext("只能是 1（勾選）"))
    return True


def _price(value: str) -> int:
    """A price in whole NT$ as a number box sends it (12000); 12,000 and NT$12,000 too."""
    try:
        return cells.price(value)
    except ValueError:
        raise ValueError(gettext("須為新臺幣整數元，例如 12000")) from None


def _rules_date(value: str) -> dt.date:
    """A date the subsidy's parameters answer for (from ``engine.SCREENING_FROM``)."""
    day = _date(value)
    if day < SCREENING_FROM:
        first = display_date(SCREENING_FROM, _lang())
        raise ValueError(gettext("須為 %(first)s 以後的日期") % {"first": first})
    return day


def _page_number(value: str) -> int:
    if not (value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_PAGE):
        raise ValueError(gettext("須為 1 以上的頁數"))
    return int(value)


def _found(query: _Query, search: Callable[[int], Page[T]]) -> Page[T]:
    """The page of results asked for, or the first when that one is past the last."""
    number = query.one("page", gettext("頁次"), _page_number) or 1
    query.kept.pop("page", None)  # the page links add their own
    found = search(number)
    if number > 1 and not found.items:
        pages = _pages(found)
        why = ngettext("超出範圍（共 %(n)s 頁）", "超出範圍（共 %(n)s 頁）", pages) % {"n": pages}
        query.reject(gettext("頁次"), why)
        found = search(1)
    return found


def _pages(found: Page[Any]) -> int:
    return max(1, ceil(found.total / found.per_page))


def _options(field: str, values: Collection[str] | None = None) -> list[tuple[str, str]]:
    """A filter's choices: stored value and label, in ``LABELS`` order."""
    return [(value, label(field, value)) for value in (LABELS[field] if values is None else values)]


def _topics() -> list[str]:
    """The courses' topics: those of ``LABELS`` first, in its order, then the others."""
    found = set(Course.objects.exclude(topic="").order_by().values_list("topic", flat=True))
    listed = [topic for topic in LABELS["topic"] if topic in found]
    return [*listed, *sorted(found - set(listed))]


def _list_page(
    request: HttpRequest, name: str, query: _Query, found: Page[Any], context: dict[str, Any]
) -> HttpResponse:
    """A list page, or its results alone (``?partial=1``, for search-as-you-type)."""
    pages = _pages(found)
    context |= {
        "action": reverse(f"catalog:{name}"),
        "query": query,
        "found": found,
        "pages": pages,
        "first": (found.page - 1) * found.per_page,
        "previous": query.link(page=found.page - 1) if found.page > 1 else "",
        "next": query.link(page=found.page + 1) if found.page < pages else "",
        "filtered": any(key != "q" for key in query.kept),
        "unknown": unknown(),
    }
    partial = request.GET.get("partial") == "1"
    return render(request, f"catalog/{name}{'_results' if partial else ''}.html", context)


def courses(request: HttpRequest) -> HttpResponse:
    """The course zone (課程專區): one search box over code, name, provider, description and
    URL, the filters, and a page of courses with the total."""
    query = _Query(request)
    topics = _topics()
    q = query.one("q", gettext("關鍵字"), _keywords) or ""
    industries = query.many("industry", gettext("行業別"), _choice(LABELS["industry"]))
    session_from = query.one("session_from", gettext("開課日期（起）"), _date)
    session_to = query.one("session_to", gettext("開課日期（迄）"), _date)
    if session_from and session_to and session_to < session_from:
        query.reject(gettext("開課日期（迄）"), gettext("早於起日"), "session_to")
        session_to = None
    filters = CourseFilters(
        industry=tuple(industries),
        topic=query.one("topic", gettext("課程類別"), _choice(topics)),
        track=query.one("track", gettext("適用產業"), _choice(LABELS["track"])),
        region=query.one("region", gettext("開課單位區域"), _choice(LABELS["region"])),
        provider_type=query.one("provider_type", gettext("機構類型"), _choice(LABELS["type"])),
        mode=cast(Mode | None, query.one("mode", gettext("上課方式"), _choice(MODE_FIELDS))),
        min_hours=query.one("min_hours", gettext("總時數"), _min_hours),
        session_from=session_from,
        session_to=session_to,
        approved=query.one("approved", gettext("列於公告清單"), _yes),
    )
    found = _found(query, lambda number: search_courses(q, filters, number, PAGE_SIZE))
    sessions = CourseSession.objects.filter(course__in=found.items).order_by("starts_on")
    if session_from:
        sessions = sessions.filter(starts_on__gte=session_from)
    if session_to:
        sessions = sessions.filter(starts_on__lte=session_to)
    shown: dict[int, list[CourseSession]] = {}  # the sessions of each course on the page
    for session in sessions:
        shown.setdefault(session.course_id, []).append(session)
    lang = _lang()
    rows = [
        {
            "course": c,
            "physical_hours": hours(c.physical_hours),
            "online_hours": hours(c.online_hours),
            "sessions": [display_date(s.starts_on, lang) for s in shown.get(c.pk, [])],
            "url": _link(c.url),
        }
        for c in found.items
    ]
    context = {
        "rows": rows,
        "options": {
            "industry": _options("industry"),
            "topic": _options("topic", topics),
            "track": _options("track"),
            "region": _options("region"),
            "provider_type": _options("type"),
            "mode": [("physical", gettext("實體")), ("online", gettext("線上"))],
        },
        "min_hours": query.value("min_hours") or "12",
        "sessions_between": _between(session_from, session_to, lang),
    }
    return _list_page(request, "courses", query, found, context)


def _between(start: dt.date | None, end: dt.date | None, lang: str) -> str:
    """A date range in the page's language (ROC dates in Chinese); "" when open."""
    dates = {"start": start and display_date(start, lang), "end": end and display_date(end, lang)}
    if start and end:
        text = gettext("%(start)s至%(end)s")
    elif start or end:
        text = gettext("%(start)s起") if start else gettext("至%(end)s")
    else:
        return ""
    return str(text % dates)


def providers(request: HttpRequest) -> HttpResponse:
    """The provider list (開課單位): search by name, 統一編號 and address, filters by type
    and region, and a page of providers with their number of courses."""
    query = _Query(request)
    q = query.one("q", gettext("關鍵字"), _keywords) or ""
    filters = ProviderFilters(
        type=query.one("type", gettext("機構類型"), _choice(LABELS["type"])),
        region=query.one("region", gettext("區域"), _choice(LABELS["region"])),
        approved=query.one("approved", gettext("列於公告清單"), _yes),
    )
    found = _found(query, lambda number: search_providers(q, filters, number, PAGE_SIZE))
    rows = [{"provider": p, "type": label("type", p.type)} for p in found.items]
    context = {
        "rows": rows,
        "options": {"type": _options("type"), "region": _options("region")},
    }
    return _list_page(request, "providers", query, found, context)


def software(request: HttpRequest) -> HttpResponse:
    """The software list (軟體名單): one search box over name, category, vendor and URL,
    filters by category, price and listing, and a page of products with the total."""
    query = _Query(request)
    categories = _categories()
    q = query.one("q", gettext("關鍵字"), _keywords) or ""
    min_price = query.one("min_price", gettext("售價下限"), _price)
    max_price = query.one("max_price", gettext("售價上限"), _price)
    if min_price is not None and max_price is not None and max_price < min_price:
        query.reject(gettext("售價上限"), gettext("低於下限"), "max_price")
        max_price = None
    filters = SoftwareFilters(
        category=query.one("category", gettext("軟體類別"), _choice(categories)),
        min_price=min_price,
        max_price=max_price,
        approved=query.one("approved", gettext("列於公告清單"), _yes),
    )
    found = _found(query, lambda number: search_software(q, filters, number, PAGE_SIZE))
    rows = [{"product": p, "price": _money(p.price), "url": _link(p.url)} for p in found.items]
    context = {"rows": rows, "options": {"category": [(c, c) for c in categories]}}
    return _list_page(request, "software", query, found, context)


def _categories() -> list[str]:
    """The software's categories, in order."""
    found = SoftwareProduct.objects.exclude(category="").order_by("category")
    return list(found.values_list("category", flat=True).distinct())


def _money(amount: int | None) -> str:
    """NT$ with thousands separators; 未載明 when unknown."""
    return unknown() if amount is None else twd(amount)


def software_item(request: HttpRequest, software_id: int) -> HttpResponse:
    """A software product: its fields and how it counts within the training subsidy on a
    date (``?on=YYYY-MM-DD``, default today), from the dated parameters."""
    found = SoftwareProduct.objects.filter(pk=software_id).first()
    if found is None:
        return _not_found(request, gettext("找不到這個軟體"))
    query = _Query(request)
    on = query.one("on", gettext("日期"), _rules_date) or today_taipei()
    terms = software_terms(found.price, on)
    context = {
        "product": found,
        "query": query,
        "price": _money(found.price),
        "link": _link(found.url),
        "terms": terms,
        "as_of": display_date(on, _lang()),
        "per_trainee_cap": twd(terms.per_trainee_cap),
        "firm_cap": twd(terms.firm_cap),
        "most": _money(terms.most),
        "program_url": reverse("finder:program", args=[TRAINING_PROGRAM]),
        "unknown": unknown(),
    }
    return render(request, "catalog/software_item.html", context)
