"""Refuse request bodies over the limit with 413 before anything reads them."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

TOO_LARGE = "請求內容超過 64 KB (request body larger than 64 KB)"


def too_large() -> JsonResponse:
    return JsonResponse({"detail": TOO_LARGE}, status=413)


class RefuseLargeBodies:
    """A declared Content-Length above ``MAX_BODY_BYTES`` answers 413 at once."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit():
            return JsonResponse(
                {"detail": "Content-Length 不正確 (bad Content-Length)"}, status=400
            )
        if int(length) > settings.MAX_BODY_BYTES:
            return too_large()
        return self.get_response(request)
