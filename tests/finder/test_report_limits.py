"""/results.pdf costs ~0.5 s of CPU a render: a report is cached by answers, date and
language, and each client IP gets SMEWINDOW_REPORTS_PER_HOUR renders; past that a 429 page
in Chinese (or English) says when to try again, while cached reports still download."""

from __future__ import annotations

from typing import Any

from django.test import Client

from smewindow.finder.state import InterviewState

ON = "2025-04-01"


def report_url(employees: int, on: str = ON) -> str:
    state = InterviewState(answers={"employees": employees}, order=("employees",))
    return f"/results.pdf?on={on}&state={state.encode()}"


def test_the_same_report_is_rendered_once(renders: list[str]) -> None:
    first = Client().get(report_url(5))
    again = Client(REMOTE_ADDR="10.0.0.9").get(report_url(5))
    assert first.status_code == again.status_code == 200
    assert first.content == again.content and len(renders) == 1
    assert again["Content-Type"] == "application/pdf"


def test_answers_date_and_language_each_make_their_own_report(renders: list[str]) -> None:
    client = Client()
    client.get(report_url(5))
    client.get(report_url(6))
    client.get(report_url(5, on="2025-05-01"))
    Client(HTTP_ACCEPT_LANGUAGE="en").get(report_url(5))
    assert len(renders) == 4


def test_renders_per_ip_are_limited(renders: list[str], settings: Any) -> None:
    settings.SMEWINDOW_REPORTS_PER_HOUR = 2
    client = Client()
    assert [client.get(report_url(n)).status_code for n in (1, 2)] == [200, 200]
    response = client.get(report_url(3))
    page = response.content.decode()
    assert response.status_code == 429 and len(renders) == 2
    assert "請稍後再試" in page and "產生 PDF 報告的次數已達上限（每小時 2 份）" in page
    assert "（臺灣時間）之後再試" in page and 0 < int(response["Retry-After"]) <= 3600
    assert client.get(report_url(1)).status_code == 200  # cached: free
    assert Client(REMOTE_ADDR="10.0.0.2").get(report_url(3)).status_code == 200


def test_the_limit_page_in_english(renders: list[str], settings: Any) -> None:
    settings.SMEWINDOW_REPORTS_PER_HOUR = 0
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(report_url(1))
    page = response.content.decode()
    assert response.status_code == 429 and "(0 an hour)" in page
    assert "PDF reports made from your network address have reached the limit" in page
    assert 'lang="en"' in page and renders == []


def test_a_bad_state_is_still_a_400_and_costs_nothing(renders: list[str], settings: Any) -> None:
    settings.SMEWINDOW_REPORTS_PER_HOUR = 0
    assert Client().get("/results.pdf?state=not-a-state").status_code == 400
