"""A logged-in user without a firm (staff, or a firm's sign-up gone wrong) who opens a
firm's page is sent to a page that says so, instead of a bare 404."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from smewindow.applications.views_firm import NoFirm


class NoFirmPage:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NoFirm):
            return redirect("accounts:no_firm")
        return None
