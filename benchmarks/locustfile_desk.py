"""Locust users of ``bench_desk_load.py``: 200 firms, 30 desk agents and 20 partner staff at
once (issue 14), the staff each logged in with its own account (``BENCH_DATA``).

- Firm (no account): 「我要諮詢」 — the form, a question with consent, its case page by the
  private link; then it reads that page every 3–8 s and now and then writes a follow-up.
- Agent: the queue, a case from it (with the firm's screening and segment), a reply from a
  template of one of its programs, or a referral to a suggested partner; every 2–5 s.
- Partner staff: its referrals, one of them, and the next step it allows: accept, schedule
  a visit, or record the outcome; every 2–5 s.
Two staff acting on one case at once is normal: a refusal that says so (a referral already
made, a case closed, a step already taken: 422) is counted as an outcome, not a failure.
Anything else that is not 2xx/3xx is a failure. Outcomes go to ``BENCH_OUTCOMES``.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

from locust import between, task
from locust_support import OUTCOMES, LoggedIn, Visitor, think, why

CASE_LINK = re.compile(r'href="(/desk/agent/case/(\d+)/)"')
TEMPLATE = re.compile(r'<option value="([^"]+)"')
PARTNER = re.compile(r'name="partners" value="(\d+)"')
REFERRAL_LINK = re.compile(r'href="/desk/partner/referral/(\d+)/"')
PRIVATE_LINK = re.compile(r"/desk/case/([A-Za-z0-9_-]+)/")
EXPECTED = (422,)
"""Refusals two staff racing on one case meet (nothing written): counted, not failures."""


def outcome(response: Any, name: str) -> None:
    """Count a 302 as ``name`` and an expected refusal as ``name``_refused; else a failure."""
    if response.status_code == 302:
        OUTCOMES[name] += 1
    elif response.status_code in EXPECTED:
        OUTCOMES[f"{name}_refused"] += 1
        response.success()
    else:
        response.failure(why(response))


class Firm(Visitor):
    fixed_count = 200
    wait_time = between(3, 8)

    def on_start(self) -> None:
        self.n = random.randrange(10**6)
        self.token = ""

    @task
    def step(self) -> None:
        if not self.token:
            self.ask()
            return
        self.page(f"/desk/case/{self.token}/", "/desk/case/[token]/")
        if random.random() < 0.2:
            with self.post(
                f"/desk/case/{self.token}/reply",
                "/desk/case/[token]/reply",
                {"body": "請問還需要準備哪些文件？"},
                catch_response=True,
            ) as response:
                outcome(response, "firm_replies")

    def ask(self) -> None:
        self.page("/desk/ask/", "/desk/ask/")
        think(2, 5)
        form = {
            "question": "我們是 8 個人的烘焙坊，想導入 POS 和線上訂購，請問有哪些補助？",
            "firm_name": f"壓測烘焙坊{self.n}",
            "contact_name": "王小明",
            "contact_phone": "0912-345-678",
            "contact_email": f"bakery{self.n}@bench.example",
            "county": "臺中市",
            "preferred_time": "any",
            "preferred_channel": "phone",
            "consent": "yes",
        }
        with self.post("/desk/ask/", "/desk/ask/ (send)", form, catch_response=True) as response:
            found = PRIVATE_LINK.search(response.headers.get("Location", ""))
            if response.status_code != 302 or found is None:
                response.failure(f"not asked: {why(response)}")
                return
        self.token = found.group(1)
        OUTCOMES["asked"] += 1
        self.page(f"/desk/case/{self.token}/?new=1", "/desk/case/[token]/")


class Agent(LoggedIn):
    fixed_count = 30
    kind = "agents"
    wait_time = between(2, 5)

    @task
    def work(self) -> None:
        queue = self.page("/desk/agent/", "/desk/agent/")
        links = CASE_LINK.findall(queue.text or "")
        if not links:
            OUTCOMES["empty_queue"] += 1
            return
        path, _ = random.choice(links[:10])
        page = self.page(path, "/desk/agent/case/[id]/")
        think(1, 3)
        partners = PARTNER.findall(page.text or "")
        if partners and random.random() < 0.4:
            with self.post(
                f"{path}refer",
                "/desk/agent/case/[id]/refer",
                {"partners": [random.choice(partners)], "note": "請協助診斷"},
                catch_response=True,
            ) as response:
                outcome(response, "referred")
            return
        templates = TEMPLATE.findall(page.text or "")
        if templates:
            picked = self.page(
                f"{path}?template={templates[0]}", "/desk/agent/case/[id]/?template="
            )
            body = re.search(r'<textarea id="body"[^>]*>([^<]*)<', picked.text or "")
            text = body.group(1).strip() if body and body.group(1).strip() else "您好，已收到。"
        else:
            text = "您好，已收到您的諮詢。"
        with self.post(
            f"{path}reply",
            "/desk/agent/case/[id]/reply",
            {"body": text[:3900]},
            catch_response=True,
        ) as response:
            outcome(response, "replied")


class PartnerStaff(LoggedIn):
    fixed_count = 20
    kind = "partners"
    wait_time = between(2, 5)

    @task
    def work(self) -> None:
        home = self.page("/desk/partner/", "/desk/partner/")
        referrals = REFERRAL_LINK.findall(home.text or "")
        if not referrals:
            OUTCOMES["no_referral"] += 1
            return
        pk = random.choice(referrals[:10])
        page = self.page(f"/desk/partner/referral/{pk}/", "/desk/partner/referral/[id]/")
        text = page.text or ""
        think(1, 3)
        base = f"/desk/partner/referral/{pk}/"
        if f"{base}accept" in text:
            step, data = "accept", {}
        elif f"{base}schedule" in text and "已排定" not in text:
            on = dt.date.today() + dt.timedelta(days=7)
            step, data = "schedule", {"scheduled_for": on.isoformat()}
        elif f"{base}outcome" in text:
            step, data = "outcome", {"outcome_kind": "nothing_needed", "outcome_note": "已說明"}
        else:
            OUTCOMES["nothing_to_do"] += 1
            return
        with self.post(
            f"{base}{step}", f"/desk/partner/referral/[id]/{step}", data, catch_response=True
        ) as response:
            outcome(response, step)
