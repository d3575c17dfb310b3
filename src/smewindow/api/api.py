"""The JSON API, /api/v1/: screening, the program catalogue and the interview; the
training catalogue's /courses, /providers and /software come from ``smewindow.api.catalog``,
a firm's segment (/segment) from ``smewindow.api.segment``.

Thin: every answer comes from ``smewindow.rules`` (or ``smewindow.catalog.search``). Bad input answers 422 naming each
problem (in Chinese and English), a body over 64 KB answers 413.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError

from smewindow import safejson
from smewindow.api.ask import router as ask_router
from smewindow.api.carbon import router as carbon_router
from smewindow.api.catalog import router as catalog_router
from smewindow.api.energy import router as energy_router
from smewindow.api.escos import router as escos_router
from smewindow.api.middleware import too_large_message
from smewindow.api.schemas import (
    ErrorOut,
    InterviewIn,
    InterviewOut,
    ProgramDetailOut,
    ProgramOut,
    ScreeningOut,
)
from smewindow.api.segment import router as segment_router
from smewindow.rules import PROGRAMS, PROGRAMS_BY_ID, Profile, ProfileError, screen
from smewindow.rules.engine import ScreeningDateError, check_date, program_summary, today_taipei
from smewindow.rules.interview import next_step, question_texts
from smewindow.rules.texts import fill

api = NinjaAPI(
    title="SME Window API 中小微企業單一窗口",
    version="1",
    description="Screening against Taiwan's 2025 SME Multi-faceted Revitalization Plan.",
    docs_url="/docs",
    urls_namespace="api",
)
api.add_router("/", catalog_router)  # /courses, /providers, /software
api.add_router("/", segment_router)  # /segment
api.add_router("/", escos_router)  # /escos
api.add_router("/", carbon_router)  # /carbon/estimate
api.add_router("/", energy_router)  # /energy/savings
api.add_router("/", ask_router)  # /ask

ON_DESCRIPTION = "篩選日期 YYYY-MM-DD（預設：臺北今天）· screening date, default today in Taipei"
PROFILE_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": Profile.model_json_schema()}},
    }
}


class ProblemError(HttpError):
    """422 with the named problems of a profile."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__(422, "invalid")
        self.errors = errors


@api.exception_handler(ProblemError)
def _problems(request: HttpRequest, exc: ProblemError) -> Any:
    return api.create_response(request, {"detail": exc.errors}, status=422)


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


def _profile_errors(exc: ProfileError) -> ProblemError:
    return ProblemError(
        [
            {"field": e.field, "message_zh": e.message_zh, "message_en": e.message_en}
            for e in exc.errors
        ]
    )


@api.post(
    "/screen",
    response={200: ScreeningOut, 413: ErrorOut, 422: ErrorOut},
    openapi_extra=PROFILE_BODY,
    summary="篩選一家企業 · screen one firm",
)
def screen_profile(request: HttpRequest, on: str | None = None) -> Any:
    """The result of shared/spec/screening.md for the profile in the body."""
    day = _date(on)
    data = _json_body(request)
    if not isinstance(data, dict):
        raise ProblemError(
            [
                {
                    "field": "(profile)",
                    "message_zh": "企業概況須為 JSON 物件",
                    "message_en": "the profile must be a JSON object",
                }
            ]
        )
    try:
        result = screen(data, on=day)
    except ProfileError as exc:
        raise _profile_errors(exc) from None
    # Built by the rules to the contract already: sent as is, not re-validated per request
    # (tests/api check it against ScreeningOut, schemathesis against the OpenAPI schema).
    return HttpResponse(
        json.dumps(result, ensure_ascii=False, separators=(",", ":")),
        content_type="application/json; charset=utf-8",
    )


@api.get(
    "/programs",
    response={200: list[ProgramOut], 422: ErrorOut},
    summary="措施一覽 · the catalogue",
)
def list_programs(request: HttpRequest, on: str | None = None) -> Any:
    """Every program of the plan with its window on the date."""
    day = _date(on)
    return [program_summary(p, day) for p in PROGRAMS]


@api.get(
    "/programs/{program_id}",
    response={200: ProgramDetailOut, 404: ErrorOut, 422: ErrorOut},
    summary="一項措施 · one program",
)
def get_program(request: HttpRequest, program_id: str, on: str | None = None) -> Any:
    """One program with its criteria and their sources."""
    day = _date(on)
    program = PROGRAMS_BY_ID.get(program_id)
    if program is None:
        raise HttpError(404, f"沒有這項措施 (no such program): {program_id}")
    criteria = [
        {
            "id": c.id,
            "label": fill(c.label, day),
            "label_en": fill(c.label_en, day, "en"),
            "source": c.source,
            "required": c.required,
        }
        for c in program.criteria
    ]
    return {**program_summary(program, day), "criteria": criteria}


@api.post(
    "/interview/next",
    response={200: InterviewOut, 413: ErrorOut, 422: ErrorOut},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": InterviewIn.model_json_schema()}},
        }
    },
    summary="下一個問題 · the next question",
)
def interview_next(request: HttpRequest, on: str | None = None) -> Any:
    """Given the answers so far (and the questions skipped), the next question or none; with
    ``combine``, the open questions of one topic come as one question of kind
    ``yes_no_grid`` (yes/no rows) or ``number_grid`` (number rows), whose rows not answered
    (not sure, or left blank) the next call lists in ``skipped``.
    An interview started with nothing answered asks ``needs`` first; ``in_scope`` lists the
    programs serving the needs answered (every program without them), and the interview
    ends when none of those is left to settle."""
    day = _date(on)
    data = _json_body(request)
    if not isinstance(data, dict) or set(data) - set(InterviewIn.model_fields):
        raise HttpError(
            422, '內容須為 {"answers": {...}, "skipped": [...], "combine": false} (bad body)'
        )
    answers, skipped = data.get("answers") or {}, data.get("skipped") or []
    combine = data.get("combine", False)
    if not isinstance(answers, dict) or not isinstance(skipped, list):
        raise HttpError(422, "answers 須為物件、skipped 須為清單 (answers: object, skipped: list)")
    if not all(isinstance(s, str) for s in skipped):
        raise HttpError(422, "skipped 須為欄位名稱的清單 (skipped: field names)")
    if unknown := [s for s in skipped if s not in question_texts()]:
        raise HttpError(
            422,
            "skipped 只能列出問題的欄位，主題 id 請改為列出未答是或否的各列"
            " (skipped: question fields only; list a grid's rows left unknown, not its topic):"
            f" {', '.join(unknown)}",
        )
    if not isinstance(combine, bool):
        raise HttpError(422, "combine 須為 true 或 false (combine: a boolean)")
    try:
        step = next_step(answers, on=day, skipped=skipped, combine=combine)
    except ProfileError as exc:
        raise _profile_errors(exc) from None
    question = None if step.question is None else step.question.__dict__
    in_scope = [p.id for p in PROGRAMS if p.id in step.in_scope]
    return {
        "question": question,
        "decided": step.decided,
        "total": step.total,
        "in_scope": in_scope,
    }
