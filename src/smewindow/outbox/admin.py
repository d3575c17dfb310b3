"""The outbox in Django's admin, read-only: what waits, what was sent, what was given up
and why; the action 「立即重試」 gives chosen unsent mails a fresh set of attempts. The
bodies are not shown (a pending one may hold a password reset link)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from smewindow.outbox.models import Mail
from smewindow.outbox.services import retry_now


@admin.register(Mail)
class MailAdmin(admin.ModelAdmin[Mail]):
    list_display = ("created_at", "subject", "recipients", "state", "attempts", "due_at")
    list_filter = ("state",)
    search_fields = ("subject",)
    fields = (
        "subject",
        "to",
        "state",
        "attempts",
        "created_at",
        "due_at",
        "sent_at",
        "last_error",
    )
    readonly_fields = fields
    actions = ("retry",)

    @admin.display(description="收件人 (to)")
    def recipients(self, mail: Mail) -> str:
        return ", ".join(mail.to)

    @admin.action(description="立即重試 (retry now)", permissions=("change",))
    def retry(self, request: HttpRequest, mails: QuerySet[Mail]) -> None:
        count = retry_now(mails)
        self.message_user(request, f"{count} 封將重試 ({count} to retry)", messages.SUCCESS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Mail | None = None) -> bool:
        return False
