"""Locust users of ``bench_apply_load.py``: 100 applicants, 10 reviewers and 1 finance
officer at once, each logged in with its own account (read from the JSON file named by
``BENCH_DATA``, which ``bench_apply_load.py`` writes).

- Applicant: login with its 統一編號, /apply/, a new draft in the demo round, its page, a
  course search, a trainee with a listed course, a PDF, submission; then it reads its page
  every 2–5 s.
- Reviewer: login; the queue, the first application of its track, claim, the review page,
  approve the amount requested with every checklist item ticked, the dashboard. A claim
  another reviewer won answers 422 naming that reviewer (or saying the application is in
  review already): an expected outcome (counted), not an error.
- Finance: login; the payments page and the dashboard.
Every other answer that is not 2xx/3xx is a failure. What happened (drafts, submissions,
approvals, lost claims) is written to ``BENCH_OUTCOMES`` when the run stops.
"""

from __future__ import annotations

import io
import re

from locust import between, task
from locust_support import OUTCOMES, LoggedIn, think, why
from pypdf import PdfWriter


def _blank_pdf() -> bytes:
    """A real one-page PDF: the site parses every upload whole (applications/filecheck.py)."""
    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


PDF = _blank_pdf()
QUEUE_FIRST = re.compile(r'<ol>\s*<li><a href="/review/(\d+)/"')
AMOUNT = re.compile(r'name="amount"[^>]*value="(\d+)"')
CHECKS = re.compile(r'name="checked" value="([^"]+)"')
STATUS = re.compile(r"申請案目前為「([^」]+)」")
CLAIMED_BY = re.compile(r"審查人員：([^）<]+)")


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
