"""The desk agent's work (issue 14): the queue with its service-level clock, finding a firm
during a call, the case's profile for screening, the partners to suggest, and recording an
outbound call (the only write here; journaled like every other).

Reads take the agent's account; the pages check ``roles.is_agent`` first (404 otherwise).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from smewindow.applications.models import Firm
from smewindow.desk import businessdays, roles, selectors
from smewindow.desk.businessdays import taipei_day
from smewindow.desk.models import (
    Author,
    CallLog,
    CallResult,
    Channel,
    Consultation,
    Partner,
    Status,
)
from smewindow.desk.services import (
    MAX_NOTE_CHARS,
    MAX_SCHEDULE_DAYS,
    DeskRefused,
    choice,
    clean_text,
    journal,
    locked_case,
    require_open,
)
from smewindow.rules.taiwan import business_id_is_valid

AGENT_OPEN = (Status.ANSWERED, Status.REFERRED, Status.IN_PROGRESS)
"""The open statuses a case is in once an agent has taken it up."""
MAX_FOUND = 20
"""The most firms a look-up lists: a name that matches more needs more of the name."""
MIN_NAME_CHARS = 2
"""A name looked up has at least two characters (one matches half the register)."""


# The queue


@dataclass(frozen=True)
class QueueItem:
    """A case in the queue, with its business days to the first answer."""

    case: Consultation
    days: int
    """Business days from its arrival to its first answer (or to now)."""
    overdue: bool
    """A new case past ``businessdays.FIRST_ANSWER_DAYS`` without an answer."""


def _filtered(cases: QuerySet[Consultation], channel: str, status: str) -> QuerySet[Consultation]:
    if channel:
        cases = cases.filter(channel=channel)
    if status:
        cases = cases.filter(status=status)
    return cases


QUEUE_SHOWN = 50
"""The cases a queue list shows at most: the oldest, which wait longest (the rest are
counted; the filters narrow them). Listing every one made the page 0.8 s and 340 KB with
1,400 new cases (benchmarks/bench_desk_load.py)."""


@dataclass(frozen=True)
class Listing:
    """The first ``QUEUE_SHOWN`` items of a list and how many the list holds."""

    items: list[QueueItem]
    total: int


def queue(
    agent: Any, *, channel: str = "", status: str = "", now: dt.datetime | None = None
) -> tuple[Listing, Listing]:
    """The new cases (every channel, oldest first) and the agent's open cases (typed in,
    answered, referred or called by the agent; oldest first), filtered by ``channel`` and
    ``status`` ("" for any), each the oldest ``QUEUE_SHOWN`` with the count of all. A filter
    that is not a choice is refused."""
    if channel:
        choice(channel, Channel.values, "channel", "管道", "channel")
    if status:
        choice(status, Status.values, "status", "狀態", "status")
    moment = now or timezone.now()
    target = businessdays.FIRST_ANSWER_DAYS

    def item(case: Consultation) -> QueueItem:
        days = selectors.first_answer_days(case, moment)
        return QueueItem(case, days, case.first_answered_at is None and days > target)

    new = Consultation.objects.filter(status=Status.NEW).order_by("created_at", "id")
    mine = (
        Consultation.objects.filter(status__in=AGENT_OPEN)
        .filter(Q(created_by=agent) | Q(events__who=agent) | Q(calls__agent=agent))
        .distinct()
        .order_by("created_at", "id")
    )

    def listing(cases: QuerySet[Consultation]) -> Listing:
        found = _filtered(cases, channel, status)
        return Listing([item(c) for c in found[:QUEUE_SHOWN]], found.count())

    return listing(new), listing(mine)


# Finding the firm during a call


@dataclass(frozen=True)
class Found:
    """A firm found by its 統一編號 or name: a registered firm or an earlier case."""

    key: str
    """``firm-<pk>`` or ``case-<pk>``: what the phone form prefills from."""
    source: str
    """``firm`` (registered on the site) or ``case`` (an earlier case)."""
    business_id: str
    name: str
    county: str
    industry: str
    when: dt.datetime | None
    """The earlier case's arrival (None for a registered firm)."""


def _from_firm(firm: Firm) -> Found:
    return Found(
        f"firm-{firm.pk}", "firm", firm.business_id, firm.name, firm.county, firm.industry, None
    )


def _from_case(case: Consultation) -> Found:
    return Found(
        f"case-{case.pk}",
        "case",
        case.business_id,
        case.firm_name,
        case.county,
        case.industry,
        case.created_at,
    )


def find_firm(query: str) -> list[Found]:
    """Registered firms and earlier cases matching ``query``: eight digits are a 統一編號
    (its check digit checked; refused when wrong), anything else part of the name (at
    least ``MIN_NAME_CHARS``). Registered firms first, then the latest cases; at most
    ``MAX_FOUND``."""
    text = clean_text(query, code="q", zh="統一編號或企業名稱", en="business ID or name", limit=200)
    if text.isdigit() and len(text) == 8:
        if not business_id_is_valid(text):
            raise DeskRefused(
                "q",
                "統一編號檢查碼不符：請再核對這8位數字",
                "the business ID's check digit does not match: check the 8 digits",
            )
        firms = Firm.objects.filter(business_id=text)
        cases = Consultation.objects.filter(business_id=text)
    elif len(text) >= MIN_NAME_CHARS:
        firms = Firm.objects.filter(name__icontains=text)
        cases = Consultation.objects.filter(firm_name__icontains=text)
    else:
        raise DeskRefused(
            "q",
            f"請輸入8位數統一編號，或企業名稱至少 {MIN_NAME_CHARS} 個字",
            f"type an 8-digit business ID, or at least {MIN_NAME_CHARS} characters of the name",
        )
    found = [_from_firm(f) for f in firms.order_by("name")[:MAX_FOUND]]
    for case in cases.order_by("-created_at", "-id")[: MAX_FOUND * 2]:
        if len(found) >= MAX_FOUND:
            break
        if not any(f.business_id == case.business_id and f.name == case.firm_name for f in found):
            found.append(_from_case(case))
    return found


def prefill(key: str) -> dict[str, Any]:
    """The phone form's values from a firm found (``firm-<pk>``) or an earlier case
    (``case-<pk>``: also its contact and needs); {} for a key that names nothing."""
    kind, _, pk = key.partition("-")
    if not pk.isdigit():
        return {}
    if kind == "firm":
        firm = Firm.objects.filter(pk=int(pk)).first()
        if firm is None:
            return {}
        return {
            "firm_name": firm.name,
            "business_id": firm.business_id,
            "county": firm.county,
            "industry": firm.industry,
        }
    if kind == "case":
        case = Consultation.objects.filter(pk=int(pk)).first()
        if case is None:
            return {}
        return {
            "firm_name": case.firm_name,
            "business_id": case.business_id,
            "county": case.county,
            "industry": case.industry,
            "contact_name": case.contact_name,
            "contact_phone": case.contact_phone,
            "contact_email": case.contact_email,
            "needs": list(case.needs),
        }
    return {}


# The case's profile and the partners to suggest


def case_profile(case: Consultation) -> dict[str, Any]:
    """The firm's answers as the rules read them: the finder's answers the case carries,
    completed by what the case itself records (name, 統一編號, county, industry, needs);
    what neither says stays unknown."""
    profile = dict(case.profile or {})
    for field, value in (
        ("name", case.firm_name),
        ("business_id", case.business_id),
        ("county", case.county),
        ("industry", case.industry),
        ("needs", list(case.needs) or None),
    ):
        if value and profile.get(field) in (None, "", []):
            profile[field] = value
    return profile


@dataclass(frozen=True)
class Suggestion:
    """A partner the agent may refer the case to."""

    partner: Partner
    suggested: bool
    """Its kind is one the firm's segment recommends."""


def partners_for(case: Consultation, kinds: Iterable[str]) -> list[Suggestion]:
    """The active partners serving the case's county: those of the segment's partner
    ``kinds`` first (in the kinds' order), then the others."""
    order = {kind: i for i, kind in enumerate(kinds)}
    serving = [p for p in Partner.objects.filter(active=True) if p.serves(case.county)]
    serving.sort(key=lambda p: (order.get(p.kind, len(order)), p.name))
    return [Suggestion(p, p.kind in order) for p in serving]


def chosen_partners(case: Consultation, ids: Iterable[str]) -> list[Partner]:
    """The partners ``ids`` (as the form sends them) among those the case may be referred
    to; an id that is not one of them is refused, naming it."""
    allowed = {str(s.partner.pk): s.partner for s in partners_for(case, ())}
    chosen = []
    for raw in dict.fromkeys(ids):
        partner = allowed.get(raw)
        if partner is None:
            raise DeskRefused(
                "partners",
                "所選的合作單位不在可轉介的名單中（未受理轉介或不服務該縣市）",
                "a chosen partner is not one the case can be referred to"
                " (not taking referrals, or not serving the county)",
            )
        chosen.append(partner)
    return chosen


# Outbound calls


def call_record(
    *,
    consultation: Consultation,
    agent: Any,
    result: str,
    note: str = "",
    call_back_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> CallLog:
    """Record a call the ``agent`` made to the case's firm: reached, no answer, or a call
    back (on ``call_back_on``, from today to a year ahead; required then, refused
    otherwise). Journaled (the case's status unchanged); the case must be open."""
    if not roles.is_agent(agent):
        raise DeskRefused("not_agent", "只有服務中心人員可以記錄外撥", "only desk agents log calls")
    choice(result, CallResult.values, "result", "通話結果", "call result")
    note = clean_text(note, code="note", zh="通話說明", en="note", limit=MAX_NOTE_CHARS)
    moment = now or timezone.now()
    today = taipei_day(moment)
    if result == CallResult.CALL_BACK:
        if call_back_on is None:
            raise DeskRefused(
                "call_back_on", "約定回電請填回電日期", "a call back needs the day to call"
            )
        if not today <= call_back_on <= today + dt.timedelta(days=MAX_SCHEDULE_DAYS):
            raise DeskRefused(
                "call_back_on",
                f"回電日期須在今天（{today.isoformat()}）到一年內",
                f"the day to call back must be from today ({today.isoformat()}) to a year ahead",
            )
    elif call_back_on is not None:
        raise DeskRefused(
            "call_back_on",
            "只有「約定回電」才填回電日期",
            "a day to call back goes only with a call back",
        )
    with transaction.atomic():
        case = locked_case(consultation)
        require_open(case)
        call = CallLog.objects.create(
            consultation=case,
            agent=agent,
            at=moment,
            result=result,
            call_back_on=call_back_on,
            note=note,
        )
        label = CallResult(result).label
        when = f" {call_back_on.isoformat()}" if call_back_on else ""
        journal(
            case,
            None,
            Author.DESK,
            agent,
            case.status,
            case.status,
            moment,
            f"外撥：{label}{when} {note}".strip() + f" (call: {result})",
        )
    return call


def calls_of(case: Consultation) -> QuerySet[CallLog]:
    return case.calls.select_related("agent").order_by("at", "id")
