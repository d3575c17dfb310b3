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
    applies: bool


class BenefitOut(Schema):
    kind: str
    amount: int | None
    max_amount: int | None
    amount_fields: list[str]
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
    last_verified: str = Field(description="The day the program's facts were last verified.")


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
    last_verified: str = Field(description="The day the program's facts were last verified.")
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
        description="不確定而跳過的欄位（yes_no_grid 未答是或否的列、number_grid 留白的列也列在這裡）"
        " · fields skipped as unsure (a yes_no_grid's rows not answered yes or no, a"
        " number_grid's rows left blank, too)",
    )
    combine: bool = Field(
        default=False,
        description="同一主題的問題合併為一頁：是非題逐列答是、否或不確定（kind yes_no_grid），"
        "數字題逐列填數字或留白（kind number_grid）"
        " · questions of one topic on one screen: yes/no rows answered yes, no or not sure"
        " (kind yes_no_grid), number rows a number or blank (kind number_grid)",
    )


class QuestionOut(Schema):
    field: str = Field(description="欄位；grid 時為主題 id · profile field, or topic id for a grid")
    title: str
    question: str
    why: str
    kind: Literal[
        "yes_no", "number", "whole_number", "choice", "choices", "yes_no_grid", "number_grid"
    ]
    options: list[tuple[str, str]] = Field(
        description="選項；kind yes_no_grid 時每列為（是非欄位, 敘述）：答是為 true、否為 false，"
        "不確定則把欄位放進 skipped；kind number_grid 時每列為（數字欄位, 問題），留白則放進 skipped"
        " · options; for yes_no_grid one row each (yes/no field, statement): yes is true,"
        " no is false, not sure puts the field in skipped; for number_grid one row each"
        " (number field, question), a blank row goes in skipped"
    )
    settles: int


class InterviewOut(Schema):
    question: QuestionOut | None
    decided: int
    total: int
    in_scope: list[str] = Field(
        description="符合企業需求（needs）的措施 id；未回答需求時為全部措施；問到這些措施都確定為止"
        " · ids of the programs serving the firm's needs (every program when needs is not"
        " answered); the interview ends when none of them is left to settle"
    )
