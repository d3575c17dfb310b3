"""Request and response shapes of the API, for validation and the OpenAPI schema."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class FieldErrorOut(Schema):
    field: str
    message_zh: str
    message_en: str


class ErrorOut(Schema):
    detail: str | list[FieldErrorOut]


class CriterionOut(Schema):
    id: str
    result: Literal["met", "unmet", "unknown"]
    label: str
    label_en: str
    source: str
    required: bool


class BenefitOut(Schema):
    kind: str
    amount: int | None
    unit: str
    detail: dict[str, Any]


class WindowDatesOut(Schema):
    opens: str | None
    closes: str | None


class ProgramResultOut(Schema):
    id: str
    name: str
    name_en: str
    group: str
    eligibility: Literal["eligible", "ineligible", "unknown"]
    window: Literal["open", "upcoming", "closed", "ongoing", "unannounced"]
    window_dates: WindowDatesOut | None
    benefit: BenefitOut
    criteria: list[CriterionOut]
    missing_fields: list[str]
    next_steps: str
    next_steps_en: str
    contact: str
    contact_en: str
    source: str
    url: str


class ScreeningOut(Schema):
    as_of: str
    rules_version: str
    programs: list[ProgramResultOut]


class CriterionRuleOut(Schema):
    id: str
    label: str
    label_en: str
    source: str
    required: bool


class ProgramOut(Schema):
    id: str
    name: str
    name_en: str
    group: str
    kind: str
    window: str
    window_dates: WindowDatesOut | None
    source: str
    url: str
    next_steps: str
    next_steps_en: str
    contact: str
    contact_en: str


class ProgramDetailOut(ProgramOut):
    criteria: list[CriterionRuleOut]


class InterviewIn(Schema):
    """The body of /interview/next."""

    model_config = ConfigDict(extra="forbid")

    answers: dict[str, Any] = Field(
        default={}, description="目前的答案（企業概況欄位）· the answers so far (profile fields)"
    )
    skipped: list[str] = Field(
        default=[],
        description="不確定而跳過的欄位；combine 時也可放婉拒的主題 id（逐項回答）"
        " · fields skipped as unsure; with combine also topic ids whose screen was declined",
    )
    combine: bool = Field(
        default=False,
        description="同一主題的是非題合併為一頁勾選（kind checks）"
        " · yes/no questions of one topic on one screen of boxes to tick (kind checks)",
    )


class QuestionOut(Schema):
    field: str = Field(description="欄位；kind checks 時為主題 id · profile field, or topic id")
    title: str
    question: str
    why: str
    kind: Literal["yes_no", "number", "whole_number", "choice", "choices", "checks"]
    options: list[tuple[str, str]] = Field(
        description="選項；kind checks 時為（是非欄位, 勾選敘述），勾選為是、未勾選為否"
        " · options; for checks (yes/no field, statement): ticked is yes, unticked is no"
    )
    settles: int


class InterviewOut(Schema):
    question: QuestionOut | None
    decided: int
    total: int
