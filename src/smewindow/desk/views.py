"""The firm's pages under /desk/: 「我要諮詢」 (the form, with the program and the finder's
answers carried along), the case by its private link (/desk/case/<token>/) or in the
firm's account (/desk/mine/<pk>/): status, messages, referrals, reply, close, rate, and the
download of everything held about it. A case is found only through its token or the
logged-in firm's account: anything else answers 404."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smewindow.desk import consent, selectors, services
from smewindow.desk.models import (
    Author,
    Consultation,
    OutcomeKind,
    PreferredChannel,
    PreferredTime,
    ReferralStatus,
    Status,
)
from smewindow.finder.state import InterviewState, StateError
from smewindow.finder.views import page_lang
from smewindow.formatting import display_date, rule_text, taipei_minute, twd
from smewindow.rules import PROGRAMS_BY_ID
from smewindow.rules.needs import NEEDS, need_label
from smewindow.rules.taiwan import COUNTIES
from smewindow.throttle import over_limit

ASK_FIELDS = (
    "firm_name", "business_id", "contact_name", "contact_phone", "contact_email", "county",
    "question", "preferred_time", "preferred_channel",
)  # fmt: skip


def _program_name(program_id: str, lang: str) -> str:
    program = PROGRAMS_BY_ID.get(program_id)
    return rule_text(program, "name", lang) if program is not None else ""


def _ask_context(
    request: HttpRequest, values: dict[str, str], state_text: str, program_id: str
) -> dict[str, Any]:
    lang = page_lang()
    return {
        "values": values,
        "state": state_text,
        "program_id": program_id,
        "program_name": _program_name(program_id, lang),
        "counties": COUNTIES,
        "times": PreferredTime.choices,
        "channels": PreferredChannel.choices,
        "notice": consent.notice(),
        "notice_source": consent.SOURCE,
        "errors": {},
        "error": "",
    }


def _answers(state_text: str) -> tuple[dict[str, Any], str, str]:
    """The finder's answers in ``state_text``: (answers, the state kept, an error)."""
    try:
        return InterviewState.decode(state_text).answers, state_text, ""
    except StateError as exc:
        return {}, "", str(exc)


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    """「我要諮詢」: the question, contact, preferred time and channel, and consent; from a
    program page (?program=), the results (?state=, the finder's answers) or the ask box
    (?question=, the question it could not answer)."""
    program_id = request.POST.get("program") or request.GET.get("program") or ""
    if program_id not in PROGRAMS_BY_ID:
        program_id = ""
    answers, state_text, state_error = _answers(
        request.POST.get("state") or request.GET.get("state") or ""
    )
    user = request.user
    firm = getattr(user, "firm", None) if user.is_authenticated else None
    if request.method == "GET":
        values = {
            "firm_name": answers.get("name") or (firm.name if firm else ""),
            "business_id": answers.get("business_id") or (firm.business_id if firm else ""),
            "contact_email": user.email if user.is_authenticated else "",
            "county": answers.get("county") or (firm.county if firm else ""),
            "question": request.GET.get("question", "")[: services.MAX_QUESTION_CHARS],
            "preferred_time": PreferredTime.ANY,
            "preferred_channel": PreferredChannel.PHONE,
        }
        context = _ask_context(request, values, state_text, program_id)
        context["answered"] = len(answers)
        context["error"] = state_error
        return render(request, "desk/ask.html", context, status=400 if state_error else 200)
    values = {name: request.POST.get(name, "") for name in ASK_FIELDS}
    context = _ask_context(request, values, state_text, program_id)
    context["answered"] = len(answers)
    context["consent_checked"] = request.POST.get("consent") == "yes"
    if state_error:
        context["error"] = state_error
        return render(request, "desk/ask.html", context, status=400)
    if over_limit(request, "desk-ask", settings.SMEWINDOW_DESK_QUESTIONS_PER_HOUR):
        context["error"] = services.DeskRefused(
            "throttled",
            "這一小時送出的諮詢太多，請稍後再試，或撥 0800-056-476",
            "too many questions sent this hour; try later or call 0800-056-476",
        ).text(page_lang())
        return render(request, "desk/ask.html", context, status=429)
    try:
        _, token = services.consultation_create(
            channel="web",
            consent_given=context["consent_checked"],
            program_id=program_id,
            profile=answers,
            user=user if user.is_authenticated else None,
            site=request.build_absolute_uri("/"),
            firm_name=values["firm_name"],
            business_id=values["business_id"],
            contact_name=values["contact_name"],
            contact_phone=values["contact_phone"],
            contact_email=values["contact_email"],
            county=values["county"],
            question=values["question"],
            preferred_time=values["preferred_time"],
            preferred_channel=values["preferred_channel"],
        )
    except services.DeskRefused as refusal:
        context["errors"] = {refusal.code: refusal.text(page_lang())}
        context["error"] = refusal.text(page_lang())
        return render(request, "desk/ask.html", context, status=422)
    return redirect(reverse("desk:case", args=[token]) + "?new=1")


# One case: by its private link, or in the logged-in firm's account


def _by_token(token: str) -> Consultation:
    case = selectors.case_by_token(token)
    if case is None:
        raise Http404("no such case")
    return case


def _by_account(request: HttpRequest, pk: int) -> Consultation:
    case = selectors.case_of(request.user, pk)
    if case is None:
        raise Http404("no such case")
    return case


def _base(token: str | None, case: Consultation) -> str:
    """The path the case's page and actions hang under."""
    if token is not None:
        return reverse("desk:case", args=[token])
    return reverse("desk:mine_case", args=[case.pk])


def _case_page(
    request: HttpRequest,
    case: Consultation,
    base: str,
    *,
    error: str = "",
    status: int = 200,
    link: str = "",
) -> HttpResponse:
    lang = page_lang()
    referrals = [
        {
            "partner": r.partner.name,
            "status": r.get_status_display(),
            "returned": r.status == ReferralStatus.RETURNED,
            "scheduled_for": display_date(r.scheduled_for, lang) if r.scheduled_for else "",
            "outcome": OutcomeKind(r.outcome_kind).label if r.outcome_kind else "",
            "outcome_program": _program_name(r.outcome_program_id, lang),
            "outcome_loan": twd(r.outcome_loan_amount) if r.outcome_loan_amount else "",
            "outcome_note": r.outcome_note,
        }
        for r in selectors.referrals_of(case)
    ]
    messages = [
        {
            "from_firm": m.author == Author.FIRM,
            "author": m.get_author_display(),
            "at": taipei_minute(m.at, lang),
            "body": m.body,
        }
        for m in case.messages.order_by("at", "id")
    ]
    context = {
        "case": case,
        "base": base,
        "link": link,
        "timeline": _timeline(case, lang),
        "created": taipei_minute(case.created_at, lang),
        "status": case.get_status_display(),
        "closed": case.status == Status.CLOSED,
        "needs": [need_label(n, lang) for n in case.needs if n in NEEDS],
        "program_name": _program_name(case.program_id, lang),
        "messages": messages,
        "referrals": referrals,
        "error": error,
    }
    return render(request, "desk/case.html", context, status=status)


def _timeline(case: Consultation, lang: str) -> list[tuple[str, str]]:
    """Each step of the case as the firm follows it — when, and what it came to (the case's
    status, or a partner's step on its referral) — from the journal; the staff's notes and
    what changed no status (a call logged) stay out."""
    steps = []
    for event in case.events.select_related("referral__partner").order_by("at", "id"):
        if event.from_status == event.to_status:
            continue
        if event.referral is not None:
            what = f"{event.referral.partner.name}{_('：')}{ReferralStatus(event.to_status).label}"
        else:
            what = str(Status(event.to_status).label)
        steps.append((taipei_minute(event.at, lang), what))
    return steps


def _act(
    request: HttpRequest,
    case: Consultation,
    base: str,
    act: Callable[[Consultation], object],
) -> HttpResponse:
    """Run ``act``; a refusal is shown on the case's page (422), else back to it."""
    try:
        act(case)
    except services.DeskRefused as refusal:
        return _case_page(request, case, base, error=refusal.text(page_lang()), status=422)
    return redirect(base)


def _reply(case: Consultation, request: HttpRequest) -> Callable[[Consultation], object]:
    who = request.user if request.user.is_authenticated else None
    return lambda c: services.reply(
        consultation=c, body=request.POST.get("body", ""), author=Author.FIRM, who=who
    )


def _close(request: HttpRequest) -> Callable[[Consultation], object]:
    who = request.user if request.user.is_authenticated else None
    return lambda c: services.close(consultation=c, who=who, by_firm=True)


def _rate(request: HttpRequest) -> Callable[[Consultation], object]:
    raw = request.POST.get("rating", "")
    rating = int(raw) if raw.isascii() and raw.isdigit() and len(raw) == 1 else 0
    return lambda c: services.rate(
        consultation=c, rating=rating, comment=request.POST.get("comment", "")
    )


def _download(case: Consultation) -> HttpResponse:
    body = json.dumps(selectors.case_data(case), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="case-{case.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def case(request: HttpRequest, token: str) -> HttpResponse:
    found = _by_token(token)
    link = request.build_absolute_uri(request.path) if request.GET.get("new") else ""
    return _case_page(request, found, _base(token, found), link=link)


@require_POST
def case_reply(request: HttpRequest, token: str) -> HttpResponse:
    found = _by_token(token)
    return _act(request, found, _base(token, found), _reply(found, request))


@require_POST
def case_close(request: HttpRequest, token: str) -> HttpResponse:
    found = _by_token(token)
    return _act(request, found, _base(token, found), _close(request))


@require_POST
def case_rate(request: HttpRequest, token: str) -> HttpResponse:
    found = _by_token(token)
    return _act(request, found, _base(token, found), _rate(request))


@require_GET
def case_data(request: HttpRequest, token: str) -> HttpResponse:
    return _download(_by_token(token))


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The logged-in firm's cases."""
    lang = page_lang()
    cases = [
        {"case": c, "created": taipei_minute(c.created_at, lang), "status": c.get_status_display()}
        for c in selectors.cases_of(request.user)
    ]
    return render(request, "desk/mine.html", {"cases": cases})


@login_required
@require_GET
def mine_case(request: HttpRequest, pk: int) -> HttpResponse:
    found = _by_account(request, pk)
    return _case_page(request, found, _base(None, found))


@login_required
@require_POST
def mine_reply(request: HttpRequest, pk: int) -> HttpResponse:
    found = _by_account(request, pk)
    return _act(request, found, _base(None, found), _reply(found, request))


@login_required
@require_POST
def mine_close(request: HttpRequest, pk: int) -> HttpResponse:
    found = _by_account(request, pk)
    return _act(request, found, _base(None, found), _close(request))


@login_required
@require_POST
def mine_rate(request: HttpRequest, pk: int) -> HttpResponse:
    found = _by_account(request, pk)
    return _act(request, found, _base(None, found), _rate(request))


@login_required
@require_GET
def mine_data(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(_by_account(request, pk))
