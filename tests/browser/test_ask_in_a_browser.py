"""The ask box in a real browser (Debian's Chromium driven by Playwright): a bakery owner asks
from the home page's header, reads the answer, follows it into the finder with the facts it
read; a question from a program page is answered with its figures; a question the rules do
not answer goes to the desk with the question filled in. No serious accessibility violations
at 360 and 1280 px. Screenshots go to var/test-artifacts/."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from .support import fits, serious_violations, shot


def _ask(page: Page, question: str) -> None:
    box = page.get_by_role("search", name="問問題")
    box.get_by_label("問問題").fill(question)
    box.get_by_role("button", name="問").click()
    page.wait_for_url("**/ask/?q=*")


def test_a_bakery_asks_from_the_home_page_and_goes_on(live_server: Any, phone: Page) -> None:
    phone.goto(f"{live_server.url}/")
    assert fits(phone) and serious_violations(phone) == []
    shot(phone, "ask-home-360")
    _ask(phone, "我們8個人的烘焙坊在台中，可以申請什麼？")
    answer = phone.get_by_role("region", name="回答")
    assert "依您提供的資料" in answer.inner_text()
    assert "「8個人」" in answer.inner_text()
    assert fits(phone) and serious_violations(phone) == []
    shot(phone, "ask-firm-360")
    phone.get_by_role("link", name="帶著這些資料看完整的結果").click()
    phone.wait_for_url("**/results?state=*")
    assert phone.locator("h1").first.is_visible()


def test_a_question_from_a_program_page_is_answered_with_its_figures(
    live_server: Any, browser: Any
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    page.goto(f"{live_server.url}/programs/transformation-loan")
    _ask(page, "優惠帶款利率最高多少")  # a typo: 帶 for 貸
    answer = page.get_by_role("region", name="回答")
    assert "30人以下中小微企業優惠貸款" in answer.inner_text()
    assert "利率上限" in answer.inner_text() and "數字的出處" in answer.inner_text()
    assert serious_violations(page) == []
    shot(page, "ask-loan-1280")
    page.get_by_role("link", name="30人以下中小微企業優惠貸款", exact=True).click()
    page.wait_for_url("**/programs/transformation-loan")
    page.close()


def test_a_question_the_rules_do_not_answer_goes_to_the_desk(live_server: Any, phone: Page) -> None:
    phone.goto(f"{live_server.url}/catalog/courses")
    _ask(phone, "優惠貸款撥款要多久？")
    refused = phone.get_by_role("region", name="這個問題，規定裡沒有答案")
    assert "30人以下中小微企業優惠貸款" in refused.inner_text()  # the closest program
    assert fits(phone) and serious_violations(phone) == []
    shot(phone, "ask-refused-360")
    phone.get_by_role("link", name="把這個問題交給服務中心").click()
    phone.wait_for_url("**/desk/ask/?*")
    assert phone.get_by_label("您想詢問的問題（必填）").input_value() == "優惠貸款撥款要多久？"


def test_a_firm_sees_its_own_terms_and_what_was_not_understood(
    live_server: Any, browser: Any, phone: Page
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    page.goto(f"{live_server.url}/")
    _ask(page, "我們是台中的木工廠，8個人，想借500萬買機器，優惠貸款可以借幾年？")
    answer = page.get_by_role("region", name="回答")
    assert "依您的條件" in answer.inner_text() and "7年" in answer.inner_text()
    assert serious_violations(page) == []
    shot(page, "ask-firm-terms-1280")
    page.close()
    phone.goto(f"{live_server.url}/")
    _ask(phone, "阮是宜蘭的糕餅店，做在地特色的牛舌餅，地方特色產業通路輔導敢有阮的份？")
    unclear = phone.get_by_role("region", name="問題裡有我看不懂的地方")
    assert "「牛舌餅」" in unclear.inner_text()
    assert fits(phone) and serious_violations(phone) == []
    shot(phone, "ask-unclear-360")
    phone.get_by_role("link", name="帶著這些資料看完整的結果").click()
    phone.wait_for_url("**/results?state=*")


def test_a_typed_by_sound_question_gets_its_answer_and_whether_it_is_open(
    live_server: Any, phone: Page
) -> None:
    phone.goto(f"{live_server.url}/")
    _ask(phone, "利習補帖是借多少以內才有？")  # 利息補貼, typed by sound
    answer = phone.get_by_role("region", name="回答").inner_text()
    assert "30人以下中小微企業優惠貸款" in answer and "利息補貼" in answer
    assert "受理" in answer  # whether the loan takes applications, though nobody asked
    assert fits(phone) and serious_violations(phone) == []
    shot(phone, "ask-typo-360")


def test_a_question_about_one_line_of_a_program_gets_that_line(
    live_server: Any, browser: Any
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    page.goto(f"{live_server.url}/")
    _ask(page, "貸款100萬以內是不是用簡易評分表就好？")
    answer = page.get_by_role("region", name="回答").inner_text()
    assert "銀行簡易評分表" in answer  # the loan's next steps, where the words are
    assert serious_violations(page) == []
    shot(page, "ask-one-line-1280")
    page.close()
