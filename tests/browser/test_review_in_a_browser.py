"""A reviewer approves a submitted application in a real browser (logged in by a session
cookie): the queue, the review page and the dashboard have no serious accessibility
violations and fit 360 px; screenshots of each."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.test import Client
from playwright.sync_api import Browser, Page

from smewindow.applications import demo, intake, roles, workflow
from smewindow.applications.models import Application, Status
from smewindow.catalog.models import Course, Provider
from tests.applications.conftest import business_id, national_id, user

from .support import serious_violations, shot


def _submitted() -> Application:
    round_, _ = demo.demo_round_load()
    provider = Provider.objects.create(name="測試開課單位")
    course = Course.objects.create(
        name="AI 應用實務", provider=provider, physical_hours=Decimal(12), online_hours=Decimal(0)
    )
    firm = intake.firm_create(
        user=user("reviewfirm"),
        business_id=business_id(2_000_101),
        name="審查測試企業",
        county="臺中市",
        industry="25",
    )
    application = intake.application_create(firm=firm, round=round_)
    intake.trainee_add(
        application=application,
        name="王小明",
        national_id=national_id(7101),
        cost=12_000,
        courses=[course],
    )
    return workflow.submit(application=application)


def _checked(page: Page, name: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
    assert serious_violations(page) == [], name
    shot(page, name)


def test_a_reviewer_approves(live_server: Any, transactional_db: None, browser: Browser) -> None:
    application = _submitted()
    client = Client()
    client.force_login(user("browserreviewer", roles.REVIEWER["manufacturing"]))
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="zh-TW")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/review/")
    _checked(page, "review-queue")
    page.get_by_role("link", name="審查測試企業").click()
    page.get_by_role("button", name="接案審查").click()
    _checked(page, "review-application")
    assert page.get_by_label("核定金額（新臺幣元）").input_value() == "10000"
    page.get_by_role("button", name="核定", exact=True).click()  # nothing ticked: not sent
    assert page.evaluate("document.querySelector('input[name=checked]:invalid') !== null")
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    for box in page.locator('input[name="checked"]').all():
        box.check()
    page.get_by_role("button", name="核定", exact=True).click()
    assert "核定" in page.locator("main strong").first.inner_text()
    application.refresh_from_db()
    assert (application.status, application.approved_amount) == (Status.APPROVED, 10_000)
    page.goto(f"{live_server.url}/review/dashboard")
    _checked(page, "review-dashboard")
    context.close()
