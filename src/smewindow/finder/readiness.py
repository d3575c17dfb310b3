"""The readiness questionnaire (/readiness/): head count, needs, digital tools and AI use in one
plain GET form (nothing is stored, so no POST), answered with the firm's segment — size class,
AI-readiness level, the recommended programs and the partner kinds — as ``POST
/api/v1/segment`` gives it (``smewindow.rules.segments``), and a link that carries the answers
on into the finder.

A question left blank stays unknown: no box ticked is not 「都沒有」.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from smewindow.finder.answers import NONE_OF_THESE
from smewindow.finder.contacts import contact_html
from smewindow.finder.numbers import NumberError, read_number, units_for
from smewindow.finder.state import InterviewState
from smewindow.finder.views import answers_bad_requests, date_asked, page_lang, source_link
from smewindow.formatting import display_date, rule_text
from smewindow.rules import PROGRAMS_BY_ID, ProfileError, parse_profile
from smewindow.rules.needs import NEEDS, need_label
from smewindow.rules.segments import (
    levels,
    options,
    partner_kinds,
    segment,
    size_class_name,
    size_class_rule,
)

FIELDS = ("employees", "needs", "digital_tools", "ai_use")
"""The profile fields the questionnaire asks, in its order."""
MAX_FIELD_VALUES = 20
"""More values than this for one name is no answer a person gave."""


class FormError(ValueError):
    """One answer cannot be used; ``field`` names it, the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _values(form: QueryDict, name: str) -> list[str]:
    values = [v.strip() for v in form.getlist(name)]
    if len(values) > MAX_FIELD_VALUES:
        raise FormError(name, gettext("選項太多，請再選一次。"))
    return [v for v in values if v]


def _choices(form: QueryDict, name: str, allowed: tuple[str, ...]) -> list[str] | None:
    """The boxes ticked, in the options' order; None when none is (unknown); [] for 都沒有."""
    values = _values(form, name)
    if not values:
        return None
    if NONE_OF_THESE in values:
        if len(values) > 1:
            raise FormError(name, gettext("「都沒有」不能與其他選項同時勾選。"))
        return []
    if not set(values) <= set(allowed):
        raise FormError(name, gettext("選項不正確，請再選一次。"))
    return [v for v in allowed if v in values]


def read_form(form: QueryDict) -> dict[str, Any]:
    """The answers of the questionnaire as a profile (only the fields answered).

    Raises FormError naming the first answer that cannot be used."""
    answers: dict[str, Any] = {}
    employees = _values(form, "employees")
    if len(employees) > 1:
        raise FormError("employees", gettext("請只填一個數字。"))
    if employees:
        try:
            answers["employees"] = read_number(
                employees[0], units=units_for("employees"), whole=True
            )
        except NumberError as error:
            raise FormError("employees", str(error)) from None
    tools = tuple(value for value, _ in options("digital_tools"))
    for name, allowed in (("needs", NEEDS), ("digital_tools", tools)):
        ticked = _choices(form, name, allowed)
        if ticked is not None:
            if name == "needs" and not ticked:
                raise FormError(name, gettext("選項不正確，請再選一次。"))
            answers[name] = ticked
    ai_use = _values(form, "ai_use")
    if len(ai_use) > 1 or not set(ai_use) <= {v for v, _ in options("ai_use")}:
        raise FormError("ai_use", gettext("請從選項中選一個。"))
    if ai_use:
        answers["ai_use"] = ai_use[0]
    try:
        parse_profile(answers)
    except ProfileError as exc:
        first = exc.errors[0]
        raise FormError(first.field, f"{first.message_zh}（{first.message_en}）") from None
    return answers


def _finder_url(answers: dict[str, Any], on: str | None) -> str:
    """The finder, carrying the answers on (one screen: the questionnaire's)."""
    query = {"state": InterviewState().record(answers).encode()} if answers else {}
    if on:
        query["on"] = on
    return reverse("finder:finder") + ("?" + urlencode(query) if query else "")


def _result(answers: dict[str, Any], on: dt.date, lang: str) -> dict[str, Any]:
    found = segment(answers, on)
    level = found.ai_readiness.level
    return {
        "size_class": found.size_class,
        "size_name": size_class_name(found.size_class, lang) if found.size_class else "",
        "size_rule": size_class_rule(found.size_class, on, lang) if found.size_class else "",
        "level": level,
        "level_name": (found.ai_readiness.name_en if lang == "en" else found.ai_readiness.name)
        or "",
        "level_description": (
            rule_text(levels()[level], "description", lang, on) if level is not None else ""
        ),
        "needs": [need_label(n, lang) for n in found.needs or ()],
        "segment": found.segment,
        "recommended": [
            (pid, rule_text(PROGRAMS_BY_ID[pid], "name", lang)) for pid in found.recommended
        ],
        "referrals": [
            {
                "id": kind.id,
                "name": kind.text("name", lang),
                "serves": kind.text("serves", lang),
                "url": kind.url,
                "phone": contact_html(kind.phone) if kind.phone else "",
                "source": source_link(kind.source, lang),
            }
            for kind in (partner_kinds()[k] for k in found.referrals)
        ],
    }


@require_GET
@answers_bad_requests
def readiness(request: HttpRequest) -> HttpResponse:
    """The questionnaire; with ``sent`` in the query, its answers' segment above it."""
    lang, on = page_lang(), date_asked(request)
    on_text = request.GET.get("on") or ""
    form = request.GET
    context: dict[str, Any] = {
        "on": on_text,
        "as_of": display_date(on, lang),
        "needs_options": [(n, need_label(n, lang)) for n in NEEDS],
        "tool_options": options("digital_tools", lang),
        "ai_options": options("ai_use", lang),
        "none_of_these": NONE_OF_THESE,
        "typed": {name: _safe_values(form, name) for name in FIELDS},
        "levels": [(n, lv.name_en if lang == "en" else lv.name) for n, lv in levels().items()],
        "error": None,
        "result": None,
    }
    status = 200
    if "sent" in form:
        try:
            answers = read_form(form)
        except FormError as error:
            context["error"] = error
            status = 422
        else:
            context["result"] = _result(answers, on, lang)
            context["finder_url"] = _finder_url(answers, on_text or None)
    return render(request, "finder/readiness.html", context, status=status)


def _safe_values(form: QueryDict, name: str) -> list[str]:
    """What the form sent for ``name`` (to show it again), at most ``MAX_FIELD_VALUES``."""
    return form.getlist(name)[:MAX_FIELD_VALUES]
