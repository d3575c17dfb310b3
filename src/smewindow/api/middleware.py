"""Refuse request bodies over the limit with 413 before anything reads them: JSON for the
API and other clients, a page for a browser's form (``finder/too_large.html``); and answer
the API's 405 in JSON."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded", "text/plain")
"""The content types a browser's form posts (``enctype``)."""
BACK_DEFAULT = "/apply/"
"""Where the page's link goes when the Referer is missing or from another site."""


def size_text(limit: int) -> str:
    """A limit in KB or MB: "64 KB", "11 MB"."""
    return f"{limit // 1024} KB" if limit < 1024 * 1024 else f"{limit // (1024 * 1024)} MB"


def too_large_message(limit: int) -> str:
    """The 413 message naming the limit in KB or MB."""
    size = size_text(limit)
    return f"請求內容超過 {size} (request body larger than {size})"


def body_limit(path: str) -> int:
    """The largest body ``path`` takes: ``MAX_UPLOAD_BODY_BYTES`` on the upload pages
    (``UPLOAD_PATH_PREFIXES``), ``MAX_BODY_BYTES`` everywhere else."""
    if is_upload_page(path):
        return int(settings.MAX_UPLOAD_BODY_BYTES)
    return int(settings.MAX_BODY_BYTES)


def is_upload_page(path: str) -> bool:
    return path.startswith(tuple(settings.UPLOAD_PATH_PREFIXES))


def wants_page(request: HttpRequest) -> bool:
    """A browser posting a form to a page (not the API): by its content type or Accept."""
    if request.path.startswith("/api/"):
        return False
    content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    return content_type in FORM_TYPES or "text/html" in request.META.get("HTTP_ACCEPT", "")


def back_link(request: HttpRequest) -> str:
    """The Referer when it is a page of this site, else ``BACK_DEFAULT``."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:
        return BACK_DEFAULT
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    )
    return referer if referer and safe else BACK_DEFAULT


def too_large_page(request: HttpRequest, limit: int) -> HttpResponse:
    """The 413 page in the request's language. Rendered without the request: the session,
    the user and the CSRF token are not there yet (this runs before their middleware)."""
    from smewindow.applications.uploads import MAX_DOCUMENT_BYTES  # the models: apps ready

    language = translation.get_language_from_request(request)
    context = {
        "lang": "en" if language.startswith("en") else "zh",
        "limit": size_text(limit),
        "file_limit": size_text(MAX_DOCUMENT_BYTES) if is_upload_page(request.path) else "",
        "back": back_link(request),
    }
    with translation.override(language):
        html = render_to_string("finder/too_large.html", context)
    return HttpResponse(html, status=413, content_type="text/html; charset=utf-8")


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
            if wants_page(request):
                return too_large_page(request, limit)
            return JsonResponse({"detail": too_large_message(limit)}, status=413)
        return self.get_response(request)


class JsonMethodNotAllowed:
    """Under /api/, a 405 from the routing (django-ninja answers it in plain text) answers
    JSON naming the methods allowed, its ``Allow`` header kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or not request.path.startswith("/api/"):
            return response
        allowed = response.get("Allow", "")
        answer = JsonResponse(
            {
                "detail": f"不接受 {request.method} 方法，請用 {allowed}"
                f" (method {request.method} not allowed; use {allowed})"
            },
            status=405,
        )
        answer["Allow"] = allowed
        return answer
