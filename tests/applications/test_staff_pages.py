"""The agency's pages under /review/ with the test client: the queue's order, claims,
approve / reject / documents through the services and their refusals, tracks (another
track's application answers 404), applicants kept out of every page, finance's payments
and an e-mail to the firm on every status change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from smewindow.applications import roles, urls_staff, views_staff, workflow
from smewindow.applications.models import Application, Budget, Status

from .conftest import NOW, attach, client_for, download_status, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(make_application: Callable[..., Application]) -> Callable[..., Application]:
    """A submitted application (its firm's user has an e-mail address)."""

    def make(minutes: int = 0, **kwargs: Any) -> Application:
        application = make_application(**kwargs)
        firm_user = application.firm.user
        firm_user.email = f"{firm_user.username}@example.com"
        firm_user.save()
        return workflow.submit(application=application, now=NOW.replace(minute=minutes))

    return make


def approval(application: Application, amount: int) -> dict[str, Any]:
    """The approve form with ``amount`` and every item ticked as checked."""
    items = views_staff.review_items(application)
    return {"amount": str(amount), "checked": [i for values in items.values() for i in values]}


def test_queue_priority_first_then_submission_order(
    submitted: Callable[..., Application], reviewer: User
) -> None:
    first = submitted(1)
    priority = submitted(2, priority_group=True)
    last = submitted(3)
    other_track = submitted(4, industry="56")
    page = client_for(reviewer).get("/review/").content.decode()
    positions = [page.index(a.firm.name) for a in (priority, first, last)]
    assert positions == sorted(positions)
    assert other_track.firm.name not in page


def test_claim_one_at_a_time(submitted: Callable[..., Application], reviewer: User) -> None:
    one, two = submitted(1), submitted(2)
    client = client_for(reviewer)
    assert client.post(f"/review/{one.pk}/claim").status_code == 302
    refused = client.post(f"/review/{two.pk}/claim")
    assert refused.status_code == 422
    assert "請先完成" in refused.content.decode()
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.status, two.status) == (Status.IN_REVIEW, Status.SUBMITTED)
    other = client_for(user("other", roles.REVIEWER["manufacturing"]))
    assert (
        f'action="/review/{one.pk}/claim"' not in other.get(f"/review/{one.pk}/").content.decode()
    )
    taken = other.post(f"/review/{one.pk}/approve", approval(one, 10_000))
    assert taken.status_code == 422
    assert "此案由其他審查人員審查中" in taken.content.decode()


def test_approve_with_the_default_amount_and_history(
    submitted: Callable[..., Application], reviewer: User
) -> None:
    application = submitted(trainees=2)
    client = client_for(reviewer)
    client.post(f"/review/{application.pk}/claim")
    page = client.get(f"/review/{application.pk}/").content.decode()
    assert 'value="20000"' in page  # amounts.amount_for
    assert page.count('name="checked"') == 2  # one checkbox a trainee
    assert "：12 小時，費用 NT$10,000" in page  # hours as the firm's page shows them
    assert "資格檢核" in page and "符合：屬製造業" in page  # the rules' criteria, as the firm sees
    unchecked = client.post(f"/review/{application.pk}/approve", {"amount": "20000"})
    assert unchecked.status_code == 422 and "尚有 2 項未勾選" in unchecked.content.decode()
    huge = client.post(
        f"/review/{application.pk}/approve", {**approval(application, 0), "amount": "9" * 4301}
    )
    assert huge.status_code == 422 and "核定金額請填整數金額" in huge.content.decode()
    half = {**approval(application, 20_000), "checked": approval(application, 0)["checked"][:1]}
    assert (
        "尚有 1 項未勾選" in client.post(f"/review/{application.pk}/approve", half).content.decode()
    )
    assert (
        client.post(f"/review/{application.pk}/approve", approval(application, 20_000)).status_code
        == 302
    )
    application.refresh_from_db()
    assert (application.status, application.approved_amount) == (Status.APPROVED, 20_000)
    assert Budget.objects.get(round=application.round, track="manufacturing").committed == 20_000
    history = client.get(f"/review/{application.pk}/").content.decode()
    assert "NT$20,000" in history and "核定" in history and "已逐項查核：受訓員工 2 位" in history
    assert list(application.history.values_list("to_status", flat=True)) == [
        "draft",
        "submitted",
        "in_review",
        "approved",
    ]


def test_approve_refused_when_the_budget_is_exhausted(
    submitted: Callable[..., Application], reviewer: User
) -> None:
    application = submitted()
    Budget.objects.filter(round=application.round, track="manufacturing").update(total=5_000)
    client = client_for(reviewer)
    client.post(f"/review/{application.pk}/claim")
    response = client.post(f"/review/{application.pk}/approve", approval(application, 10_000))
    assert response.status_code == 422
    assert "經費不足：剩餘 NT$5,000" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_reject_needs_reasons_and_documents_request(
    submitted: Callable[..., Application], reviewer: User
) -> None:
    one, two = submitted(1), submitted(2)
    client = client_for(reviewer)
    client.post(f"/review/{one.pk}/claim")
    assert client.post(f"/review/{one.pk}/reject", {"reasons": " "}).status_code == 422
    client.post(f"/review/{one.pk}/reject", {"reasons": "課程不符\n時數不足"})
    one.refresh_from_db()
    assert one.status == Status.REJECTED
    assert one.history.last().reason == "課程不符\n時數不足"
    client.post(f"/review/{two.pk}/claim")
    client.post(f"/review/{two.pk}/documents", {"reason": "請補投保證明"})
    two.refresh_from_db()
    assert two.status == Status.NEEDS_DOCUMENTS
    assert two.history.last().reason == "請補投保證明"


def test_wrong_track_and_drafts_answer_404(
    submitted: Callable[..., Application],
    make_application: Callable[..., Application],
    reviewer: User,
) -> None:
    services_application = submitted(industry="56")
    draft = make_application()
    client = client_for(reviewer)
    for pk in (services_application.pk, draft.pk):
        for method, url in _urls(pk):
            if f"/{pk}" in url:
                assert getattr(client, method)(url).status_code == 404, url
    services_application.refresh_from_db()
    assert services_application.status == Status.SUBMITTED


def test_a_drafts_documents_are_not_a_reviewers_either(
    make_application: Callable[..., Application], reviewer: User
) -> None:
    """The review page and the document download ask the same rule (``roles.Actor.can_review``):
    a reviewer of the track gets 404 for a draft on both, and both once it is submitted."""
    draft = make_application()
    document = attach(draft)
    client = client_for(reviewer)
    download = f"/apply/{draft.pk}/documents/{document.pk}"
    assert client.get(f"/review/{draft.pk}/").status_code == 404
    assert download_status(client, download) == 404
    assert download_status(client_for(draft.firm.user), download) == 200
    draft.firm.user.email = "firm@example.com"
    draft.firm.user.save()
    workflow.submit(application=draft, now=NOW)
    assert client.get(f"/review/{draft.pk}/").status_code == 200
    assert download_status(client, download) == 200


def _urls(pk: int) -> list[tuple[str, str]]:
    """Every route of /review/, with ``pk`` for an application's id, and the method each
    serves (views under ``require_POST`` are posted to)."""
    urls = []
    for pattern in urls_staff.urlpatterns:
        route = str(pattern.pattern).replace("<int:pk>", str(pk)).replace("<slug:table>", "status")
        urls.append(("post" if pattern.name in POSTED else "get", f"/review/{route}"))
    assert len(urls) == 15 and all("<" not in url for _, url in urls)
    return urls


POSTED = {
    "claim",
    "approve",
    "reject",
    "documents",
    "complete",
    "bonus_approve",
    "bonus_reject",
    "pay",
    "pay_bonus",
    "close",
}
"""The names of the staff routes that take POST only."""


def test_an_applicant_gets_404_on_every_review_url(submitted: Callable[..., Application]) -> None:
    application = submitted()
    client = client_for(application.firm.user)
    for method, url in _urls(application.pk):
        assert getattr(client, method)(url).status_code == 404, url


def test_anonymous_is_sent_to_log_in(submitted: Callable[..., Application]) -> None:
    application = submitted()
    for method, url in _urls(application.pk):
        assert getattr(Client(), method)(url).status_code == 302, url


def _completed(application: Application, reviewer: User, amount: int) -> Application:
    workflow.claim(application=application, reviewer=reviewer)
    workflow.approve(application=application, reviewer=reviewer, amount=amount)
    assert client_for(reviewer).post(f"/review/{application.pk}/complete").status_code == 422
    attach(application, "結訓證明.pdf")  # the certificates and invoices come first
    client_for(reviewer).post(f"/review/{application.pk}/complete")
    application.refresh_from_db()
    assert application.status == Status.COMPLETED
    return application


def test_finance_pays_the_actual_cost_never_above_the_approval_and_closes(
    submitted: Callable[..., Application], reviewer: User, finance: User
) -> None:
    cheaper = _completed(submitted(), reviewer, 10_000)
    dearer = _completed(submitted(), reviewer, 10_000)
    client = client_for(finance)
    page = client.get("/review/payments").content.decode()
    assert cheaper.firm.name in page and dearer.firm.name in page
    assert 'href="/review/"' not in page and 'href="/review/dashboard"' in page
    refused = client.post(f"/review/payments/{cheaper.pk}", {"actual_cost": "-1"})
    assert refused.status_code == 422 and "實際費用不可為負數" in refused.content.decode()
    for too_much in ("99999999999999999999", str(2**63 - 1)):  # used to be a 500, and stored
        refused = client.post(f"/review/payments/{cheaper.pk}", {"actual_cost": too_much})
        assert refused.status_code == 422
        assert "實際費用不可超過 NT$10,000,000" in refused.content.decode()
    for not_a_number in ("abc", "1" * 4301):  # 4,301 digits: over Python's int limit
        refused = client.post(f"/review/payments/{cheaper.pk}", {"actual_cost": not_a_number})
        assert refused.status_code == 422
        assert "實際費用請填整數金額" in refused.content.decode()
    assert client.post(f"/review/payments/{cheaper.pk}", {"actual_cost": "8000"}).status_code == 302
    assert client.post(f"/review/payments/{dearer.pk}", {"actual_cost": "12000"}).status_code == 302
    for application in (cheaper, dearer):
        application.refresh_from_db()
    assert (cheaper.status, cheaper.paid_amount) == (Status.PAID, 8_000)
    assert (dearer.actual_cost, dearer.paid_amount) == (12_000, 10_000)  # at most the approval
    budget = Budget.objects.get(round=cheaper.round, track="manufacturing")
    assert (budget.committed, budget.paid) == (18_000, 18_000)
    assert (
        f'action="/review/payments/{cheaper.pk}/close"'
        in client.get("/review/payments").content.decode()
    )
    assert client.post(f"/review/payments/{cheaper.pk}/close").status_code == 302
    cheaper.refresh_from_db()
    assert cheaper.status == Status.CLOSED
    again = client.post(f"/review/payments/{cheaper.pk}/close")
    assert again.status_code == 422 and "不能執行此動作" in again.content.decode()


def test_a_reviewer_cannot_pay(submitted: Callable[..., Application], reviewer: User) -> None:
    application = _completed(submitted(), reviewer, 10_000)
    client = client_for(reviewer)
    assert 'href="/review/payments"' not in client.get("/review/").content.decode()
    assert client.get("/review/payments").status_code == 404
    assert (
        client.post(f"/review/payments/{application.pk}", {"actual_cost": "1"}).status_code == 404
    )


def test_an_email_on_every_status_change(
    submitted: Callable[..., Application],
    reviewer: User,
    finance: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        application = submitted()
        client = client_for(reviewer)
        client.post(f"/review/{application.pk}/claim")
        client.post(f"/review/{application.pk}/approve", approval(application, 10_000))
    attach(application, "結訓證明.pdf")  # runs its own commit callbacks (the file's rename)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/review/{application.pk}/complete")
        client_for(finance).post(f"/review/payments/{application.pk}", {"actual_cost": "9000"})
        client.post(f"/review/{application.pk}/reject", {"reasons": "refused: not in review"})
    statuses = ["submitted", "in_review", "approved", "completed", "paid"]
    assert len(mail.outbox) == len(statuses)
    for message, status in zip(mail.outbox, statuses, strict=True):
        assert message.to == [application.firm.user.email]
        assert f"(application {application.pk}: {status})" in message.subject
        assert "您的申請案" in message.body and "Your application" in message.body
    assert "NT$10,000" in mail.outbox[2].body


def test_no_email_for_a_refused_action(
    submitted: Callable[..., Application],
    reviewer: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    application = submitted()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(reviewer).post(
            f"/review/{application.pk}/approve", approval(application, 10_000)
        )
    assert mail.outbox == []


def test_the_review_page_in_english(submitted: Callable[..., Application], reviewer: User) -> None:
    application = submitted()
    client = client_for(reviewer)
    client.cookies["django_language"] = "en"
    page = client.get(f"/review/{application.pk}/").content.decode()
    assert "Claim for review" in page and "Subsidy by the rules: NT$10,000" in page
