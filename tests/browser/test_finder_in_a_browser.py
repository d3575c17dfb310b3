"""The finder in a real browser (Debian's Chromium driven by Playwright), as a visitor
would use it: keyboard and clicks, no shortcuts. Screenshots go to var/test-artifacts/."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from smewindow.finder.state import InterviewState
from smewindow.rules import today_taipei
from smewindow.rules.interview import question_texts
from smewindow.rules.texts import fill

from .support import ARTIFACTS, fits, serious_violations, shot

GRID_LABELS = {"yes": "是", "no": "否", "unsure": "不確定"}


def row_text(row: str, key: str) -> str:
    """A grid row's text (its statement or question) as a page of today states it."""
    return fill(question_texts()[row][key], today_taipei())


def answer(page: Page, value: Any) -> None:
    """Answer the question on screen as a person would; None presses 不確定，跳過. On a grid,
    ``value`` maps rows to yes, no or unsure: each is the radio so labelled in the group
    named by the row's statement; a row left out is left unselected. On a number grid it
    maps rows to numbers, each typed in the box labelled by the row's question; "unsure"
    leaves the box blank."""
    if value is None:
        page.get_by_role("button", name="不確定，跳過").click()
        return
    if isinstance(value, dict):
        for row, chosen in value.items():
            if "statement" not in question_texts()[row]:
                box = page.get_by_label(row_text(row, "question"), exact=True)
                box.fill("" if chosen == "unsure" else str(chosen))
                continue
            group = page.get_by_role("group", name=row_text(row, "statement"), exact=True)
            radio = group.get_by_role("radio", name=GRID_LABELS[chosen], exact=True)
            radio.click()
            assert radio.is_checked()
        page.get_by_role("button", name="下一題").click()
        return
    values = value if isinstance(value, list) else [value]
    for item in values:
        if page.locator("select#value").count():
            page.select_option("select#value", item)
        elif page.locator("input#value").count():
            page.fill("input#value", str(item))
        else:
            page.locator(f"input[name=value][value='{item}']").check()
    page.get_by_role("button", name="下一題").click()


RESTAURANT = {
    "needs": ["funding", "digital"], "registration_type": "business", "industry": "56",
    "employees": 3, "factory_registration": "no", "special_products": "__none__",
    "operating_normally": "yes",
    "transformation_activities": ["pos", "mobile_payment"], "own_brand": "no",
    "trade_registration": "no", "is_listed": "no", "trainees": 2, "wage_raise_verified": "no",
    "paid_in_capital": 300000,
}  # fmt: skip
PLASTICS = {
    "registration_type": "company", "industry": "22", "employees": 25, "employees_min_6m": 23,
    "paid_in_capital": 20000000, "factory_registration": "yes", "prc_investment": "no",
    "special_products": "__none__", "operating_normally": "yes",
    "transformation_activities": ["erp", "energy_saving"], "own_brand": "no",
    "trade_registration": "yes", "export_record": "yes", "is_listed": "no", "trainees": 6,
    "new_young_senior_hires": 1, "base_wage_raise_total": 300000, "rd_expense": 500000,
}  # fmt: skip
"""The plastics factory's owner skips the first question (every program in scope) and is unsure
whether its pay raise was verified: 不確定. The restaurant's owner says what it needs."""


@pytest.mark.parametrize(
    ("name", "truth", "expect", "most"),
    [
        ("restaurant", RESTAURANT, "transformation-loan", 8),
        ("plastics", PLASTICS, "cloud-market-digital-points", 12),
    ],
)
def test_walk_the_interview_to_the_results(
    live_server: Any, phone: Page, name: str, truth: dict[str, Any], expect: str, most: int
) -> None:
    phone.goto(f"{live_server.url}/")
    shot(phone, f"{name}-home")
    phone.get_by_role("link", name="開始回答問題").click()
    screens: list[str] = []
    while phone.get_by_role("button", name="下一題").count() and len(screens) < 30:
        field = phone.locator("input[name=field]").first.get_attribute("value") or ""
        rows = [r.get_attribute("value") or "" for r in phone.locator("input[name=row]").all()]
        if not screens:
            shot(phone, f"{name}-first-question")
        if rows:
            shot(phone, f"{name}-grid-{field}")
            assert fits(phone)
            if phone.locator("p.grid-number").count():  # a number grid: a labelled box a row
                assert phone.get_by_role("textbox").count() == len(rows)
            else:
                assert phone.get_by_role("radio").count() == 3 * len(rows)
        answer(phone, {r: truth.get(r, "unsure") for r in rows} if rows else truth.get(field))
        screens.append(field)
    assert "firm" in screens, "the firm's yes/no facts come on one grid"
    if truth is PLASTICS:  # its 不確定 is recorded as unknown, not as no
        state = InterviewState.decode(phone.url.split("state=")[1].split("&")[0])
        assert "wage_raise_verified" in state.skipped
        assert "wage_raise_verified" not in state.answers
    assert phone.locator("h1").inner_text() == "貴企業的行動方案"
    assert len(screens) <= most
    assert phone.locator(f"#p-{expect}").count() == 1, "a card, not a line of 不符合"
    shot(phone, f"{name}-results")
    assert fits(phone)
    with phone.expect_download() as download:
        phone.get_by_role("link", name="把截止日加入行事曆（.ics）").click()
    assert download.value.suggested_filename.endswith(".ics")
    with phone.expect_download() as report:
        phone.get_by_role("link", name="下載行動方案（PDF）").click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report.value.save_as(ARTIFACTS / f"{name}-report.pdf")
    assert (ARTIFACTS / f"{name}-report.pdf").read_bytes().startswith(b"%PDF")


def test_keyboard_only_answer_and_back(live_server: Any, phone: Page) -> None:
    phone.goto(f"{live_server.url}/finder")
    phone.keyboard.press("Tab")  # the skip link comes first
    assert phone.evaluate("document.activeElement.textContent") == "跳到主要內容"
    assert phone.locator("input[name=field]").first.get_attribute("value") == "needs"
    phone.get_by_role("checkbox", name="都想看看").focus()
    phone.keyboard.press("Space")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")  # implicit submission: the first button, 下一題
    assert phone.locator("input[name=field]").first.get_attribute("value") == "registration_type"
    assert len(state_in(phone).answers["needs"]) == 11, "「都想看看」 is every need"
    phone.get_by_role("link", name="← 上一題（修改答案）").click()
    assert phone.locator("input[name=field]").first.get_attribute("value") == "needs"


FIRM_SCREEN = "/finder?on=2025-04-01&state=" + (
    InterviewState()
    .answer("registration_type", "business")
    .answer("industry", "56")
    .answer("employees", 3)
    .answer("special_products", [])
    .encode()
)


def state_in(page: Page) -> InterviewState:
    return InterviewState.decode(page.url.split("state=")[1].split("&")[0])


def test_keyboard_only_answer_a_grid_and_go_on(live_server: Any, phone: Page) -> None:
    phone.goto(f"{live_server.url}{FIRM_SCREEN}")
    assert phone.locator("input[name=field]").first.get_attribute("value") == "firm"
    grid = phone.get_by_role("group", name="下列各項是否符合貴企業目前的情況？", exact=False)
    assert grid.get_by_role("group").count() == 5 and grid.get_by_role("radio").count() == 15
    for _ in range(10):  # from the top of the page to the first row
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.type") == "radio":
            break
    focused = "document.activeElement.name + '=' + document.activeElement.value"
    assert phone.evaluate(focused) == "value-operating_normally=yes"
    assert phone.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    phone.keyboard.press("Space")  # 是
    phone.keyboard.press("Tab")  # the next row
    assert phone.evaluate(focused) == "value-own_brand=yes"
    phone.keyboard.press("ArrowRight")  # 否
    phone.keyboard.press("Tab")
    phone.keyboard.press("ArrowRight")
    phone.keyboard.press("ArrowRight")  # 不確定
    assert phone.evaluate(focused) == "value-trade_registration=unsure"
    shot(phone, "firm-grid-keyboard")
    for _ in range(10):  # past the rows left unselected, to the first button
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.tagName") == "BUTTON":
            break
    assert phone.evaluate("document.activeElement.textContent") == "下一題"
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    state = state_in(phone)
    assert state.answers["operating_normally"] is True and state.answers["own_brand"] is False
    assert set(state.skipped) == {"trade_registration", "is_listed", "wage_raise_verified"}
    phone.get_by_role("link", name="← 上一題（修改答案）").focus()
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert phone.locator("input[name=field]").first.get_attribute("value") == "firm"
    assert phone.locator("input[type=radio]:checked").count() == 0, "back undid the grid"
    phone.get_by_role("button", name="不確定，跳過").focus()
    with phone.expect_navigation():
        phone.keyboard.press("Space")
    assert len(state_in(phone).skipped) == 5 and "own_brand" not in state_in(phone).answers


@pytest.mark.parametrize(
    "path", ["/", "/finder", FIRM_SCREEN, "/programs/", "/programs/transformation-loan"]
)
def test_pages_fit_a_360_px_phone(live_server: Any, phone: Page, path: str) -> None:
    phone.goto(f"{live_server.url}{path}")
    assert fits(phone)


def _bakery_results_path() -> str:
    state = InterviewState()
    for field, value in {"registration_type": "company", "industry": "08", "employees": 12,
                         "special_products": ["bakery"], "factory_registration": True}.items():  # fmt: skip
        state = state.answer(field, value)
    return f"/results?on=2025-04-01&state={state.encode()}"


@pytest.mark.parametrize(
    "path",
    ["/", "/finder", FIRM_SCREEN, "RESULTS", "/programs/digital-training-subsidy", "/programs/"],
)
def test_no_serious_or_critical_accessibility_violations(
    live_server: Any, browser: Browser, path: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + (_bakery_results_path() if path == "RESULTS" else path))
    serious = serious_violations(page)
    page.close()
    assert serious == []


def test_a_stall_the_plan_is_silent_on_is_told_whom_to_ask(
    live_server: Any, phone: Page, browser: Browser
) -> None:
    """A tax-registered stall in December 2026: programmes the plan is silent on for it say
    what to ask and whom; programmes without a 2026 round say 115年度尚未公告 (issue 12)."""
    state = InterviewState()
    for field, value in {"registration_type": "tax_only", "industry": "56", "employees": 2,
                         "county": "臺南市"}.items():  # fmt: skip
        state = state.answer(field, value)
    path = f"/results?on=2026-12-04&state={state.encode()}"
    phone.goto(live_server.url + path)
    card = phone.locator("#p-iopen-mall-local-gifts")
    assert "請向下方的聯絡窗口洽詢" in card.inner_text()
    assert "僅辦理稅籍登記者：計畫未說明可否申請，請洽詢" in card.locator("div.settle").inner_text()
    assert "115年度尚未公告" in phone.locator("main").inner_text()
    assert fits(phone)
    shot(phone, "stall-2026-360")
    desk = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    desk.goto(live_server.url + path)
    shot(desk, "stall-2026-1280")
    assert serious_violations(desk) == []
    desk.close()
