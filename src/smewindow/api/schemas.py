"""Response shapes of the API, for validation and the OpenAPI schema."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Schema


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


class QuestionOut(Schema):
    field: str
    title: str
    question: str
    why: str
    kind: str
    options: list[tuple[str, str]]
    settles: int


class InterviewOut(Schema):
    question: QuestionOut | None
    decided: int
    total: int
