"""The catalogue's JSON API: ``GET /api/v1/courses``, ``/api/v1/providers`` and
``/api/v1/software`` (``search.py`` does the work).

The query parameters are read by the pydantic models below rather than by django-ninja's
signature, so that a bad one answers 422 as the rest of the API does: each field named, in
Chinese and English (``FieldErrorOut``). The OpenAPI schema lists them from the same models.
An empty parameter (``?q=&industry=``, as a form sends it) is the same as none; ``industry``
may be repeated (``?industry=plastics&industry=common``: courses of either).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import ValidationError
from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic import ValidationError as PydanticError
from pydantic_core import PydanticCustomError

from smewindow.api.schemas import ErrorOut
from smewindow.catalog.models import (
    Course,
    Industry,
    Provider,
    ProviderType,
    SoftwareProduct,
    Track,
)
from smewindow.catalog.regions import REGIONS
from smewindow.catalog.search import (
    MAX_PAGE,
    CourseFilters,
    Mode,
    Page,
    ProviderFilters,
    SoftwareFilters,
    search_courses,
    search_providers,
    search_software,
)

router = Router(tags=["catalog 課程、開課單位與軟體"])

MAX_QUERY = 200
"""The longest query accepted (characters)."""
MAX_PER_PAGE = 100
MAX_PRICE = 2_147_483_647
"""The highest price the list stores (``cells.price``)."""

Region = StrEnum("Region", [(code, code) for code in REGIONS])  # type: ignore[misc]
"""北 north, 中 central, 南 south, 東 east, 離島 islands."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            if _DATE.fullmatch(value):
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
        raise PydanticCustomError("iso_date", "must be a date YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def _listed(value: Any) -> Any:
    """One value of a repeatable parameter as a list of one."""
    return [value] if isinstance(value, str) else value


Industries = Annotated[tuple[Industry, ...], BeforeValidator(_listed)]
Hours = Annotated[Decimal, WithJsonSchema({"type": "number", "minimum": 0, "maximum": 9999})]


PAGE_FIELDS = {"q", "page", "per_page"}


class PageQuery(BaseModel):
    """The keyword and the page, for both lists."""

    q: str = Field(
        "",
        max_length=MAX_QUERY,
        description="關鍵字，以空白分隔的詞都須符合 · keywords, all must match",
    )
    page: int = Field(1, ge=1, le=MAX_PAGE, description="頁次（從 1 起）· page, from 1")
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE, description="每頁筆數 · results per page")


class CourseQuery(PageQuery):
    """The course zone's search (``search.CourseFilters``)."""

    industry: Industries = Field((), description="行業別，可重複 · industry category, repeatable")
    topic: str | None = Field(
        None, max_length=40, pattern=r"^[^\x00-\x1f]*$", description="類別，如 生產管理 · topic"
    )
    track: Track | None = Field(None, description="適用產業（含兩者皆可的課程）· track")
    region: Region | None = Field(None, description="開課單位的區域 · the provider's region")
    provider_type: ProviderType | None = Field(None, description="開課單位類型 · provider type")
    mode: Mode | None = Field(None, description="有實體或線上時數 · has physical/online hours")
    min_hours: Hours | None = Field(
        None, ge=0, le=9999, description="總時數至少 · total hours at least (e.g. 12)"
    )
    session_from: IsoDate | None = Field(
        None, description="場次開課日起 · a session starts on or after"
    )
    session_to: IsoDate | None = Field(
        None, description="場次開課日迄 · a session starts on or before"
    )
    approved: bool | None = Field(None, description="列於公告清單 · on the official list")

    @field_validator("session_to")
    @classmethod
    def _not_before_from(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("session_from")
        if value and start and value < start:
            raise PydanticCustomError("date_order", "must not be before session_from")
        return value


class ProviderQuery(PageQuery):
    """The provider list's search (``search.ProviderFilters``)."""

    type: ProviderType | None = Field(None, description="機構類型 · provider type")
    region: Region | None = Field(None, description="區域 · region")
    approved: bool | None = Field(None, description="列於公告清單 · on the official list")


class SoftwareQuery(PageQuery):
    """The software list's search (``search.SoftwareFilters``)."""

    category: str | None = Field(
        None, max_length=40, pattern=r"^[^\x00-\x1f]*$", description="類別，如 智慧客服 · category"
    )
    min_price: int | None = Field(
        None, ge=0, le=MAX_PRICE, description="售價至少（新臺幣元）· price at least (NT$)"
    )
    max_price: int | None = Field(
        None, ge=0, le=MAX_PRICE, description="售價至多（新臺幣元）· price at most (NT$)"
    )
    approved: bool | None = Field(None, description="列於公告清單 · on the official list")

    @field_validator("max_price")
    @classmethod
    def _not_below_min(cls, value: int | None, info: ValidationInfo) -> int | None:
        least = info.data.get("min_price")
        if value is not None and least is not None and value < least:
            raise PydanticCustomError("price_order", "must not be below min_price")
        return value


class PageOut(Schema):
    total: int
    page: int
    per_page: int


class CourseOut(Schema):
    id: int
    code: str
    name: str
    provider: str | None
    hours_physical: float | None
    hours_online: float | None
    total_hours: float | None
    url: str
    industry: str
    topic: str
    track: str
    is_approved: bool
    is_demo: bool


class CoursePageOut(PageOut):
    items: list[CourseOut]


class ProviderOut(Schema):
    id: int
    name: str
    business_id: str
    type: str
    address: str
    county: str
    region: str
    course_count: int
    is_approved: bool
    is_demo: bool


class ProviderPageOut(PageOut):
    items: list[ProviderOut]


class SoftwareOut(Schema):
    id: int
    name: str
    vendor: str
    vendor_business_id: str
    category: str
    price: int | None
    url: str
    is_approved: bool
    is_demo: bool


class SoftwarePageOut(PageOut):
    items: list[SoftwareOut]


_MESSAGES_ZH = {
    "enum": "須為下列之一：{expected}",
    "literal_error": "須為下列之一：{expected}",
    "string_too_long": "不可超過 {max_length} 字",
    "string_pattern_mismatch": "不可含控制字元",
    "greater_than_equal": "不可小於 {ge}",
    "less_than_equal": "不可大於 {le}",
    "int_parsing": "須為整數",
    "decimal_parsing": "須為數字",
    "finite_number": "須為數字",
    "bool_parsing": "須為 true 或 false",
    "iso_date": "須為 YYYY-MM-DD 日期",
    "date_order": "不可早於 session_from",
    "price_order": "不可小於 min_price",
}


Query = TypeVar("Query", bound=BaseModel)


def read_query(model: type[Query], request: HttpRequest) -> Query:
    """The query parameters as ``model``; raises 422 naming each bad one."""
    given = {
        name: values[0] if len(values) == 1 else values
        for name, all_values in request.GET.lists()
        if (values := [value for value in all_values if value != ""])
    }
    try:
        return model.model_validate(given)
    except PydanticError as exc:
        raise ValidationError(
            [
                {
                    "field": str(error["loc"][0]),  # "industry", not "industry.0"
                    "message_zh": _MESSAGES_ZH.get(error["type"], "格式不正確").format(
                        **{k: str(v).replace(" or ", ", ") for k, v in error.get("ctx", {}).items()}
                    ),
                    "message_en": error["msg"],
                }
                for error in exc.errors()
            ]
        ) from None


def query_parameters(model: type[BaseModel]) -> dict[str, Any]:
    """The OpenAPI query parameters of ``model`` (``$ref`` and ``| None`` resolved)."""
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        (only,) = (o for o in node.get("anyOf", [node]) if o.get("type") != "null")
        only = defs.get(only.get("$ref", "").rpartition("/")[2], only)
        dropped = ("anyOf", "title", "description")
        resolved = {k: v for k, v in {**node, **only}.items() if k not in dropped and v is not None}
        if "items" in resolved:  # a repeatable parameter
            resolved["items"] = resolve(resolved["items"])
        return resolved

    return {
        "parameters": [
            {
                "in": "query",
                "name": name,
                "required": False,
                "description": field.get("description", ""),
                "schema": resolve(field),
            }
            for name, field in schema["properties"].items()
        ]
    }


def _course(course: Course) -> dict[str, Any]:
    return {
        "id": course.pk,
        "code": course.code,
        "name": course.name,
        "provider": course.provider.name if course.provider else None,
        "hours_physical": course.physical_hours,
        "hours_online": course.online_hours,
        "total_hours": course.total_hours,
        "url": course.url,
        "industry": course.industry,
        "topic": course.topic,
        "track": course.track,
        "is_approved": course.is_approved,
        "is_demo": course.is_demo,
    }


def _provider(provider: Provider) -> dict[str, Any]:
    fields = ("name", "business_id", "type", "address", "county", "region", "course_count")
    return {
        "id": provider.pk,
        **{name: getattr(provider, name) for name in fields},
        "is_approved": provider.is_approved,
        "is_demo": provider.is_demo,
    }


def _software(product: SoftwareProduct) -> dict[str, Any]:
    fields = ("name", "vendor", "vendor_business_id", "category", "price", "url")
    return {
        "id": product.pk,
        **{name: getattr(product, name) for name in fields},
        "is_approved": product.is_approved,
        "is_demo": product.is_demo,
    }


@router.get(
    "/courses",
    response={200: CoursePageOut, 422: ErrorOut},
    openapi_extra=query_parameters(CourseQuery),
    summary="搜尋課程 · search the courses",
)
def list_courses(request: HttpRequest) -> Any:
    """Courses by code, name, provider, description and URL (name matches first), filtered
    and paginated, with the total count."""
    query = read_query(CourseQuery, request)
    filters = CourseFilters(**query.model_dump(exclude=PAGE_FIELDS))
    found = search_courses(query.q, filters, query.page, query.per_page)
    return _page(found, _course)


@router.get(
    "/providers",
    response={200: ProviderPageOut, 422: ErrorOut},
    openapi_extra=query_parameters(ProviderQuery),
    summary="搜尋開課單位 · search the providers",
)
def list_providers(request: HttpRequest) -> Any:
    """Providers by name, 統一編號 and address (name matches first), filtered and
    paginated, each with its number of courses."""
    query = read_query(ProviderQuery, request)
    filters = ProviderFilters(**query.model_dump(exclude=PAGE_FIELDS))
    found = search_providers(query.q, filters, query.page, query.per_page)
    return _page(found, _provider)


@router.get(
    "/software",
    response={200: SoftwarePageOut, 422: ErrorOut},
    openapi_extra=query_parameters(SoftwareQuery),
    summary="搜尋軟體名單 · search the software list",
)
def list_software(request: HttpRequest) -> Any:
    """Software by name, category, vendor, the vendor's 統一編號 and URL (name and category
    match first), filtered by category, price and listing, and paginated."""
    query = read_query(SoftwareQuery, request)
    filters = SoftwareFilters(**query.model_dump(exclude=PAGE_FIELDS))
    found = search_software(query.q, filters, query.page, query.per_page)
    return _page(found, _software)


def _page(found: Page[Any], item: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    items = [item(record) for record in found.items]
    return {"total": found.total, "page": found.page, "per_page": found.per_page, "items": items}
