"""Reading the answers of one screen of the interview's form, with errors in plain Chinese."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext

from smewindow.finder.numbers import (
    NumberError,
    allows_negative,
    is_share,
    read_number,
    read_percent,
    units_for,
)
from smewindow.rules import ProfileError, parse_profile
from smewindow.rules.interview import NEEDS_FIELD, Question, question_for

NONE_OF_THESE = "__none__"
EVERY_ONE = "__all__"
"""The needs question's 「都想看看」: every need (it offers no 「都沒有」: an empty answer is refused)."""

ROW_PREFIX = "value-"
"""A grid's row posts its answer (是/否/不確定, or a number's text) as ``value-<field>``."""
ROW_ANSWERS: dict[str, bool | None] = {"yes": True, "no": False, "unsure": None}
"""What a grid's row may post, and what each means: 是, 否, 不確定 (unknown)."""
FORM_NAMES = frozenset(
    {"csrfmiddlewaretoken", "state", "on", "field", "row", "next", "action", "q"}
)
"""The names the question form posts besides its answers."""


class AnswerError(ValueError):
    """The answer cannot be used; the message says why, in Chinese and English (a grid's, in
    the page's language)."""


def read_answers(question: Question, form: QueryDict) -> dict[str, Any]:
    """The answers the form gives for ``question``, by profile field. For a ``yes_no_grid``
    screen every row's field is there: True (是), False (否) or None, unknown (不確定, or
    no choice made); for a ``number_grid`` its number, or None (unknown, never 0) when the
    row was left blank."""
    if not question.rows:
        return {question.field: read_answer(question, form)}
    names = {ROW_PREFIX + row: row for row in question.rows}
    if set(form) - FORM_NAMES - set(names):
        raise AnswerError(gettext("表單中有不在這一頁上的項目，所以沒有記錄任何答案；請再選一次。"))
    if question.kind == "number_grid":
        return {
            row: _read_row_number(question, row, form.getlist(name)) for name, row in names.items()
        }
    answers: dict[str, Any] = {}
    for name, row in names.items():
        values = form.getlist(name)
        if len(values) > 1 or not set(values) <= set(ROW_ANSWERS):
            raise AnswerError(
                gettext(
                    "每一項只能選「是」、「否」或「不確定」，所以沒有記錄任何答案；請再選一次。"
                )
            )
        answers[row] = ROW_ANSWERS[values[0]] if values else None
    return answers


def _read_row_number(question: Question, row: str, texts: list[str]) -> Any:
    """The number typed in a ``number_grid``'s row, None when blank; an error names the row."""
    label = dict(question.options)[row]
    if len(texts) > 1:
        raise AnswerError(_row_error(label, gettext("每一項只能填一個數字。")))
    text = texts[0].strip() if texts else ""
    if not text:
        return None
    try:
        value = _convert(question_for(row), text, set())
        _check(row, value)
    except AnswerError as error:
        raise AnswerError(_row_error(label, str(error))) from None
    return value


def _row_error(label: str, error: str) -> str:
    """An error about one row of a grid, naming the row."""
    return gettext("「%(row)s」%(error)s") % {"row": label, "error": error}


def read_answer(question: Question, form: QueryDict) -> Any:
    """The value the form gives for ``question``, checked as a profile field."""
    allowed = {value for value, _ in question.options}
    if question.field == NEEDS_FIELD:
        return _read_needs(question, form.getlist("value"), allowed)
    if question.kind == "choices":
        values = form.getlist("value")
        if not values:
            raise AnswerError("請至少勾選一項，或勾選「都沒有」(choose at least one, or none)")
        value: Any = [] if values == [NONE_OF_THESE] else values
        if NONE_OF_THESE in values and len(values) > 1:
            raise AnswerError(
                "「都沒有」不能與其他選項同時勾選 (none of these excludes the others)"
            )
        if not set(value) <= allowed:
            raise AnswerError("選項不正確 (not one of the options)")
    else:
        texts = {text.strip() for text in form.getlist("value")} - {""}
        if not texts:
            raise AnswerError("請回答，或按「不確定」(answer, or choose 不確定)")
        if len(texts) > 1:
            raise AnswerError("請只選一個答案 (choose only one answer)")
        value = _convert(question, texts.pop(), allowed)
    _check(question.field, value)
    return value


def _check(field: str, value: Any) -> None:
    """Raise AnswerError when ``value`` is no valid answer for the profile field ``field``."""
    try:
        parse_profile({field: value})
    except ProfileError as exc:
        error = exc.errors[0]
        raise AnswerError(f"{error.message_zh}（{error.message_en}）") from None


def _read_needs(question: Question, values: list[str], allowed: set[str]) -> list[str]:
    """The needs ticked, in the options' order; 「都想看看」 is every need."""
    if not values:
        raise AnswerError(gettext("請至少勾選一項；都想了解，請勾選「都想看看」。"))
    if not set(values) <= allowed | {EVERY_ONE}:
        raise AnswerError(gettext("選項不正確，請再選一次。"))
    return [v for v, _ in question.options if EVERY_ONE in values or v in values]


def _convert(question: Question, text: str, allowed: set[str]) -> Any:
    if question.kind == "yes_no":
        if text not in ("yes", "no"):
            raise AnswerError("請選擇「是」或「否」(choose yes or no)")
        return text == "yes"
    if question.kind == "choice":
        if text not in allowed:
            raise AnswerError("請從選項中選擇 (choose one of the options)")
        return text
    try:
        if is_share(question.field):
            return read_percent(text)
        return read_number(
            text,
            units=units_for(question.field),
            whole=question.kind == "whole_number",
            negative=allows_negative(question.field),
        )
    except NumberError as error:
        raise AnswerError(str(error)) from None
