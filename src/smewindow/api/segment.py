"""``POST /api/v1/segment``: a firm's segment — size class, AI readiness, needs — and the
programs and partner kinds recommended for it (``smewindow.rules.segments`` does the work).

The body is a profile, read as ``/api/v1/screen`` reads it: the safe JSON parser's bounds, a
body over 64 KB answers 413, and a bad profile or date answers 422 naming each problem in
Chinese and English.
"""

from __future__ import annotations

import datetime as dt
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
from smewindow.rules import Profile, ProfileError
from smewindow.rules.engine import ScreeningDateError, check_date, today_taipei
from smewindow.rules.segments import segment

router = Router(tags=["segment 分群"])


class ReadinessOut(Schema):
    level: int | None
    name: str | None
    name_en: str | None


class SegmentOut(Schema):
    as_of: str
    size_class: str | None
    ai_readiness: ReadinessOut
    needs: list[str] | None
    segment: str
    recommended: list[str]
    referrals: list[str]


def _date(on: str | None) -> dt.date:
    if on is None:
        return today_taipei()
    try:
        day = dt.date.fromisoformat(on)
    except ValueError:
        raise HttpError(422, f"on 須為 YYYY-MM-DD 日期 (not a date): {on!r}") from None
    try:
        check_date(day)
    except ScreeningDateError as exc:
        raise HttpError(422, str(exc)) from None
    return day


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


def _problems(problems: list[dict[str, str]]) -> JsonResponse:
    """422 naming each problem, as ``/api/v1/screen`` answers a bad profile."""
    return JsonResponse({"detail": problems}, status=422, json_dumps_params={"ensure_ascii": False})


@router.post(
    "/segment",
    response={200: SegmentOut, 413: ErrorOut, 422: ErrorOut},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": Profile.model_json_schema()}},
        }
    },
    summary="企業分群與建議路徑 · a firm's segment and recommended path",
)
def segment_profile(request: HttpRequest, on: str | None = None) -> Any:
    """The firm's size class (``micro``, ``small``, ``medium``, ``large`` or null), AI-readiness
    level 1-4 with its name (null when unknown), needs, segment id, the program ids recommended
    (only those it is not ineligible for and whose window is not closed on the date) and the
    partner kinds to refer it to."""
    day = _date(on)
    data = _json_body(request)
    if not isinstance(data, dict):
        return _problems(
            [
                {
                    "field": "(profile)",
                    "message_zh": "企業概況須為 JSON 物件",
                    "message_en": "the profile must be a JSON object",
                }
            ]
        )
    try:
        found = segment(data, on=day)
    except ProfileError as exc:
        return _problems(
            [
                {"field": e.field, "message_zh": e.message_zh, "message_en": e.message_en}
                for e in exc.errors
            ]
        )
    return found.as_dict()
