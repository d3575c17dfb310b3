"""Reply templates that quote the rules (issue 14): for a program, the text an agent starts
a reply from — the program's name, what it gives, the firm's amount where the rules can
work it out, its window, how to apply and its page — built from the rules in force on the
day, never from a number typed into a template.

Every figure comes from the finder's plan for the firm (``finder.plan.build_plan``, over
``rules.screen``): the benefit's summary with its parameters filled (``rules.texts.fill``),
the amount the engine works out, the window as the plan words it, and the steps and
documents of ``rules.guidance``. The agent edits the text before sending it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from smewindow.finder.plan import Card, Plan, build_plan
from smewindow.formatting import label
from smewindow.rules import PROGRAMS_BY_ID
from smewindow.rules.guidance import all_guidance

DESK_PHONE = "0800-056-476"
"""The desk's number (the seed's 馬上辦服務中心)."""


def cards(plan: Plan) -> tuple[Card, ...]:
    """Every program of the plan, in the plan's order (closed ones last)."""
    return (*plan.shown, *plan.not_eligible, *plan.closed)


def card_for(plan: Plan, program_id: str) -> Card | None:
    """The plan's card of ``program_id`` (None for an id that is no program)."""
    return next((c for c in cards(plan) if c.id == program_id), None)


def program_choices(
    plan: Plan, first: Iterable[str] = (), lang: str = "zh"
) -> list[tuple[str, str]]:
    """The programs an agent picks a template from: ``first`` (the case's own program,
    the segment's recommendations), then those the firm can apply for, should settle or
    ask about, or may apply for later, as (id, name)."""
    ids = [p for p in first if p in PROGRAMS_BY_ID] + [c.id for c in plan.shown]
    names = {c.id: c.display_name for c in cards(plan)}
    return [(pid, names[pid]) for pid in dict.fromkeys(ids)]


def template(card: Card, *, firm_name: str, site: str, lang: str = "zh") -> str:
    """The reply text for ``card`` (a program of the firm's plan), in the page's language
    (the caller activates it); ``site`` is the scheme and host the page link is built on."""
    guidance = all_guidance()[card.id]
    lines = [
        _("%(firm)s您好：") % {"firm": firm_name},
        "",
        _("關於「%(program)s」（%(kind)s）：") % {"program": card.display_name, "kind": card.kind},
    ]
    if card.summary:
        lines.append(_("・內容：%(summary)s") % {"summary": card.summary})
    if card.amount_text:
        lines.append(_("・依您目前提供的資料估算：%(amount)s") % {"amount": card.amount_text})
    if card.guarantee:
        lines.append("・" + card.guarantee)
    lines.append(_("・受理期間：%(window)s") % {"window": card.window_text})
    if card.eligibility == "ineligible" and card.lacks:
        lines.append(
            _("・依您目前提供的資料，尚不符合：%(lacks)s") % {"lacks": _("；").join(card.lacks)}
        )
    elif card.eligibility == "unknown":
        open_points = card.to_ask or tuple(q.title for q in card.questions)
        if open_points:
            lines.append(_("・尚需確認：%(items)s") % {"items": _("；").join(open_points)})
    lines.append(_("・如何申請："))
    lines += [f"  {n}. {step}" for n, step in enumerate(guidance.steps_in(lang), 1)]
    documents = guidance.documents_in(lang)
    if documents:
        lines.append(_("・應備文件："))
        lines += [f"  - {document}" for document in documents]
    lines.append(_("・詳細說明：%(url)s") % {"url": site.rstrip("/") + card.page_url})
    lines += [
        "",
        _("如有其他問題，歡迎回覆本訊息或撥打 %(phone)s。") % {"phone": DESK_PHONE},
        _("經濟部中小及新創企業署 馬上辦服務中心"),
    ]
    return "\n".join(lines)


def template_for(
    program_id: str,
    profile: Mapping[str, Any],
    *,
    firm_name: str,
    on: dt.date,
    site: str,
    lang: str = "zh",
    plan: Plan | None = None,
) -> str:
    """The reply text for ``program_id`` and a firm of ``profile`` on ``on`` (the plan
    built unless given); KeyError for an id that is no program."""
    found = card_for(plan or build_plan(profile, on, lang), program_id)
    if found is None:
        raise KeyError(program_id)
    return template(found, firm_name=firm_name, site=site, lang=lang)


def eligibility_label(card: Card, lang: str) -> str:
    """The card's eligibility as the results page words it."""
    return label("eligibility", card.eligibility, lang)
