"""The ESCO directory's page, ``GET /netzero/escos/``: a plain GET form (keywords, county,
service, certification) and a page of cards, 20 at a time, of the ESCOs on the registry's
latest list (``is_approved``).

The query is read by ``netzero.query.EscoQuery``, as ``GET /api/v1/escos`` reads it; a bad
parameter — an unknown county, service or certification, a page out of range, keywords
over 200 characters — is named in the page's language with status 400 and no results.
A card (``jinja2/netzero/esco_macros.html``) is built from an ``EscoCard``, so that other
pages can show the same card, with a checkbox to choose the ESCO.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from math import ceil
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from smewindow.finder.contacts import tel_href
from smewindow.finder.views import page_lang
from smewindow.netzero.models import (
    CERTIFICATION_EN,
    CERTIFICATION_SOURCES,
    SERVICE_EN,
    Certification,
    Esco,
    Service,
)
from smewindow.netzero.query import MAX_QUERY, EscoQuery, given, official
from smewindow.netzero.search import search_escos
from smewindow.rules.taiwan import COUNTIES

PAGE_SIZE = 20
"""ESCOs per page."""
REGISTRY = CERTIFICATION_SOURCES["registered"]
"""The Energy Administration's registry (能源技術服務業資訊網 服務能量登錄平台)."""


@dataclass(frozen=True)
class Link:
    """A link's text and address."""

    text: str
    href: str


@dataclass(frozen=True)
class EscoCard:
    """What an ESCO's card shows, in the page's language; "" or empty = not stated."""

    pk: int
    name: str
    counties: list[str]
    """Empty: every county (全國)."""
    services: list[str]
    certifications: list[tuple[str, Link]]
    """Each certification and where it comes from."""
    address: str
    phone: Link | None
    email: str
    url: str
    is_demo: bool


def service_label(code: str, lang: str) -> str:
    """A ``Service`` in the page's language."""
    return SERVICE_EN[code] if lang == "en" else str(Service(code).label)


def certification_label(code: str, lang: str) -> str:
    """A ``Certification`` in the page's language."""
    return CERTIFICATION_EN[code] if lang == "en" else str(Certification(code).label)


def esco_card(esco: Esco, lang: str) -> EscoCard:
    """The card of ``esco`` in ``lang`` (en or zh)."""
    certifications = [
        (certification_label(code, lang), _source(CERTIFICATION_SOURCES[code]))
        for code in esco.certification_list
    ]
    return EscoCard(
        pk=esco.pk,
        name=esco.name,
        counties=esco.county_list,
        services=[service_label(code, lang) for code in esco.service_list],
        certifications=certifications,
        address=esco.address,
        phone=_phone(esco.phone) if esco.phone else None,
        email=esco.email,
        url=esco.url if esco.url.startswith(("https://", "http://")) else "",
        is_demo=esco.is_demo,
    )


def _source(href: str) -> Link:
    """A source link, named by its site (出處：escoinfo.tgpf.org.tw)."""
    return Link(gettext("出處：%(site)s") % {"site": urlsplit(href).hostname}, href)


_EXTENSION = re.compile(r"#|轉|分機|ext", re.IGNORECASE)


def _phone(phone: str) -> Link:
    """A stored phone number (``lists.phone``: 02-2775-7788#123, (02)2775-7788,
    +886-2-2775-7788) and its ``tel:`` address, the extension dialled after a pause."""
    number, _, extension = _EXTENSION.sub("#", phone, count=1).partition("#")
    digits, ext = re.sub(r"\D", "", number), re.sub(r"\D", "", extension)
    if digits.startswith("0"):
        return Link(phone, tel_href(number, extension))
    plus = "+" if number.lstrip().startswith("+") else ""
    return Link(phone, f"tel:{plus}{digits}" + (f",{ext}" if ext else ""))


@require_GET
def escos(request: HttpRequest) -> HttpResponse:
    """The directory: the form, and the cards of the ESCOs found or why the query is bad."""
    lang = page_lang()
    sent = given(request.GET)
    typed = {name: value for name, value in sent.items() if isinstance(value, str)}
    context: dict[str, Any] = {
        "lang": lang,
        "typed": typed | {"county": official(typed.get("county", ""))},
        "counties": COUNTIES,
        "services": [(code, service_label(code, lang)) for code in Service.values],
        "certifications": [(code, certification_label(code, lang)) for code in Certification],
        "registry": REGISTRY,
        "errors": [],
        "invalid": set(),
        "max_query": MAX_QUERY,
    }
    try:
        query = EscoQuery.model_validate(sent)
    except ValidationError as exc:
        context["errors"] = [_problem(error) for error in exc.errors()]
        context["invalid"] = {str(error["loc"][0]) for error in exc.errors()}
        return render(request, "netzero/escos.html", context, status=400)
    found = search_escos(query.q, query.filters(), query.page, PAGE_SIZE)
    pages = max(1, ceil(found.total / PAGE_SIZE))
    if query.page > pages:
        problem = gettext("「頁次」超出範圍：這次查詢共 %(n)s 頁。") % {"n": pages}
        context["errors"] = [problem]
        return render(request, "netzero/escos.html", context, status=400)
    kept = query.model_dump(mode="json", exclude={"page"}, exclude_defaults=True)
    context |= {
        "typed": kept,
        "found": found,
        "pages": pages,
        "cards": [esco_card(esco, lang) for esco in found.items],
        "demo": any(esco.is_demo for esco in found.items),
        "previous": _link(kept, found.page - 1) if found.page > 1 else "",
        "next": _link(kept, found.page + 1) if found.page < pages else "",
    }
    return render(request, "netzero/escos.html", context)


def _link(kept: dict[str, str], page: int) -> str:
    """The query string of another page of the same search."""
    return "?" + urlencode({**kept, "page": page} if page > 1 else kept)


def _problem(error: ErrorDetails) -> str:
    """A bad parameter, named, and what it may be, in the page's language."""
    field = str(error["loc"][0])
    if isinstance(error.get("input"), list):
        return gettext("「%(field)s」只能有一個值。") % {"field": _field(field)}
    if field == "q":
        return gettext("「關鍵字」最多 %(n)s 字，請縮短。") % {"n": MAX_QUERY}
    if field == "county":
        return gettext("「縣市」須為 22 個縣市之一，例如 臺北市。")
    if field == "page" and error["type"] == "less_than_equal":
        return gettext("「頁次」超出範圍。")
    if field == "page":
        return gettext("「頁次」須為 1 以上的整數。")
    return gettext("「%(field)s」須為清單中的項目。") % {"field": _field(field)}


def _field(name: str) -> str:
    """A parameter's name on the form."""
    names = {
        "q": gettext("關鍵字"),
        "county": gettext("縣市"),
        "service": gettext("服務項目"),
        "certified": gettext("登錄與驗證"),
        "page": gettext("頁次"),
    }
    return names.get(name, name)
