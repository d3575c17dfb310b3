"""With REDIS_URL, the cache, the per-IP limits and django-axes live in Redis, so several
processes or servers share one count. Runs against Redis database 15 (or
SMEWINDOW_TEST_REDIS_URL); skipped when no Redis answers, except in CI (CI=true), where
.ci/run starts one and a missing server fails."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import Client, RequestFactory, override_settings

from smewindow import throttle
from smewindow.throttle import over_limit
from tests.finder.test_report_limits import report_url

from .conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db

URL = os.environ.get("SMEWINDOW_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PREFIX = "smewindow-tests"
REDIS_CACHES = {
    alias: {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": URL,
        "KEY_PREFIX": f"{PREFIX}-{alias}",
    }
    for alias in ("default", "reports")
}


@pytest.fixture
def redis_db() -> Iterator[redis.Redis]:
    """The test database of Redis, emptied before and after."""
    client = redis.Redis.from_url(URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"no Redis at {URL}: .ci/run should have started redis-server")
        pytest.skip(f"no Redis at {URL}")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


def server() -> RedisCache:
    """A cache as another process or server would open it: its own connections."""
    return RedisCache(URL, {"KEY_PREFIX": f"{PREFIX}-default"})


def settings_with(env: dict[str, str], module: str) -> list[str]:
    """The cache backend and axes handler a process started with ``env`` gets."""
    code = (
        "from django.conf import settings; from axes.conf import settings as axes;"
        "print(settings.CACHES['default']['BACKEND']); print(axes.AXES_HANDLER)"
    )
    inherited = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    environment = {**inherited, "DJANGO_SETTINGS_MODULE": module, **env}
    done = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_redis_url_moves_the_cache_and_axes_to_redis(tmp_path: Any) -> None:
    env = {"SMEWINDOW_DEBUG": "1", "SMEWINDOW_VAR_DIR": str(tmp_path)}
    assert settings_with(env, "smewindow.web.settings") == [
        "django.core.cache.backends.locmem.LocMemCache",
        "axes.handlers.database.AxesDatabaseHandler",
    ]
    assert settings_with({**env, "REDIS_URL": URL}, "smewindow.web.settings") == [
        "django.core.cache.backends.redis.RedisCache",
        "axes.handlers.cache.AxesCacheHandler",
    ]
    # the tests never use (and empty) a Redis named in the environment
    with_url = settings_with({"REDIS_URL": URL}, "smewindow.web.test_settings")
    assert with_url[0] == "django.core.cache.backends.locmem.LocMemCache"


def test_two_servers_share_one_limit(redis_db: redis.Redis, monkeypatch: Any) -> None:
    first, second = server(), server()
    assert first._cache.get_client() is not second._cache.get_client()
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    answers = []
    for n in range(4):  # the client's requests land on either server in turn
        monkeypatch.setattr(throttle, "cache", (first, second)[n % 2])
        answers.append(over_limit(request, "signup", 3))
    assert answers[:3] == [None, None, None] and answers[3] is not None
    assert any(PREFIX.encode() in key for key in redis_db.keys("*accounts-limit-signup*"))


@override_settings(CACHES=REDIS_CACHES)
def test_a_report_rendered_on_one_server_is_served_by_the_other(
    redis_db: redis.Redis, renders: list[str]
) -> None:
    assert Client().get(report_url(5)).status_code == 200
    del caches["reports"]  # the other server: new connections
    assert Client().get(report_url(5)).status_code == 200
    assert len(renders) == 1 and redis_db.keys(f"{PREFIX}-reports:*finder-report-*")


@pytest.fixture
def axes_on_redis(redis_db: redis.Redis) -> Iterator[None]:
    """django-axes counting in the Redis cache, as with REDIS_URL."""
    with override_settings(
        CACHES=REDIS_CACHES, AXES_HANDLER="axes.handlers.cache.AxesCacheHandler"
    ):
        AxesProxyHandler.get_implementation(force=True)
        yield
    AxesProxyHandler.get_implementation(force=True)


def test_a_lockout_on_one_server_holds_on_the_other(
    firm_user: User, axes_on_redis: None, redis_db: redis.Redis
) -> None:
    client = Client()
    for _ in range(5):
        log_in(client, "firm@example.tw", "wrong-password")
    del caches["default"]  # the other server: new connections, its own axes handler
    AxesProxyHandler.get_implementation(force=True)
    locked = log_in(Client(), "firm@example.tw", PASSWORD)
    assert locked.status_code == 429 and "暫停登入" in locked.content.decode()
    assert redis_db.keys(f"{PREFIX}*axes*")
