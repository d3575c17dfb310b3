"""Applications for the digital-training subsidy (配套1.1): rounds and their budgets, firms,
applications with their trainees and courses, and the append-only history of every status
and amount change. Money is whole NT$ (integers). Writes go through ``intake.py``
(the firm's drafts) and ``workflow.py`` (every status change)."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from smewindow.applications.identifiers import national_id_problem
from smewindow.catalog.models import Course, SoftwareProduct, Track
from smewindow.rules.predicates import SERVICES_TRACK
from smewindow.rules.taiwan import COUNTIES, DIVISION_NAMES, DIVISIONS, business_id_is_valid


def validate_business_id(value: str) -> None:
    """統一編號: 8 digits and the Ministry of Finance check digit."""
    if not business_id_is_valid(value):
        raise ValidationError(
            "統一編號格式或檢查碼不符 (not a valid business ID: 8 digits, check digit)"
        )


def validate_national_id(value: str) -> None:
    """身分證字號 of a citizen: format and check digit."""
    problem = national_id_problem(value)
    if problem:
        raise ValidationError(f"{problem[0]} ({problem[1]})")


class Round(models.Model):
    """An application round (受理梯次): open from ``opens_at`` until before ``deadline``."""

    name = models.CharField("名稱", max_length=100, unique=True)
    opens_at = models.DateTimeField("開始受理")
    deadline = models.DateTimeField("截止時間", help_text="applications until before this time")
    raise_deadline = models.DateTimeField(
        "加碼申請截止",
        help_text="raise-bonus claims (加薪加碼) until before this time",
    )
    is_demo = models.BooleanField("示範資料", default=False)

    class Meta:
        verbose_name = "受理梯次 (round)"
        verbose_name_plural = "受理梯次 (rounds)"
        ordering = ("-opens_at",)
        constraints = (
            models.CheckConstraint(
                condition=Q(deadline__gt=F("opens_at")), name="applications_round_deadline_after"
            ),
            models.CheckConstraint(
                condition=Q(raise_deadline__gte=F("deadline")),
                name="applications_round_raise_after_deadline",
            ),
        )

    def __str__(self) -> str:
        return self.name


class Budget(models.Model):
    """A track's money in a round (whole NT$). ``committed`` is every amount approved and
    not released, paid or not; ``paid`` the part already paid; what is left is
    ``total - committed``. The database keeps 0 ≤ paid ≤ committed ≤ total."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="budgets")
    track = models.CharField("軌別", max_length=20, choices=Track.choices)
    total = models.BigIntegerField("預算總額")
    committed = models.BigIntegerField("已核定", default=0)
    paid = models.BigIntegerField("已撥款", default=0)

    class Meta:
        verbose_name = "預算 (budget)"
        verbose_name_plural = "預算 (budgets)"
        constraints = (
            models.UniqueConstraint(fields=("round", "track"), name="applications_budget_unique"),
            models.CheckConstraint(
                condition=Q(committed__gte=0), name="applications_budget_committed_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(paid__gte=0), name="applications_budget_paid_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(committed__lte=F("total")), name="applications_budget_within_total"
            ),
            models.CheckConstraint(
                condition=Q(paid__lte=F("committed")), name="applications_budget_paid_committed"
            ),
        )

    def __str__(self) -> str:
        return f"{self.round}／{self.get_track_display()}"

    @property
    def left(self) -> int:
        """What can still be approved."""
        return self.total - self.committed


def track_of_industry(industry: str) -> str | None:
    """製造業 for a TSIC division of section C, 服務業 for a division of the services track
    (the agency decides on those no source names, ``rules.predicates.SERVICES_UNSETTLED``),
    else None."""
    if DIVISIONS.get(industry) == "C":
        return Track.MANUFACTURING
    return Track.SERVICES if industry in SERVICES_TRACK else None


TRACK_NAMES = {
    Track.MANUFACTURING: ("製造業", "manufacturing"),
    Track.SERVICES: ("服務業", "services"),
}
"""Each track's name in Chinese and English, for the refusals and the dashboard."""


class Firm(models.Model):
    """An applicant firm, signed up by its user (one user per firm)."""

    business_id = models.CharField(
        "統一編號", max_length=8, unique=True, validators=[validate_business_id]
    )
    name = models.CharField("名稱", max_length=200)
    county = models.CharField("縣市", max_length=3, choices=[(c, c) for c in COUNTIES])
    industry = models.CharField(
        "行業（中類）", max_length=2, choices=sorted(DIVISION_NAMES.items())
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="firm"
    )
    created_at = models.DateTimeField("建立時間", auto_now_add=True)

    class Meta:
        verbose_name = "申請企業 (firm)"
        verbose_name_plural = "申請企業 (firms)"
        ordering = ("business_id",)

    def __str__(self) -> str:
        return f"{self.name}（{self.business_id}）"

    @property
    def track(self) -> str | None:
        """The track of its industry (None: neither)."""
        return track_of_industry(self.industry)


class Status(models.TextChoices):
    """Where an application is (docs/applications.md has the transitions)."""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已送件")
    IN_REVIEW = "in_review", _("審查中")
    NEEDS_DOCUMENTS = "needs_documents", _("待補件")
    APPROVED = "approved", _("核定")
    REJECTED = "rejected", _("駁回")
    COMPLETED = "completed", _("已結訓")
    PAID = "paid", _("已撥款")
    BONUS_CLAIMED = "bonus_claimed", _("加碼申請中")
    BONUS_APPROVED = "bonus_approved", _("加碼核定")
    BONUS_PAID = "bonus_paid", _("加碼已撥款")
    CLOSED = "closed", _("結案")


class Application(models.Model):
    """A firm's application in a round (one per firm and round). The review queue of a
    track is priority group first, then ``submitted_at`` (kept through resubmission)."""

    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="applications")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    track = models.CharField("軌別", max_length=20, choices=Track.choices)
    status = models.CharField("狀態", max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField("送件時間", null=True, blank=True)
    answers = models.JSONField(
        "資格資料",
        default=dict,
        blank=True,
        help_text="the firm's answers to the rules' questions (profile fields); absent = unknown",
    )
    priority_group = models.BooleanField(
        "優先補助對象",
        default=False,
        help_text="employs people with disabilities, indigenous people or from low-income households",
    )
    requested_amount = models.BigIntegerField(
        "申請金額", null=True, blank=True, help_text="computed by the rules at submission"
    )
    approved_amount = models.BigIntegerField("核定金額", null=True, blank=True)
    actual_cost = models.BigIntegerField("實際費用", null=True, blank=True)
    paid_amount = models.BigIntegerField("撥款金額", null=True, blank=True)
    bonus_amount = models.BigIntegerField(
        "加碼金額", null=True, blank=True, help_text="the raise bonus, reserved when approved"
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="審查人員",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claimed_applications",
    )
    created_at = models.DateTimeField("建立時間", auto_now_add=True)
    updated_at = models.DateTimeField("更新時間", auto_now=True)

    class Meta:
        verbose_name = "補助申請 (application)"
        verbose_name_plural = "補助申請 (applications)"
        ordering = ("-priority_group", "submitted_at", "id")
        constraints = (
            models.UniqueConstraint(fields=("firm", "round"), name="applications_one_per_round"),
            models.UniqueConstraint(
                fields=("claimed_by",),
                condition=Q(status="in_review"),
                name="applications_one_claim_per_reviewer",
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(approved_amount__gt=0),
                name="applications_approved_positive",
            ),
            models.CheckConstraint(
                condition=Q(paid_amount__isnull=True)
                | Q(paid_amount__gte=0, paid_amount__lte=F("approved_amount")),
                name="applications_paid_within_approval",
            ),
            models.CheckConstraint(
                condition=Q(bonus_amount__isnull=True) | Q(bonus_amount__gt=0),
                name="applications_bonus_positive",
            ),
        )
        indexes = (
            models.Index(
                fields=("round", "track", "status", "-priority_group", "submitted_at"),
                name="applications_queue",
            ),
        )

    def __str__(self) -> str:
        return f"{self.firm.name}／{self.round.name}"

    @property
    def amount(self) -> int | None:
        """The latest amount: paid, else approved, else requested; plus the raise bonus
        once approved."""
        for value in (self.paid_amount, self.approved_amount, self.requested_amount):
            if value is not None:
                return value + (self.bonus_amount or 0)
        return None


class Trainee(models.Model):
    """An employee to be trained. The national ID is stored as given (validated) and is
    unique in a round: no one twice in this application or another of the same round."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="trainees")
    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="+", help_text="the application's round"
    )
    name = models.CharField("姓名", max_length=100)
    national_id = models.CharField("身分證字號", max_length=10, validators=[validate_national_id])
    cost = models.PositiveIntegerField("訓練費用（新臺幣元）")

    class Meta:
        verbose_name = "受訓員工 (trainee)"
        verbose_name_plural = "受訓員工 (trainees)"
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(
                fields=("round", "national_id"), name="applications_trainee_once_per_round"
            ),
        )

    def __str__(self) -> str:
        return self.name


class TraineeCourse(models.Model):
    """A listed course a trainee takes (approved in the catalogue when added)."""

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="courses")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "受訓課程 (trainee's course)"
        constraints = (
            models.UniqueConstraint(fields=("trainee", "course"), name="applications_course_once"),
        )


class SoftwarePurchase(models.Model):
    """Software from the published list bought with the courses (搭配軟體, seed 配套1.1)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="software")
    product = models.ForeignKey(SoftwareProduct, on_delete=models.PROTECT, related_name="+")
    cost = models.PositiveIntegerField("軟體費用（新臺幣元）")

    class Meta:
        verbose_name = "搭配軟體 (software)"
        verbose_name_plural = "搭配軟體 (software)"
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(
                fields=("application", "product"), name="applications_software_once"
            ),
        )

    def __str__(self) -> str:
        return str(self.product)


class AppendOnly(Exception):
    """The history is append-only: a recorded change cannot be altered or deleted."""

    def __init__(self) -> None:
        super().__init__("歷程只能新增，不能修改或刪除 (the history is append-only)")


class StatusChangeQuerySet(models.QuerySet["StatusChange"]):
    """Refuses bulk updates and deletes."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly

    def delete(self) -> NoReturn:
        raise AppendOnly


class StatusChange(models.Model):
    """One status or amount change of an application: who, when, from, to, why."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="history")
    who = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("時間")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    from_amount = models.BigIntegerField(null=True, blank=True)
    to_amount = models.BigIntegerField(null=True, blank=True)
    reason = models.TextField("理由", blank=True)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        verbose_name = "狀態歷程 (status change)"
        verbose_name_plural = "狀態歷程 (status changes)"
        ordering = ("at", "id")

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert a new row; never update one (also not by giving an existing id)."""
        if not self._state.adding or self.pk is not None:
            raise AppendOnly
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly


class Purpose(models.TextChoices):
    """What a document is for: it follows from the status the application had when the
    document was uploaded (``PURPOSE_OF_STATUS``)."""

    APPLICATION = "application", _("申請文件")
    SUPPLEMENT = "supplement", _("補正文件")
    COMPLETION = "completion", _("結訓證明及發票")
    RAISE = "raise", _("加薪證明")


PURPOSE_OF_STATUS = {
    Status.DRAFT: Purpose.APPLICATION,
    Status.NEEDS_DOCUMENTS: Purpose.SUPPLEMENT,
    Status.APPROVED: Purpose.COMPLETION,
    Status.PAID: Purpose.RAISE,
}
"""The statuses in which the firm uploads documents, and what they are for."""


class Document(models.Model):
    """A file a firm uploaded for its application (PDF, JPEG or PNG, checked by content),
    stored under ``settings.APPLICATION_UPLOAD_DIR`` by a random name."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    purpose = models.CharField(
        "用途", max_length=20, choices=Purpose.choices, default=Purpose.APPLICATION
    )
    original_name = models.CharField("檔名", max_length=200)
    stored_name = models.CharField(max_length=64, unique=True)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField("大小（位元組）")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上傳時間", auto_now_add=True)

    class Meta:
        verbose_name = "申請文件 (document)"
        verbose_name_plural = "申請文件 (documents)"
        ordering = ("uploaded_at", "id")

    def __str__(self) -> str:
        return self.original_name
