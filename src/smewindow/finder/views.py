"""The finder's pages: thin views over ``smewindow.rules``; plain forms, no JavaScript needed.

The interview shows one question per screen, except that the open yes/no questions of one
topic share one screen, a grid of rows answered 是 / 否 / 不確定 (``next_step(...,
combine=True)``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache, wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods

from smewindow.catalog.for_firm import TRAINING_PROGRAM, course_zone_url, software_list_url
from smewindow.finder.answers import (
    EVERY_ONE,
    NONE_OF_THESE,
    ROW_PREFIX,
    AnswerError,
    read_answers,
)
from smewindow.finder.calendar import deadlines_calendar
from smewindow.finder.contacts import contact_html
from smewindow.finder.numbers import is_money, is_share
from smewindow.finder.pdf import report_pdf
from smewindow.finder.plan import build_plan
from smewindow.finder.state import InterviewState, StateError
from smewindow.formatting import (
    LABELS,
    benefit_summary,
    display_date,
    label,
    rule_text,
    taipei_minute,
    twd,
    window_label,
)
from smewindow.rules import PROGRAMS, PROGRAMS_BY_ID, ProfileError, screen
from smewindow.rules.engine import (
    ScreeningDateError,
    check_date,
    program_summary,
    today_taipei,
)
from smewindow.rules.guidance import guidance_for
from smewindow.rules.industries import search
from smewindow.rules.interview import (
    NEEDS_FIELD,
    Question,
    Step,
    grid_question,
    next_step,
    question_for,
    question_texts,
    topic_fields,
)
from smewindow.rules.model import MONEY_KINDS
from smewindow.rules.sources import source_title
from smewindow.rules.taiwan import DIVISION_NAMES, division_label, section_name
from smewindow.throttle import over_limit


def date_asked(request: HttpRequest) -> dt.date:
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
                {"id": p.id, "display_name": rule_text(p, "name", lang)}
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
    on = date_asked(request)
    state = _state(request)
    on_text = request.GET.get("on") or request.POST.get("on")
    if request.method == "POST":
        return _record(request, state, on, on_text)
    if request.GET.get("back"):
        return HttpResponseRedirect(_url("finder:finder", state.back(), on_text))
    step = _next_step(state, on)
    ask = request.GET.get("ask", "")
    if ask in question_texts() and (step.question is None or step.question.field != ask):
        step = replace(step, question=question_for(ask, page_lang(), on))  # picked from the results
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
    """A screen of the interview; after an error it shows again what was typed or chosen."""
    question = step.question
    assert question is not None
    context = {
        "question": question,
        "state": state.encode() if state.order else "",
        "on": on_text or "",
        "decided": step.decided,
        "total": step.total,
        "asked": len(state.order),
        "error": error,
        "typed": request.POST.getlist("value") if error else [],
        "hint": _hint(question),
        "number_rows": _number_rows(request, question, error),
        "money": is_money(question.field) if question.field in question_texts() else False,
        "industry": _industry(request, question) if question.field == "industry" else None,
        "next": "results"
        if (request.GET.get("next") or request.POST.get("next")) == "results"
        else "",
        "none_of_these": NONE_OF_THESE,
        "every_one": EVERY_ONE if question.field == NEEDS_FIELD else "",
        "back_url": _url("finder:finder", state.back(), on_text) if state.order else None,
        "results_url": _url("finder:results", state, on_text),
    }
    return render(request, "finder/question.html", context, status=status)


def _number_rows(
    request: HttpRequest, question: Question, error: str | None
) -> list[dict[str, str]]:
    """The rows of a ``number_grid`` screen (none for other questions): each row's field,
    label, hint, input mode and, after an error, what was typed in it."""
    if question.kind != "number_grid":
        return []
    rows = []
    for field, text in question.options:
        row = question_for(field, page_lang())
        mode = "numeric" if row.kind == "whole_number" else "decimal"
        rows.append(
            {
                "field": field,
                "label": text,
                "hint": _hint(row),
                "inputmode": "" if is_money(field) else mode,
                "typed": request.POST.get(ROW_PREFIX + field, "") if error else "",
            }
        )
    return rows


def _hint(question: Question) -> str:
    """How a number may be typed, under its box ('' for other questions)."""
    if question.kind not in ("number", "whole_number"):
        return ""
    if is_share(question.field):
        return gettext("請填百分比，例如 20 或 20%。")
    if is_money(question.field):
        return gettext("以新臺幣元計，可以寫 1500000、1,500,000、150萬 或 1.5億。")
    if question.kind == "whole_number":
        return gettext("請填整數，例如 8。")
    return gettext("請填數字，例如 120 或 12.5。")


def _industry(request: HttpRequest, question: Question) -> dict[str, Any]:
    """The industry question's search (``q``, by GET, or kept by a POST) and its full list
    grouped by section."""
    lang = page_lang()
    query = (request.GET.get("q") or request.POST.get("q") or "").strip()[:40]
    groups: dict[str, list[tuple[str, str]]] = {}
    for code, text in question.options:
        groups.setdefault(section_name(code, lang), []).append((code, text))
    return {
        "query": query,
        "matches": search(query, lang),
        "groups": list(groups.items()),
        "ask": question.field,
    }


def _posted_question(form: QueryDict, on: dt.date) -> Question:
    """The question (or grid of a topic's rows) a form answers; a field or row not asked is
    refused."""
    field = form.get("field", "")
    if field in question_texts():
        return question_for(field, page_lang(), on)
    if field not in topic_fields():
        raise BadRequest(f"沒有這個問題 (no such question): {field}")
    posted = form.getlist("row")
    rows = tuple(row for row in topic_fields()[field] if row in posted)
    if len(rows) < 2 or len(rows) != len(posted):
        raise BadRequest(gettext("這一頁沒有這些項目：%(rows)s") % {"rows": ", ".join(posted)})
    return grid_question(field, rows, page_lang(), on)


def _record(
    request: HttpRequest, state: InterviewState, on: dt.date, on_text: str | None
) -> HttpResponse:
    """Record a screen: its answers (a grid's rows not answered yes or no as skipped) or its
    skip (不確定, every field of the screen)."""
    question = _posted_question(request.POST, on)
    if request.POST.get("action") == "skip":
        new_state = state.skip(*(question.rows or (question.field,)))
    else:
        try:
            new_state = state.record(read_answers(question, request.POST))
        except AnswerError as exc:
            step = _next_step(state, on)
            if step.question is None or step.question.field != question.field:
                step = replace(step, question=question)
            return _question_page(request, state, step, on_text, error=str(exc), status=422)
    target = "finder:results" if request.POST.get("next") == "results" else "finder:finder"
    return HttpResponseRedirect(_url(target, new_state, on_text))


def _results_context(request: HttpRequest) -> dict[str, Any]:
    """Everything the results page and the PDF report show: the firm's action plan
    (``finder.plan``); raises BadRequest."""
    on = date_asked(request)
    state = _state(request)
    on_text = request.GET.get("on")
    lang = page_lang()
    plan = build_plan(state.answers, on, lang)
    finder_url = _url("finder:finder", state, on_text)
    joiner = "&" if "?" in finder_url else "?"
    return {
        "plan": plan,
        "criteria_html": {
            card.id: criteria_list_html(card.id, card.results, lang, on) for card in plan.shown
        },
        "guidance": {card.id: guidance_for(card.id) for card in plan.shown},
        "lang": lang,
        "twd": twd,
        "card_words": card_words,
        "money_kinds": MONEY_KINDS,
        "ask_url": lambda field: (
            f"{finder_url}{joiner}{urlencode({'ask': field, 'next': 'results'})}"
        ),
        "training_program": TRAINING_PROGRAM,
        "training_courses_url": course_zone_url(state.answers),
        "training_apply_url": _apply_url(state),
        "training_software_url": software_list_url(),
        "as_of": display_date(on, lang),
        "as_of_iso": on.isoformat(),
        "answers": [
            (question_for(f, lang, on).title, display_answer(f, v, lang))
            for f, v in state.answers.items()
            if f in question_texts()
        ],
        "state": state.encode() if state.order else "",
        "on": on_text or "",
        "finder_url": finder_url,
        "calendar_url": _url("finder:calendar", state, on_text),
        "pdf_url": _url("finder:report", state, on_text),
    }


def card_words() -> dict[str, str]:
    """The words every card of the results repeats, translated once for the page."""
    return {
        "window": gettext("受理："),
        "next": gettext("下一步："),
        "contact": gettext("聯絡："),
        "why": gettext("為什麼（每個條件與出處）"),
        "docs_and_steps": gettext("要準備的文件與申請步驟"),
        "documents": gettext("文件："),
        "steps": gettext("步驟："),
        "work_out": gettext("算出貴企業的金額："),
        "try": gettext("試算"),
        "send": gettext("送出"),
        "settle": gettext("再回答這一題就知道是否符合："),
        "also": gettext("也可能需要："),
        "yes": gettext("是"),
        "no": gettext("否"),
        "separator": gettext("、"),
        "open_paren": gettext("（"),
        "close_paren": gettext("）"),
        "courses": gettext("可列入 12 小時的課程（依貴企業的行業與地區篩選）"),
        "software": gettext("可搭配課程申請補助的軟體（軟體名單）"),
        "apply": gettext("線上申請"),
        "verified": gettext("資料最後查核："),
        "to_ask": gettext("計畫沒有說清楚這幾點，請向下方的聯絡窗口洽詢："),
    }


def _apply_url(state: InterviewState) -> str:
    """The online application of the training subsidy, prefilled from the answers (behind
    login: an anonymous visitor logs in or signs up and comes back here)."""
    query = f"?{urlencode({'state': state.encode()})}" if state.order else ""
    return f"{reverse('apply:new')}{query}"


@answers_bad_requests
def results(request: HttpRequest) -> HttpResponse:
    """The firm's action plan: what to apply for now and what it is worth, what one answer
    would settle, what opens later, what it lacks, and what has closed."""
    return render(request, "finder/results.html", _results_context(request))


REPORT_CACHE_SECONDS = 3600
"""A rendered report is kept an hour (in the ``reports`` cache): enough for the same results
downloaded again, short enough that many different ones do not pile up."""


@answers_bad_requests
def results_report(request: HttpRequest) -> HttpResponse:
    """The results as a printable PDF to bring to a bank or an agency. A render costs about
    0.5 s of CPU: the PDF is cached (``reports``) by answers, date, language and site, and
    each client IP may have ``SMEWINDOW_REPORTS_PER_HOUR`` renders (cache hits are free);
    past that, a 429 page says when to try again."""
    state, on = _state(request), date_asked(request)
    return cached_pdf(
        request,
        "finder",
        (state.encode(), on.isoformat()),
        lambda: render_to_string("finder/report.html", _results_context(request), request=request),
        "smewindow-report.pdf",
    )


def cached_pdf(
    request: HttpRequest,
    kind: str,
    inputs: tuple[str, ...],
    html: Callable[[], str],
    filename: str,
) -> HttpResponse:
    """A report's PDF (``finder.pdf``): cached (``reports``, an hour) by ``kind``, the
    ``inputs`` that decide it, the page's language and the site; each client IP may render
    ``SMEWINDOW_REPORTS_PER_HOUR`` (cache hits are free), past that a 429 page says when
    to try again. ``html`` is called only to render."""
    site = request.build_absolute_uri("/")
    parts = (*inputs, page_lang(), site)
    key = f"{kind}-report-" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
    reports = caches["reports"]
    pdf = reports.get(key)
    if pdf is None:
        per_hour = settings.SMEWINDOW_REPORTS_PER_HOUR
        until = over_limit(request, "report", per_hour)
        if until is not None:
            return too_many_reports(request, until, per_hour)
        pdf = report_pdf(html(), site)
        reports.set(key, pdf, REPORT_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def too_many_reports(request: HttpRequest, until: dt.datetime, per_hour: int) -> HttpResponse:
    context = {"until": taipei_minute(until, get_language() or "zh"), "per_hour": per_hour}
    response = render(request, "finder/report_limit.html", context, status=429)
    response["Retry-After"] = str(max(1, int((until - timezone.now()).total_seconds())))
    return response


def display_answer(field: str, value: Any, lang: str) -> str:
    """An answer as a person reads it: 是／否, option labels, NT$ amounts, shares as
    percentages (0.2 → 20%), other numbers with separators."""
    labels = dict(question_for(field, lang).options)
    english = lang == "en"
    if isinstance(value, bool):
        return ("yes" if value else "no") if english else ("是" if value else "否")
    if isinstance(value, list):
        chosen: list[str] = value  # a multiple choice: option values
        return ("; " if english else "、").join(labels.get(v, v) for v in chosen) or (
            "none" if english else "都沒有"
        )
    if isinstance(value, int | float):
        if is_share(field):
            return f"{round(value * 100, 6):g}%"
        return twd(value) if is_money(field) else f"{value:,}"
    return str(labels.get(value, value))


def source_link(source: str, lang: str) -> SafeString:
    """A rule's source as the document's name, linked where it has a link."""
    title, link = source_title(source, lang)
    if link is None:
        return escape(title)
    return format_html('<a href="{}">{}</a>', link, title)


def criteria_list_html(program_id: str, results: tuple[str, ...], lang: str, on: dt.date) -> str:
    """A program's criteria with their results (met, unmet, unknown, not_applicable:
    ``plan.display_results``) and sources, as list items, their labels stating the
    parameters in force on ``on``."""
    criteria = PROGRAMS_BY_ID[program_id].criteria
    labels = tuple(rule_text(c, "label", lang, on) for c in criteria)
    return _criteria_list_html(program_id, results, labels, lang)


@lru_cache(maxsize=4096)
def _criteria_list_html(
    program_id: str, results: tuple[str, ...], labels: tuple[str, ...], lang: str
) -> str:
    """The list items of :func:`criteria_list_html` (built once per program, results, labels
    and language: the results page shows about a hundred)."""
    criteria = PROGRAMS_BY_ID[program_id].criteria
    if not criteria:
        return format_html("<li>{}</li>", gettext("不限對象"))
    source, colon = gettext("出處："), gettext("：")
    opening, closing = gettext("（"), gettext("）")
    return format_html_join(
        "",
        '<li class="{}">{}{}{}{}<small>{}{}{}{}</small></li>',
        (
            (
                "unknown-result" if result == "unknown" else result,
                label("result", result, lang),
                colon,
                text,
                "" if c.required else gettext("（加分或優先條件）"),
                opening,
                source,
                source_link(c.source, lang),
                closing,
            )
            for c, text, result in zip(criteria, labels, results, strict=True)
        ),
    )


@answers_bad_requests
def results_calendar(request: HttpRequest) -> HttpResponse:
    """The application deadlines the firm can act on as an .ics file, in the page's language."""
    on = date_asked(request)
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
    on = date_asked(request)
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
        "programs": [{"id": p.id, "display_name": rule_text(p, "name", lang)} for p in programs],
        "groups": LABELS[lang]["group"],
        "kinds": LABELS[lang]["kind"],
        "industries": [(code, division_label(code, lang)) for code in DIVISION_NAMES],
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
    lang, on = page_lang(), date_asked(request)
    summary = program_summary(program, on)
    dates = summary["window_dates"] or {}
    context = {
        "program": program,
        "display_name": rule_text(program, "name", lang),
        "kind": label("kind", program.benefit.kind, lang),
        "group": label("group", program.group, lang),
        "source": source_link(program.source, lang),
        "benefit": benefit_summary(program.benefit, on, lang),
        "window_label": window_label(summary["window"], on, lang),
        "opens": display_date(dates["opens"], lang) if dates.get("opens") else "",
        "closes": display_date(dates["closes"], lang) if dates.get("closes") else "",
        "as_of": display_date(on, lang),
        "verified": display_date(summary["last_verified"], lang),
        "criteria": [
            (rule_text(c, "label", lang, on), c.required, source_link(c.source, lang))
            for c in program.criteria
        ],
        "guidance": guidance_for(program.id),
        "lang": lang,
        "next_steps": rule_text(program, "next_steps", lang, on),
        "contact": contact_html(rule_text(program, "contact", lang)),
        "courses_url": course_zone_url({}) if program.id == TRAINING_PROGRAM else "",
        "software_url": software_list_url() if program.id == TRAINING_PROGRAM else "",
    }
    return render(request, "finder/program_detail.html", context)
