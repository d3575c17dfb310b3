"""``POST /api/v1/energy/savings``: what each energy saving is worth — the subsidy of each item
of equipment, the kWh, NT$ and CO2e it saves a year and its simple payback, and the two
equipment programs' totals after their caps (``smewindow.rules.energy`` does the work).

The body is read as ``/api/v1/screen`` reads a profile: the safe JSON parser's bounds, a body
over 64 KB answers 413, and bad input or a bad date answers 422 naming each field
(``items[0].kw``) in Chinese and English.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from smewindow.api.schemas import ErrorOut
from smewindow.api.segment import _date, _json_body, _problems
from smewindow.rules.energy import Request, SavingsInputError, savings

router = Router(tags=["energy 節能"])


class ItemOut(Schema):
    kind: str
    program: str
    subsidy: int | None
    subsidy_note: str | None
    kwh: float | None
    ntd: float | None
    co2e_kg: float | None
    payback_years: float | None
    payback_years_without_subsidy: float | None


class TotalsOut(Schema):
    power_equipment_subsidy: int | None
    power_equipment_subsidy_at_least: int | None
    service_energy_equipment_subsidy: int | None
    kwh: float | None
    ntd: float | None
    co2e_kg: float | None
    cost_ntd: float | None


class AssumptionOut(Schema):
    name: str
    value: Any
    unit: str
    sources: list[str]
    unconfirmed: bool


class SavingsOut(Schema):
    on: str
    tariff_ntd_per_kwh: float
    items: list[ItemOut]
    totals: TotalsOut
    assumptions: list[AssumptionOut]


@router.post(
    "/energy/savings",
    response={200: SavingsOut, 413: ErrorOut, 422: ErrorOut},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": Request.model_json_schema()}},
        }
    },
    summary="節能設備補助與節省試算 · what each energy saving is worth",
)
def energy_savings(request: HttpRequest, on: str | None = None) -> Any:
    """For each item (``kind``, ``kw``, ``units``, ``compressor_type``, ``efficiency_class``,
    ``hours_per_year``, ``load_factor``, ``cost_ntd``, ``old_kw``, ``old_efficiency``,
    ``new_efficiency``, ``saving_share``): the subsidy before the cap across items (null when
    unknown, with ``subsidy_note``), the kWh, NT$ (at ``tariff_ntd_per_kwh``, default the
    dated average tariff) and kg CO2e saved a year, and the payback in years; the programs'
    totals within their caps (``sme``, ``revenue``) and every parameter used, with its
    sources."""
    day = _date(on)
    data = _json_body(request)
    try:
        return savings(data, day)
    except SavingsInputError as exc:
        return _problems(
            [
                {"field": e.field, "message_zh": e.message_zh, "message_en": e.message_en}
                for e in exc.errors
            ]
        )
