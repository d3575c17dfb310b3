"""Find ESCOs: free text over name, 統一編號, address, web and e-mail (normalised as the
catalogue's search: NFKC, lower case, OpenCC Simplified → Traditional, 台 → 臺;
``catalog.searchtext``), filtered by county, service and certification; a page of results
and the total.

A term ranks by where it is first found (the name 0, 統一編號 or address 1, web or e-mail
2); results by the sum over the terms, then by name. With a few hundred ESCOs (386 in the
seed) a scan of the search text is instant on either database.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThanOrEqual

from smewindow.catalog import searchtext
from smewindow.catalog.search import Page
from smewindow.netzero.models import Esco

MAX_PAGE = 100_000
"""The highest page number (a larger OFFSET could overflow an integer in the database)."""


@dataclass(frozen=True)
class EscoFilters:
    """The directory's filters; None filters nothing."""

    county: str | None = None
    """An official county name (臺北市): ESCOs serving it, those serving every county too."""
    service: str | None = None
    """A ``Service`` value."""
    certified: str | None = None
    """A ``Certification`` value."""
    approved: bool | None = None
    """On the imported registry list now (``is_approved``)."""
    demo: bool | None = None
    """Demo records only (True) or real ones only (False)."""


def filter_escos(filters: EscoFilters | None = None) -> QuerySet[Esco]:
    """The ESCOs that pass ``filters`` (unordered)."""
    f = filters or EscoFilters()
    escos = Esco.objects.all()
    if f.county:
        escos = escos.filter(Q(counties="") | Q(counties__contains=f"|{f.county}|"))
    if f.service:
        escos = escos.filter(services__contains=f"|{f.service}|")
    if f.certified:
        escos = escos.filter(certifications__contains=f"|{f.certified}|")
    if f.approved is not None:
        escos = escos.filter(is_approved=f.approved)
    if f.demo is not None:
        escos = escos.filter(is_demo=f.demo)
    return escos


def search_escos(
    q: str = "", filters: EscoFilters | None = None, page: int = 1, per_page: int = 20
) -> Page[Esco]:
    """The ESCOs matching every term of ``q`` and ``filters``, best first, then by name."""
    if not 1 <= page <= MAX_PAGE or per_page < 1:
        raise ValueError("page is 1–100000 and per_page at least 1")
    escos = filter_escos(filters)
    terms = searchtext.patterns(q)
    order: tuple[str, ...] = ("name", "pk")
    if terms:
        escos = escos.filter(*(Q(search_text__contains=term) for term in terms))
        escos = escos.alias(rank=reduce(operator.add, map(_rank, terms)))
        order = ("rank", *order)
    start = (page - 1) * per_page
    items = list(escos.order_by(*order)[start : start + per_page])
    return Page(items=items, total=escos.count(), page=page, per_page=per_page)


def _rank(term: str) -> Case:
    """Which part of the search text (0, 1, 2) the term is first found in."""
    found_at = StrIndex("search_text", Value(term))
    return Case(
        When(GreaterThanOrEqual(found_at, F("search_part3")), then=Value(2)),
        When(GreaterThanOrEqual(found_at, F("search_part2")), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
