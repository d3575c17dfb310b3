"""The results as an action plan (finder.plan): its groups, totals, the registrations that
would open more, and the page and PDF that show it."""

from __future__ import annotations

import datetime as dt
import io
import re

from django.test import Client
from pypdf import PdfReader

from smewindow.finder.contacts import contact_html, tel_href
from smewindow.finder.plan import build_plan, display_results
from smewindow.finder.state import InterviewState
from smewindow.formatting import window_label
from smewindow.rules import screen

BAKERY = {
    "registration_type": "company", "industry": "08", "employees": 12, "employees_min_6m": 11,
    "paid_in_capital": 5_000_000, "factory_registration": True,
    "factory_registration_certificate": True, "special_products": ["bakery"],
    "trainees": 4, "raise_wages_by_2026_06_30": True, "county": "臺中市",
}  # fmt: skip
ON = dt.date(2025, 4, 1)


def link(answers: dict[str, object], on: dt.date = ON) -> str:
    state = InterviewState()
    for field, value in answers.items():
        state = state.answer(field, value)
    return f"on={on.isoformat()}&state={state.encode()}"


def test_the_plan_puts_what_the_firm_can_apply_for_now_first_and_counts_only_that() -> None:
    plan = build_plan(BAKERY, ON, "zh")
    now = {c.id for c in plan.apply_now}
    assert {"digital-training-subsidy", "livelihood-industry-transformation"} <= now
    assert plan.total == 44_000 + 500_000
    assert plan.nearest is not None and plan.nearest.id == "livelihood-industry-transformation"
    assert all(
        c.window in ("open", "ongoing") and c.eligibility == "eligible" for c in plan.apply_now
    )
    money = [
        c.kind_key in ("grant", "loan", "tax_saving", "guarantee", "points") for c in plan.apply_now
    ]
    assert money == sorted(money, reverse=True), "money before free services"


def test_closed_programs_are_never_counted_nor_mixed_with_open_ones() -> None:
    # On 2025-07-05 the livelihood window has closed; the training round is still open.
    plan = build_plan(BAKERY, dt.date(2025, 7, 5), "zh")
    closed = {c.id for c in plan.closed}
    assert "livelihood-industry-transformation" in closed
    assert not closed & {c.id for c in (*plan.apply_now, *plan.to_settle, *plan.later)}
    assert plan.total == 44_000


def test_a_round_not_yet_announced_comes_later_named_by_its_year_and_uncounted() -> None:
    # No 2026 round of the training subsidy or the livelihood measure was found (2026-12-04).
    plan = build_plan(BAKERY, dt.date(2026, 12, 4), "zh")
    later = {c.id: c for c in plan.later}
    for program_id in ("digital-training-subsidy", "livelihood-industry-transformation"):
        assert later[program_id].window_text == "115年度尚未公告"
        assert later[program_id].verified == "民國115年12月4日"
    assert not later.keys() & {c.id for c in (*plan.apply_now, *plan.closed)}
    assert plan.total == 0
    assert window_label("unannounced", dt.date(2027, 3, 1), "en") == "2027 round not yet announced"
    assert window_label("unannounced", dt.date(2025, 4, 1)) == "114年度尚未公告"
    assert window_label("closed", dt.date(2027, 3, 1)) == "已截止"


def test_an_undecided_program_carries_the_question_that_settles_most() -> None:
    plan = build_plan({"registration_type": "company", "industry": "08"}, ON, "zh")
    loan = next(c for c in plan.to_settle if c.id == "transformation-loan")
    assert loan.settling is not None and loan.settling.field == "employees"


def test_a_money_program_without_its_inputs_shows_its_cap_and_what_prices_it() -> None:
    answers = {**BAKERY, "trainees": None}
    plan = build_plan({k: v for k, v in answers.items() if v is not None}, ON, "zh")
    training = next(c for c in plan.to_settle if c.id == "digital-training-subsidy")
    assert training.amount is None and training.amount_text == "最高 NT$110,000"
    assert [q.field for q in training.amount_questions] == ["trainees"]
    assert (
        "每位本國籍受訓員工最高1萬元" in training.summary
        and "每家企業最高10萬元" in training.summary
    )


def test_a_registration_the_firm_could_make_says_what_it_would_open() -> None:
    stall = {"registration_type": "tax_only", "industry": "56", "employees": 2, "county": "臺南市"}
    plan = build_plan(stall, ON, "zh")
    openings = dict(plan.openings)
    assert "辦理商業登記（行號）" in openings
    opened = openings["辦理商業登記（行號）"]
    # The seed asks for 公司登記或商業登記 here (製造業(六)).
    assert "循環淨零知能提升與診斷服務" in opened
    card = next(c for c in plan.not_eligible if c.display_name == "循環淨零知能提升與診斷服務")
    assert card.opened_by == "辦理商業登記（行號）"
    assert card.lacks, "the card says which condition the firm lacks"


def test_a_case_the_sources_leave_open_is_undecided_with_nothing_to_answer() -> None:
    # The seed does not say whether a tax-registered stall may use iOPEN Mall: ask.
    stall = {"registration_type": "tax_only", "industry": "56", "employees": 2, "county": "臺南市"}
    plan = build_plan(stall, ON, "zh")
    card = next(c for c in plan.to_ask if c.id == "iopen-mall-local-gifts")
    assert not {c.id for c in plan.to_settle} & {c.id for c in plan.to_ask}
    assert card.settling is None and card.questions == ()
    assert (
        len(card.to_ask) == 1 and "僅辦理稅籍登記者：計畫未說明可否申請，請洽詢" in card.to_ask[0]
    )
    html = Client().get(f"/results?{link(stall)}").content.decode()
    page_card = html.split('id="p-iopen-mall-local-gifts"')[1].split("</article>")[0]
    asked = page_card.split("請向下方的聯絡窗口洽詢：")[1].split("</div>")[0]
    assert "僅辦理稅籍登記者：計畫未說明可否申請，請洽詢" in asked
    section = html.split('id="to-ask"')[1].split("</section>")[0]
    assert 'id="p-iopen-mall-local-gifts"' in section
    summary = html.split('id="summary"')[1].split("</section>")[0]
    assert f"另有 {len(plan.to_ask)} 項計畫沒有說清楚是否適用貴企業，請向承辦單位確認。" in summary
    loan = next(c for c in build_plan({"registration_type": "company"}, ON, "zh").to_settle)
    assert loan.questions and loan.to_ask == (), "a card with questions asks them instead"


def test_registering_the_factory_opens_what_an_exemption_does_not() -> None:
    livelihood = "民生產業（袋包、毛巾、烘焙食品、輔具）製造轉型"
    exempt = {**BAKERY, "factory_registration_certificate": False}
    assert dict(build_plan(exempt, ON, "zh").openings)["辦理工廠登記"] == (livelihood,)
    unregistered = {**BAKERY, "factory_registration": False}
    del unregistered["factory_registration_certificate"]
    opened = dict(build_plan(unregistered, ON, "zh").openings)["辦理工廠登記"]
    assert livelihood in opened and "30人以下中小微企業數位轉型培力補助" in opened
    assert "辦理工廠登記" not in dict(build_plan(BAKERY, ON, "zh").openings)


def test_a_condition_that_does_not_apply_reads_not_applicable() -> None:
    restaurant = {"registration_type": "business", "industry": "56", "employees": 25}
    program = next(
        p for p in screen(restaurant, on=ON)["programs"] if p["id"] == "digital-training-subsidy"
    )
    shown = dict(zip((c["id"] for c in program["criteria"]), display_results(program), strict=True))
    assert shown["manufacturer_has_factory_registration"] == "not_applicable"
    html = Client().get(f"/results?{link(restaurant)}").content.decode()
    assert "不適用：製造業者具工廠登記" in html
    assert "符合：製造業者具工廠登記" not in html


def test_phone_numbers_dial_with_their_extension_and_never_wrap() -> None:
    assert tel_href("04-23590112", " #323") == "tel:+886423590112,323"
    assert tel_href("(02)2567-3360") == "tel:+886225673360"
    html = contact_html("鞋技中心 林小姐 04-23590112 #323；<b>")
    assert '<a class="tel" href="tel:+886423590112,323">04-23590112 #323</a>' in html
    assert "&lt;b&gt;" in html
    page = Client().get(f"/results?{link(BAKERY)}").content.decode()
    assert 'class="tel" href="tel:+886800056476"' in page


def test_the_page_opens_with_the_summary_and_folds_closed_programs() -> None:
    html = Client().get(f"/results?{link(BAKERY, dt.date(2025, 7, 5))}").content.decode()
    summary = html.split('id="summary"')[1].split("</section>")[0]
    assert "現在可以申請" in summary
    closed = html.split('id="closed"')[1].split("</details>")[0]
    assert "民生產業（袋包、毛巾、烘焙食品、輔具）製造轉型" in closed
    assert "30人以下中小微企業數位轉型培力補助" not in closed
    assert "線上申請" not in closed
    assert html.index('id="summary"') < html.index('id="on"'), "the date picker comes last"


def test_the_pdf_follows_the_plan_and_prints_no_zero_amounts() -> None:
    response = Client().get(f"/results.pdf?{link(BAKERY)}")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = text.replace("\n", "")
    assert "NT$0" not in text
    assert "已知金額合計 NT$544,000" in text
    assert text.index("現在可以申請") < text.index("目前不符合")
    assert re.search(r"最近的截止日：民國114年6月30日", text)


def test_the_loan_shows_its_interest_subsidy_and_its_guarantee() -> None:
    borrower = {**BAKERY, "transformation_activities": ["pos"], "operating_normally": True}
    plan = build_plan({**borrower, "loan_amount": 2_000_000, "loan_purpose": "equipment"}, ON, "zh")
    loan = next(c for c in plan.apply_now if c.id == "transformation-loan")
    assert loan.amount_text == "NT$15,000"  # 2M x 1.5% x half a year
    assert loan.guarantee == "信用保證 90%，保證手續費每年約 NT$1,800"


def test_a_changed_gate_answer_drops_the_detail_it_rules_out() -> None:
    state = InterviewState().answer("is_listed", True).answer("listed_market", "twse")
    changed = state.answer("is_listed", False)
    assert changed.answers == {"is_listed": False}
    assert InterviewState.decode(changed.encode()) == changed, "the link still opens"


def test_a_firm_that_now_says_no_factory_registration_loses_its_certificate() -> None:
    state = InterviewState().answer("factory_registration", True)
    changed = state.answer("factory_registration_certificate", True).answer(
        "factory_registration", False
    )
    assert changed.answers == {"factory_registration": False}
    kept = state.answer("factory_registration_certificate", False).answer(
        "factory_registration", False
    )
    assert kept.answers == {
        "factory_registration": False,
        "factory_registration_certificate": False,
    }
