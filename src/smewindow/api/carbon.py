"""``POST /api/v1/carbon/estimate``: a firm's scope 1 and 2 emissions for one year
(``smewindow.rules.carbon.estimate`` does the work).

The body is read as ``/api/v1/screen`` reads a profile: the safe JSON parser's bounds, a
body over 64 KB answers 413, and bad inputs answer 422 naming each field in Chinese and
English.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from ninja import Router, Schema
from ninja.errors import HttpError

from smewindow import safejson
from smewindow.api.middleware import too_large_message
from smewindow.api.schemas import ErrorOut
from smewindow.rules.carbon import CarbonInputError, estimate

router = Router(tags=["carbon 碳排估算"])


class RefrigerantIn(Schema):
    gas: str
    kg: float


class CarbonIn(Schema):
    year: int
    electricity_kwh: float | None = None
    electricity_ntd: float | None = None
    natural_gas_m3: float | None = None
    lpg_kg: float | None = None
    diesel_l: float | None = None
    gasoline_l: float | None = None
    fuel_oil_l: float | None = None
    refrigerants: list[RefrigerantIn] | None = None
    employees: int | None = None
    revenue: float | None = None


class SourceOut(Schema):
    source: str
    label: str
    label_en: str
    scope: int | None
    quantity: float
    unit: str
    factor: float
    kg: float


class FactorOut(Schema):
    name: str
    label: str
    label_en: str
    value: float
    unit: str
    year: int | None
    source: str | None
    unconfirmed: bool


class NoteOut(Schema):
    code: str
    zh: str
    en: str


class IntensityOut(Schema):
    per_employee_kg: float | None
    per_million_ntd_kg: float | None


class CarbonOut(Schema):
    year: int
    scope1_kg: float | None
    scope2_kg: float | None
    total_kg: float | None
    by_source: list[SourceOut]
    factors: list[FactorOut]
    notes: list[NoteOut]
    missing: list[str]
    intensity: IntensityOut


def _json_body(request: HttpRequest) -> Any:
    try:
        body = request.body
    except RequestDataTooBig:
        raise HttpError(413, too_large_message(settings.MAX_BODY_BYTES)) from None
    try:
        return safejson.loads(body or b"null")
    except safejson.JsonLimitError as exc:
        raise HttpError(422, f"內容超出限制 (body over a limit): {exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HttpError(422, f"內容不是有效的 JSON (not valid JSON): {exc}") from None


@router.post(
    "/carbon/estimate",
    response={200: CarbonOut, 413: ErrorOut, 422: ErrorOut},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": CarbonIn.model_json_schema()}},
        }
    },
    summary="碳排估算（範疇一、二） · carbon estimate (scope 1 and 2)",
)
def carbon_estimate(request: HttpRequest) -> Any:
    """The year's scope 1 and 2 emissions in kg CO2e: the totals (null when no source of a
    scope was given), each source with its quantity, factor and kg, every factor with its
    unit, year and source, notes (a grid factor of an earlier year, bills converted at the
    average tariff, R-22 shown apart), the quantity fields not given, and the intensity per
    employee and per NT$ million of revenue (null when unknown)."""
    data = _json_body(request)
    try:
        return estimate(data)
    except CarbonInputError as exc:
        return JsonResponse(
            {
                "detail": [
                    {"field": e.field, "message_zh": e.message_zh, "message_en": e.message_en}
                    for e in exc.errors
                ]
            },
            status=422,
            json_dumps_params={"ensure_ascii": False},
        )
