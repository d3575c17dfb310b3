"""``GET /api/v1/ask?q=…&on=…&lang=…``: a question answered from the rules
(``smewindow.ask.engine``), or refused with the closest programs and the desk.

→ ``{"question", "on", "answer", "programs", "facts": [{"parameter", "value", "source",
"unconfirmed"}], "profile", "confidence", "refer", "closest", "status", "links"}``. An empty
or over-long question, or a bad date, answers 422 naming it in Chinese and English.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import BaseModel, Field

from smewindow.api.catalog import query_parameters, read_query
from smewindow.api.schemas import ErrorOut
from smewindow.api.segment import _date
from smewindow.ask.engine import QuestionError, ask
from smewindow.ask.facts import MAX_QUESTION
from smewindow.ask.links import links

router = Router(tags=["ask 問答"])


class AskQuery(BaseModel):
    q: str = Field(..., max_length=MAX_QUESTION * 2, description="問題 · the question")
    on: str | None = Field(None, description="日期 YYYY-MM-DD（預設今天）· the date asked")
    lang: Literal["zh", "en"] = Field("zh", description="回答的語言 · the answer's language")


class FactOut(Schema):
    parameter: str
    value: str
    source: str
    unconfirmed: bool


class AskOut(Schema):
    question: str
    on: str
    answer: str
    programs: list[str]
    facts: list[FactOut]
    profile: dict[str, Any]
    confidence: str
    refer: bool
    closest: list[str]
    status: dict[str, str]
    links: dict[str, Any]


@router.get(
    "/ask",
    response={200: AskOut, 422: ErrorOut},
    openapi_extra=query_parameters(AskQuery),
    summary="問問題 · ask a question",
)
def ask_question(request: HttpRequest) -> Any:
    """A question in everyday Traditional or Simplified Chinese or English, answered only
    from the rules for the date, or refused (``refer``) with the closest programs."""
    query = read_query(AskQuery, request)
    on = _date(query.on)
    try:
        result = ask(query.q, on, query.lang)
    except QuestionError as exc:
        raise HttpError(422, str(exc)) from None
    return {**result.as_api(), "links": links(result)}
