"""The desk behind 0800-056-476 (馬上辦服務中心, issue 14): partner organisations and their
staff, consultations (cases) with their messages and referrals to partners, and the
append-only journal of every state change. Writes go through ``services.py``; reads
through ``selectors.py``. ``docs/desk.md`` gives the statuses and their transitions."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from smewindow.applications.models import AppendOnly, Firm, validate_business_id
from smewindow.rules.segments import partner_kinds
from smewindow.rules.taiwan import COUNTIES, DIVISION_NAMES

COUNTY_CHOICES = [(c, c) for c in COUNTIES]
INDUSTRY_CHOICES = sorted(DIVISION_NAMES.items())


OTHER_PARTNER_KIND = "other"
"""The kind of a partner that is none of the rules' kinds."""


def partner_kind_choices() -> list[tuple[str, str]]:
    """What kind of organisation a partner is: the kinds of ``rules/partners.yaml``
    (``rules.segments.partner_kinds``, the one list the segments name partners by), in the
    page's language, then 其他 (other). A callable, so the field's choices follow the rules
    with no migration (migration 0005 refers to it by name: keep it here)."""
    lang = "en" if (get_language() or "").startswith("en") else "zh"
    kinds = [(kind.id, kind.text("name", lang)) for kind in partner_kinds().values()]
    return [*kinds, (OTHER_PARTNER_KIND, str(_("其他")))]


class Partner(models.Model):
    """An organisation the desk refers firms to. ``counties`` lists the counties it serves
    (empty: the whole country)."""

    name = models.CharField("名稱", max_length=200, unique=True)
    kind = models.CharField("類別", max_length=30, choices=partner_kind_choices)
    counties = models.JSONField(
        "服務縣市", default=list, blank=True, help_text="空白表示全國 (empty: the whole country)"
    )
    contact_name = models.CharField("聯絡人", max_length=100, blank=True)
    contact_phone = models.CharField("聯絡電話", max_length=30, blank=True)
    contact_email = models.EmailField("聯絡電子郵件", blank=True)
    active = models.BooleanField("受理轉介", default=True)
    is_demo = models.BooleanField("示範資料", default=False)
    created_at = models.DateTimeField("建立時間", auto_now_add=True)

    class Meta:
        verbose_name = "合作單位 (partner)"
        verbose_name_plural = "合作單位 (partners)"
        ordering = ("kind", "name")

    def __str__(self) -> str:
        return self.name

    def serves(self, county: str) -> bool:
        """Whether the partner serves firms of ``county`` ("" unknown: yes)."""
        return not self.counties or not county or county in self.counties


class PartnerStaff(models.Model):
    """A user working for a partner: sees and acts on that partner's referrals only."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_roles"
    )
    created_at = models.DateTimeField("建立時間", auto_now_add=True)

    class Meta:
        verbose_name = "合作單位人員 (partner staff)"
        verbose_name_plural = "合作單位人員 (partner staff)"
        constraints = (
            models.UniqueConstraint(fields=("partner", "user"), name="desk_partner_staff_once"),
        )

    def __str__(self) -> str:
        return f"{self.user}／{self.partner}"


class Channel(models.TextChoices):
    WEB = "web", _("網站")
    PHONE = "phone", _("電話")
    OUTBOUND = "outbound", _("主動聯繫")


class PreferredChannel(models.TextChoices):
    PHONE = "phone", _("電話")
    EMAIL = "email", _("電子郵件")
    VISIT = "visit", _("到場訪視")
    VIDEO = "video", _("視訊")


class PreferredTime(models.TextChoices):
    ANY = "any", _("皆可")
    MORNING = "morning", _("上午（9–12時）")
    AFTERNOON = "afternoon", _("下午（13–17時）")


class Status(models.TextChoices):
    """Where a consultation is (``services.py`` has the transitions)."""

    NEW = "new", _("新案件")
    ANSWERED = "answered", _("已回覆")
    REFERRED = "referred", _("已轉介")
    IN_PROGRESS = "in_progress", _("合作單位處理中")
    CLOSED = "closed", _("已結案")


class Consultation(models.Model):
    """A firm's question to the desk: from the web form, a call typed in by an agent, or an
    outbound call. The private link's token is kept only as its SHA-256 (``token_hash``)."""

    channel = models.CharField("管道", max_length=10, choices=Channel.choices)
    status = models.CharField("狀態", max_length=20, choices=Status.choices, default=Status.NEW)
    business_id = models.CharField(
        "統一編號", max_length=8, blank=True, validators=[validate_business_id]
    )
    firm_name = models.CharField("企業名稱", max_length=200)
    firm = models.ForeignKey(
        Firm,
        verbose_name="註冊企業",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提問帳號",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        help_text="the logged-in account that asked (its /desk/mine/ lists the case)",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="建檔人員",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="the agent who typed in a phone or outbound case",
    )
    contact_name = models.CharField("聯絡人", max_length=100, blank=True)
    contact_phone = models.CharField("聯絡電話", max_length=30, blank=True)
    contact_email = models.EmailField("電子郵件", blank=True)
    county = models.CharField("縣市", max_length=3, choices=COUNTY_CHOICES, blank=True)
    industry = models.CharField("行業（中類）", max_length=2, choices=INDUSTRY_CHOICES, blank=True)
    question = models.TextField("諮詢內容")
    needs = models.JSONField("需求", default=list, blank=True)
    program_id = models.CharField("詢問的措施", max_length=60, blank=True)
    preferred_time = models.CharField(
        "希望聯絡時段", max_length=10, choices=PreferredTime.choices, default=PreferredTime.ANY
    )
    preferred_channel = models.CharField(
        "希望聯絡方式",
        max_length=10,
        choices=PreferredChannel.choices,
        default=PreferredChannel.PHONE,
    )
    profile = models.JSONField(
        "問答資料", default=dict, blank=True, help_text="the finder's answers (profile fields)"
    )
    consent = models.BooleanField("同意蒐集及利用個人資料")
    consent_version = models.CharField("告知事項版本", max_length=20)
    consent_at = models.DateTimeField("同意時間")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("建立時間")
    first_answered_at = models.DateTimeField("首次回覆時間", null=True, blank=True)
    closed_at = models.DateTimeField("結案時間", null=True, blank=True)
    rating = models.PositiveSmallIntegerField("滿意度", null=True, blank=True)
    rating_comment = models.TextField("意見", blank=True)
    rated_at = models.DateTimeField("評分時間", null=True, blank=True)
    contacts_erased_at = models.DateTimeField("聯絡資料刪除時間", null=True, blank=True)

    class Meta:
        verbose_name = "諮詢案件 (consultation)"
        verbose_name_plural = "諮詢案件 (consultations)"
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(condition=Q(consent=True), name="desk_consent_given"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="desk_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(status="closed"),
                name="desk_rated_when_closed",
            ),
        )
        indexes = (
            models.Index(fields=("status", "created_at"), name="desk_queue"),
            models.Index(fields=("business_id",), name="desk_business_id"),
        )

    def __str__(self) -> str:
        return f"#{self.pk} {self.firm_name}"


class Author(models.TextChoices):
    FIRM = "firm", _("企業")
    DESK = "desk", _("服務中心")
    PARTNER = "partner", _("合作單位")
    SYSTEM = "system", _("系統")


class Message(models.Model):
    """A message on a case: the firm's follow-up or the desk's (or a partner's) reply."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.CharField("發言者", max_length=10, choices=Author.choices)
    who = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.TextField("內容")
    at = models.DateTimeField("時間")

    class Meta:
        verbose_name = "訊息 (message)"
        verbose_name_plural = "訊息 (messages)"
        ordering = ("at", "id")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("已轉介")
    ACCEPTED = "accepted", _("已受理")
    RETURNED = "returned", _("已退回")
    SCHEDULED = "scheduled", _("已排定")
    OUTCOME = "outcome", _("已記錄結果")


LIVE_REFERRAL = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.SCHEDULED)
"""A referral a partner still works on."""


class OutcomeKind(models.TextChoices):
    DIAGNOSIS_REPORT = "diagnosis_report", _("完成診斷報告")
    PROGRAM_APPLIED = "program_applied", _("已申請措施")
    LOAN_APPROVED = "loan_approved", _("貸款核准")
    NOTHING_NEEDED = "nothing_needed", _("無需協助")
    OTHER = "other", _("其他")


class Referral(models.Model):
    """A case referred to a partner, followed to its outcome. A partner holds at most one
    live (not returned) referral of a case."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="referrals"
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="referrals")
    status = models.CharField(
        "狀態", max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    note = models.TextField("轉介說明", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField("轉介時間")
    accepted_at = models.DateTimeField("受理時間", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    scheduled_for = models.DateField("排定日期", null=True, blank=True)
    outcome_kind = models.CharField("結果", max_length=20, choices=OutcomeKind.choices, blank=True)
    outcome_program_id = models.CharField("申請的措施", max_length=60, blank=True)
    outcome_loan_amount = models.BigIntegerField("核貸金額（新臺幣元）", null=True, blank=True)
    outcome_note = models.TextField("結果說明", blank=True)
    outcome_at = models.DateTimeField("結果記錄時間", null=True, blank=True)

    class Meta:
        verbose_name = "轉介 (referral)"
        verbose_name_plural = "轉介 (referrals)"
        ordering = ("created_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("consultation", "partner"),
                condition=~Q(status="returned"),
                name="desk_one_live_referral_per_partner",
            ),
            models.CheckConstraint(
                condition=Q(outcome_loan_amount__isnull=True) | Q(outcome_loan_amount__gt=0),
                name="desk_loan_amount_positive",
            ),
        )
        indexes = (models.Index(fields=("partner", "status"), name="desk_partner_queue"),)

    def __str__(self) -> str:
        return f"#{self.consultation_id} → {self.partner}"


class EventQuerySet(models.QuerySet["Event"]):
    """Refuses bulk updates and deletes."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly

    def delete(self) -> NoReturn:
        raise AppendOnly


class Event(models.Model):
    """One state change of a case or of one of its referrals (``referral`` set): who, when,
    from, to, note. Append-only, like ``applications.StatusChange``. ``who`` is empty for
    the firm acting through its private link and for the system (the erasure)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="events")
    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    actor = models.CharField("角色", max_length=10, choices=Author.choices)
    who = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField("時間")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    note = models.TextField("說明", blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "案件歷程 (event)"
        verbose_name_plural = "案件歷程 (events)"
        ordering = ("at", "id")

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert a new row; never update one."""
        if not self._state.adding or self.pk is not None:
            raise AppendOnly
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly


# The desk agent (issue 14, wave 2): outbound calls


class CallResult(models.TextChoices):
    REACHED = "reached", _("已接通")
    NO_ANSWER = "no_answer", _("未接聽")
    CALL_BACK = "call_back", _("約定回電")


class CallLogQuerySet(models.QuerySet["CallLog"]):
    """Refuses bulk updates and deletes."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly

    def delete(self) -> NoReturn:
        raise AppendOnly


class CallLog(models.Model):
    """A call an agent made to the firm of a case: whether it was reached, when to call
    back, and a note. Append-only (a call made stays made); each is journaled too."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="calls")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("通話時間")
    result = models.CharField("結果", max_length=10, choices=CallResult.choices)
    call_back_on = models.DateField("約定回電日期", null=True, blank=True)
    note = models.TextField("說明", blank=True)

    objects = CallLogQuerySet.as_manager()

    class Meta:
        verbose_name = "外撥紀錄 (call)"
        verbose_name_plural = "外撥紀錄 (calls)"
        ordering = ("at", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(call_back_on__isnull=True) | Q(result="call_back"),
                name="desk_call_back_date_only_to_call_back",
            ),
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert a new row; never update one."""
        if not self._state.adding or self.pk is not None:
            raise AppendOnly
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly


# --- supervisor: outreach campaigns (issue 14, the supervisor's part) ------------------


class CampaignFirmStatus(models.TextChoices):
    """Where a firm of an outbound campaign is."""

    TO_CALL = "to_call", _("待聯繫")
    CALLED = "called", _("未接通")
    REACHED = "reached", _("已聯繫")
    DECLINED = "declined", _("婉拒")
    CASE_CREATED = "case_created", _("已建立案件")


CAMPAIGN_OPEN = (CampaignFirmStatus.TO_CALL, CampaignFirmStatus.CALLED)
"""A campaign firm the desk still calls: not yet called, or called without an answer."""


class EligibilityFilter(models.TextChoices):
    """Which firms of a screening a campaign takes for its program."""

    ELIGIBLE = "eligible", _("符合")
    LIKELY_ELIGIBLE = "likely_eligible", _("符合或可能符合（尚需資料）")


class Campaign(models.Model):
    """An outbound campaign: firms of a registry screening (``smewindow batch``) eligible,
    or possibly eligible, for ``program_id`` in ``county`` that had no case when it was
    made, for the desk to call."""

    name = models.CharField("名稱", max_length=200)
    program_id = models.CharField("措施", max_length=60)
    county = models.CharField("縣市", max_length=3, choices=COUNTY_CHOICES)
    eligibility = models.CharField("篩選結果", max_length=20, choices=EligibilityFilter.choices)
    source_name = models.CharField("名冊檔名", max_length=255, blank=True)
    screened_rows = models.PositiveIntegerField("名冊列數", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("建立時間")

    class Meta:
        verbose_name = "外撥活動 (campaign)"
        verbose_name_plural = "外撥活動 (campaigns)"
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.name


class CampaignFirm(models.Model):
    """A firm a campaign calls; ``consultation`` is the outbound case made when it wanted
    help."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="firms")
    business_id = models.CharField("統一編號", max_length=8, validators=[validate_business_id])
    name = models.CharField("企業名稱", max_length=200, blank=True)
    eligible = models.BooleanField(
        "篩選結果為符合", null=True, help_text="true: eligible; empty: possibly eligible"
    )
    status = models.CharField(
        "狀態",
        max_length=20,
        choices=CampaignFirmStatus.choices,
        default=CampaignFirmStatus.TO_CALL,
    )
    calls = models.PositiveSmallIntegerField("聯繫次數", default=0)
    last_called_at = models.DateTimeField("最近聯繫時間", null=True, blank=True)
    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "外撥對象 (campaign firm)"
        verbose_name_plural = "外撥對象 (campaign firms)"
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(
                fields=("campaign", "business_id"), name="desk_campaign_firm_once"
            ),
        )
        indexes = (models.Index(fields=("campaign", "status"), name="desk_campaign_queue"),)

    def __str__(self) -> str:
        return f"{self.business_id} {self.name}"


class CampaignEventQuerySet(models.QuerySet["CampaignEvent"]):
    """Refuses bulk updates and deletes."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly

    def delete(self) -> NoReturn:
        raise AppendOnly


class CampaignEvent(models.Model):
    """One change of a campaign or of one of its firms: who, when, from, to, note.
    Append-only, like ``Event``."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="events")
    firm = models.ForeignKey(
        CampaignFirm, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    who = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("時間")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    note = models.TextField("說明", blank=True)

    objects = CampaignEventQuerySet.as_manager()

    class Meta:
        verbose_name = "外撥活動歷程 (campaign event)"
        verbose_name_plural = "外撥活動歷程 (campaign events)"
        ordering = ("at", "id")

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert a new row; never update one."""
        if not self._state.adding or self.pk is not None:
            raise AppendOnly
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly
