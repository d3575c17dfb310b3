"""The site's 404 and 500 (``handler404`` and ``handler500`` in ``web/urls.py``, used when
DEBUG is off): JSON ``{"detail": ...}`` under /api/, the site's own pages elsewhere, in
Traditional Chinese (English when chosen).

The 500 page is rendered without the request — no session, user, database or CSRF token,
any of which may be what failed — and, should even that fail, a fixed page is sent.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

API_PREFIX = "/api/"
NOT_FOUND = "找不到這個網址 (not found)"
SERVER_ERROR = "伺服器發生錯誤，請稍後再試 (internal server error; please try again later)"
LAST_RESORT = (
    '<!doctype html><html lang="zh-Hant-TW"><meta charset="utf-8"><title>系統發生錯誤</title>'
    "<h1>系統發生錯誤</h1><p>請稍後再試，或撥 0800-056-476 由專人協助。"
    "(Internal server error: please try again later.)</p></html>"
)
"""The 500 page when the template cannot be rendered either."""


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: JSON for the API, the site's page (with its header) elsewhere."""
    if is_api(request):
        return JsonResponse({"detail": NOT_FOUND}, status=404)
    return render(request, "finder/not_found.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: JSON for the API, the site's page elsewhere, neither needing anything that can
    fail (the error itself is logged by Django, ``django.request``)."""
    if is_api(request):
        return JsonResponse({"detail": SERVER_ERROR}, status=500)
    html: str
    try:
        html = render_to_string("finder/server_error.html")
    except Exception:  # the last resort: whatever broke the page must not break this one
        html = LAST_RESORT
    return HttpResponse(html, status=500, content_type="text/html; charset=utf-8")
