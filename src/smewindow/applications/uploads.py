"""The firms' documents: PDF, JPEG or PNG recognised by their first bytes (never by name),
at most 10 MB each and 10 per application, stored by a random name in
``settings.APPLICATION_UPLOAD_DIR`` (outside the web root)."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from smewindow.applications.models import Application, Document, Status
from smewindow.applications.services import ApplicationRefused

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_DOCUMENTS = 10
UPLOAD_STATUSES = (Status.DRAFT, Status.NEEDS_DOCUMENTS, Status.APPROVED)
"""A draft, a supplement asked for, certificates and invoices after approval."""
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)


def sniff(head: bytes) -> tuple[str, str] | None:
    """The content type and extension of a file starting with ``head``; None if not allowed."""
    for magic, content_type, extension in SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    return None


def path_of(document: Document) -> Path:
    return Path(settings.APPLICATION_UPLOAD_DIR) / document.stored_name


def document_store(application: Application, upload: UploadedFile, user: Any) -> Document:
    """Check and store ``upload`` for ``application``; refused (nothing stored) when it is
    not a PDF, JPEG or PNG, too large, one too many, or the application takes none now."""
    if upload.size is None or upload.size > MAX_DOCUMENT_BYTES:
        raise ApplicationRefused(
            "too_large", "檔案：每個檔案不可超過 10 MB", "file: each file must be 10 MB or less"
        )
    upload.seek(0)
    kind = sniff(upload.read(8))
    if kind is None:
        raise ApplicationRefused(
            "file_type",
            "檔案：只接受 PDF、JPEG 或 PNG 檔（依檔案內容判斷）",
            "file: only PDF, JPEG or PNG files are accepted (judged by their content)",
        )
    directory = Path(settings.APPLICATION_UPLOAD_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    stored_name = secrets.token_hex(16) + kind[1]
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status not in UPLOAD_STATUSES:
            raise ApplicationRefused(
                "wrong_status",
                f"申請案目前為「{locked.get_status_display()}」，不能上傳文件",
                f"the application is {locked.status}; no documents can be uploaded now",
            )
        if locked.documents.count() >= MAX_DOCUMENTS:
            raise ApplicationRefused(
                "too_many",
                f"檔案：每件申請案最多 {MAX_DOCUMENTS} 個檔案",
                f"file: at most {MAX_DOCUMENTS} files per application",
            )
        document = Document.objects.create(
            application=locked,
            original_name=Path(upload.name or "file").name[:200],
            stored_name=stored_name,
            content_type=kind[0],
            size=upload.size,
            uploaded_by=user,
        )
        target = directory / stored_name
        try:
            with target.open("xb") as out:
                upload.seek(0)
                for chunk in upload.chunks():
                    out.write(chunk)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    return document
