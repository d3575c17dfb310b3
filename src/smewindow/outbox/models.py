"""One e-mail waiting in the outbox, sent, or given up on."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class State(models.TextChoices):
    PENDING = "pending", "待寄 (pending)"
    SENT = "sent", "已寄出 (sent)"
    FAILED = "failed", "已放棄 (gave up)"


class Mail(models.Model):
    """A plain-text mail to ``to``. Written in the transaction of the action it reports;
    ``services.attempt`` sends it, claiming it first (``claimed_until``) so that two
    senders never hold it at once. The body is emptied once sent: it may carry a
    one-time link (a password reset)."""

    subject = models.CharField("主旨 (subject)", max_length=500)
    body = models.TextField(blank=True)
    to = models.JSONField("收件人 (to)")
    state = models.CharField(
        "狀態 (state)", max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField("已嘗試次數 (attempts)", default=0)
    due_at = models.DateTimeField("下次嘗試 (next attempt)", default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField("最近的錯誤 (last error)", blank=True)
    created_at = models.DateTimeField("建立時間 (queued at)", default=timezone.now)
    sent_at = models.DateTimeField("寄出時間 (sent at)", null=True, blank=True)

    class Meta:
        verbose_name = "郵件 (mail)"
        verbose_name_plural = "郵件 (mails)"
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("state", "due_at"), name="outbox_due"),)

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
