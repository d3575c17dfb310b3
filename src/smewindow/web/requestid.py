"""A request id on every request and log line: taken from the proxy's ``X-Request-ID`` when
it is a plain token, else made here; sent back in the response's ``X-Request-ID``."""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
TOKEN = re.compile(r"[A-Za-z0-9._-]{1,64}")
"""An id from outside is kept only if it is this: nothing that could forge a log line."""
current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def request_id_of(request: HttpRequest) -> str:
    """The proxy's id when it is a plain token, else a new random one."""
    given = str(request.headers.get(HEADER, ""))
    return given if TOKEN.fullmatch(given) else uuid.uuid4().hex


class RequestId:
    """Middleware (first in MIDDLEWARE): sets the id for the request's log lines."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_of(request)
        request.META["REQUEST_ID"] = request_id
        token = current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current.get()
        return True
