"""The finder in a real browser (Debian's Chromium driven by Playwright), as a visitor
would use it: keyboard and clicks, no shortcuts. Screenshots go to var/test-artifacts/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from smewindow.finder.state import InterviewState
from smewindow.rules.interview import question_texts

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"
os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's loop runs in the test thread


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 360, "height": 800}, locale="zh-TW")
    yield page
    page.close()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def answer(page: Page, value: Any) -> None:
    """Answer the question on screen as a person would; None presses 不確定. On a screen of
    boxes, ``value`` lists the boxes to tick (by the statement each box's label shows)."""
    if value is None:
        page.get_by_role("button", name="不確定，跳過").click()
        return
    values = value if isinstance(value, list) else [value]
    for item in values:
        if page.locator("input[name=box]").count():
            statement = question_texts()[item]["statement"]
            page.get_by_role("checkbox", name=statement, exact=True).check()
        elif page.locator("select#value").count():
            page.select_option("select#value", item)
        elif page.locator("input#value").count():
            page.fill("input#value", str(item))
        else:
            page.locator(f"input[name=value][value='{item}']").check()
    page.get_by_role("button", name="下一題").click()


RESTAURANT = {
    "registration_type": "business", "industry": "56", "employees": 3,
    "factory_registration": "no", "special_products": "__none__", "operating_normally": "yes",
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
    "wage_raise_verified": "no", "new_young_senior_hires": 1, "base_wage_raise_total": 300000,
    "rd_expense": 500000,
}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "truth", "expect", "most"),
    [
        ("restaurant", RESTAURANT, "30人以下中小微企業優惠貸款", 10),
        ("plastics", PLASTICS, "雲市集工業館 數位點數補助", 12),
    ],
)
def test_walk_the_interview_to_the_results(
    live_server: Any, phone: Page, name: str, truth: dict[str, Any], expect: str, most: int
) -> None:
    phone.goto(f"{live_server.url}/")
    shot(phone, f"{name}-home")
    phone.get_by_role("link", name="開始回答問題").click()
    screens: list[str] = []
    while phone.locator("input[name=field]").count() and len(screens) < 30:
        field = phone.locator("input[name=field]").first.get_attribute("value") or ""
        boxes = [b.get_attribute("value") for b in phone.locator("input[name=box]").all()]
        if not screens:
            shot(phone, f"{name}-first-question")
        if boxes:
            shot(phone, f"{name}-checks-{field}")
        answer(phone, [b for b in boxes if truth[b] == "yes"] if boxes else truth.get(field))
        screens.append(field)
    assert "firm" in screens, "the firm's yes/no facts come on one screen of boxes"
    assert phone.locator("h1").inner_text().startswith("篩選結果")
    assert len(screens) <= most
    eligible = phone.locator("section.eligible")
    assert expect in eligible.inner_text()
    shot(phone, f"{name}-results")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    with phone.expect_download() as download:
        phone.get_by_role("link", name="下載符合措施的截止日行事曆（.ics）").click()
    assert download.value.suggested_filename.endswith(".ics")
    with phone.expect_download() as report:
        phone.get_by_role("link", name="下載篩選結果報告（PDF）").click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report.value.save_as(ARTIFACTS / f"{name}-report.pdf")
    assert (ARTIFACTS / f"{name}-report.pdf").read_bytes().startswith(b"%PDF")


def test_keyboard_only_answer_and_back(live_server: Any, phone: Page) -> None:
    phone.goto(f"{live_server.url}/finder")
    phone.keyboard.press("Tab")  # the skip link comes first
    assert phone.evaluate("document.activeElement.textContent") == "跳到主要內容"
    phone.locator("input[name=value][value=company]").focus()
    phone.keyboard.press("Space")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")  # implicit submission: the first button, 下一題
    assert phone.locator("input[name=field]").first.get_attribute("value") != "registration_type"
    phone.get_by_role("link", name="← 上一題（修改答案）").click()
    assert phone.locator("input[name=field]").first.get_attribute("value") == "registration_type"


FIRM_SCREEN = "/finder?on=2025-04-01&state=" + (
    InterviewState()
    .answer("registration_type", "business")
    .answer("industry", "56")
    .answer("employees", 3)
    .answer("special_products", [])
    .encode()
)


def test_keyboard_only_tick_boxes_and_go_on(live_server: Any, phone: Page) -> None:
    phone.goto(f"{live_server.url}{FIRM_SCREEN}")
    assert phone.locator("input[name=field]").first.get_attribute("value") == "firm"
    group = phone.get_by_role("group", name="下列哪些符合貴企業目前的情況？", exact=False)
    assert group.get_by_role("checkbox").count() == 5
    group.get_by_role("checkbox").first.focus()
    assert phone.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    phone.keyboard.press("Space")
    for _ in range(10):  # on through the other boxes to the first button
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.tagName") == "BUTTON":
            break
    assert phone.evaluate("document.activeElement.textContent") == "下一題"
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    state = InterviewState.decode(phone.url.split("state=")[1].split("&")[0])
    assert state.answers["operating_normally"] is True and state.answers["own_brand"] is False
    phone.get_by_role("link", name="← 上一題（修改答案）").click()
    assert phone.locator("input[name=field]").first.get_attribute("value") == "firm"
    phone.get_by_role("button", name="逐項回答").click()
    assert phone.locator("input[name=field]").first.get_attribute("value") == "operating_normally"


@pytest.mark.parametrize("path", ["/", "/finder", "/programs/", "/programs/transformation-loan"])
def test_pages_fit_a_360_px_phone(live_server: Any, phone: Page, path: str) -> None:
    phone.goto(f"{live_server.url}{path}")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BAKERY_STATE = None


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
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    page.close()
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
