"""Locust users of ``bench_apply_load.py``: 100 applicants, 10 reviewers and 1 finance
officer at once, each logged in with its own account (read from the JSON file named by
``BENCH_APPLY_DATA``, which ``bench_apply_load.py`` writes).

- Applicant: login with its 統一編號, /apply/, a new draft in the demo round, its page, a
  course search, a trainee with a listed course, a PDF, submission; then it reads its page
  every 2–5 s.
- Reviewer: login; the queue, the first application of its track, claim, the review page,
  approve the amount requested with every checklist item ticked, the dashboard. A claim
  another reviewer won answers 422 naming that reviewer (or saying the application is in
  review already): an expected outcome (counted), not an error.
- Finance: login; the payments page and the dashboard.
Every other answer that is not 2xx/3xx is a failure. What happened (drafts, submissions,
approvals, lost claims) is written to ``BENCH_APPLY_OUTCOMES`` when the run stops.
"""

from __future__ import annotations

import collections
import json
import os
import random
import re
from pathlib import Path
from typing import Any

import gevent
from locust import HttpUser, between, events, task

DATA = json.loads(Path(os.environ["BENCH_APPLY_DATA"]).read_text("utf-8"))
IDENTITIES = {kind: iter(DATA[kind]) for kind in ("applicants", "reviewers", "finance")}
OUTCOMES: collections.Counter[str] = collections.Counter()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
QUEUE_FIRST = re.compile(r'<ol>\s*<li><a href="/review/(\d+)/"')
AMOUNT = re.compile(r'name="amount"[^>]*value="(\d+)"')
CHECKS = re.compile(r'name="checked" value="([^"]+)"')
STATUS = re.compile(r"申請案目前為「([^」]+)」")
CLAIMED_BY = re.compile(r"審查人員：([^）<]+)")
ALERT = re.compile(r'class="error"[^>]*>([^<]+)<')


def why(response: Any) -> str:
    """The status and the page's first error message."""
    found = ALERT.search(response.text or "")
    return f"{response.status_code} {found.group(1) if found else ''}".strip()


def think(low: float, high: float) -> None:
    """A person reading the page before the next step."""
    gevent.sleep(random.uniform(low, high))


class LoggedIn(HttpUser):
    """A user who logs in first with the next account of its kind."""

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


class Applicant(LoggedIn):
    fixed_count = 100
    kind = "applicants"
    wait_time = between(2, 5)

    def on_start(self) -> None:
        super().on_start()
        self.application = 0

    @task
    def step(self) -> None:
        """Apply once; afterwards follow the application's page."""
        if self.application:
            self.page(f"/apply/{self.application}/", "/apply/[id]/ (after submission)")
        else:
            self.apply()

    def apply(self) -> None:
        self.page("/apply/", "/apply/")
        think(1, 3)
        with self.post(
            "/apply/new", "/apply/new", {"priority_group": "0"}, catch_response=True
        ) as response:
            match = re.fullmatch(r"/apply/(\d+)/", response.headers.get("Location", ""))
            if match is None:
                response.failure(f"no draft: {why(response)}")
                return
        pk = int(match.group(1))
        OUTCOMES["drafts"] += 1
        self.page(f"/apply/{pk}/", "/apply/[id]/")
        think(1, 3)
        self.page(f"/apply/{pk}/?q=AI", "/apply/[id]/?q=AI")
        think(1, 3)
        trainee = {
            "name": f"員工{self.me['n']}",
            "national_id": self.me["national_id"],
            "cost": "10000",
            "courses": self.me["courses"],
        }
        self.act(f"/apply/{pk}/trainees", "/apply/[id]/trainees", trainee)
        think(1, 3)
        upload = {"file": ("訓練計畫.pdf", PDF, "application/pdf")}
        self.act(f"/apply/{pk}/documents", "/apply/[id]/documents", {}, files=upload)
        think(1, 3)
        with self.post(
            f"/apply/{pk}/submit", "/apply/[id]/submit", {}, catch_response=True
        ) as response:
            if response.status_code == 302:
                OUTCOMES["submitted"] += 1
                self.application = pk
            else:
                response.failure(f"submit refused: {why(response)}")


class Reviewer(LoggedIn):
    fixed_count = 10
    kind = "reviewers"
    wait_time = between(1, 2)

    @task
    def review_next(self) -> None:
        """Claim the first application of the queue and approve it."""
        queue = self.page("/review/", "/review/")
        match = QUEUE_FIRST.search(queue.text)
        if match is None:
            OUTCOMES["empty_queue"] += 1
            return
        pk = match.group(1)
        self.page(f"/review/{pk}/", "/review/[id]/")
        think(0.5, 1.5)
        with self.post(
            f"/review/{pk}/claim", "/review/[id]/claim", {}, catch_response=True
        ) as response:
            if response.status_code == 302:
                OUTCOMES["claims"] += 1
            elif response.status_code == 422 and self.lost(response.text):
                OUTCOMES["claims_lost"] += 1
                response.success()
                return
            else:
                response.failure(f"claim: {why(response)}")
                return
        page = self.page(f"/review/{pk}/", "/review/[id]/")
        amount = AMOUNT.search(page.text)
        think(0.5, 1.5)
        with self.post(
            f"/review/{pk}/approve",
            "/review/[id]/approve",
            {"amount": amount.group(1) if amount else "", "checked": CHECKS.findall(page.text)},
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                OUTCOMES["approved"] += 1
            else:
                response.failure(f"approve: {why(response)}")
        self.page("/review/dashboard", "/review/dashboard")

    def lost(self, page: str) -> bool:
        """The page names another reviewer as the one who has the application, or says it
        is no longer waiting (the page may show the application as read before the claim)."""
        holder = CLAIMED_BY.search(page)
        if holder is not None and holder.group(1).strip() != self.me["login"]:
            return True
        status = STATUS.search(page)
        return status is not None and status.group(1) != "已送件"


class Finance(LoggedIn):
    fixed_count = 1
    kind = "finance"
    wait_time = between(3, 6)

    @task
    def overview(self) -> None:
        self.page("/review/payments", "/review/payments")
        think(1, 3)
        self.page("/review/dashboard", "/review/dashboard")


@events.test_stop.add_listener
def write_outcomes(**kwargs: Any) -> None:
    Path(os.environ["BENCH_APPLY_OUTCOMES"]).write_text(json.dumps(OUTCOMES), "utf-8")
