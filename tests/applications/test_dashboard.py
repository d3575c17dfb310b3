"""The agency dashboard: its numbers against the data, the CSV downloads and who sees it."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from smewindow.applications import dashboard, roles, workflow
from smewindow.applications.models import Application

from .conftest import NOW, attach, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(
    make_application: Callable[..., Application], reviewer: User, finance: User
) -> list[Application]:
    """Manufacturing in 臺中市: one paid (NT$20,000 approved, NT$15,000 paid), one approved
    (NT$10,000), one submitted; services in 高雄市: one submitted; one draft."""
    paid = workflow.submit(application=make_application(trainees=2), now=NOW)
    approved = workflow.submit(application=make_application(), now=NOW)
    waiting = workflow.submit(application=make_application(), now=NOW)
    other = workflow.submit(application=make_application(industry="56", county="高雄市"), now=NOW)
    make_application()
    workflow.claim(application=paid, reviewer=reviewer)
    workflow.approve(application=paid, reviewer=reviewer, amount=20_000)
    attach(paid, "結訓證明.pdf")
    workflow.complete(application=paid, reviewer=reviewer)
    workflow.record_payment(application=paid, finance_officer=finance, actual_cost=15_000)
    workflow.claim(application=approved, reviewer=reviewer)
    workflow.approve(application=approved, reviewer=reviewer, amount=10_000)
    return [paid, approved, waiting, other]


def rows(table: dashboard.Table) -> dict[str, list[int]]:
    return dict(table.rows)


def test_numbers_against_the_data(data: list[Application]) -> None:
    status = rows(dashboard.status_table())
    assert status["草稿"] == [1, 0]
    assert status["已送件"] == [1, 1]
    assert status["核定"] == [1, 0]
    assert status["已撥款"] == [1, 0]
    assert sum(sum(v) for v in status.values()) == 5
    # budgets of 1,000,000 a track: 10,000 approved and not paid, 15,000 paid
    assert rows(dashboard.budget_table()) == {
        "製造業": [10_000, 15_000, 975_000],
        "服務業": [0, 0, 1_000_000],
    }
    assert rows(dashboard.county_table()) == {"臺中市": [3, 30_000], "高雄市": [1, 0]}
    industries = rows(dashboard.industry_table())
    assert [v for k, v in industries.items() if k.startswith("25 ")] == [[3, 30_000]]
    assert [v for k, v in industries.items() if k.startswith("56 ")] == [[1, 0]]


def test_page_with_charts_for_staff_only(data: list[Application], finance: User) -> None:
    for account in (
        finance,
        user("admin", roles.ADMINISTRATOR),
        user("r", roles.REVIEWER["services"]),
    ):
        client = Client()
        client.force_login(account)
        page = client.get("/review/dashboard").content.decode()
        assert page.count('<svg class="chart" role="img"') == len(dashboard.TABLES)
        assert "975,000" in page
    client = Client()
    client.force_login(data[0].firm.user)
    assert client.get("/review/dashboard").status_code == 404
    assert client.get("/review/dashboard/budget.csv").status_code == 404


def test_csv_with_bom(data: list[Application], finance: User) -> None:
    client = Client()
    client.force_login(finance)
    response = client.get("/review/dashboard/budget.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(body[1:]))) == [
        ["軌別", "已核定未撥款", "已撥款", "剩餘"],
        ["製造業", "10000", "15000", "975000"],
        ["服務業", "0", "0", "1000000"],
    ]
    assert client.get("/review/dashboard/nothing.csv").status_code == 404
