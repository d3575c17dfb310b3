"""The firms' documents: PDF, JPEG or PNG recognised by their first bytes (never by name),
at most 10 MB each and 10 per purpose (application, supplement, completion, raise
evidence), stored by a random name in ``settings.APPLICATION_UPLOAD_DIR`` (outside the web
root). A document can be deleted until it has been sent with its stage."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from smewindow.applications.models import Application, Document
from smewindow.applications.services import (
    PURPOSE_OF_STATUS,
    ApplicationRefused,
    unsent_documents,
)

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_DOCUMENTS = 10
"""Per purpose: the application's, a supplement, completion, raise evidence."""
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
        purpose = _purpose_now(locked, "上傳", "uploaded")
        if locked.documents.filter(purpose=purpose).count() >= MAX_DOCUMENTS:
            raise ApplicationRefused(
                "too_many",
                f"檔案：{purpose.label}最多 {MAX_DOCUMENTS} 個檔案",
                f"file: at most {MAX_DOCUMENTS} files of this kind",
            )
        document = Document.objects.create(
            application=locked,
            purpose=purpose,
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


def _purpose_now(application: Application, zh: str, en: str) -> Any:
    """What documents the application takes in its present status; refused when none."""
    purpose = PURPOSE_OF_STATUS.get(application.status)
    if purpose is None:
        raise ApplicationRefused(
            "wrong_status",
            f"申請案目前為「{application.get_status_display()}」，不能{zh}文件",
            f"the application is {application.status}; no documents can be {en} now",
        )
    return purpose


def document_delete(document: Document) -> None:
    """Delete a document not yet sent: the application is still in the status it was
    uploaded in. The file goes once the transaction commits."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=document.application_id)
        _purpose_now(locked, "刪除", "deleted")
        if not unsent_documents(locked).filter(pk=document.pk).exists():
            raise ApplicationRefused(
                "document_sent",
                "此文件已隨申請案送出，不能刪除",
                "this document has been sent with the application and cannot be deleted",
            )
        path = path_of(document)
        document.delete()
        transaction.on_commit(lambda: path.unlink(missing_ok=True))
