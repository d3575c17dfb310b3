"""The net-zero tool's pages under /netzero/: the form and its results on one page (GET, the
inputs in the link), the same results as a PDF and a CSV, and sending them to chosen ESCOs
and the desk (POST, ``sharing``). No account is needed for any of them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from smewindow.desk import consent
from smewindow.desk.services import DeskRefused
from smewindow.downloads import csv_response
from smewindow.finder.state import InterviewState
from smewindow.finder.views import (
    BadRequest,
    answers_bad_requests,
    cached_pdf,
    page_lang,
    source_link,
)
from smewindow.formatting import display_date, parameter_label, twd
from smewindow.netzero import sharing
from smewindow.netzero.results import (
    KIND_LABELS,
    csv_rows,
    input_label,
    kind_label,
    note_text,
    parameter_value,
    tool_results,
)
from smewindow.netzero.toolform import (
    COMPRESSORS,
    FUELS_OF,
    GROUPS_OF,
    REFRIGERANT_ROWS,
    Tool,
    ToolFormError,
    carried,
    default_year,
    industries,
    profile_answers,
    read_tool,
    sector_of,
    year_choices,
)
from smewindow.netzero.views_escos import esco_card
from smewindow.rules.carbon import REFRIGERANTS
from smewindow.rules.engine import today_taipei
from smewindow.rules.interview import question_for
from smewindow.rules.taiwan import COUNTIES, division_label
from smewindow.throttle import over_limit

MAX_QUERY_CHARS = 4000
"""The longest inputs sent back with the send form (every field filled is far less)."""


def _tool(form: QueryDict) -> Tool:
    """The form read; a bad one is a 400 page naming its fields."""
    try:
        return read_tool(form, today_taipei(), page_lang())
    except ToolFormError as error:
        raise BadRequest(
            "試算資料有誤 (the inputs cannot be used)",
            "；".join(f"{name}: {why}" for name, why in error.errors.items()),
        ) from None


def _form_context(form: QueryDict) -> dict[str, Any]:
    lang = page_lang()
    today = today_taipei()
    sector = sector_of(form)
    return {
        "lang": lang,
        "sector": sector,
        "typed": carried(form),
        "years": year_choices(today),
        "default_year": default_year(today),
        "fuels": [(f, input_label(f, lang)) for f in FUELS_OF[sector]] if sector else [],
        "refrigerant_rows": [f"r{i}" for i in range(REFRIGERANT_ROWS)],
        "gases": list(REFRIGERANTS),
        "groups": GROUPS_OF[sector] if sector else (),
        "compressors": COMPRESSORS,
        "kinds": {kind: kind_label(kind, lang) for kind in KIND_LABELS},
        "compressor_types": question_for("air_compressor_type", lang).options,
        "compressor_classes": question_for("air_compressor_class", lang).options,
        "counties": COUNTIES,
        "industries": [(c, division_label(c, lang)) for c in industries(sector)] if sector else [],
        "errors": {},
        "results": None,
        "notice": consent.notice(),
        "notice_source": consent.SOURCE,
    }


def _results_context(request: HttpRequest, form: QueryDict, tool: Tool) -> dict[str, Any]:
    lang = page_lang()
    today = today_taipei()
    results = tool_results(tool, today, lang)
    query = urlencode(carried(form))
    return {
        "results": results,
        "esco_cards": [esco_card(esco, lang) for esco in results.escos],
        "tool": tool,
        "query": query,
        "as_of": display_date(today, lang),
        "twd": twd,
        "kind_label": kind_label,
        "note_text": note_text,
        "parameter_label": parameter_label,
        "parameter_value": parameter_value,
        "source_link": source_link,
        "link": request.build_absolute_uri(reverse("netzero:tool") + "?" + query),
        "finder_url": reverse("finder:results")
        + "?"
        + urlencode({"state": InterviewState().record(profile_answers(tool)).encode()}),
        "pdf_url": reverse("netzero:report") + "?" + query,
        "csv_url": reverse("netzero:table") + "?" + query,
    }


@require_GET
def tool(request: HttpRequest) -> HttpResponse:
    """The tool: choose a path, fill in the bills and the equipment, see the results above
    the form (``sent`` in the query) with a link that keeps every input."""
    context = _form_context(request.GET)
    status = 200
    if context["sector"] is not None and "sent" in request.GET:
        try:
            found = read_tool(request.GET, today_taipei(), page_lang())
        except ToolFormError as error:
            context["errors"] = error.errors
            status = 422
        else:
            context.update(_results_context(request, request.GET, found))
    return render(request, "netzero/tool.html", context, status=status)


@require_GET
@answers_bad_requests
def report(request: HttpRequest) -> HttpResponse:
    """The results as a PDF with every factor and its source; cached and limited per client
    as the finder's report is."""
    found = _tool(request.GET)

    def html() -> str:
        context = {**_form_context(request.GET), **_results_context(request, request.GET, found)}
        return render_to_string("netzero/report.html", context, request=request)

    inputs = (urlencode(carried(request.GET)), today_taipei().isoformat())
    return cached_pdf(request, "netzero", inputs, html, "smewindow-carbon.pdf")


@require_GET
@answers_bad_requests
def table(request: HttpRequest) -> HttpResponse:
    """The results as a CSV: one row per emission source, factor and equipment line."""
    found = _tool(request.GET)
    lang = page_lang()
    results = tool_results(found, today_taipei(), lang)
    return csv_response(csv_rows(results, lang), "smewindow-carbon.csv")


@require_POST
@answers_bad_requests
def send(request: HttpRequest) -> HttpResponse:
    """Send the results to the chosen ESCOs and the desk: a desk case (the firm follows it
    by its private link) and a mail to each ESCO chosen, with the firm's consent."""
    form = QueryDict(request.POST.get("query", "")[: MAX_QUERY_CHARS + 1])
    if len(request.POST.get("query", "")) > MAX_QUERY_CHARS:
        raise BadRequest("試算資料太長 (the inputs are too long)")
    found = _tool(form)
    context = {**_form_context(form), **_results_context(request, form, found)}
    context["send"] = {k: request.POST.get(k, "") for k in sharing.CONTACT_FIELDS}
    context["chosen"] = request.POST.getlist("escos")
    if over_limit(request, "desk-ask", settings.SMEWINDOW_DESK_QUESTIONS_PER_HOUR):
        context["send_error"] = DeskRefused(
            "throttled",
            "這一小時送出的諮詢太多，請稍後再試，或撥 0800-056-476",
            "too many questions sent this hour; try later or call 0800-056-476",
        ).text(page_lang())
        return render(request, "netzero/tool.html", context, status=429)
    try:
        token = sharing.send(
            tool=found,
            results=context["results"],
            link=context["link"],
            escos=request.POST.getlist("escos"),
            consent_given=request.POST.get("consent") == "yes",
            share_given=request.POST.get("share") == "yes",
            contact=context["send"],
            user=request.user,
            site=request.build_absolute_uri("/"),
        )
    except DeskRefused as refusal:
        context["send_error"] = refusal.text(page_lang())
        return render(request, "netzero/tool.html", context, status=422)
    return redirect(reverse("desk:case", args=[token]) + "?new=1")
