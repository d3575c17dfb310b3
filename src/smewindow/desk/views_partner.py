"""The partner unit's pages under /desk/partner/ (issue 14): a partner's staff see their
partners' referrals grouped by where they stand, with the acceptance clock, and work one
referral: accept it, return it with a reason, schedule a visit or diagnosis, record the
outcome. A referral is found only through the staff of its (active) partner: for anyone
else — the anonymous, firms, agents, another partner's staff, an inactive partner's staff —
every page and action answers 404. Writes go through ``services`` (POST, CSRF, then a
redirect); a refusal is shown on the referral's page with 422.

The partner cannot write to the firm or the desk here: ``services.reply`` takes the firm's
and the desk's messages only (``author`` firm or desk)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from smewindow.desk import partner, services
from smewindow.desk.businessdays import ACCEPTANCE_DAYS, taipei_day
from smewindow.desk.models import (
    OutcomeKind,
    PreferredChannel,
    PreferredTime,
    Referral,
    ReferralStatus,
    Status,
)
from smewindow.finder.numbers import UNIT_WORDS, NumberError, read_number
from smewindow.finder.views import display_answer, page_lang
from smewindow.formatting import display_date, rule_text, taipei_minute, twd
from smewindow.rules import PROGRAMS_BY_ID, ProfileError
from smewindow.rules.engine import ScreeningDateError
from smewindow.rules.interview import question_for, question_texts
from smewindow.rules.needs import NEEDS, need_label
from smewindow.rules.profile import field_title
from smewindow.rules.segments import options, partner_kinds, segment, size_class_name
from smewindow.rules.taiwan import division_label

READINESS_FIELDS = {"digital_tools": _("目前使用的數位工具"), "ai_use": _("使用AI的情形")}
"""The readiness questionnaire's questions, which the finder does not ask."""
MONEY_UNITS = frozenset(u.lower() for u in UNIT_WORDS["新臺幣元"])
"""What a loan amount may carry: 元, NT$, 新臺幣 … (the finder's money units)."""


def _referral(request: HttpRequest, pk: int) -> Referral:
    """Referral ``pk`` if the user works for its active partner; else 404."""
    found = partner.referral_for(request.user, pk)
    if found is None:
        raise Http404("no such referral")
    return found


def _program_name(program_id: str, lang: str) -> str:
    program = PROGRAMS_BY_ID.get(program_id)
    return rule_text(program, "name", lang) if program is not None else program_id


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The user's partners, each with its referrals to accept, in progress and done."""
    boards = partner.boards(request.user)
    if not boards:
        raise Http404("not a partner's staff")
    lang = page_lang()
    rows = [
        {
            "partner": board.partner,
            "kind": board.partner.get_kind_display(),
            "groups": [
                (
                    name,
                    [
                        {
                            "referral": r,
                            "case": r.consultation,
                            "status": r.get_status_display(),
                            "created": taipei_minute(r.created_at, lang),
                            "clock": clock,
                            "scheduled_for": display_date(r.scheduled_for, lang)
                            if r.scheduled_for
                            else "",
                            "outcome": OutcomeKind(r.outcome_kind).label if r.outcome_kind else "",
                        }
                        for r, clock in board.groups[name]
                    ],
                )
                for name, _ in partner.GROUPS
            ],
        }
        for board in boards
    ]
    return render(request, "desk/partner_home.html", {"boards": rows, "limit": ACCEPTANCE_DAYS})


def _answers(profile: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """The finder's answers as (question, answer) in words, as the results page shows them;
    the readiness questionnaire's (digital tools, AI use) with its option labels."""
    texts = question_texts()
    rows = []
    for field, value in profile.items():
        if field in texts:
            rows.append((question_for(field, lang).title, display_answer(field, value, lang)))
        elif field in READINESS_FIELDS:
            labels = dict(options(field, lang))
            chosen = value if isinstance(value, list) else [value]
            shown = ("; " if lang == "en" else "、").join(labels.get(v, str(v)) for v in chosen)
            rows.append((str(READINESS_FIELDS[field]), shown or gettext("都沒有")))
        else:
            rows.append((field_title(field), str(value)))
    return rows


def _segment(profile: dict[str, Any], lang: str) -> dict[str, Any] | None:
    """The firm's segment from its answers (``rules.segments.segment``): size class,
    AI-readiness level, the segment's id and the programs recommended; None when the
    answers cannot be screened today."""
    try:
        found = segment(profile)
    except (ProfileError, ScreeningDateError):
        return None
    readiness = found.ai_readiness
    return {
        "id": found.segment,
        "size": size_class_name(found.size_class, lang) if found.size_class else "",
        "level": readiness.level,
        "level_name": (readiness.name_en if lang == "en" else readiness.name) or "",
        "recommended": [_program_name(p, lang) for p in found.recommended],
        "referrals": [partner_kinds()[k].text("name", lang) for k in found.referrals],
    }


def actions(referral: Referral) -> tuple[str, ...]:
    """What the partner may do with the referral now (the services' transitions)."""
    if referral.consultation.status == Status.CLOSED:
        return ()
    if referral.status == ReferralStatus.SENT:
        return ("accept", "return")
    if referral.status in (ReferralStatus.ACCEPTED, ReferralStatus.SCHEDULED):
        return ("schedule", "outcome", "return")
    return ()


def _page(
    request: HttpRequest,
    referral: Referral,
    *,
    error: str = "",
    field: str = "",
    values: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    lang = page_lang()
    case = referral.consultation
    today = taipei_day(timezone.now())
    own, others = partner.program_choices(referral.partner)
    history = referral.events.order_by("at", "id")
    context = {
        "referral": referral,
        "case": case,
        "partner": referral.partner,
        "status": referral.get_status_display(),
        "case_status": case.get_status_display(),
        "closed": case.status == Status.CLOSED,
        "clock": partner.clock(referral),
        "created": taipei_minute(referral.created_at, lang),
        "accepted": taipei_minute(referral.accepted_at, lang) if referral.accepted_at else "",
        "scheduled_for": display_date(referral.scheduled_for, lang)
        if referral.scheduled_for
        else "",
        "outcome": OutcomeKind(referral.outcome_kind).label if referral.outcome_kind else "",
        "outcome_program": _program_name(referral.outcome_program_id, lang)
        if referral.outcome_program_id
        else "",
        "outcome_loan": twd(referral.outcome_loan_amount) if referral.outcome_loan_amount else "",
        "outcome_at": taipei_minute(referral.outcome_at, lang) if referral.outcome_at else "",
        "show_contact": referral.status != ReferralStatus.RETURNED,
        "preferred_time": PreferredTime(case.preferred_time).label,
        "preferred_channel": PreferredChannel(case.preferred_channel).label,
        "industry": division_label(case.industry, lang) if case.industry else "",
        "needs": [need_label(n, lang) for n in case.needs if n in NEEDS],
        "program_name": _program_name(case.program_id, lang) if case.program_id else "",
        "answers": _answers(case.profile, lang),
        "segment": _segment(case.profile, lang),
        "actions": actions(referral),
        "outcome_kinds": OutcomeKind.choices,
        "programs_own": [(p, _program_name(p, lang)) for p in own],
        "programs_other": [(p, _program_name(p, lang)) for p in others],
        "today": today.isoformat(),
        "last_day": (today + dt.timedelta(days=services.MAX_SCHEDULE_DAYS)).isoformat(),
        "history": [
            {
                "at": taipei_minute(e.at, lang),
                "actor": e.get_actor_display(),
                "to": ReferralStatus(e.to_status).label
                if e.to_status in ReferralStatus.values
                else e.to_status,
                "note": e.note,
            }
            for e in history
        ],
        "error": error,
        "field": field,
        "values": values or {},
    }
    return render(request, "desk/partner_referral.html", context, status=status)


@require_GET
def referral(request: HttpRequest, pk: int) -> HttpResponse:
    """One referral: the case as the partner needs it, and what it may do now."""
    return _page(request, _referral(request, pk))


def _act(request: HttpRequest, pk: int, act: Callable[[Referral], object]) -> HttpResponse:
    """Run ``act`` on the user's referral ``pk``; a refusal is shown on its page (422)
    with what was typed, else back to the page."""
    found = _referral(request, pk)
    try:
        act(found)
    except services.DeskRefused as refusal:
        values = {k: request.POST.get(k, "") for k in request.POST if k != "csrfmiddlewaretoken"}
        found.refresh_from_db()
        return _page(
            request,
            found,
            error=refusal.text(page_lang()),
            field=refusal.code,
            values=values,
            status=422,
        )
    return redirect(reverse("desk:partner_referral", args=[found.pk]))


@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda r: services.referral_accept(referral=r, who=request.user))


@require_POST
def give_back(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the referral to the desk, with a reason."""
    reason = request.POST.get("reason", "")
    return _act(
        request,
        pk,
        lambda r: services.referral_return(referral=r, who=request.user, reason=reason),
    )


def read_date(text: str) -> dt.date:
    """A date typed as 2026-03-10 (what a date field sends); else refused naming the field."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise services.DeskRefused(
            "scheduled_for",
            "排定日期格式不符：請以西元年-月-日填寫，例如 2026-03-10",
            "the date is not valid: write it as year-month-day, e.g. 2026-03-10",
        ) from None


@require_POST
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """Set (or move) the day of the visit or diagnosis."""
    text = request.POST.get("scheduled_for", "")

    def act(r: Referral) -> object:
        return services.referral_schedule(referral=r, who=request.user, on=read_date(text))

    return _act(request, pk, act)


def read_amount(text: str) -> int | None:
    """A loan amount as typed (300萬, 3,000,000, NT$3000000: ``finder.numbers``); None
    when empty; refused naming the field when it is not a whole amount of NT$."""
    if not text.strip():
        return None
    try:
        return int(read_number(text, units=MONEY_UNITS, whole=True))
    except NumberError as exc:
        raise services.DeskRefused(
            "outcome_loan_amount", f"核貸金額：{exc.message_zh}", f"loan amount: {exc.message_en}"
        ) from None


@require_POST
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """Record what came of the referral."""
    post = request.POST
    kind = post.get("outcome_kind", "")

    def act(r: Referral) -> object:
        return services.referral_record_outcome(
            referral=r,
            who=request.user,
            kind=kind,
            note=post.get("outcome_note", ""),
            program_id=post.get("outcome_program_id", "")
            if kind == OutcomeKind.PROGRAM_APPLIED
            else "",
            loan_amount=read_amount(post.get("outcome_loan_amount", ""))
            if kind == OutcomeKind.LOAN_APPROVED
            else None,
        )

    return _act(request, pk, act)
