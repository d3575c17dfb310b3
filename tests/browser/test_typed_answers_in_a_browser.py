"""A bakery owner on a 360 px phone (Debian's Chromium driven by Playwright): finds the
industry by typing 麵包, picks the result, types 「100萬」 for capital after a wrong entry.
Screenshots go to var/test-artifacts/."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from smewindow.finder.state import InterviewState

from .support import serious_violations, shot


def field_on(page: Page) -> str:
    return page.locator("input[name=field]").first.get_attribute("value") or ""


def state_in(page: Page) -> InterviewState:
    return InterviewState.decode(page.url.split("state=")[1].split("&")[0])


def find_the_bakery_industry(phone: Page) -> None:
    """Search 麵包, check what is found, pick the first result and go on."""
    phone.get_by_label("用平常的說法找行業").fill("麵包")
    phone.get_by_role("button", name="搜尋行業").click()
    results = phone.get_by_role("group", name="「麵包」找到的行業", exact=False)
    options = results.get_by_role("radio")
    assert options.count() == 2
    assert results.locator("label").first.inner_text().strip().startswith("08 食品及飼品製造業")
    assert "可能登記為零售業" in results.locator("label").nth(1).inner_text()
    assert phone.get_by_label("用平常的說法找行業").input_value() == "麵包"
    assert phone.locator("select#value option[value='47']").count() == 1, "the full list stays"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "industry-search-bakery")
    assert serious_violations(phone) == []
    options.first.check()
    phone.get_by_role("button", name="下一題").click()
    assert state_in(phone).answers["industry"] == "08"


def type_the_capital(phone: Page) -> None:
    """A wrong entry first (it stays in the box, with the error), then 100萬."""
    box = phone.get_by_label("實收資本額（新臺幣元）")
    box.fill("一百萬多")
    phone.get_by_role("button", name="下一題").click()
    assert box.input_value() == "一百萬多", "the typed text stays"
    assert box.get_attribute("aria-invalid") == "true"
    assert "無法讀成數字：一百萬多" in phone.get_by_role("alert").inner_text()
    shot(phone, "capital-typed-wrong")
    box.fill("100萬")
    shot(phone, "capital-100-wan")
    phone.get_by_role("button", name="下一題").click()
    assert state_in(phone).answers["paid_in_capital"] == 1_000_000


def test_a_bakery_finds_its_industry_and_types_its_capital_in_words(
    live_server: Any, phone: Page
) -> None:
    phone.goto(f"{live_server.url}/finder?on=2025-04-01")
    phone.get_by_label("資金與貸款").check()  # the first screen: what the bakery needs
    phone.get_by_role("button", name="下一題").click()
    phone.get_by_label("公司登記（股份有限公司、有限公司等）").check()
    phone.get_by_role("button", name="下一題").click()
    done: list[str] = []
    for _ in range(20):  # in the interview's own order; the owner skips the others
        field = field_on(phone)
        if field == "industry":
            find_the_bakery_industry(phone)
        elif field == "paid_in_capital":
            type_the_capital(phone)
        else:  # unsure of the headcount, the owner is asked the capital
            phone.get_by_role("button", name="不確定，跳過").click()
        done.append(field)
        if {"industry", "paid_in_capital"} <= set(done):
            break
    answers = state_in(phone).answers
    assert answers["industry"] == "08" and answers["paid_in_capital"] == 1_000_000
