"""The firm's pages under /apply/ with the test client: only the firm's own rows (another
firm's ids answer 404), the draft prefilled from the finder, trainees and courses, the
amount, submission and its refusals, and documents checked by content."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.utils import timezone

from smewindow.applications import intake, roles, urls_firm, workflow
from smewindow.applications.demo import demo_round_load
from smewindow.applications.models import Application, Firm, Round, Status
from smewindow.catalog.models import Course, SoftwareProduct
from smewindow.finder.state import InterviewState

from .conftest import PDF, PNG, client_for, download_status, national_id, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(open_round: Round, make_application: Callable[..., Application]) -> Application:
    return make_application(trainees=0)


def client_of(firm: Firm) -> Client:
    return client_for(firm.user)


def stored_files() -> list[Path]:
    from django.conf import settings

    directory = Path(settings.APPLICATION_UPLOAD_DIR)
    return list(directory.iterdir()) if directory.exists() else []


def upload(client: Client, application: Application, name: str, content: bytes) -> Any:
    """Post a file as the firm; a stored file takes its name as the request commits."""
    url = f"/apply/{application.pk}/documents"
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, {"file": SimpleUploadedFile(name, content)})


def test_login_required(draft: Application) -> None:
    response = Client().get("/apply/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_new_draft_prefilled_from_the_finder(make_firm: Callable[..., Firm], budgets: Any) -> None:
    round_, _ = demo_round_load()
    client = client_of(make_firm())
    state = InterviewState().record({"trainees": 3, "employs_priority_groups": True}).encode()
    page = client.get(f"/apply/new?state={state}").content.decode()
    assert round_.name in page and "預計受訓員工 3 人" in page
    assert 'name="priority_group" value="1" checked' in page
    response = client.post("/apply/new", {"state": state, "priority_group": "1"})
    application = Application.objects.get()
    assert response["Location"] == f"/apply/{application.pk}/"
    assert application.priority_group and application.round == round_
    assert application.status == Status.DRAFT
    assert application.answers == {"trainees": 3, "employs_priority_groups": True}  # stored
    assert "/apply/new" in client.get("/apply/").content.decode()
    assert client.get("/apply/new?state=bad!").status_code == 422  # a link that does not decode


def test_new_draft_refuses_a_state_nested_too_deep(make_firm: Callable[..., Firm]) -> None:
    deep = '{"a":' + "[" * 1000 + "]" * 1000 + ',"s":[],"o":[]}'
    state = base64.urlsafe_b64encode(deep.encode()).decode().rstrip("=")
    response = client_of(make_firm()).get(f"/apply/new?state={state}")
    assert response.status_code == 422  # used to be a RecursionError, 500
    assert "巢狀超過" in response.content.decode()


def test_application_page_trainee_course_amount_submit(draft: Application, course: Course) -> None:
    client = client_of(draft.firm)
    page = client.get(f"/apply/{draft.pk}/?q=AI").content.decode()
    assert "資格檢核" in page and course.name in page and 'name="csrfmiddlewaretoken"' in page
    assert '<li class="met">符合：屬製造業' in page  # the rules' criteria, as the finder shows
    data = {"name": "王小明", "national_id": national_id(9001), "cost": "12000"}
    response = client.post(f"/apply/{draft.pk}/trainees", {**data, "courses": [course.pk]})
    assert response.status_code == 302
    page = client.get(f"/apply/{draft.pk}/").content.decode()
    assert "王小明" in page and "NT$10,000" in page and "此員工不列入補助" not in page
    response = client.post(f"/apply/{draft.pk}/submit")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.requested_amount == 10_000
    page = client.get(f"/apply/{draft.pk}/").content.decode()
    assert "已送件" in page and "建立草稿" in page  # the timeline


def test_short_hours_warned(draft: Application, course: Course) -> None:
    course.online_hours = 0
    course.save()
    client = client_of(draft.firm)
    data = {"name": "李四", "national_id": national_id(9002), "cost": "5000", "courses": course.pk}
    client.post(f"/apply/{draft.pk}/trainees", data)
    assert "未滿 12 小時" in client.get(f"/apply/{draft.pk}/").content.decode()
    response = client.post(f"/apply/{draft.pk}/submit")
    assert response.status_code == 422 and "至少須有 1 位" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "<script>alert(1)</script>", "姓名："),
        ("name", "", "姓名：必填"),
        ("national_id", "A123456788", "身分證字號："),
        ("national_id", "' OR 1=1 --", "身分證字號："),
        ("cost", "ten", "訓練費用："),
        ("cost", "-5", "訓練費用："),
        ("courses", "999999", "課程："),
        ("courses", "x", "課程："),
    ],
)
def test_bad_trainee_input_refused(
    draft: Application, course: Course, field: str, value: str, message: str
) -> None:
    data = {"name": "王小明", "national_id": national_id(9003), "cost": "100", "courses": course.pk}
    response = client_of(draft.firm).post(f"/apply/{draft.pk}/trainees", {**data, field: value})
    assert response.status_code == 422 and message in response.content.decode()
    assert not draft.trainees.exists()


def test_duplicate_trainee_refused(draft: Application, course: Course) -> None:
    client = client_of(draft.firm)
    data = {"name": "王小明", "national_id": national_id(9004), "cost": "100", "courses": course.pk}
    assert client.post(f"/apply/{draft.pk}/trainees", data).status_code == 302
    response = client.post(f"/apply/{draft.pk}/trainees", data)
    assert response.status_code == 422 and "已列於本梯次" in response.content.decode()
    assert draft.trainees.count() == 1


def test_unlisted_course_refused(draft: Application, course: Course) -> None:
    course.is_approved = False
    course.save()
    data = {"name": "王", "national_id": national_id(9005), "cost": "1", "courses": course.pk}
    response = client_of(draft.firm).post(f"/apply/{draft.pk}/trainees", data)
    assert response.status_code == 422 and "課程：" in response.content.decode()


def test_submit_refused_after_deadline(
    draft: Application, course: Course, open_round: Round
) -> None:
    client = client_of(draft.firm)
    data = {"name": "王", "national_id": national_id(9006), "cost": "100", "courses": course.pk}
    client.post(f"/apply/{draft.pk}/trainees", data)
    open_round.opens_at = timezone.now() - dt.timedelta(days=10)
    open_round.deadline = timezone.now() - dt.timedelta(days=1)
    open_round.save()
    response = client.post(f"/apply/{draft.pk}/submit")
    assert response.status_code == 422 and "截止收件" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_submit_refused_when_intake_closed(
    draft: Application, course: Course, budgets: Any
) -> None:
    client = client_of(draft.firm)
    data = {"name": "王", "national_id": national_id(9007), "cost": "100", "courses": course.pk}
    client.post(f"/apply/{draft.pk}/trainees", data)
    budgets["manufacturing"].total = 0
    budgets["manufacturing"].save()
    response = client.post(f"/apply/{draft.pk}/submit")
    assert response.status_code == 422 and "經費已用罄" in response.content.decode()


def test_priority_saved_as_draft(draft: Application) -> None:
    client_of(draft.firm).post(f"/apply/{draft.pk}/save", {"priority_group": "1"})
    draft.refresh_from_db()
    assert draft.priority_group


def test_documents_checked_by_content(draft: Application) -> None:
    client = client_of(draft.firm)
    assert upload(client, draft, "申請書.pdf", PDF).status_code == 302
    assert upload(client, draft, "photo.png", PNG).status_code == 302
    documents = list(draft.documents.all())
    assert [d.content_type for d in documents] == ["application/pdf", "image/png"]
    assert all(d.stored_name != d.original_name for d in documents)
    assert len(stored_files()) == 2
    response = client.get(f"/apply/{draft.pk}/documents/{documents[0].pk}")
    assert b"".join(response.streaming_content) == PDF
    before = len(stored_files())
    for name, content in (("setup.pdf", b"MZ\x90\x00" + bytes(100)), ("x.png", b"GIF89a")):
        response = upload(client, draft, name, content)
        assert (
            response.status_code == 422 and "只接受 PDF、JPEG 或 PNG" in response.content.decode()
        )
    response = upload(client, draft, "big.pdf", b"%PDF-" + bytes(10 * 1024 * 1024))
    assert response.status_code == 422 and "10 MB" in response.content.decode()
    response = upload(client, draft, "huge.pdf", b"%PDF-" + bytes(11 * 1024 * 1024))
    assert response.status_code == 413  # refused before it is read
    assert len(stored_files()) == before and draft.documents.count() == 2


def test_at_most_ten_documents(draft: Application) -> None:
    client = client_of(draft.firm)
    for n in range(10):
        assert upload(client, draft, f"{n}.pdf", PDF).status_code == 302
    response = upload(client, draft, "11.pdf", PDF)
    assert response.status_code == 422 and "最多 10 個" in response.content.decode()
    assert draft.documents.count() == 10


def _every_firm_url(*, least_ids: int = 1, **ids: int) -> list[str]:
    """Every route of /apply/ that takes at least ``least_ids`` ids, filled with ``ids``
    (by converter name)."""
    routes = [str(p.pattern) for p in urls_firm.urlpatterns]
    routes = [route for route in routes if route.count("<int:") >= least_ids]
    urls = []
    for route in routes:
        for name, value in ids.items():
            route = route.replace(f"<int:{name}>", str(value))
        assert "<" not in route, f"no id given for {route}"
        urls.append(f"/apply/{route}")
    return urls


def test_another_firms_ids_answer_404_on_every_url(
    draft: Application, make_application: Callable[..., Application], course: Course
) -> None:
    other = make_application(trainees=1)
    upload(client_of(other.firm), other, "a.pdf", PDF)
    intake.software_add(
        application=other,
        product=SoftwareProduct.objects.create(name="ERP", vendor="甲"),
        cost=1_000,
    )
    ids = {
        "trainee_pk": other.trainees.get().pk,
        "document_pk": other.documents.get().pk,
        "software_pk": other.software.get().pk,
    }
    client = client_of(draft.firm)
    data = {"name": "王", "national_id": national_id(9008), "cost": "1", "courses": course.pk}
    urls = _every_firm_url(pk=other.pk, **ids) + _every_firm_url(pk=draft.pk, least_ids=2, **ids)
    assert len(urls) == 13 + 4
    for url in urls:
        for method in ("get", "post"):
            answer = getattr(client, method)(url, data if method == "post" else {}).status_code
            assert answer in (404, 405), (method, url, answer)  # 405: that method is not served
        assert 404 in (client.get(url).status_code, client.post(url, data).status_code), url
    other.refresh_from_db()
    assert other.status == Status.DRAFT and not other.priority_group
    assert (other.trainees.count(), other.documents.count(), other.software.count()) == (1, 1, 1)


def test_csrf_on_every_form(draft: Application) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(draft.firm.user)
    trainee = draft.trainees.create(
        round=draft.round, name="王", national_id=national_id(9009), cost=1
    )
    upload(client_of(draft.firm), draft, "a.pdf", PDF)
    ids = {"trainee_pk": trainee.pk, "document_pk": draft.documents.get().pk, "software_pk": 1}
    for url in ["/apply/new", *_every_firm_url(pk=draft.pk, **ids)]:
        assert client.post(url, {}).status_code in (403, 405), url
    assert (draft.trainees.count(), draft.documents.count()) == (1, 1)


def test_english_page(draft: Application) -> None:
    client = client_of(draft.firm)
    client.post("/i18n/setlang/", {"language": "en", "next": "/apply/"})
    page = client.get(f"/apply/{draft.pk}/").content.decode()
    assert "Eligibility check" in page and "Add a trainee" in page and 'lang="en"' in page


def test_documents_served_to_the_tracks_reviewers_only(draft: Application) -> None:
    upload(client_of(draft.firm), draft, "a.pdf", PDF)
    Application.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED)  # drafts: no one's
    url = f"/apply/{draft.pk}/documents/{draft.documents.get().pk}"
    for account, status in (
        (user("rev-m", roles.REVIEWER["manufacturing"]), 200),
        (user("rev-s", roles.REVIEWER["services"]), 404),
        (user("someone"), 404),
    ):
        client = Client()
        client.force_login(account)
        assert download_status(client, url) == status, account


def test_the_new_page_says_when_intake_is_closed_and_makes_no_draft(
    make_firm: Callable[..., Firm],
) -> None:
    round_, _ = demo_round_load()
    round_.budgets.filter(track="manufacturing").update(total=9_999)
    client = client_of(make_firm(industry="25"))
    page = client.get("/apply/new").content.decode()
    assert "製造業經費已用罄（剩餘 NT$9,999），停止受理" in page and "建立草稿" not in page
    assert client.post("/apply/new", {}).status_code == 200
    assert not Application.objects.exists()
    outside = client_of(make_firm(industry="01"))  # agriculture: neither track
    page = outside.get("/apply/new").content.decode()
    assert "本補助僅限製造業或服務業" in page and "建立草稿" not in page


def test_open_eligibility_questions_answered_on_the_page(
    open_round: Round, make_application: Callable[..., Application]
) -> None:
    draft = make_application(trainees=1)
    client = client_of(draft.firm)
    page = client.get(f"/apply/{draft.pk}/").content.decode()
    assert "依目前資料：可能符合（尚需資料）" in page and "補充資格資料" in page
    assert 'name="value-registration_type"' in page and 'name="value-employees"' in page
    url = f"/apply/{draft.pk}/answers"
    bad = client.post(url, {"value-employees": "很多", "value-registration_type": "company"})
    assert bad.status_code == 422 and "幾位員工" in bad.content.decode()
    hostile = client.post(url, {"value-is_superuser": "yes"})
    assert hostile.status_code == 422 and "不明的欄位" in hostile.content.decode()
    draft.refresh_from_db()
    assert draft.answers == {}  # nothing written by a bad form
    answers = {
        "value-registration_type": "company",
        "value-employees": "8",
        "value-employees_min_6m": "7",
        "value-paid_in_capital": "5,000,000",
        "value-factory_registration": "yes",
        "value-disaster_tax_deferral": "unsure",
        "value-meets_disability_quota": "unsure",
    }
    assert client.post(url, answers).status_code == 302
    draft.refresh_from_db()
    assert draft.answers == {
        "registration_type": "company",
        "employees": 8,
        "employees_min_6m": 7,
        "paid_in_capital": 5_000_000,
        "factory_registration": True,
    }  # 不確定 stays unknown: not stored
    page = client.get(f"/apply/{draft.pk}/").content.decode()
    assert "依目前資料：符合" in page and "補充資格資料" not in page
    assert client.post(url, {"value-factory_registration": "unsure"}).status_code == 302
    draft.refresh_from_db()
    assert "factory_registration" not in draft.answers  # unknown again
    workflow.submit(application=draft)
    late = client.post(url, {"value-factory_registration": "yes"})
    assert late.status_code == 422 and "不能執行此動作" in late.content.decode()


RLO = "\u202e"
"""RIGHT-TO-LEFT OVERRIDE: ``報價{RLO}fdp.exe`` shows as ``報價exe.pdf``."""


def test_names_lose_their_bidi_controls(draft: Application, course: Course) -> None:
    """Person names and file names go through ``cleantext.without_bidi`` (issue 13)."""
    client = client_of(draft.firm)
    data = {"name": f"王{RLO}小明\u2066", "national_id": national_id(9002), "cost": "100"}
    client.post(f"/apply/{draft.pk}/trainees", {**data, "courses": [course.pk]})
    assert draft.trainees.get().name == "王小明"
    upload(client, draft, f"報價{RLO}fdp.exe.pdf", PDF)
    assert draft.documents.get().original_name == "報價fdp.exe.pdf"
