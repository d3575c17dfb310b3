"""What the locust files share (locustfile_apply.py, locustfile_desk.py): the accounts a run
made (the JSON file named by ``BENCH_DATA``), the outcomes it counts (written to
``BENCH_OUTCOMES`` when it stops), and a user who logs in first and posts forms with the
session's CSRF token."""

from __future__ import annotations

import collections
import json
import os
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gevent
from locust import HttpUser, events
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

DATA: dict[str, Any] = json.loads(Path(os.environ["BENCH_DATA"]).read_text("utf-8"))
IDENTITIES: dict[str, Iterator[dict[str, Any]]] = {
    kind: iter(found) for kind, found in DATA.items() if isinstance(found, list)
}
OUTCOMES: collections.Counter[str] = collections.Counter()
ALERT = re.compile(r'class="error"[^>]*>([^<]+)<')


@events.test_stop.add_listener
def write_outcomes(**kwargs: Any) -> None:
    Path(os.environ["BENCH_OUTCOMES"]).write_text(json.dumps(OUTCOMES), "utf-8")


def why(response: Any) -> str:
    """The status and the page's first error message."""
    found = ALERT.search(response.text or "")
    return f"{response.status_code} {found.group(1) if found else ''}".strip()


def think(low: float, high: float) -> None:
    """A person reading the page before the next step."""
    gevent.sleep(random.uniform(low, high))


class Visitor(HttpUser):
    """Pages and forms: a GET whose landing on the login page is a failure, and posts with
    the CSRF token of the session's cookie.

    Like a browser, it sends a request again, once, when the server had closed the idle
    keep-alive connection it went out on (gunicorn.conf.py ``keepalive``: 5 s) and no
    answer came: a reader who pauses 3–8 s meets that close in the same instant now and
    then, which is not the site failing. urllib3 counts only the first try in the
    figures."""

    abstract = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        again = Retry(total=1, connect=1, read=1, redirect=0, status=0, other=0,
                      allowed_methods=None, raise_on_status=False)  # fmt: skip
        self.client.mount("http://", HTTPAdapter(max_retries=again))

    def page(self, path: str, name: str) -> Any:
        """GET a page; being sent to the login page (the session lost) is a failure."""
        with self.client.get(path, name=name, catch_response=True) as response:
            if path != "/accounts/login/" and "/accounts/login/" in (response.url or ""):
                response.failure("sent to the login page")
        return response

    def post(self, path: str, name: str, data: dict[str, Any], **kwargs: Any) -> Any:
        """A form post with the CSRF token of the session's cookie; redirects not followed."""
        token = self.client.cookies.get("csrftoken", "")
        return self.client.post(
            path,
            {**data, "csrfmiddlewaretoken": token},
            name=name,
            allow_redirects=False,
            **kwargs,
        )

    def act(self, path: str, name: str, data: dict[str, Any], **kwargs: Any) -> None:
        """A form post that must redirect (a refusal, 422, is a failure with its reason)."""
        with self.post(path, name, data, catch_response=True, **kwargs) as response:
            if response.status_code != 302:
                response.failure(why(response))


class LoggedIn(Visitor):
    """A user who logs in first with the next account of its ``kind`` (a key of the data)."""

    abstract = True
    kind = ""

    def on_start(self) -> None:
        self.me: dict[str, Any] = next(IDENTITIES[self.kind])
        self.page("/accounts/login/", "/accounts/login/")
        with self.post(
            "/accounts/login/",
            "/accounts/login/",
            {"username": self.me["login"], "password": DATA["password"]},
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302 or "/accounts/login" in location:
                response.failure(f"login refused: {response.status_code} {location}")
