"""Search the catalogue: courses by code, name, provider, description and URL (as the
official course zone, seed line 422); providers by name, 統一編號 (line 443) and address;
software by name, category, vendor, the vendor's 統一編號 and URL; with each list's
filters; a page of results and the total count.

**Method: a substring match on normalised text, the same SQL on SQLite and PostgreSQL.** A
course's code and name, its provider's name, and its description and URL are normalised by
``searchtext`` (NFKC, lower case, OpenCC Simplified → Traditional, 台 → 臺, ASCII words set
apart) and joined into one search text, kept in a narrow table of its own
(``models.CourseSearch``, written on every save and bulk write); a provider (its name,
統一編號 and address) and a software product keep theirs in their own columns. A query is
normalised the same way and split on spaces; every term must be in the text (``contains``:
LIKE, ``%`` and ``_`` escaped).
Why not the alternatives:

- Full-text search (PostgreSQL ``tsvector``, SQLite FTS5): neither has a Chinese tokeniser
  (a run of Chinese is one token), so 碳 or 電商 inside 組織碳盤查 would not match; a
  segmenter (jieba, zhparser) misses words it splits otherwise, and the two databases would
  need two code paths.
- Trigram indexes (``pg_trgm``, FTS5 ``trigram``): a trigram cannot match a term of one or
  two characters (碳, 電商, AI), which is most of what people type; an index that helps
  only the longer terms is not worth a second path.
- A scan is fast enough: LIKE over the search text of 20,000 courses (≈ 6 MB) answers in
  p95 ≈ 25 ms on either database on the shared 2-core machine, count and page included
  (``benchmarks/bench_search.py``, docs/benchmarks.md).

**Ranking**: a term ranks by the part of the text it is first found in — the course's code
or name 0, its provider's name 1, its description or URL 2 (a provider: name 0, 統一編號 or
address 1; software: name or category 0, vendor 1, URL 2); results come by the sum over the
terms, then by code (software: name) and id (the same order on both databases).
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from typing import Any, Generic, Literal, TypeVar

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThanOrEqual

from smewindow.catalog import searchtext
from smewindow.catalog.models import Course, CourseSearch, CourseSession, Provider, SoftwareProduct

T = TypeVar("T")
Mode = Literal["physical", "online"]

MODE_FIELDS: dict[Mode, str] = {"physical": "physical_hours", "online": "online_hours"}
"""A mode filter keeps the courses with hours of that kind."""


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results and how many there are in all."""

    items: list[T]
    total: int
    page: int
    per_page: int


@dataclass(frozen=True)
class CourseFilters:
    """The course zone's filters; None filters nothing."""

    industry: tuple[str, ...] = ()
    """``Industry`` values: a course of any of them (a plastics firm's courses are
    ``("plastics", "common")``); empty filters nothing."""
    topic: str | None = None
    track: str | None = None
    """A ``Track`` value; courses for either track (blank) are kept too."""
    region: str | None = None
    """The provider's region (``regions.REGIONS``)."""
    provider_type: str | None = None
    mode: Mode | None = None
    min_hours: Decimal | None = None
    """Physical plus online hours at least this; a course with unknown hours is left out."""
    session_from: dt.date | None = None
    session_to: dt.date | None = None
    """A session starts in this range (either end may be open)."""
    approved: bool | None = None


@dataclass(frozen=True)
class ProviderFilters:
    """The provider list's filters; None filters nothing."""

    type: str | None = None
    region: str | None = None
    approved: bool | None = None


@dataclass(frozen=True)
class SoftwareFilters:
    """The software list's filters; None filters nothing."""

    category: str | None = None
    min_price: int | None = None
    max_price: int | None = None
    """The price in whole NT$ within these bounds; a product of unknown price is left out
    when either is given (unknown is not 0)."""
    approved: bool | None = None


MAX_PAGE = 100_000
"""The highest page number: a larger one is refused before it reaches the database (its
OFFSET would overflow an integer there)."""


def search_courses(
    q: str = "", filters: CourseFilters | None = None, page: int = 1, per_page: int = 20
) -> Page[Course]:
    """The courses matching ``q`` (every term) and ``filters``, best first."""
    f = filters or CourseFilters()
    courses = Course.objects.filter(
        **_given(
            industry__in=f.industry or None,
            topic=f.topic,
            provider__region=f.region,
            provider__type=f.provider_type,
            is_approved=f.approved,
        )
    )
    if f.track:
        courses = courses.filter(track__in=(f.track, ""))
    if f.mode:
        courses = courses.filter(**{f"{MODE_FIELDS[f.mode]}__gt": 0})
    if f.min_hours is not None:
        total_hours = F("physical_hours") + F("online_hours")  # null when either is unknown
        courses = courses.alias(hours_sum=total_hours).filter(hours_sum__gte=f.min_hours)
    if f.session_from or f.session_to:
        sessions = CourseSession.objects.filter(
            course=OuterRef("pk"),
            **_given(starts_on__gte=f.session_from, starts_on__lte=f.session_to),
        )
        courses = courses.filter(Exists(sessions))
    rows = CourseSearch.objects.all()
    if f != CourseFilters():  # the filtered ids as a set, then one scan of the search text
        rows = rows.filter(course__in=courses)
    shown = Course.objects.select_related("provider")
    return _page(rows, q, ("code", "pk"), page, per_page, shown)


def search_providers(
    q: str = "", filters: ProviderFilters | None = None, page: int = 1, per_page: int = 20
) -> Page[Provider]:
    """The providers matching ``q`` (every term) and ``filters``, best first, each with
    ``course_count`` (its courses, listed or not)."""
    f = filters or ProviderFilters()
    providers = Provider.objects.filter(
        **_given(type=f.type, region=f.region, is_approved=f.approved)
    )
    shown = Provider.objects.annotate(course_count=Count("courses"))
    return _page(providers, q, ("pk",), page, per_page, shown)


def search_software(
    q: str = "", filters: SoftwareFilters | None = None, page: int = 1, per_page: int = 20
) -> Page[SoftwareProduct]:
    """The software matching ``q`` (every term) and ``filters``, best first, then by name."""
    f = filters or SoftwareFilters()
    products = SoftwareProduct.objects.filter(
        **_given(
            category=f.category,
            price__gte=f.min_price,
            price__lte=f.max_price,
            is_approved=f.approved,
        )
    )
    return _page(products, q, ("name", "pk"), page, per_page, SoftwareProduct.objects.all())


def _given(**lookups: Any) -> dict[str, Any]:
    return {name: value for name, value in lookups.items() if value is not None}


def _page(
    records: QuerySet[Any],
    q: str,
    order: tuple[str, ...],
    page: int,
    per_page: int,
    shown: QuerySet[Any],
) -> Page[Any]:
    """Keep the ``records`` (``SearchText``) that have every term of ``q``, rank them, and
    return page ``page`` (from 1) of what their ids are in ``shown``.

    The page's ids first, then its records by id: sorting ids rather than whole rows keeps a
    broad query (AI) cheap."""
    if page < 1 or per_page < 1:
        raise ValueError("page and per_page start at 1")
    terms = searchtext.patterns(q)
    if terms:
        records = records.filter(*(Q(search_text__contains=term) for term in terms))
        records = records.alias(rank=reduce(operator.add, map(_rank, terms)))
        order = ("rank", *order)
    start, end = (page - 1) * per_page, page * per_page
    ordered = records.order_by(*order)
    if terms:  # one scan: the page's ids with the total (a window count)
        found = list(
            ordered.annotate(total=Window(Count("pk"))).values_list("pk", "total")[start:end]
        )
        ids = [pk for pk, _ in found]
        total = found[0][1] if found else records.count() if start else 0
    else:  # an index gives the order
        ids = list(ordered.values_list("pk", flat=True)[start:end])
        total = records.count()
    loaded = shown.in_bulk(ids)
    return Page(items=[loaded[pk] for pk in ids], total=total, page=page, per_page=per_page)


def _rank(term: str) -> Case:
    """Which part of the search text (0, 1, 2) the term is first found in."""
    found_at = StrIndex("search_text", Value(term))
    return Case(
        When(GreaterThanOrEqual(found_at, F("search_part3")), then=Value(2)),
        When(GreaterThanOrEqual(found_at, F("search_part2")), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
