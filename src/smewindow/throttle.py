"""Who the client is behind a reverse proxy, and hourly limits per client IP (Django's cache).

``client_ip`` is django-axes' ``AXES_CLIENT_IP_CALLABLE`` too, so the lockout and the sign-up
and mail limits count the same address."""

from __future__ import annotations

import datetime as dt
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

HOUR = 3600


def client_ip(request: HttpRequest) -> str:
    """``REMOTE_ADDR``, or with ``SMEWINDOW_PROXY_COUNT`` = n > 0 the n-th address of
    X-Forwarded-For counted from the right: the one the outermost of our n proxies saw
    connect. Entries further left were written by the client and are never used; a header
    shorter than n, or an entry that is not an IP address, gives ``REMOTE_ADDR``."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies: int = settings.SMEWINDOW_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
    if len(hops) < proxies:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-proxies].strip()))
    except ValueError:
        return remote


def over_limit(request: HttpRequest, kind: str, per_hour: int) -> dt.datetime | None:
    """Count one ``kind`` (sign-up, mail) for the client's IP in this clock hour; past
    ``per_hour`` of them, the moment the next hour starts (when to try again), else None."""
    hour = int(time.time() // HOUR)
    key = f"accounts-limit-{kind}-{client_ip(request)}-{hour}"
    cache.add(key, 0, HOUR + 60)  # outlives its hour: incr never meets an expired key
    if cache.incr(key) <= per_hour:
        return None
    return dt.datetime.fromtimestamp((hour + 1) * HOUR, tz=dt.UTC)
