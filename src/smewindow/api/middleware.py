"""Refuse request bodies over the limit with 413 before anything reads them."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse


def too_large_message(limit: int) -> str:
    """The 413 message naming the limit in KB or MB."""
    size = f"{limit // 1024} KB" if limit < 1024 * 1024 else f"{limit // (1024 * 1024)} MB"
    return f"請求內容超過 {size} (request body larger than {size})"


def body_limit(path: str) -> int:
    """The largest body ``path`` takes: ``MAX_UPLOAD_BODY_BYTES`` on the upload pages
    (``UPLOAD_PATH_PREFIXES``), ``MAX_BODY_BYTES`` everywhere else."""
    if path.startswith(tuple(settings.UPLOAD_PATH_PREFIXES)):
        return int(settings.MAX_UPLOAD_BODY_BYTES)
    return int(settings.MAX_BODY_BYTES)


class RefuseLargeBodies:
    """A declared Content-Length above the path's ``body_limit`` answers 413 at once."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit():
            return JsonResponse(
                {"detail": "Content-Length 不正確 (bad Content-Length)"}, status=400
            )
        limit = body_limit(request.path)
        if int(length) > limit:
            return JsonResponse({"detail": too_large_message(limit)}, status=413)
        return self.get_response(request)
