"""The whole path of issue 5 in a real browser, every step through the pages: a firm comes
from the finder's results, signs up, verifies its e-mail and applies; a reviewer asks for a
document, the firm supplies it, the reviewer approves item by item; the firm uploads its
certificates, the reviewer verifies them, finance pays; the firm claims the raise bonus, the
reviewer approves it, finance pays it and closes the case. Staff log in on the login page."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group, User
from django.core import mail
from playwright.sync_api import Browser, Page

from smewindow.applications import roles
from smewindow.applications.demo import demo_round_load
from smewindow.applications.models import Application, Budget, Status
from smewindow.catalog.models import Course, CourseSession, Provider
from smewindow.finder.state import InterviewState
from tests.applications.conftest import PDF, business_id, national_id

from .support import serious_violations, shot

PASSWORD = "長長的測試密碼-2025"


def _staff(username: str, group: str) -> User:
    account = User.objects.create_user(username, password=PASSWORD)
    account.groups.add(Group.objects.get_or_create(name=group)[0])
    return account


def _pdf(name: str) -> dict[str, Any]:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("電子郵件或統一編號").fill(username)
    page.get_by_label("密碼").fill(PASSWORD)
    page.get_by_role("button", name="登入", exact=True).click()


def _main(page: Page) -> str:
    return page.locator("main").inner_text()


def _open_case(page: Page, base: str, firm_name: str) -> None:
    page.goto(f"{base}/review/")
    page.get_by_role("link", name=firm_name).first.click()


def test_the_whole_path(
    live_server: Any, transactional_db: None, browser: Browser, settings: Any, tmp_path: Any
) -> None:
    settings.APPLICATION_UPLOAD_DIR = tmp_path
    base = live_server.url
    round_, _ = demo_round_load()
    opens = round_.opens_at.date()
    course = Course.objects.create(
        name="AI 應用實務",
        provider=Provider.objects.create(name="測試開課單位"),
        physical_hours=Decimal(12),
        online_hours=Decimal(0),
    )
    CourseSession.objects.create(course=course, starts_on=opens + dt.timedelta(days=3))
    _staff("reviewer-m", roles.REVIEWER["manufacturing"])
    _staff("finance-1", roles.FINANCE)
    firm_id, firm_name = business_id(3_000_001), "全程測試精密工業"

    firm = browser.new_context(viewport={"width": 360, "height": 800}, locale="zh-TW")
    staff = browser.new_context(locale="zh-TW")
    money = browser.new_context(locale="zh-TW")
    page = firm.new_page()

    # The finder's results link to the online application; anonymous → log in → sign up.
    state = InterviewState().record({"industry": "25", "employees": 8, "trainees": 1}).encode()
    page.goto(f"{base}/results?on=2025-04-01&state={state}")  # the rules' 2025 round is open
    page.get_by_role("link", name="線上申請").click()
    assert "/accounts/login/" in page.url
    page.get_by_role("link", name="還沒有帳號？註冊企業帳號").click()
    page.get_by_label("統一編號").fill(firm_id)
    page.get_by_label("企業名稱").fill(firm_name)
    page.get_by_label("所在縣市").select_option("臺中市")
    page.get_by_label("行業（中類）").select_option("25")
    page.get_by_label("電子郵件").fill("owner@example.com")
    page.get_by_label("密碼", exact=True).fill(PASSWORD)
    page.get_by_label("確認密碼").fill(PASSWORD)
    assert serious_violations(page) == []
    page.get_by_role("button", name="註冊").click()
    assert "驗證" in _main(page)
    (verification,) = mail.outbox
    link = re.search(r"https?://\S+/accounts/verify/\S+", verification.body)
    assert link is not None
    page.goto(link.group(0))
    page.get_by_role("button", name="完成驗證").click()

    # Back at the new application, prefilled from the finder; a draft, a trainee, a document.
    assert "/apply/new" in page.url and "預計受訓員工 1 人" in _main(page)
    page.get_by_role("button", name="建立草稿").click()
    page.get_by_label("搜尋公告課程").fill("AI")
    page.get_by_role("button", name="搜尋", exact=True).click()
    page.get_by_label("姓名").fill("王小明")
    page.get_by_label("身分證字號").fill(national_id(8001))
    page.get_by_label("訓練費用（新臺幣元）").fill("9000")
    page.get_by_label("AI 應用實務（12 小時）").check()
    page.get_by_role("button", name="新增受訓員工").click()
    page.get_by_label("上傳申請文件").set_input_files(_pdf("申請書.pdf"))
    page.get_by_role("button", name="上傳", exact=True).click()
    page.get_by_role("button", name="送出申請").click()
    assert "已送件" in _main(page)
    application = Application.objects.get(firm__business_id=firm_id)
    assert application.requested_amount == 9_000

    # The reviewer logs in, claims it and asks for a document.
    review = staff.new_page()
    _log_in(review, base, "reviewer-m")
    _open_case(review, base, firm_name)
    review.get_by_role("button", name="接案審查").click()
    review.get_by_label("需補正的文件").fill("請補勞保投保證明")
    review.get_by_role("button", name="通知補件").click()
    assert "待補件" in _main(review)

    # The firm supplies it and sends the application back to its place in the queue.
    page.reload()
    assert "請補勞保投保證明" in _main(page)
    page.get_by_label("上傳補正文件").set_input_files(_pdf("勞保證明.pdf"))
    page.get_by_role("button", name="上傳", exact=True).click()
    page.get_by_role("button", name="補件完成，送回審查").click()
    assert "已送件" in _main(page)

    # The reviewer claims it again and approves, item by item.
    _open_case(review, base, firm_name)
    review.get_by_role("button", name="接案審查").click()
    assert serious_violations(review) == []
    for box in review.locator('input[name="checked"]').all():
        box.check()
    review.get_by_role("button", name="核定", exact=True).click()
    shot(review, "whole-path-approved")

    # Certificates and invoices, verified; finance pays the actual cost.
    page.reload()
    page.get_by_label("上傳結訓證明及發票").set_input_files(_pdf("結訓證明.pdf"))
    page.get_by_role("button", name="上傳", exact=True).click()
    review.goto(f"{base}/review/")
    assert "待查核文件" in _main(review)
    _open_case(review, base, firm_name)
    review.get_by_role("button", name="結訓查核通過").click()
    pay = money.new_page()
    _log_in(pay, base, "finance-1")
    pay.goto(f"{base}/review/payments")
    pay.get_by_label("實際費用（新臺幣元）").fill("8800")
    pay.get_by_role("button", name="撥款", exact=True).click()

    # The raise bonus: evidence, claim, approval, payment; then the case closes.
    page.reload()
    assert "NT$880" in _main(page)  # 10 % of the NT$8,800 paid
    page.get_by_label("上傳加薪證明").set_input_files(_pdf("加薪前後薪資單.pdf"))
    page.get_by_role("button", name="上傳", exact=True).click()
    page.get_by_role("button", name="申請加薪加碼").click()
    _open_case(review, base, firm_name)
    review.get_by_role("button", name="核定加碼").click()
    pay.goto(f"{base}/review/payments")
    pay.get_by_role("button", name="撥付加碼 NT$880").click()
    pay.get_by_role("button", name=f"結案：{firm_name}").click()

    page.reload()
    timeline = page.locator("#timeline").locator("..").inner_text()
    for step in (
        "建立草稿",
        "已送件",
        "審查中",
        "待補件",
        "核定",
        "已結訓",
        "已撥款",
        "加碼已撥款",
        "結案",
    ):
        assert step in timeline, step
    amounts = page.locator("#amount").locator("..").inner_text()
    for amount in (
        "申請金額\nNT$9,000",
        "核定金額\nNT$9,000",
        "撥款金額\nNT$8,800",
        "加碼金額\nNT$880",
    ):
        assert amount in amounts, amount
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "whole-path-closed")
    application.refresh_from_db()
    assert (application.status, application.paid_amount, application.bonus_amount) == (
        Status.CLOSED,
        8_800,
        880,
    )
    budget = Budget.objects.get(round=round_, track="manufacturing")
    assert (budget.committed, budget.paid) == (9_680, 9_680)
    notices = [m for m in mail.outbox if m.to == ["owner@example.com"]]
    assert len(notices) == 1 + application.history.count()  # the verification + every change
    for context in (firm, staff, money):
        context.close()
