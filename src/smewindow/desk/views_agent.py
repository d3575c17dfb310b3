"""The desk agent's pages under /desk/agent/ (issue 14): the queue with its business-day
clock, a phone case typed in during the call (the firm found by 統一編號 or name, the
notice read out), and the case page — the question, messages, referrals, calls and history,
beside them the firm's screening and segment on the day, replies from templates that quote
the rules, referrals to partners, outbound calls and closing.

Every page answers 404 to anyone but an active agent (``roles.is_agent``): anonymous
visitors, firms and partner staff alike. Refusals are shown on the page with 422."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smewindow.desk import agent, businessdays, consent, replies, roles, selectors, services
from smewindow.desk.models import (
    Author,
    CallResult,
    Channel,
    Consultation,
    OutcomeKind,
    PreferredChannel,
    PreferredTime,
    ReferralStatus,
    Status,
)
from smewindow.finder.plan import Card, build_plan
from smewindow.finder.readiness import FormError, read_form
from smewindow.finder.views import page_lang
from smewindow.formatting import display_date, rule_text, taipei_minute, twd
from smewindow.rules import PROGRAMS, PROGRAMS_BY_ID
from smewindow.rules.engine import today_taipei
from smewindow.rules.needs import NEEDS, need_label
from smewindow.rules.segments import (
    levels,
    options,
    partner_kinds,
    segment,
    size_class_name,
    size_class_rule,
)
from smewindow.rules.taiwan import COUNTIES, DIVISION_NAMES

View = Callable[..., HttpResponse]


def agents_only(view: View) -> View:
    """404 for anyone but an active desk agent (or supervisor): never a login page, never
    a 403, so the pages do not tell that they exist."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not roles.is_agent(request.user):
            raise Http404("not an agent")
        return view(request, *args, **kwargs)

    return wrapper


def _nav() -> dict[str, str]:
    return {"queue": reverse("desk:agent_queue"), "phone": reverse("desk:agent_phone")}


# The queue


def _rows(items: list[agent.QueueItem], lang: str) -> list[dict[str, Any]]:
    return [
        {
            "case": i.case,
            "url": reverse("desk:agent_case", args=[i.case.pk]),
            "channel": i.case.get_channel_display(),
            "status": i.case.get_status_display(),
            "created": taipei_minute(i.case.created_at, lang),
            "days": i.days,
            "overdue": i.overdue,
        }
        for i in items
    ]


@agents_only
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """New cases oldest first with their business days, then the agent's open cases."""
    lang = page_lang()
    channel = request.GET.get("channel", "")
    status = request.GET.get("status", "")
    context: dict[str, Any] = {
        "nav": _nav(),
        "channels": Channel.choices,
        "statuses": Status.choices,
        "channel": channel,
        "status": status,
        "target": businessdays.FIRST_ANSWER_DAYS,
        "error": "",
        "new": [],
        "mine": [],
        "new_total": 0,
        "mine_total": 0,
    }
    try:
        new, mine = agent.queue(request.user, channel=channel, status=status)
    except services.DeskRefused as refusal:
        context["error"] = refusal.text(lang)
        return render(request, "desk/agent_queue.html", context, status=422)
    context["new"], context["mine"] = _rows(new.items, lang), _rows(mine.items, lang)
    context["new_total"], context["mine_total"] = new.total, mine.total
    return render(request, "desk/agent_queue.html", context)


# A phone case


PHONE_FIELDS = (
    "firm_name", "business_id", "contact_name", "contact_phone", "contact_email", "county",
    "industry", "question", "program_id", "preferred_time", "preferred_channel", "channel",
)  # fmt: skip


def _phone_context(values: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        "nav": _nav(),
        "values": values,
        "counties": COUNTIES,
        "industries": sorted(DIVISION_NAMES.items()),
        "programs": [(p.id, rule_text(p, "name", lang)) for p in PROGRAMS],
        "needs_options": [(n, need_label(n, lang)) for n in NEEDS],
        "tool_options": options("digital_tools", lang),
        "ai_options": options("ai_use", lang),
        "times": PreferredTime.choices,
        "channels": [
            (Channel.PHONE, Channel.PHONE.label),
            (Channel.OUTBOUND, Channel.OUTBOUND.label),
        ],
        "notice": consent.notice(),
        "notice_version": consent.VERSION,
        "notice_source": consent.SOURCE,
        "preferred_channels": PreferredChannel.choices,
        "q": "",
        "found": None,
        "errors": {},
        "error": "",
    }


def _found_rows(found: list[agent.Found], q: str, lang: str) -> list[dict[str, Any]]:
    base = reverse("desk:agent_phone")
    return [
        {
            "name": f.name,
            "business_id": f.business_id,
            "county": f.county,
            "industry": DIVISION_NAMES.get(f.industry, ""),
            "source": f.source,
            "when": taipei_minute(f.when, lang) if f.when else "",
            "use_url": f"{base}?{urlencode({'q': q, 'use': f.key})}",
        }
        for f in found
    ]


@agents_only
@require_http_methods(["GET", "POST"])
def phone(request: HttpRequest) -> HttpResponse:
    """A phone case typed in during the call: GET looks the firm up (``q``) and prefills
    the form from one found (``use``); POST records the case with the caller's oral
    consent to the notice read out."""
    lang = page_lang()
    if request.method == "GET":
        values: dict[str, Any] = {
            "preferred_time": PreferredTime.ANY,
            "preferred_channel": PreferredChannel.PHONE,
            "channel": Channel.PHONE,
            "needs": [],
        }
        values.update(agent.prefill(request.GET.get("use", "")))
        context = _phone_context(values, lang)
        q = request.GET.get("q", "")
        status = 200
        if q:
            context["q"] = q
            try:
                context["found"] = _found_rows(agent.find_firm(q), q, lang)
            except services.DeskRefused as refusal:
                context["errors"] = {"q": refusal.text(lang)}
                status = 422
        return render(request, "desk/agent_phone.html", context, status=status)
    values = {name: request.POST.get(name, "") for name in PHONE_FIELDS}
    values["needs"] = request.POST.getlist("needs")
    values["employees"] = request.POST.get("employees", "")
    values["digital_tools"] = request.POST.getlist("digital_tools")
    values["ai_use"] = request.POST.get("ai_use", "")
    context = _phone_context(values, lang)
    context["consent_checked"] = request.POST.get("consent") == "oral"
    try:
        try:
            answers = read_form(request.POST)
        except FormError as error:
            raise services.DeskRefused(error.field, str(error), str(error)) from None
        if values["channel"] not in (Channel.PHONE, Channel.OUTBOUND):
            raise services.DeskRefused("channel", "管道須為電話或主動聯繫", "phone or outbound")
        case, _ = services.consultation_create(
            channel=values["channel"],
            agent=request.user,
            consent_given=context["consent_checked"],
            firm_name=values["firm_name"],
            business_id=values["business_id"].strip(),
            contact_name=values["contact_name"],
            contact_phone=values["contact_phone"],
            contact_email=values["contact_email"],
            county=values["county"],
            industry=values["industry"],
            needs=answers.get("needs") or (),
            program_id=values["program_id"],
            question=values["question"],
            preferred_time=values["preferred_time"] or PreferredTime.ANY,
            preferred_channel=values["preferred_channel"] or PreferredChannel.PHONE,
            profile={k: v for k, v in answers.items() if k != "needs"},
            site=request.build_absolute_uri("/"),
        )
    except services.DeskRefused as refusal:
        context["errors"] = {refusal.code: refusal.text(lang)}
        context["error"] = refusal.text(lang)
        return render(request, "desk/agent_phone.html", context, status=422)
    return redirect("desk:agent_case", pk=case.pk)


# The case page


def _card_row(card: Card, lang: str) -> dict[str, Any]:
    return {
        "id": card.id,
        "name": card.display_name,
        "url": card.page_url,
        "eligibility": replies.eligibility_label(card, lang),
        "amount": card.amount_text,
        "window": card.window_text,
        "to_ask": card.to_ask,
        "questions": [q.title for q in card.questions],
    }


def _segment(profile: dict[str, Any], on: dt.date, lang: str) -> dict[str, Any]:
    found = segment(profile, on)
    level = found.ai_readiness.level
    kinds = partner_kinds()
    return {
        "id": found.segment,
        "size_class": found.size_class,
        "size": size_class_name(found.size_class, lang) if found.size_class else "",
        "size_rule": size_class_rule(found.size_class, on, lang) if found.size_class else "",
        "level": level,
        "level_name": (found.ai_readiness.name_en if lang == "en" else found.ai_readiness.name)
        or "",
        "level_count": len(levels()),
        "needs": [need_label(n, lang) for n in found.needs or ()],
        "recommended": [
            (
                pid,
                rule_text(PROGRAMS_BY_ID[pid], "name", lang),
                reverse("finder:program", args=[pid]),
            )
            for pid in found.recommended
        ],
        "kinds": [kinds[k].text("name", lang) for k in found.referrals],
        "kind_ids": found.referrals,
        "recommended_ids": found.recommended,
    }


def _case_page(
    request: HttpRequest,
    case: Consultation,
    *,
    error: str = "",
    status: int = 200,
    typed: dict[str, Any] | None = None,
) -> HttpResponse:
    lang = page_lang()
    on = today_taipei()
    profile = agent.case_profile(case)
    plan = build_plan(profile, on, lang)
    seg = _segment(profile, on, lang)
    typed = dict(typed or {})
    picked = request.GET.get("template", "")
    if "body" not in typed and picked:
        card = replies.card_for(plan, picked)
        if card is not None:
            typed["body"] = replies.template(
                card,
                firm_name=case.firm_name,
                site=request.build_absolute_uri("/"),
                lang=lang,
            )
    first = [case.program_id, *seg["recommended_ids"]]
    days = selectors.first_answer_days(case)
    context = {
        "nav": _nav(),
        "case": case,
        "base": reverse("desk:agent_case", args=[case.pk]),
        "on": display_date(on, lang),
        "status": case.get_status_display(),
        "channel": case.get_channel_display(),
        "closed": case.status == Status.CLOSED,
        "created": taipei_minute(case.created_at, lang),
        "first_answered": taipei_minute(case.first_answered_at, lang),
        "days": days,
        "target": businessdays.FIRST_ANSWER_DAYS,
        "overdue": case.first_answered_at is None and days > businessdays.FIRST_ANSWER_DAYS,
        "needs": [need_label(n, lang) for n in case.needs if n in NEEDS],
        "industry": DIVISION_NAMES.get(case.industry, ""),
        "program_name": rule_text(PROGRAMS_BY_ID[case.program_id], "name", lang)
        if case.program_id in PROGRAMS_BY_ID
        else "",
        "preferred_time": case.get_preferred_time_display(),
        "preferred_channel": case.get_preferred_channel_display(),
        "messages": [
            {
                "author": m.get_author_display(),
                "from_firm": m.author == Author.FIRM,
                "at": taipei_minute(m.at, lang),
                "body": m.body,
            }
            for m in case.messages.order_by("at", "id")
        ],
        "referrals": [
            {
                "partner": r.partner.name,
                "status": r.get_status_display(),
                "note": r.note,
                "return_reason": r.return_reason,
                "scheduled_for": display_date(r.scheduled_for, lang) if r.scheduled_for else "",
                "outcome": OutcomeKind(r.outcome_kind).label if r.outcome_kind else "",
                "outcome_loan": twd(r.outcome_loan_amount) if r.outcome_loan_amount else "",
                "outcome_note": r.outcome_note,
                "days": selectors.acceptance_days(r),
            }
            for r in selectors.referrals_of(case)
        ],
        "calls": [
            {
                "at": taipei_minute(c.at, lang),
                "result": c.get_result_display(),
                "call_back_on": display_date(c.call_back_on, lang) if c.call_back_on else "",
                "note": c.note,
            }
            for c in agent.calls_of(case)
        ],
        "history": [
            {
                "at": taipei_minute(e.at, lang),
                "actor": e.get_actor_display(),
                "partner": e.referral.partner.name if e.referral else "",
                "from": _status_label(e.from_status, e.referral_id is not None),
                "to": _status_label(e.to_status, e.referral_id is not None),
                "note": e.note,
            }
            for e in case.events.select_related("referral__partner").order_by("at", "id")
        ],
        "screening": {
            "apply_now": [_card_row(c, lang) for c in plan.apply_now],
            "to_settle": [_card_row(c, lang) for c in plan.to_settle],
            "to_ask": [_card_row(c, lang) for c in plan.to_ask],
            "later": [_card_row(c, lang) for c in plan.later],
            "not_eligible": len(plan.not_eligible),
            "closed": len(plan.closed),
            "total": twd(plan.total) if plan.total else "",
        },
        "segment": seg,
        "templates": replies.program_choices(plan, first, lang),
        "picked": picked,
        "partners": agent.partners_for(case, seg["kind_ids"]),
        "kind_names": {k.id: k.text("name", lang) for k in partner_kinds().values()},
        "call_results": CallResult.choices,
        "typed": typed,
        "error": error,
    }
    return render(request, "desk/agent_case.html", context, status=status)


def _status_label(value: str, of_referral: bool) -> str:
    """A journaled status as people read it (a case's, or a referral's)."""
    choices = dict(ReferralStatus.choices if of_referral else Status.choices)
    return str(choices.get(value, value))


def _case(pk: int) -> Consultation:
    return get_object_or_404(Consultation.objects.select_related("firm"), pk=pk)


@agents_only
@require_GET
def case(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_page(request, _case(pk))


def _act(
    request: HttpRequest, pk: int, act: Callable[[Consultation], object], typed: dict[str, Any]
) -> HttpResponse:
    """Run ``act``; a refusal is shown on the case page (422) with what was typed."""
    found = _case(pk)
    try:
        act(found)
    except services.DeskRefused as refusal:
        found.refresh_from_db()
        return _case_page(request, found, error=refusal.text(page_lang()), status=422, typed=typed)
    return redirect("desk:agent_case", pk=pk)


@agents_only
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    body = request.POST.get("body", "")
    return _act(
        request,
        pk,
        lambda c: services.reply(consultation=c, body=body, author=Author.DESK, who=request.user),
        {"body": body},
    )


@agents_only
@require_POST
def refer(request: HttpRequest, pk: int) -> HttpResponse:
    note = request.POST.get("note", "")
    ids = request.POST.getlist("partners")

    def act(c: Consultation) -> object:
        return services.refer(
            consultation=c,
            partners=agent.chosen_partners(c, ids),
            note=note,
            agent=request.user,
            site=request.build_absolute_uri("/"),
        )

    return _act(request, pk, act, {"note": note, "partners": ids})


def _day(text: str) -> dt.date | None:
    """A date from the form (YYYY-MM-DD); refused naming the field when malformed."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise services.DeskRefused(
            "call_back_on", "回電日期格式不符（年-月-日）", "the day to call back is not a date"
        ) from None


@agents_only
@require_POST
def call(request: HttpRequest, pk: int) -> HttpResponse:
    result = request.POST.get("result", "")
    note = request.POST.get("call_note", "")
    day = request.POST.get("call_back_on", "")
    return _act(
        request,
        pk,
        lambda c: agent.call_record(
            consultation=c, agent=request.user, result=result, note=note, call_back_on=_day(day)
        ),
        {"result": result, "call_note": note, "call_back_on": day},
    )


@agents_only
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    note = request.POST.get("close_note", "")
    return _act(
        request,
        pk,
        lambda c: services.close(consultation=c, who=request.user, note=note),
        {"close_note": note},
    )
