"""Writes to the desk — the only ones. Each runs in one transaction, locks the case (or the
referral) it changes, journals every state change (``Event``, append-only) and queues its
mails in the outbox in the same transaction. A refusal raises ``DeskRefused`` with a code
and the reason in Chinese and English, naming the field; nothing is written then.

Transitions of a case (``Status``): new → answered (the desk's first reply) → referred (a
referral sent; also from new) → in_progress (a partner accepted) → closed (from any open
status). A referral returned with no other live referral sends the case back to answered
(the desk's hands). A referral (``ReferralStatus``): sent → accepted → scheduled (a date;
again to change it) → outcome; sent, accepted or scheduled → returned (with a reason).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from smewindow.applications.models import Firm
from smewindow.desk import consent, roles
from smewindow.desk.businessdays import taipei_day
from smewindow.desk.models import (
    LIVE_REFERRAL,
    Author,
    Channel,
    Consultation,
    Event,
    Message,
    OutcomeKind,
    Partner,
    PreferredChannel,
    PreferredTime,
    Referral,
    ReferralStatus,
    Status,
)
from smewindow.formatting import twd
from smewindow.outbox.services import queue
from smewindow.rules import PROGRAMS_BY_ID, ProfileError, parse_profile
from smewindow.rules.cleantext import without_bidi
from smewindow.rules.needs import NEEDS
from smewindow.rules.taiwan import COUNTIES, DIVISION_NAMES, business_id_is_valid

MAX_QUESTION_CHARS = 4000
"""The longest question or message taken: about four pages of Chinese. Not from a rule: a
bound, so a pasted document or a hostile post is refused with a message, not stored."""
MAX_NOTE_CHARS = 2000
"""The longest note, reason or comment."""
MAX_LOAN_AMOUNT = 1_000_000_000
"""The largest loan recorded as an outcome, NT$1,000,000,000 (10億): far above the plan's
largest loan (配套1.2, ``loan.max_loan``, 3,500萬) and any SME loan a partner reports; a
bound against a slip of the keyboard, not a rule."""
MAX_SCHEDULE_DAYS = 366
"""A visit or diagnosis is scheduled at most a year ahead."""
SITE = "中小微企業單一窗口 SME Window"

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()#\-]{5,28}[0-9]$")


class DeskRefused(Exception):
    """An action refused, with a stable ``code`` and why, in Chinese and English."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(f"{zh} ({en})")
        self.code = code
        self.zh = zh
        self.en = en

    def text(self, lang: str) -> str:
        """Why, in the page's language (``en`` or ``zh``)."""
        return self.en if lang == "en" else self.zh


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def hash_token(token: str) -> str:
    """The stored form of a private link's token (SHA-256, hex)."""
    return hashlib.sha256(token.encode()).hexdigest()


def clean_text(
    value: str, *, code: str, zh: str, en: str, limit: int, required: bool = False
) -> str:
    """``value`` without bidirectional controls and control characters (line breaks and
    tabs stay), stripped; refused when required and empty, or longer than ``limit``."""
    text = _CONTROL.sub("", without_bidi(value or "")).strip()
    if required and not text:
        raise DeskRefused(code, f"請填寫{zh}", f"the {en} is required")
    if len(text) > limit:
        raise DeskRefused(
            code,
            f"{zh}過長：上限 {limit:,} 字，目前 {len(text):,} 字",
            f"the {en} is too long: at most {limit:,} characters, not {len(text):,}",
        )
    return text


def choice(value: str, allowed: Iterable[str], code: str, zh: str, en: str) -> str:
    """``value`` when it is one of ``allowed``; else refused, naming the field."""
    if value not in set(allowed):
        raise DeskRefused(code, f"{zh}不在可選的項目中", f"not a valid {en}")
    return value


# Consultations


def _contacts(phone: str, email: str) -> tuple[str, str]:
    phone = clean_text(phone, code="contact_phone", zh="聯絡電話", en="phone", limit=30)
    email = clean_text(email, code="contact_email", zh="電子郵件", en="e-mail", limit=254)
    if phone and not _PHONE.match(phone):
        raise DeskRefused(
            "contact_phone",
            "聯絡電話格式不符：請填數字，可含區碼、- 與分機 #",
            "the phone number is not valid: digits, with area code, - and extension #",
        )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DeskRefused(
                "contact_email", "電子郵件格式不符", "the e-mail address is not valid"
            ) from None
    if not (phone or email):
        raise DeskRefused(
            "contact",
            "請至少填寫聯絡電話或電子郵件其中一項，服務中心才能回覆您",
            "give a phone number or an e-mail address, so that the desk can answer",
        )
    return phone, email


def checked_profile(profile: Mapping[str, Any]) -> dict[str, Any]:
    """The finder's answers as valid profile fields, else refused naming each field."""
    try:
        parse_profile(profile)
    except ProfileError as exc:
        raise DeskRefused(
            "profile",
            "問答資料有誤：" + "；".join(f"{e.field}：{e.message_zh}" for e in exc.errors),
            "the answers are invalid: "
            + "; ".join(f"{e.field}: {e.message_en}" for e in exc.errors),
        ) from None
    return dict(profile)


def case_link(site: str, token: str) -> str:
    """The private link of a case: ``site`` (scheme and host) and the case page's path."""
    return f"{site.rstrip('/')}{reverse('desk:case', args=[token])}"


def consultation_create(
    *,
    channel: str,
    firm_name: str,
    question: str,
    consent_given: bool,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    business_id: str = "",
    county: str = "",
    industry: str = "",
    needs: Sequence[str] = (),
    program_id: str = "",
    preferred_time: str = PreferredTime.ANY,
    preferred_channel: str = PreferredChannel.PHONE,
    profile: Mapping[str, Any] | None = None,
    user: Any = None,
    agent: Any = None,
    site: str = "",
    now: dt.datetime | None = None,
) -> tuple[Consultation, str]:
    """A new case, from the web form (``channel`` web, ``user`` the logged-in account if
    any) or typed in by an ``agent`` during a call (phone, outbound). Returns the case and
    its private link's token, which is stored only hashed: the confirmation mail (to the
    contact e-mail, with the link built on ``site``) and the page after the form carry it.
    The finder's answers (``profile``) fill the county, industry, needs and name not given."""
    choice(channel, Channel.values, "channel", "管道", "channel")
    if channel == Channel.WEB and agent is not None:
        raise DeskRefused(
            "channel", "服務中心人員建檔請選電話或主動聯繫", "agents type in phone cases"
        )
    if channel != Channel.WEB and not roles.is_agent(agent):
        raise DeskRefused(
            "not_agent", "只有服務中心人員可以建立電話案件", "only desk agents type in phone cases"
        )
    if not consent_given:
        raise DeskRefused(
            "consent",
            "請勾選同意蒐集及利用個人資料，才能送出諮詢",
            "tick the consent to the collection and use of personal data to send the question",
        )
    answers = checked_profile(profile or {})
    firm = getattr(user, "firm", None) if user is not None and user.is_authenticated else None
    business_id = (business_id or answers.get("business_id", "") or "").strip()
    if not business_id and firm is not None:
        business_id = firm.business_id
    if business_id and not business_id_is_valid(business_id):
        raise DeskRefused(
            "business_id",
            "統一編號格式或檢查碼不符：須為8位數字，請再核對",
            "the business ID is not valid: 8 digits and a check digit",
        )
    if firm is None and business_id and agent is not None:
        # an agent found the firm by its 統一編號 during the call; a web form's typed
        # number links nothing (anyone could type another firm's number)
        firm = Firm.objects.filter(business_id=business_id).first()
    firm_name = clean_text(
        firm_name or answers.get("name", "") or (firm.name if firm else ""),
        code="firm_name",
        zh="企業名稱",
        en="firm's name",
        limit=200,
        required=True,
    )
    question = clean_text(
        question,
        code="question",
        zh="諮詢內容",
        en="question",
        limit=MAX_QUESTION_CHARS,
        required=True,
    )
    contact_name = clean_text(
        contact_name, code="contact_name", zh="聯絡人", en="contact name", limit=100
    )
    contact_phone, contact_email = _contacts(contact_phone, contact_email)
    county = county or answers.get("county", "") or (firm.county if firm else "")
    industry = industry or answers.get("industry", "") or (firm.industry if firm else "")
    choice(county, ["", *COUNTIES], "county", "縣市", "county")
    choice(industry, ["", *DIVISION_NAMES], "industry", "行業", "industry")
    needs = list(dict.fromkeys(needs or answers.get("needs", []) or []))
    for need in needs:
        choice(need, NEEDS, "needs", "需求", "need")
    if program_id:
        choice(program_id, PROGRAMS_BY_ID, "program_id", "措施", "program")
    choice(preferred_time, PreferredTime.values, "preferred_time", "希望聯絡時段", "time")
    choice(
        preferred_channel, PreferredChannel.values, "preferred_channel", "希望聯絡方式", "channel"
    )
    moment = _now(now)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        case = Consultation.objects.create(
            channel=channel,
            business_id=business_id,
            firm_name=firm_name,
            firm=firm,
            user=user if user is not None and user.is_authenticated else None,
            created_by=agent,
            contact_name=contact_name,
            contact_phone=contact_phone,
            contact_email=contact_email,
            county=county,
            industry=industry,
            question=question,
            needs=needs,
            program_id=program_id,
            preferred_time=preferred_time,
            preferred_channel=preferred_channel,
            profile=answers,
            consent=True,
            consent_version=consent.VERSION,
            consent_at=moment,
            token_hash=hash_token(token),
            created_at=moment,
        )
        actor = Author.FIRM if agent is None else Author.DESK
        journal(case, None, actor, agent, "", Status.NEW, moment, _channel_note(channel))
        _mail_firm(
            case,
            f"已收到您的諮詢（案件 {case.pk}） (we received your question, case {case.pk})",
            f"您好：\n\n服務中心已收到{case.firm_name}的諮詢，案件編號 {case.pk}。"
            "我們會依您希望的時段與方式聯絡您。"
            + (
                f"\n\n請保存您的專屬連結，可查看處理進度、留言及下載本案資料：\n{case_link(site, token)}"
                if site
                else ""
            )
            + f"\n\n這個連結只有您知道，請勿轉寄他人。\n\n"
            f"The desk received your question (case {case.pk}). Keep the private link above"
            " to follow the case, write to the desk and download the case's data; do not"
            " forward it.\n",
        )
    return case, token


def _channel_note(channel: str) -> str:
    return {
        Channel.WEB: "網站諮詢 (asked on the web)",
        Channel.PHONE: "電話諮詢，由服務中心建檔 (a call, typed in by the desk)",
        Channel.OUTBOUND: "服務中心主動聯繫 (an outbound call)",
    }[Channel(channel)]


def journal(
    case: Consultation,
    referral: Referral | None,
    actor: str,
    who: Any,
    from_status: str,
    to_status: str,
    at: dt.datetime,
    note: str = "",
) -> Event:
    """Write one line of the case's journal (who moved it from which status to which);
    the journal is append-only, the case's history."""
    return Event.objects.create(
        consultation=case,
        referral=referral,
        actor=actor,
        who=who if who is not None and getattr(who, "is_authenticated", False) else None,
        at=at,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


def firm_address(case: Consultation) -> str:
    """Where the firm's mail goes: the case's contact e-mail, else its account's."""
    if case.contact_email:
        return case.contact_email
    return str(getattr(case.user, "email", "") or "") if case.user_id else ""


def _mail_firm(case: Consultation, subject: str, body: str) -> None:
    to = firm_address(case)
    if to:
        queue(f"{subject}｜{SITE}", body, [to])


def locked_case(case: Consultation) -> Consultation:
    """The case read again and locked for this transaction: every service locks first."""
    return Consultation.objects.select_for_update().get(pk=case.pk)


def require_open(case: Consultation) -> None:
    """Refuse any action on a closed case."""
    if case.status == Status.CLOSED:
        raise DeskRefused(
            "closed",
            "本案已結案，不能再執行此動作",
            "the case is closed; this action is not allowed",
        )


def _move(
    case: Consultation, to: str, actor: str, who: Any, at: dt.datetime, note: str = ""
) -> None:
    """Set ``case`` (locked) to status ``to`` and journal it (nothing when unchanged)."""
    if case.status == to:
        return
    journal(case, None, actor, who, case.status, to, at, note)
    case.status = to


def reply(
    *,
    consultation: Consultation,
    body: str,
    author: str,
    who: Any = None,
    now: dt.datetime | None = None,
) -> Message:
    """A message on an open case: the firm's (through its link or account, ``who`` its user
    or None) or the desk's (``who`` an agent). The desk's first reply answers a new case
    and starts nothing else; it mails the firm."""
    choice(author, (Author.FIRM, Author.DESK), "author", "發言者", "author")
    if author == Author.DESK and not roles.is_agent(who):
        raise DeskRefused("not_agent", "只有服務中心人員可以回覆", "only desk agents answer")
    body = clean_text(
        body, code="body", zh="訊息內容", en="message", limit=MAX_QUESTION_CHARS, required=True
    )
    moment = _now(now)
    with transaction.atomic():
        case = locked_case(consultation)
        require_open(case)
        message = Message.objects.create(
            consultation=case,
            author=author,
            who=who if author == Author.DESK else None,
            body=body,
            at=moment,
        )
        if author == Author.DESK:
            if case.status == Status.NEW:
                _move(case, Status.ANSWERED, Author.DESK, who, moment)
            case.first_answered_at = case.first_answered_at or moment
            case.save(update_fields=["status", "first_answered_at"])
            _mail_firm(
                case,
                f"服務中心已回覆您的諮詢（案件 {case.pk}） (the desk answered case {case.pk})",
                f"您好：\n\n服務中心回覆了{case.firm_name}的諮詢（案件 {case.pk}）：\n\n{body}\n\n"
                "請以您收到的專屬連結查看或留言。\n\n"
                f"The desk answered case {case.pk} (above). Open your private link to read or"
                " write back.\n",
            )
    consultation.refresh_from_db()
    return message


# Referrals


def _staff_mails(partner: Partner) -> list[str]:
    emails = [
        s.user.email
        for s in partner.staff.select_related("user")
        if s.user.is_active and s.user.email
    ]
    if partner.contact_email:
        emails.append(partner.contact_email)
    return list(dict.fromkeys(emails))


def refer(
    *,
    consultation: Consultation,
    partners: Sequence[Partner],
    note: str,
    agent: Any,
    site: str = "",
    now: dt.datetime | None = None,
) -> list[Referral]:
    """Refer an open case to one or more active partners with a ``note``; each partner's
    staff are mailed the referral's page (built on ``site``, scheme and host), and the firm
    is told who will contact it. A new or answered case becomes referred; a referral counts
    as the desk's first answer."""
    if not roles.is_agent(agent):
        raise DeskRefused("not_agent", "只有服務中心人員可以轉介", "only desk agents refer cases")
    if not partners:
        raise DeskRefused("partners", "請選擇至少一個合作單位", "choose at least one partner")
    inactive = [p.name for p in partners if not p.active]
    if inactive:
        raise DeskRefused(
            "partner_inactive",
            f"合作單位目前不受理轉介：{'、'.join(inactive)}",
            f"not taking referrals now: {', '.join(inactive)}",
        )
    note = clean_text(note, code="note", zh="轉介說明", en="note", limit=MAX_NOTE_CHARS)
    moment = _now(now)
    referrals = []
    try:
        with transaction.atomic():
            case = locked_case(consultation)
            require_open(case)
            for partner in dict.fromkeys(partners):
                referral = Referral.objects.create(
                    consultation=case,
                    partner=partner,
                    note=note,
                    created_by=agent,
                    created_at=moment,
                )
                journal(
                    case,
                    referral,
                    Author.DESK,
                    agent,
                    "",
                    ReferralStatus.SENT,
                    moment,
                    partner.name,
                )
                referrals.append(referral)
                to = _staff_mails(partner)
                if to:
                    queue(
                        f"新轉介案件 {case.pk}：{case.firm_name} (new referral, case {case.pk})｜{SITE}",
                        f"{partner.name} 您好：\n\n服務中心將案件 {case.pk}（{case.firm_name}，"
                        f"{case.county or '縣市未填'}）轉介給貴單位。\n\n轉介說明：\n{note or '（無）'}\n\n"
                        "請於服務水準期限內受理或退回：\n"
                        f"{site.rstrip('/')}{reverse('desk:partner_referral', args=[referral.pk])}"
                        f"\n\nThe desk referred case {case.pk} to {partner.name}. Please accept or"
                        " return it within the service level (the link above).\n",
                        to,
                    )
            if case.status in (Status.NEW, Status.ANSWERED):
                _move(case, Status.REFERRED, Author.DESK, agent, moment)
            case.first_answered_at = case.first_answered_at or moment
            case.save(update_fields=["status", "first_answered_at"])
            names = "、".join(r.partner.name for r in referrals)
            _mail_firm(
                case,
                f"您的諮詢已轉介（案件 {case.pk}） (case {case.pk} referred)",
                f"您好：\n\n服務中心已將{case.firm_name}的諮詢（案件 {case.pk}）轉介給：{names}。"
                "合作單位將與您聯絡。\n\n"
                f"The desk referred case {case.pk} to: {names}. They will contact you.\n",
            )
    except IntegrityError as exc:  # a live referral to the partner exists
        raise DeskRefused(
            "referred_already",
            "本案已轉介給該合作單位，尚在處理中",
            "the case is already referred to that partner",
        ) from exc
    consultation.refresh_from_db()
    return referrals


def _locked_referral(referral: Referral) -> tuple[Referral, Consultation]:
    """The referral and its case, both locked (case first, as every service locks)."""
    case = locked_case(referral.consultation)
    return Referral.objects.select_for_update().get(pk=referral.pk), case


def _actor(referral: Referral, who: Any) -> str:
    """Partner staff of the referral's partner act as the partner; a desk agent may record
    for the partner (a call). Anyone else is refused."""
    if roles.works_for(who, referral.partner):
        return Author.PARTNER
    if roles.is_agent(who):
        return Author.DESK
    raise DeskRefused(
        "not_partner",
        "只有受轉介的合作單位人員可以處理本轉介",
        "only the partner's staff act on it",
    )


def _require_referral(referral: Referral, *allowed: str) -> None:
    if referral.status not in allowed:
        raise DeskRefused(
            "wrong_status",
            f"轉介目前為「{referral.get_status_display()}」，不能執行此動作",
            f"the referral is {referral.status}; this action is not allowed now",
        )


def _referral_move(
    referral: Referral,
    case: Consultation,
    to: str,
    actor: str,
    who: Any,
    at: dt.datetime,
    note: str = "",
) -> None:
    journal(case, referral, actor, who, referral.status, to, at, note)
    referral.status = to


def referral_accept(*, referral: Referral, who: Any, now: dt.datetime | None = None) -> Referral:
    """The partner takes the referral; its case is then in progress."""
    actor = _actor(referral, who)
    moment = _now(now)
    with transaction.atomic():
        locked, case = _locked_referral(referral)
        require_open(case)
        _require_referral(locked, ReferralStatus.SENT)
        _referral_move(locked, case, ReferralStatus.ACCEPTED, actor, who, moment)
        locked.accepted_at = moment
        locked.save(update_fields=["status", "accepted_at"])
        if case.status == Status.REFERRED:
            _move(case, Status.IN_PROGRESS, actor, who, moment, locked.partner.name)
            case.save(update_fields=["status"])
        _mail_firm(
            case,
            f"{locked.partner.name}已受理您的案件 {case.pk} (accepted by {locked.partner.name})",
            f"您好：\n\n{locked.partner.name}已受理{case.firm_name}的案件 {case.pk}，將與您聯絡。\n\n"
            f"{locked.partner.name} accepted case {case.pk} and will contact you.\n",
        )
    referral.refresh_from_db()
    return referral


def referral_return(
    *, referral: Referral, who: Any, reason: str, now: dt.datetime | None = None
) -> Referral:
    """The partner gives the referral back, with a ``reason`` (required). With no other
    live referral, the case goes back to the desk (answered)."""
    actor = _actor(referral, who)
    reason = clean_text(
        reason, code="reason", zh="退回理由", en="reason", limit=MAX_NOTE_CHARS, required=True
    )
    moment = _now(now)
    with transaction.atomic():
        locked, case = _locked_referral(referral)
        require_open(case)
        _require_referral(locked, *LIVE_REFERRAL)
        _referral_move(locked, case, ReferralStatus.RETURNED, actor, who, moment, reason)
        locked.return_reason = reason
        locked.save(update_fields=["status", "return_reason"])
        live = case.referrals.filter(status__in=LIVE_REFERRAL).exists()
        if not live and case.status in (Status.REFERRED, Status.IN_PROGRESS):
            _move(case, Status.ANSWERED, actor, who, moment, f"{locked.partner.name}退回")
            case.save(update_fields=["status"])
    referral.refresh_from_db()
    return referral


def referral_schedule(
    *, referral: Referral, who: Any, on: dt.date, now: dt.datetime | None = None
) -> Referral:
    """The partner sets (or moves) the day of its visit or diagnosis: from today (Taipei)
    to ``MAX_SCHEDULE_DAYS`` ahead."""
    actor = _actor(referral, who)
    moment = _now(now)
    today = taipei_day(moment)
    if not today <= on <= today + dt.timedelta(days=MAX_SCHEDULE_DAYS):
        raise DeskRefused(
            "scheduled_for",
            f"排定日期須在今天（{today.isoformat()}）到一年內",
            f"the date must be from today ({today.isoformat()}) to a year ahead",
        )
    with transaction.atomic():
        locked, case = _locked_referral(referral)
        require_open(case)
        _require_referral(locked, ReferralStatus.ACCEPTED, ReferralStatus.SCHEDULED)
        _referral_move(locked, case, ReferralStatus.SCHEDULED, actor, who, moment, on.isoformat())
        locked.scheduled_for = on
        locked.save(update_fields=["status", "scheduled_for"])
        _mail_firm(
            case,
            f"案件 {case.pk} 已排定日期 (case {case.pk} scheduled)",
            f"您好：\n\n{locked.partner.name}排定於 {on.isoformat()} 為{case.firm_name}服務"
            f"（案件 {case.pk}）。\n\n{locked.partner.name} scheduled case {case.pk} on"
            f" {on.isoformat()}.\n",
        )
    referral.refresh_from_db()
    return referral


def referral_record_outcome(
    *,
    referral: Referral,
    who: Any,
    kind: str,
    note: str = "",
    program_id: str = "",
    loan_amount: int | None = None,
    now: dt.datetime | None = None,
) -> Referral:
    """The partner records what came of the referral: a diagnosis report, a program
    applied for (``program_id``), a loan approved (``loan_amount``, NT$1 to
    ``MAX_LOAN_AMOUNT``), nothing needed, or other (a ``note`` then required)."""
    actor = _actor(referral, who)
    choice(kind, OutcomeKind.values, "outcome_kind", "結果", "outcome")
    note = clean_text(
        note,
        code="outcome_note",
        zh="結果說明",
        en="note",
        limit=MAX_NOTE_CHARS,
        required=kind == OutcomeKind.OTHER,
    )
    if kind == OutcomeKind.PROGRAM_APPLIED:
        choice(program_id, PROGRAMS_BY_ID, "outcome_program_id", "申請的措施", "program")
    else:
        program_id = ""
    if kind == OutcomeKind.LOAN_APPROVED:
        if loan_amount is None or not 1 <= loan_amount <= MAX_LOAN_AMOUNT:
            raise DeskRefused(
                "outcome_loan_amount",
                f"核貸金額須為 NT$1 至 {twd(MAX_LOAN_AMOUNT)} 的整數",
                f"the loan amount must be a whole NT$1 to {twd(MAX_LOAN_AMOUNT)}",
            )
    else:
        loan_amount = None
    moment = _now(now)
    with transaction.atomic():
        locked, case = _locked_referral(referral)
        require_open(case)
        _require_referral(locked, ReferralStatus.ACCEPTED, ReferralStatus.SCHEDULED)
        label = OutcomeKind(kind).label
        _referral_move(
            locked, case, ReferralStatus.OUTCOME, actor, who, moment, f"{label} {note}".strip()
        )
        locked.outcome_kind = kind
        locked.outcome_program_id = program_id
        locked.outcome_loan_amount = loan_amount
        locked.outcome_note = note
        locked.outcome_at = moment
        locked.save(
            update_fields=[
                "status",
                "outcome_kind",
                "outcome_program_id",
                "outcome_loan_amount",
                "outcome_note",
                "outcome_at",
            ]
        )
        _mail_firm(
            case,
            f"案件 {case.pk} 處理結果 (outcome of case {case.pk})",
            f"您好：\n\n{locked.partner.name}記錄了{case.firm_name}（案件 {case.pk}）的處理結果："
            f"{label}。\n\n{locked.partner.name} recorded the outcome of case {case.pk}:"
            f" {kind}.\n",
        )
    referral.refresh_from_db()
    return referral


# Closing, rating, erasure


def close(
    *,
    consultation: Consultation,
    who: Any = None,
    by_firm: bool = False,
    note: str = "",
    now: dt.datetime | None = None,
) -> Consultation:
    """Close an open case: by the desk (``who`` an agent) or by the firm itself
    (``by_firm``, through its link or account). The firm is asked to rate the service."""
    if not by_firm and not roles.is_agent(who):
        raise DeskRefused(
            "not_agent",
            "只有服務中心人員或企業本身可以結案",
            "only the desk or the firm closes a case",
        )
    note = clean_text(note, code="note", zh="結案說明", en="note", limit=MAX_NOTE_CHARS)
    moment = _now(now)
    actor = Author.FIRM if by_firm else Author.DESK
    with transaction.atomic():
        case = locked_case(consultation)
        require_open(case)
        _move(case, Status.CLOSED, actor, who, moment, note)
        case.closed_at = moment
        case.save(update_fields=["status", "closed_at"])
        _mail_firm(
            case,
            f"案件 {case.pk} 已結案 (case {case.pk} closed)",
            f"您好：\n\n{case.firm_name}的諮詢（案件 {case.pk}）已結案。歡迎以您的專屬連結為這次的服務"
            "評分（1–5 分），協助我們改進。\n\n"
            f"Case {case.pk} is closed. Please rate the service (1–5) through your private link.\n",
        )
    consultation.refresh_from_db()
    return consultation


def rate(
    *, consultation: Consultation, rating: int, comment: str = "", now: dt.datetime | None = None
) -> Consultation:
    """The firm rates a closed case once: 1 to 5, with an optional comment."""
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise DeskRefused("rating", "滿意度須為 1 到 5 分", "the rating must be 1 to 5")
    comment = clean_text(
        comment, code="rating_comment", zh="意見", en="comment", limit=MAX_NOTE_CHARS
    )
    moment = _now(now)
    with transaction.atomic():
        case = locked_case(consultation)
        if case.status != Status.CLOSED:
            raise DeskRefused("not_closed", "結案後才能評分", "a case is rated once it is closed")
        if case.rating is not None:
            raise DeskRefused("rated_already", "本案已評分過", "the case is rated already")
        case.rating, case.rating_comment, case.rated_at = rating, comment, moment
        case.save(update_fields=["rating", "rating_comment", "rated_at"])
    consultation.refresh_from_db()
    return consultation


def contacts_erase(*, now: dt.datetime | None = None, days: int | None = None) -> int:
    """Erase the contact details (name, phone, e-mail) of the cases closed more than
    ``days`` (default ``settings.SMEWINDOW_DESK_RETENTION_DAYS``) ago, journaling each
    erasure; how many cases were erased. Idempotent."""
    moment = _now(now)
    days = settings.SMEWINDOW_DESK_RETENTION_DAYS if days is None else days
    cutoff = moment - dt.timedelta(days=days)
    due = Consultation.objects.filter(
        status=Status.CLOSED, closed_at__lt=cutoff, contacts_erased_at__isnull=True
    ).values_list("pk", flat=True)
    erased = 0
    for pk in list(due):
        with transaction.atomic():
            case = Consultation.objects.select_for_update().get(pk=pk)
            if case.contacts_erased_at is not None:
                continue
            case.contact_name = case.contact_phone = case.contact_email = ""
            case.contacts_erased_at = moment
            case.save(
                update_fields=[
                    "contact_name",
                    "contact_phone",
                    "contact_email",
                    "contacts_erased_at",
                ]
            )
            journal(
                case,
                None,
                Author.SYSTEM,
                None,
                case.status,
                case.status,
                moment,
                f"結案逾 {days} 日，依個人資料保護法刪除聯絡資料"
                f" (contact details erased {days} days after closing)",
            )
            erased += 1
    return erased
