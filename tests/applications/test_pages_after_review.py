"""The pages of what comes around the review, with the test client: the firm's software,
supplement and resubmission, deleting a document, the raise-bonus claim; the reviewer
opening documents and deciding the bonus; finance paying the bonus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from smewindow.applications import workflow
from smewindow.applications.models import Application, Budget, Round, Status
from smewindow.catalog.models import Course, CourseSession, SoftwareProduct

from .conftest import PDF, attach, client_for, download_status

pytestmark = pytest.mark.django_db
MakeApplication = Callable[..., Application]


def test_software_added_and_removed_on_the_page(
    open_round: Round, make_application: MakeApplication
) -> None:
    application = make_application(trainees=1, cost=6_000)
    product = SoftwareProduct.objects.create(name="雲端進銷存", vendor="甲公司")
    client = client_for(application.firm.user)
    page = client.get(f"/apply/{application.pk}/").content.decode()
    assert "搭配軟體（選填）" in page and "雲端進銷存" in page and "NT$6,000" in page
    refused = client.post(f"/apply/{application.pk}/software", {"product": product.pk, "cost": "x"})
    assert refused.status_code == 422 and "軟體費用：請填整數金額" in refused.content.decode()
    data = {"product": product.pk, "cost": "8000"}
    assert client.post(f"/apply/{application.pk}/software", data).status_code == 302
    page = client.get(f"/apply/{application.pk}/").content.decode()
    assert "費用 8000 元" in page and "NT$10,000" in page  # 6,000 + 4,000 of the software
    purchase = application.software.get()
    remove = client.post(f"/apply/{application.pk}/software/{purchase.pk}/remove")
    assert remove.status_code == 302 and not application.software.exists()


def test_courses_outside_the_training_window_cannot_be_chosen(
    open_round: Round, make_application: MakeApplication, course: Course
) -> None:
    application = make_application(trainees=0)
    CourseSession.objects.create(course=course, starts_on=dt.date(2020, 1, 6))
    client = client_for(application.firm.user)
    page = client.get(f"/apply/{application.pk}/?q=AI").content.decode()
    assert f'value="{course.pk}" disabled' in page and "無訓練期間內的場次" in page
    data = {"name": "王", "national_id": "A123456789", "cost": "100", "courses": course.pk}
    response = client.post(f"/apply/{application.pk}/trainees", data)
    assert response.status_code == 422 and "沒有在訓練期間" in response.content.decode()
    assert not application.trainees.exists()


def test_the_firm_supplies_documents_and_resubmits(
    open_round: Round, make_application: MakeApplication, reviewer: User
) -> None:
    application = make_application()
    sent = attach(application, "申請書.pdf")
    workflow.submit(application=application)
    workflow.claim(application=application, reviewer=reviewer)
    workflow.request_documents(
        application=application, reviewer=reviewer, reason="請補勞保投保證明"
    )
    client = client_for(application.firm.user)
    page = client.get(f"/apply/{application.pk}/").content.decode()
    assert "請補勞保投保證明" in page and "補件完成，送回審查" in page and "上傳補正文件" in page
    early = client.post(f"/apply/{application.pk}/resubmit")
    assert early.status_code == 422 and "請先上傳補正文件" in early.content.decode()
    client.post(f"/apply/{application.pk}/documents", {"file": _pdf("勞保.pdf")})
    document = application.documents.get(original_name="勞保.pdf")
    page = client.get(f"/apply/{application.pk}/").content.decode()
    assert f"/apply/{application.pk}/documents/{document.pk}/delete" in page
    assert client.post(f"/apply/{application.pk}/resubmit").status_code == 302
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    gone = client.post(f"/apply/{application.pk}/documents/{document.pk}/delete")
    assert gone.status_code == 422 and "不能" in gone.content.decode()  # sent: it stays
    assert application.documents.filter(pk__in=[sent.pk, document.pk]).count() == 2


def test_a_document_not_yet_sent_can_be_deleted(
    open_round: Round,
    make_application: MakeApplication,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    application = make_application()
    document = attach(application, "錯的檔案.pdf")
    client = client_for(application.firm.user)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/apply/{application.pk}/documents/{document.pk}/delete")
    assert answer.status_code == 302 and not application.documents.exists()
    assert "錯的檔案.pdf" not in client.get(f"/apply/{application.pk}/").content.decode()


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF)


def _paid(make_application: MakeApplication, reviewer: User, finance: User) -> Application:
    application = workflow.submit(application=make_application(trainees=2))
    workflow.claim(application=application, reviewer=reviewer)
    workflow.approve(application=application, reviewer=reviewer, amount=20_000)
    attach(application, "結訓證明.pdf")
    workflow.complete(application=application, reviewer=reviewer)
    return workflow.record_payment(
        application=application, finance_officer=finance, actual_cost=18_000
    )


def test_the_raise_bonus_from_claim_to_payment_on_the_pages(
    open_round: Round,
    make_application: MakeApplication,
    reviewer: User,
    finance: User,
    budgets: dict[str, Budget],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    application = _paid(make_application, reviewer, finance)
    firm = client_for(application.firm.user)
    page = firm.get(f"/apply/{application.pk}/").content.decode()
    assert "加薪加碼補助" in page and "NT$1,800" in page and "上傳加薪證明" in page
    early = firm.post(f"/apply/{application.pk}/bonus")
    assert early.status_code == 422 and "請先上傳加薪證明" in early.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the file takes its name
        firm.post(f"/apply/{application.pk}/documents", {"file": _pdf("薪資單.pdf")})
    assert firm.post(f"/apply/{application.pk}/bonus").status_code == 302

    staff = client_for(reviewer)
    queue = staff.get("/review/").content.decode()
    assert "待查核文件" in queue and application.firm.name in queue
    review = staff.get(f"/review/{application.pk}/").content.decode()
    evidence = application.documents.get(original_name="薪資單.pdf")
    assert f"/apply/{application.pk}/documents/{evidence.pk}" in review and "加薪證明" in review
    assert download_status(staff, f"/apply/{application.pk}/documents/{evidence.pk}") == 200
    assert staff.post(f"/review/{application.pk}/bonus/approve").status_code == 302
    application.refresh_from_db()
    assert (application.status, application.bonus_amount) == (Status.BONUS_APPROVED, 1_800)

    money = client_for(finance)
    assert "撥付加碼 NT$1,800" in money.get("/review/payments").content.decode()
    assert money.post(f"/review/payments/{application.pk}/bonus").status_code == 302
    assert money.post(f"/review/payments/{application.pk}/close").status_code == 302
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    budget = budgets["manufacturing"]
    budget.refresh_from_db()
    assert (budget.committed, budget.paid) == (19_800, 19_800)
    timeline = firm.get(f"/apply/{application.pk}/").content.decode()
    assert "加碼已撥款" in timeline and "結案" in timeline


def test_a_bonus_claim_on_a_payment_of_nothing_is_refused_on_the_page(
    open_round: Round, make_application: MakeApplication, reviewer: User, finance: User
) -> None:
    """It used to be taken, and its approval answered 500 (the bonus > 0 check)."""
    application = workflow.submit(application=make_application(trainees=2))
    workflow.claim(application=application, reviewer=reviewer)
    workflow.approve(application=application, reviewer=reviewer, amount=20_000)
    attach(application, "結訓證明.pdf")
    workflow.complete(application=application, reviewer=reviewer)
    workflow.record_payment(application=application, finance_officer=finance, actual_cost=0)
    attach(application, "薪資單.pdf")
    firm = client_for(application.firm.user)
    page = firm.get(f"/apply/{application.pk}/").content.decode()
    assert "沒有可以申請的加碼" in page and "申請加薪加碼</button>" not in page
    response = firm.post(f"/apply/{application.pk}/bonus")  # a form posted all the same
    assert response.status_code == 422
    assert "沒有可以申請的加碼" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.PAID


def test_a_bonus_refused_on_the_page_goes_back_to_paid(
    open_round: Round, make_application: MakeApplication, reviewer: User, finance: User
) -> None:
    application = _paid(make_application, reviewer, finance)
    attach(application, "薪資單.pdf")
    workflow.bonus_claim(application=application)
    staff = client_for(reviewer)
    empty = staff.post(f"/review/{application.pk}/bonus/reject", {"reasons": " "})
    assert empty.status_code == 422 and "請說明駁回理由" in empty.content.decode()
    data = {"reasons": "薪資單未顯示加薪"}
    assert staff.post(f"/review/{application.pk}/bonus/reject", data).status_code == 302
    application.refresh_from_db()
    assert application.status == Status.PAID and application.bonus_amount is None
    page = client_for(application.firm.user).get(f"/apply/{application.pk}/").content.decode()
    assert "薪資單未顯示加薪" in page


def test_the_bonus_claim_closes_at_the_raise_deadline(
    open_round: Round, make_application: MakeApplication, reviewer: User, finance: User
) -> None:
    application = _paid(make_application, reviewer, finance)
    attach(application, "薪資單.pdf")
    Round.objects.filter(pk=open_round.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=90),
        deadline=timezone.now() - dt.timedelta(days=60),
        raise_deadline=timezone.now() - dt.timedelta(days=1),
    )
    client = client_for(application.firm.user)
    page = client.get(f"/apply/{application.pk}/").content.decode()
    assert "加薪加碼已截止申請" in page
    refused = client.post(f"/apply/{application.pk}/bonus")
    assert refused.status_code == 422 and "截止申請" in refused.content.decode()
