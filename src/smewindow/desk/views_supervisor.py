"""The supervisor's pages (issue 14): the dashboards with their CSV downloads under
/desk/supervisor/, making an outbound campaign from a registry screening, and the
campaigns the desk's agents call through under /desk/outreach/.

/desk/supervisor/ answers 404 to anyone but a supervisor, /desk/outreach/ to anyone but
the desk's agents and supervisors (anonymous visitors, firms and partners' staff
included): nothing there says the page exists."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smewindow.desk import dashboard, outreach, roles
from smewindow.desk.consent import notice
from smewindow.desk.models import (
    Campaign,
    CampaignFirm,
    CampaignFirmStatus,
    EligibilityFilter,
)
from smewindow.desk.services import DeskRefused
from smewindow.downloads import csv_response
from smewindow.finder.views import page_lang
from smewindow.formatting import rule_text, taipei_minute
from smewindow.rules import PROGRAMS_BY_ID
from smewindow.rules.taiwan import COUNTIES


def _supervisor(request: HttpRequest) -> None:
    if not roles.is_supervisor(request.user):
        raise Http404("not a supervisor")


def _agent(request: HttpRequest) -> None:
    if not roles.is_agent(request.user):
        raise Http404("not a desk agent")


def _program_name(program_id: str, lang: str) -> str:
    program = PROGRAMS_BY_ID.get(program_id)
    return rule_text(program, "name", lang) if program is not None else program_id


# Dashboards


@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """Every table of the period (``from``/``to``, Taipei days) with its chart and CSV."""
    _supervisor(request)
    values = {"from": request.GET.get("from", ""), "to": request.GET.get("to", "")}
    context: dict[str, Any] = {"values": values, "error": "", "code": "", "tables": []}
    try:
        period = dashboard.parse_period(values["from"], values["to"])
    except DeskRefused as refusal:
        context.update(error=refusal.text(page_lang()), code=refusal.code)
        return render(request, "desk/supervisor_dashboard.html", context, status=422)
    context["tables"] = [build(period) for build in dashboard.TABLES.values()]
    context["query"] = period.query()
    return render(request, "desk/supervisor_dashboard.html", context)


@require_GET
def dashboard_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the period as CSV (UTF-8 with a BOM)."""
    _supervisor(request)
    build = dashboard.TABLES.get(table)
    if build is None:
        raise Http404("no such table")
    try:
        period = dashboard.parse_period(request.GET.get("from", ""), request.GET.get("to", ""))
    except DeskRefused as refusal:
        return HttpResponse(
            refusal.text(page_lang()), status=422, content_type="text/plain; charset=utf-8"
        )
    return csv_response(build(period).csv_rows(), f"smewindow-desk-{table}-{period.slug()}.csv")


# Making a campaign


@require_http_methods(["GET", "POST"])
def campaign_upload(request: HttpRequest) -> HttpResponse:
    """Upload a registry screening (``smewindow batch``'s Parquet or CSV)."""
    _supervisor(request)
    context: dict[str, Any] = {"error": "", "max_mb": outreach.MAX_FILE_BYTES // (1024 * 1024)}
    if request.method == "GET":
        return render(request, "desk/supervisor_upload.html", context)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise DeskRefused("file", "請選擇檔案", "choose a file")
        found = outreach.stage_upload(upload)
    except DeskRefused as refusal:
        context["error"] = refusal.text(page_lang())
        return render(request, "desk/supervisor_upload.html", context, status=422)
    return redirect("desk:supervisor_campaign_new", key=found.key)


@require_http_methods(["GET", "POST"])
def campaign_new(request: HttpRequest, key: str) -> HttpResponse:
    """Choose the program, county and eligibility; preview the firms without a case;
    make the campaign (POST)."""
    _supervisor(request)
    found = outreach.staged(key)
    if found is None:
        raise Http404("no such screening")
    lang = page_lang()
    data = request.POST if request.method == "POST" else request.GET
    values = {name: data.get(name, "") for name in ("program_id", "county", "eligibility", "name")}
    values["eligibility"] = values["eligibility"] or EligibilityFilter.ELIGIBLE
    context: dict[str, Any] = {
        "found": found,
        "values": values,
        "programs": [(p, _program_name(p, lang)) for p in found.programs],
        "counties": COUNTIES,
        "eligibilities": EligibilityFilter.choices,
        "error": "",
        "choice": None,
        "preview_rows": outreach.PREVIEW_ROWS,
        "max_firms": outreach.MAX_CAMPAIGN_FIRMS,
    }
    status = 200
    if request.method == "POST":
        try:
            campaign = outreach.campaign_create(
                key=key,
                who=request.user,
                name=values["name"],
                program_id=values["program_id"],
                county=values["county"],
                eligibility=values["eligibility"],
            )
        except DeskRefused as refusal:
            context["error"] = refusal.text(lang)
            status = 422
        else:
            return redirect("desk:outreach_campaign", pk=campaign.pk)
    if values["program_id"] and values["county"]:
        try:
            context["choice"] = outreach.choose(
                found,
                program_id=values["program_id"],
                county=values["county"],
                eligibility=values["eligibility"],
            )
        except DeskRefused as refusal:
            context["error"] = context["error"] or refusal.text(lang)
            status = 422
    return render(request, "desk/supervisor_new.html", context, status=status)


# Working through a campaign (the desk's agents)


@require_GET
def campaigns(request: HttpRequest) -> HttpResponse:
    """The campaigns, newest first, with how far each is."""
    _agent(request)
    lang = page_lang()
    rows = [
        {
            "campaign": c,
            "program": _program_name(c.program_id, lang),
            "created": taipei_minute(c.created_at, lang),
            "progress": outreach.progress(c),
        }
        for c in Campaign.objects.all()[:100]
    ]
    context = {
        "rows": rows,
        "statuses": CampaignFirmStatus.choices,
        "supervisor": roles.is_supervisor(request.user),
    }
    return render(request, "desk/supervisor_campaigns.html", context)


def _campaign_page(
    request: HttpRequest,
    campaign: Campaign,
    *,
    error: str = "",
    values: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    lang = page_lang()
    firm = outreach.next_firm(campaign)
    program = _program_name(campaign.program_id, lang)
    default_question = f"外撥活動「{campaign.name}」：企業想了解「{program}」"
    events = campaign.events.select_related("firm", "who").order_by("-at", "-id")[:20]
    context = {
        "campaign": campaign,
        "program": program,
        "created": taipei_minute(campaign.created_at, lang),
        "progress": outreach.progress(campaign),
        "statuses": CampaignFirmStatus.choices,
        "firm": firm,
        "values": values or {"question": default_question},
        "error": error,
        "notice": notice(),
        "firms": campaign.firms.select_related("consultation").order_by("id")[:200],
        "events": [
            {
                "at": taipei_minute(e.at, lang),
                "who": e.who.get_username(),
                "firm": e.firm,
                "to": _status_label(e.to_status),
                "note": e.note,
            }
            for e in events
        ],
    }
    return render(request, "desk/supervisor_campaign.html", context, status=status)


def _status_label(value: str) -> str:
    if value in CampaignFirmStatus.values:
        return str(CampaignFirmStatus(value).label)
    return {"created": "建立活動"}.get(value, value)


@require_GET
def campaign(request: HttpRequest, pk: int) -> HttpResponse:
    """The campaign: its progress, the next firm to call with the call's form, its firms
    and its journal."""
    _agent(request)
    return _campaign_page(request, get_object_or_404(Campaign, pk=pk))


CASE_FIELDS = ("question", "contact_name", "contact_phone", "contact_email", "firm_name")


@require_POST
def campaign_call(request: HttpRequest, pk: int, firm: int) -> HttpResponse:
    """Record a call to one of the campaign's firms; «wants help» makes an outbound case."""
    _agent(request)
    found = get_object_or_404(CampaignFirm.objects.select_related("campaign"), pk=firm)
    if found.campaign_id != pk:
        raise Http404("not this campaign's firm")
    values = {name: request.POST.get(name, "") for name in CASE_FIELDS}
    outcome = request.POST.get("outcome", "")
    case = None
    if outcome == outreach.CallOutcome.WANTS_HELP:
        case = {**values, "consent_given": request.POST.get("consent") == "yes"}
        case["firm_name"] = case["firm_name"] or found.name
    try:
        outreach.record_call(
            firm=found,
            outcome=outcome,
            who=request.user,
            note=request.POST.get("note", ""),
            case=case,
        )
    except DeskRefused as refusal:
        return _campaign_page(
            request, found.campaign, error=refusal.text(page_lang()), values=values, status=422
        )
    return redirect(reverse("desk:outreach_campaign", args=[pk]) + "#next")
