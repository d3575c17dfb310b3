"""The ESCO directory's JSON API: ``GET /api/v1/escos`` (``netzero.search`` does the work).

``?q=&county=&service=&certified=&page=&per_page=`` → ``{"total", "page", "per_page",
"items"}``. Parameters are read as the catalogue's are (``api.catalog.read_query``): an empty one
is no filter, a bad one — an unknown county, service or certification, a page out of range,
``q`` over 200 characters — answers 422 naming each field in Chinese and English. A county
may be written with 台 (台北市 = 臺北市). Only ESCOs on the latest imported list are
offered (``is_approved``; ``--replace`` withdraws the others).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from smewindow.api.catalog import MAX_PER_PAGE, PageOut, query_parameters, read_query
from smewindow.api.schemas import ErrorOut
from smewindow.netzero import query
from smewindow.netzero.models import CERTIFICATION_EN, SERVICE_EN, Certification, Esco, Service
from smewindow.netzero.search import search_escos

router = Router(tags=["netzero 能源技術服務業者 ESCO"])


class EscoQuery(query.EscoQuery):
    """The directory's search as the page reads it (``netzero.query``), and a page size."""

    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE, description="每頁筆數 · results per page")


class EscoOut(Schema):
    id: int
    name: str
    business_id: str
    counties: list[str]
    all_counties: bool
    services: list[str]
    services_zh: list[str]
    services_en: list[str]
    certifications: list[str]
    certifications_zh: list[str]
    certifications_en: list[str]
    address: str
    phone: str
    email: str
    url: str
    source: str
    is_approved: bool
    is_demo: bool


class EscoPageOut(PageOut):
    items: list[EscoOut]


def esco_item(esco: Esco) -> dict[str, Any]:
    """An ESCO as the API shows it; ``counties`` empty and ``all_counties`` true: every county."""
    services, certifications = esco.service_list, esco.certification_list
    return {
        "id": esco.pk,
        "name": esco.name,
        "business_id": esco.business_id,
        "counties": esco.county_list,
        "all_counties": not esco.county_list,
        "services": services,
        "services_zh": [str(Service(code).label) for code in services],
        "services_en": [SERVICE_EN[code] for code in services],
        "certifications": certifications,
        "certifications_zh": [str(Certification(code).label) for code in certifications],
        "certifications_en": [CERTIFICATION_EN[code] for code in certifications],
        **{name: getattr(esco, name) for name in ("address", "phone", "email", "url", "source")},
        "is_approved": esco.is_approved,
        "is_demo": esco.is_demo,
    }


@router.get(
    "/escos",
    response={200: EscoPageOut, 422: ErrorOut},
    openapi_extra=query_parameters(EscoQuery),
    summary="搜尋能源技術服務業者 · search the ESCOs",
)
def list_escos(request: HttpRequest) -> Any:
    """ESCOs by name, 統一編號, address, web and e-mail (name matches first), filtered by
    county, service and certification, and paginated, with the total count."""
    asked = read_query(EscoQuery, request)
    # only ESCOs on the registry's latest list: a withdrawn one is not offered
    found = search_escos(asked.q, asked.filters(), asked.page, asked.per_page)
    items = [esco_item(esco) for esco in found.items]
    return {"total": found.total, "page": found.page, "per_page": found.per_page, "items": items}
