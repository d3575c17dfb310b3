"""E-mail to the firm on every status change: a ``post_save`` receiver on the append-only
``StatusChange`` (rows are only ever created), connected in ``ApplicationsConfig.ready``;
the mail is queued in the outbox in the service's transaction: it leaves after the commit,
never for a change rolled back, and is not lost when the mail server is down."""

from __future__ import annotations

from typing import Any

from smewindow.applications.models import Status, StatusChange
from smewindow.formatting import twd
from smewindow.outbox.services import queue


def status_change_mail(sender: type, instance: StatusChange, created: bool, **_: Any) -> None:
    """Tell the firm's user what changed, in Chinese then English."""
    if not created:
        return
    application = instance.application
    to = application.firm.user.email
    if not to:
        return
    new = Status(instance.to_status)
    subject = (
        f"補助申請案 {application.pk} 狀態：{new.label} (application {application.pk}: {new.value})"
    )
    lines = [
        f"您的申請案（{application.firm.name}，{application.round.name}）狀態已變更為「{new.label}」。",
        f"Your application {application.pk} is now {new.value}.",
    ]
    if instance.to_amount is not None:
        lines.append(f"金額 amount: {twd(instance.to_amount)}")
    if instance.reason:
        lines.append(f"說明 reason:\n{instance.reason}")
    body = "\n\n".join(lines)
    queue(subject, body, [to])
