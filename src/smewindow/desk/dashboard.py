"""The supervisor's dashboards (issue 14): the cases of a period (their Taipei arrival day
from/to) by channel, need, segment, county, industry and status; the service levels in
business days (``businessdays``: share within target, median, 90th percentile); referrals
and their outcomes by partner; the ratings. Each is an ``applications.dashboard.Table``
(a chart, the table, a CSV download).

One query a table: the counts group in the database; the needs (a JSON list) and the
segments (computed from the finder's answers by ``rules.segments``) and the business-day
clocks are counted in Python over one query's rows (``benchmarks/bench_desk_dashboard.py``
measures them on 10,000 cases).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from smewindow.applications.dashboard import Table, Value
from smewindow.desk import businessdays
from smewindow.desk.businessdays import ACCEPTANCE_DAYS, FIRST_ANSWER_DAYS
from smewindow.desk.models import (
    Channel,
    Consultation,
    OutcomeKind,
    Partner,
    Referral,
    ReferralStatus,
    Status,
)
from smewindow.desk.services import DeskRefused
from smewindow.finder.views import page_lang
from smewindow.rules import parameters
from smewindow.rules.engine import TAIPEI
from smewindow.rules.needs import NEEDS, need_label
from smewindow.rules.profile import ProfileError
from smewindow.rules.segments import (
    levels,
    readiness_level,
    segment_id,
    size_class,
    size_class_name,
)
from smewindow.rules.taiwan import DIVISION_NAMES

MAX_SPAN_DAYS = 3 * 366
"""The longest period a dashboard takes: three years."""


@dataclass(frozen=True)
class Period:
    """The cases that arrived from ``start`` to ``end`` (Taipei days, both included; None:
    open-ended)."""

    start: dt.date | None = None
    end: dt.date | None = None

    def cases(self) -> QuerySet[Consultation]:
        found = Consultation.objects.all()
        if self.start is not None:
            found = found.filter(created_at__gte=_midnight(self.start))
        if self.end is not None:
            found = found.filter(created_at__lt=_midnight(self.end + dt.timedelta(days=1)))
        return found

    def referrals(self) -> QuerySet[Referral]:
        """The referrals of the period's cases."""
        return Referral.objects.filter(consultation__in=self.cases().values("pk"))

    def query(self) -> str:
        """The period as the dashboard's query string (for the CSV links)."""
        parts = [f"from={self.start.isoformat()}" if self.start else ""]
        parts.append(f"to={self.end.isoformat()}" if self.end else "")
        return "&".join(p for p in parts if p)

    def slug(self) -> str:
        """The period in a file name: ``2026-01-01_2026-03-31``, ``all`` when open."""
        if self.start is None and self.end is None:
            return "all"
        return f"{self.start or 'start'}_{self.end or 'now'}"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=TAIPEI)


def _day(text: str, code: str, zh: str, en: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DeskRefused(
            code,
            f"{zh}格式不符：請以 YYYY-MM-DD 填寫西元日期，例如 2026-03-02",
            f"the {en} is not a date: YYYY-MM-DD, e.g. 2026-03-02",
        ) from None


def parse_period(start: str, end: str) -> Period:
    """The period of the ``from`` and ``to`` fields (ISO dates; either may be blank);
    refused naming the field when a date is not one, or ``from`` is after ``to``."""
    first = _day(start, "from", "起日", "start date")
    last = _day(end, "to", "迄日", "end date")
    if first and last and first > last:
        raise DeskRefused("from", "起日不能晚於迄日", "the start date is after the end date")
    if first and last and (last - first).days > MAX_SPAN_DAYS:
        raise DeskRefused(
            "to", "期間最長三年，請縮短起迄日", "the period is at most three years long"
        )
    return Period(first, last)


# Counts by one field: one GROUP BY each


def _by_field(
    period: Period, slug: str, caption: str, field: str, heading: str, label: Callable[[str], str]
) -> Table:
    rows = period.cases().values(field).annotate(n=Count("id")).order_by(field)
    return Table(
        slug,
        caption,
        (heading, _("案件數")),
        [(label(row[field]), [row["n"]]) for row in rows],
    )


def _by_choice(
    period: Period, slug: str, caption: str, field: str, heading: str, choices: Any
) -> Table:
    counts = dict(period.cases().values_list(field).annotate(n=Count("id")).order_by())
    return Table(
        slug,
        caption,
        (heading, _("案件數")),
        [(str(name), [counts.get(value, 0)]) for value, name in choices],
    )


def channel_table(period: Period) -> Table:
    return _by_choice(
        period, "channel", _("案件數（依管道）"), "channel", _("管道"), Channel.choices
    )


def status_table(period: Period) -> Table:
    return _by_choice(period, "status", _("案件數（依狀態）"), "status", _("狀態"), Status.choices)


def _unknown(value: str) -> str:
    return value or _("未填")


def county_table(period: Period) -> Table:
    return _by_field(period, "county", _("案件數（依縣市）"), "county", _("縣市"), _unknown)


def industry_table(period: Period) -> Table:
    def label(code: str) -> str:
        return f"{code} {DIVISION_NAMES[code]}" if code in DIVISION_NAMES else _unknown(code)

    return _by_field(period, "industry", _("案件數（依行業）"), "industry", _("行業"), label)


# Needs and segments: counted in Python over one query's rows


def need_table(period: Period) -> Table:
    """A case counts under each of its needs (a case may have several)."""
    counts: Counter[str] = Counter()
    for needs in period.cases().values_list("needs", flat=True):
        known = [n for n in needs or () if n in NEEDS]
        counts.update(known or [""])
    lang = page_lang()
    rows: list[tuple[str, list[Value]]] = [(need_label(n, lang), [counts[n]]) for n in NEEDS]
    rows.append((_("未填"), [counts[""]]))
    return Table(
        "need",
        _("案件數（依需求；一案可有多項需求）"),
        (_("需求"), _("案件數")),
        rows,
    )


_sizes: dict[tuple[int, int], str | None] = {}


def _size(employees: int, day: dt.date) -> str | None:
    """The size class of a head count on ``day``, computed once per parameter epoch (a
    span of days over which no parameter changes: the same class on each of them)."""
    key = (employees, parameters.epoch(day))
    if key not in _sizes:
        _sizes[key] = size_class({"employees": employees}, day)
    return _sizes[key]


@cache
def _level(tools: tuple[str, ...] | None, ai_use: Any) -> int | None:
    return readiness_level(None if tools is None else list(tools), ai_use)


def case_segment(profile: dict[str, Any], created_at: dt.datetime) -> str:
    """The segment of a case from the finder's answers (validated when the case was made)
    as on its Taipei arrival day, as ``rules.segments.segment`` gives it: the size class by
    head count and the AI-readiness level; ``unknown-unknown`` for answers that do not
    read."""
    employees, tools = profile.get("employees"), profile.get("digital_tools")
    try:
        day = created_at.astimezone(TAIPEI).date()
        size = _size(employees, day) if employees is not None else None
        return segment_id(
            size, _level(None if tools is None else tuple(tools), profile.get("ai_use"))
        )
    except (ProfileError, TypeError):
        return segment_id(None, None)


def segment_label(segment: str, lang: str = "zh") -> str:
    """A segment id as words: 微型企業・L2 數位化起步 (``unknown`` parts as 不明)."""
    size, _sep, level = segment.partition("-")
    size_text = size_class_name(size, lang) if size != "unknown" else _("規模不明")
    if level.startswith("L") and level[1:].isdigit() and int(level[1:]) in levels():
        found = levels()[int(level[1:])]
        level_text = f"{level} {found.name_en if lang == 'en' else found.name}"
    else:
        level_text = _("AI準備度不明")
    return f"{size_text}・{level_text}"


def segment_table(period: Period) -> Table:
    rows = period.cases().values_list(
        "profile__employees", "profile__digital_tools", "profile__ai_use", "created_at"
    )  # the three answers a segment reads, not the whole profile
    counts = Counter(
        case_segment({"employees": e, "digital_tools": t, "ai_use": a}, at) for e, t, a, at in rows
    )
    lang = page_lang()
    return Table(
        "segment",
        _("案件數（依分群：企業規模・AI準備度）"),
        (_("分群"), _("案件數")),
        [(f"{s} {segment_label(s, lang)}", [n]) for s, n in sorted(counts.items())],
    )


# Service levels in business days


def percentile(values: list[int], share: float) -> int | None:
    """The nearest-rank percentile of ``values`` (None when there are none)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


@dataclass(frozen=True)
class Clock:
    """One service level over a period's cases or referrals."""

    target: int
    done: list[int]
    """The business days each finished clock took."""
    overdue: int
    """Clocks still running past the target."""
    waiting: int
    """Clocks still running within the target."""

    def row(self) -> list[Value]:
        within = sum(d <= self.target for d in self.done)
        counted = len(self.done) + self.overdue
        share = round(100 * within / counted, 1) if counted else None
        median = statistics.median(self.done) if self.done else None
        return [
            self.target,
            len(self.done),
            within,
            self.overdue,
            self.waiting,
            share,
            median,
            percentile(self.done, 0.9),
        ]


def _elapsed(start: dt.datetime, end: dt.datetime) -> int:
    """``businessdays.elapsed``: the business days between the two moments' Taipei days."""
    return businessdays.business_days_between(
        start.astimezone(TAIPEI).date(), end.astimezone(TAIPEI).date()
    )


def first_answer_clock(period: Period, now: dt.datetime | None = None) -> Clock:
    """Business days from each case's arrival to its first answer, or to ``now`` while it
    has none (as ``selectors.first_answer_days``); closed cases never answered are left
    out. Read as plain rows: building 10,000 cases would cost more than the counting."""
    moment = now or timezone.now()
    done, overdue, waiting = [], 0, 0
    rows = (
        period.cases()
        .exclude(first_answered_at__isnull=True, status=Status.CLOSED)
        .values_list("created_at", "first_answered_at")
    )
    for created, answered in rows:
        days = _elapsed(created, answered or moment)
        if answered is not None:
            done.append(days)
        elif days > FIRST_ANSWER_DAYS:
            overdue += 1
        else:
            waiting += 1
    return Clock(FIRST_ANSWER_DAYS, done, overdue, waiting)


def acceptance_clock(period: Period, now: dt.datetime | None = None) -> Clock:
    """Business days from each referral to the partner's acceptance, or to ``now`` while
    it waits (as ``selectors.acceptance_days``); returned without acceptance: left out."""
    moment = now or timezone.now()
    done, overdue, waiting = [], 0, 0
    rows = (
        period.referrals()
        .filter(Q(accepted_at__isnull=False) | Q(status=ReferralStatus.SENT))
        .values_list("created_at", "accepted_at")
    )
    for sent, accepted in rows:
        days = _elapsed(sent, accepted or moment)
        if accepted is not None:
            done.append(days)
        elif days > ACCEPTANCE_DAYS:
            overdue += 1
        else:
            waiting += 1
    return Clock(ACCEPTANCE_DAYS, done, overdue, waiting)


def service_table(period: Period, now: dt.datetime | None = None) -> Table:
    return Table(
        "service",
        _("服務水準（營業日）"),
        (
            _("時限"),
            _("目標（營業日內）"),
            _("已完成"),
            _("期限內完成"),
            _("逾期未完成"),
            _("尚在期限內"),
            _("期限內比率（%）"),
            _("中位數（營業日）"),
            _("第90百分位（營業日）"),
        ),
        [
            (_("首次回覆"), first_answer_clock(period, now).row()),
            (_("合作單位受理"), acceptance_clock(period, now).row()),
        ],
        charted=-1,
    )


# Partners and ratings


def partner_table(period: Period) -> Table:
    """Per partner: referrals, accepted, returned, each outcome, loans and their total."""
    kinds = list(OutcomeKind)
    outcome = {f"k_{k.value}": Count("id", filter=Q(outcome_kind=k.value)) for k in kinds}
    referrals: Any = period.referrals()  # the outcome counts are spread keywords: rows of Any
    rows: Iterable[dict[str, Any]] = (
        referrals.values("partner")
        .annotate(
            n=Count("id"),
            accepted=Count("id", filter=Q(accepted_at__isnull=False)),
            returned=Count("id", filter=Q(status=ReferralStatus.RETURNED)),
            loans=Sum("outcome_loan_amount", filter=Q(outcome_kind=OutcomeKind.LOAN_APPROVED)),
            **outcome,
        )
        .order_by("partner")
    )
    names = dict(Partner.objects.values_list("pk", "name"))
    return Table(
        "partner",
        _("轉介及結果（依合作單位；核貸金額為新臺幣元）"),
        (
            _("合作單位"),
            _("轉介"),
            _("已受理"),
            _("已退回"),
            *(str(k.label) for k in kinds),
            _("核貸金額合計"),
        ),
        [
            (
                names.get(row["partner"], ""),
                [
                    row["n"],
                    row["accepted"],
                    row["returned"],
                    *(row[f"k_{k.value}"] for k in kinds),
                    row["loans"] or 0,
                ],
            )
            for row in rows
        ],
        charted=3,
    )


def rating_table(period: Period) -> Table:
    counts = dict(
        period.cases()
        .filter(rating__isnull=False)
        .values_list("rating")
        .annotate(n=Count("id"))
        .order_by()
    )
    return Table(
        "rating",
        _("滿意度分布"),
        (_("評分"), _("件數")),
        [(_("%(n)s 分") % {"n": n}, [counts.get(n, 0)]) for n in range(5, 0, -1)],
    )


def overview_table(period: Period) -> Table:
    """The period at a glance: cases, closed, rated and the mean rating."""
    row = period.cases().aggregate(
        n=Count("id"),
        closed=Count("id", filter=Q(status=Status.CLOSED)),
        rated=Count("rating"),
        mean=Avg("rating"),
    )
    mean = round(float(row["mean"]), 2) if row["mean"] is not None else None
    return Table(
        "overview",
        _("總覽"),
        (_("期間"), _("案件數"), _("已結案"), _("評分件數"), _("平均滿意度（1–5）")),
        [(_("本期間"), [row["n"], row["closed"], row["rated"], mean])],
        charted=-1,
    )


TABLES: dict[str, Callable[[Period], Table]] = {
    "overview": overview_table,
    "channel": channel_table,
    "need": need_table,
    "segment": segment_table,
    "county": county_table,
    "industry": industry_table,
    "status": status_table,
    "service": service_table,
    "partner": partner_table,
    "rating": rating_table,
}
"""The dashboard's tables in the page's order, by the slug of their CSV."""
