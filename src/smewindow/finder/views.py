"""The finder's pages: thin views over ``smewindow.rules``; plain forms, no JavaScript needed.

The interview shows one question per screen, except that the open yes/no questions of one
topic share one screen, a grid of rows answered 是 / 否 / 不確定 (``next_step(...,
combine=True)``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache, wraps
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods

from smewindow.catalog.for_firm import TRAINING_PROGRAM, course_zone_url
from smewindow.finder.answers import NONE_OF_THESE, AnswerError, read_answers
from smewindow.finder.calendar import deadlines_calendar
from smewindow.finder.pdf import report_pdf
from smewindow.finder.state import InterviewState, StateError
from smewindow.formatting import LABELS, display_date, label, twd
from smewindow.rules import PROGRAMS, PROGRAMS_BY_ID, ProfileError, screen
from smewindow.rules.engine import (
    ScreeningDateError,
    check_date,
    program_summary,
    today_taipei,
)
from smewindow.rules.interview import (
    Question,
    Step,
    grid_question,
    next_step,
    question_for,
    question_texts,
    topic_fields,
)
from smewindow.rules.taiwan import DIVISION_NAMES, DIVISION_NAMES_EN


def _on(request: HttpRequest) -> dt.date:
    """The screening date from ?on= (default today in Taipei); a bad one is a 400 page."""
    text = request.GET.get("on") or request.POST.get("on")
    if not text:
        return today_taipei()
    try:
        day = dt.date.fromisoformat(text)
        check_date(day)
    except (ValueError, ScreeningDateError) as exc:
        raise BadRequest(f"日期不正確 (bad date): {text}", str(exc)) from None
    return day


def page_lang() -> str:
    """The page's language for the rules' texts: en or zh (the default)."""
    return "en" if (get_language() or "").startswith("en") else "zh"


def _text(item: Any, attribute: str, lang: str) -> str:
    """A rule's text (label, next steps, contact …) in the page's language."""
    return str(getattr(item, f"{attribute}_en" if lang == "en" else attribute))


class BadRequest(Exception):
    """A request the page cannot answer; shown as a 400 page with the reason."""

    def __init__(self, title: str, detail: str = "") -> None:
        super().__init__(title)
        self.title, self.detail = title, detail


def _state(request: HttpRequest) -> InterviewState:
    try:
        return InterviewState.decode(request.GET.get("state") or request.POST.get("state"))
    except StateError as exc:
        raise BadRequest(str(exc)) from None


def _url(name: str, state: InterviewState, on: str | None) -> str:
    query = {"state": state.encode()} if state.order else {}
    if on:
        query["on"] = on
    return reverse(name) + ("?" + urlencode(query) if query else "")


View = Callable[..., HttpResponse]


def answers_bad_requests(view: View) -> View:
    """Show a BadRequest raised by the view as a 400 page that says why."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except BadRequest as exc:
            return render(request, "finder/error.html", {"error": exc}, status=400)

    return wrapper


def home(request: HttpRequest) -> HttpResponse:
    """The plan at a glance and one start button."""
    lang = page_lang()
    groups = [
        (
            label("group", key, lang),
            [
                {"id": p.id, "display_name": _text(p, "name", lang)}
                for p in PROGRAMS
                if p.group == key
            ],
        )
        for key in LABELS["zh"]["group"]
    ]
    return render(request, "finder/home.html", {"groups": groups})


def _next_step(state: InterviewState, on: dt.date) -> Step:
    """Where the interview stands for ``state``, yes/no questions of a topic combined."""
    return next_step(state.answers, on=on, skipped=state.skipped, lang=page_lang(), combine=True)


@require_http_methods(["GET", "POST"])
@answers_bad_requests
def finder(request: HttpRequest) -> HttpResponse:
    """One screen of questions; POST records its answers (or skips them) and moves on."""
    on = _on(request)
    state = _state(request)
    on_text = request.GET.get("on") or request.POST.get("on")
    if request.method == "POST":
        return _record(request, state, on, on_text)
    if request.GET.get("back"):
        return HttpResponseRedirect(_url("finder:finder", state.back(), on_text))
    step = _next_step(state, on)
    ask = request.GET.get("ask", "")
    if ask in question_texts():  # a question picked from the results page
        step = replace(step, question=question_for(ask, page_lang()))
    elif step.question is None:
        return HttpResponseRedirect(_url("finder:results", state, on_text))
    return _question_page(request, state, step, on_text, error=None, status=200)


def _question_page(
    request: HttpRequest,
    state: InterviewState,
    step: Step,
    on_text: str | None,
    *,
    error: str | None,
    status: int,
) -> HttpResponse:
    context = {
        "question": step.question,
        "state": state.encode() if state.order else "",
        "on": on_text or "",
        "decided": step.decided,
        "total": step.total,
        "asked": len(state.order),
        "error": error,
        "next": "results"
        if (request.GET.get("next") or request.POST.get("next")) == "results"
        else "",
        "none_of_these": NONE_OF_THESE,
        "back_url": _url("finder:finder", state.back(), on_text) if state.order else None,
        "results_url": _url("finder:results", state, on_text),
    }
    return render(request, "finder/question.html", context, status=status)


def _posted_question(form: QueryDict) -> Question:
    """The question (or grid of a topic's rows) a form answers; a field or row not asked is
    refused."""
    field = form.get("field", "")
    if field in question_texts():
        return question_for(field, page_lang())
    if field not in topic_fields():
        raise BadRequest(f"沒有這個問題 (no such question): {field}")
    posted = form.getlist("row")
    rows = tuple(row for row in topic_fields()[field] if row in posted)
    if len(rows) < 2 or len(rows) != len(posted):
        raise BadRequest(gettext("這一頁沒有這些項目：%(rows)s") % {"rows": ", ".join(posted)})
    return grid_question(field, rows, page_lang())


def _record(
    request: HttpRequest, state: InterviewState, on: dt.date, on_text: str | None
) -> HttpResponse:
    """Record a screen: its answers (a grid's rows not answered yes or no as skipped) or its
    skip (不確定, every field of the screen)."""
    question = _posted_question(request.POST)
    if request.POST.get("action") == "skip":
        new_state = state.skip(*(question.rows or (question.field,)))
    else:
        try:
            new_state = state.record(read_answers(question, request.POST))
        except AnswerError as exc:
            step = replace(_next_step(state, on), question=question)
            return _question_page(request, state, step, on_text, error=str(exc), status=422)
    target = "finder:results" if request.POST.get("next") == "results" else "finder:finder"
    return HttpResponseRedirect(_url(target, new_state, on_text))


def _results_context(request: HttpRequest) -> dict[str, Any]:
    """Everything the results page and the PDF report show; raises BadRequest."""
    on = _on(request)
    state = _state(request)
    on_text = request.GET.get("on")
    result = screen(state.answers, on=on)
    lang = page_lang()
    groups = [
        {
            "key": eligibility,
            "label": label("eligibility", eligibility, lang),
            "programs": [
                _describe(p, on, lang)
                for p in result["programs"]
                if p["eligibility"] == eligibility
            ],
        }
        for eligibility in LABELS["zh"]["eligibility"]
    ]
    finder_url = _url("finder:finder", state, on_text)
    eligible = groups[0]["programs"]
    return {
        "groups": groups,
        "training_program": TRAINING_PROGRAM,
        "training_courses_url": course_zone_url(state.answers),
        "training_apply_url": _apply_url(state),
        "open_questions": _open_questions(groups[1]["programs"], finder_url, lang),
        "total": twd(sum(p.amount or 0 for p in eligible)),
        "total_parts": [(p.display_name, p.amount_text, p.kind) for p in eligible if p.amount],
        "as_of": display_date(on, lang),
        "as_of_iso": on.isoformat(),
        "answers": [
            (question_for(f, lang).title, _display(f, v, lang))
            for f, v in state.answers.items()
            if f in question_texts()
        ],
        "state": state.encode() if state.order else "",
        "on": on_text or "",
        "finder_url": finder_url,
        "calendar_url": _url("finder:calendar", state, on_text),
        "pdf_url": _url("finder:report", state, on_text),
    }


def _apply_url(state: InterviewState) -> str:
    """The online application of the training subsidy, prefilled from the answers (behind
    login: an anonymous visitor logs in or signs up and comes back here)."""
    query = f"?{urlencode({'state': state.encode()})}" if state.order else ""
    return f"{reverse('apply:new')}{query}"


def _open_questions(undecided: list[Card], finder_url: str, lang: str) -> list[dict[str, Any]]:
    """Each question that would decide an undecided program, once, with the programs it
    decides; the ones deciding the most first. Yes/no questions are answered in place,
    the others open the question's page and come back to the results."""
    deciding: dict[str, list[str]] = {}
    for program in undecided:
        for field in program.missing_fields:
            deciding.setdefault(field, []).append(program.display_name)
    joiner = "&" if "?" in finder_url else "?"
    questions = []
    for field, programs in sorted(deciding.items(), key=lambda item: -len(item[1])):
        question = question_for(field, lang)
        query = urlencode({"ask": field, "next": "results"})
        questions.append(
            {
                "field": field,
                "kind": question.kind,
                "question": question.question,
                "url": f"{finder_url}{joiner}{query}",
                "programs": programs,
            }
        )
    return questions


@answers_bad_requests
def results(request: HttpRequest) -> HttpResponse:
    """符合 / 可能符合（尚需資料）/ 不符合, with amounts, windows, reasons and next steps."""
    return render(request, "finder/results.html", _results_context(request))


@answers_bad_requests
def results_report(request: HttpRequest) -> HttpResponse:
    """The results as a printable PDF to bring to a bank or an agency."""
    context = _results_context(request)
    html = render_to_string("finder/report.html", context, request=request)
    pdf = report_pdf(html, request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="smewindow-report.pdf"'
    return response


def _display(field: str, value: Any, lang: str) -> str:
    """An answer as a person reads it: 是／否, option labels, numbers with separators."""
    labels = dict(question_for(field, lang).options)
    english = lang == "en"
    if isinstance(value, bool):
        return ("yes" if value else "no") if english else ("是" if value else "否")
    if isinstance(value, list):
        return ("; " if english else "、").join(labels.get(v, v) for v in value) or (
            "none" if english else "都沒有"
        )
    if isinstance(value, int | float):
        return f"{value:,}"
    return str(labels.get(value, value))


@cache
def _program_url(program_id: str) -> str:
    return reverse("finder:program", args=[program_id])


@lru_cache(maxsize=4096)
def criteria_list_html(
    program_id: str, results: tuple[str, ...], lang: str
) -> tuple[str, str, str]:
    """A program's criteria with their results and sources as list items, and its required
    criteria unmet and unknown (built once per program, results and language: the results
    page shows about a hundred)."""
    criteria = PROGRAMS_BY_ID[program_id].criteria
    if not criteria:
        return format_html("<li>{}</li>", gettext("不限對象")), "", ""
    source, colon = gettext("出處："), gettext("：")
    opening, closing = gettext("（"), gettext("）")
    items = format_html_join(
        "",
        '<li class="{}">{}{}{}{}<small>{}{}{}{}</small></li>',
        (
            (
                "unknown-result" if result == "unknown" else result,
                label("result", result, lang),
                colon,
                _text(c, "label", lang),
                "" if c.required else gettext("（加分或優先條件）"),
                opening,
                source,
                c.source,
                closing,
            )
            for c, result in zip(criteria, results, strict=True)
        ),
    )

    def required(wanted: str) -> str:
        return format_html_join(
            gettext("；"),
            "{}<small>{}{}{}{}</small>",
            (
                (_text(c, "label", lang), opening, source, c.source, closing)
                for c, result in zip(criteria, results, strict=True)
                if result == wanted and c.required
            ),
        )

    return items, required("unmet"), required("unknown")


@dataclass(frozen=True)
class Card:
    """One program of the results as the page and the report show it."""

    id: str
    display_name: str
    page_url: str
    amount: float | None
    amount_text: str
    kind: str
    window: str
    window_label: str
    opens: str
    closes: str
    days_left: int | None
    criteria_html: str
    unmet_html: str
    unknown_html: str
    next_steps_text: str
    contact_text: str
    missing_fields: tuple[str, ...]
    questions: tuple[Question, ...]


def _describe(program: dict[str, Any], on: dt.date, lang: str) -> Card:
    """A result entry with its labels in the page's language and the questions that would
    decide it."""
    results = tuple(c["result"] for c in program["criteria"])
    criteria_html, unmet_html, unknown_html = criteria_list_html(program["id"], results, lang)
    rules = PROGRAMS_BY_ID[program["id"]]
    dates = program["window_dates"] or {}
    closes = dates.get("closes")
    days_left = None
    if program["window"] == "open" and closes:
        days_left = (dt.date.fromisoformat(closes[:10]) - on).days
    amount = program["benefit"]["amount"]
    return Card(
        id=program["id"],
        display_name=_text(rules, "name", lang),
        page_url=_program_url(program["id"]),
        amount=amount,
        amount_text=twd(amount) if amount is not None else "",
        kind=label("kind", program["benefit"]["kind"], lang),
        window=program["window"],
        window_label=label("window", program["window"], lang),
        opens=display_date(dates["opens"], lang) if dates.get("opens") else "",
        closes=display_date(closes, lang) if closes else "",
        days_left=days_left,
        criteria_html=criteria_html,
        unmet_html=unmet_html,
        unknown_html=unknown_html,
        next_steps_text=_text(rules, "next_steps", lang),
        contact_text=_text(rules, "contact", lang),
        missing_fields=tuple(program["missing_fields"]),
        questions=tuple(question_for(f, lang) for f in program["missing_fields"]),
    )


@answers_bad_requests
def results_calendar(request: HttpRequest) -> HttpResponse:
    """The application deadlines the firm can act on as an .ics file, in the page's language."""
    on = _on(request)
    result = screen(_state(request).answers, on=on)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    ics = deadlines_calendar(result, on, stamp, page_lang())
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="smewindow-deadlines.ics"'
    return response


@answers_bad_requests
def program_list(request: HttpRequest) -> HttpResponse:
    """Every program, filterable by part of the plan, kind, open now, and industry (the
    programs a firm of that industry is not ruled out of, by the rules themselves)."""
    group, kind = request.GET.get("group", ""), request.GET.get("kind", "")
    industry, open_now = request.GET.get("industry", ""), request.GET.get("open") == "1"
    on = _on(request)
    try:
        screened = screen({"industry": industry} if industry else {}, on=on)["programs"]
    except ProfileError:
        raise BadRequest(f"沒有這個行業代碼 (no such industry): {industry}") from None
    by_id = {p["id"]: p for p in screened}
    lang = page_lang()
    programs = [
        p
        for p in PROGRAMS
        if (not group or p.group == group)
        and (not kind or p.benefit.kind == kind)
        and (not open_now or by_id[p.id]["window"] in ("open", "ongoing"))
        and (not industry or by_id[p.id]["eligibility"] != "ineligible")
    ]
    context = {
        "programs": [{"id": p.id, "display_name": _text(p, "name", lang)} for p in programs],
        "groups": LABELS[lang]["group"],
        "kinds": LABELS[lang]["kind"],
        "industries": DIVISION_NAMES_EN if lang == "en" else DIVISION_NAMES,
        "group": group,
        "kind": kind,
        "industry": industry,
        "open_now": open_now,
    }
    return render(request, "finder/program_list.html", context)


@answers_bad_requests
def program_detail(request: HttpRequest, program_id: str) -> HttpResponse:
    """One program: its window, its rules in plain words with their sources, next steps,
    contact and official link."""
    program = PROGRAMS_BY_ID.get(program_id)
    if program is None:
        raise Http404(program_id)
    lang, on = page_lang(), _on(request)
    summary = program_summary(program, on)
    dates = summary["window_dates"] or {}
    context = {
        "program": program,
        "display_name": _text(program, "name", lang),
        "kind": label("kind", program.benefit.kind, lang),
        "group": label("group", program.group, lang),
        "window_label": label("window", summary["window"], lang),
        "opens": display_date(dates["opens"], lang) if dates.get("opens") else "",
        "closes": display_date(dates["closes"], lang) if dates.get("closes") else "",
        "as_of": display_date(on, lang),
        "criteria": [(_text(c, "label", lang), c.required, c.source) for c in program.criteria],
        "next_steps": _text(program, "next_steps", lang),
        "contact": _text(program, "contact", lang),
        "courses_url": course_zone_url({}) if program.id == TRAINING_PROGRAM else "",
    }
    return render(request, "finder/program_detail.html", context)
