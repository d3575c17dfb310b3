"""The finder's pages through Django's test client: the interview end to end, without
JavaScript, the results, the program pages and bad links."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from markupsafe import escape

from smewindow.finder.contacts import contact_html
from smewindow.finder.state import InterviewState
from smewindow.rules import PROGRAMS
from smewindow.rules.needs import NEEDS, need_label
from smewindow.rules.texts import fill

ON = "2025-04-01"


@pytest.fixture
def client() -> Client:
    return Client(enforce_csrf_checks=True)


def csrf(client: Client, html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "every form carries a CSRF token"
    return match.group(1)


def current_field(html: str) -> str:
    match = re.search(r'name="field" value="([a-z0-9_]+)"', html)
    assert match
    return match.group(1)


def rows(html: str) -> list[str]:
    """The rows of a grid of yes/no questions (none on another screen)."""
    return re.findall(r'name="row" value="([a-z0-9_]+)"', html)


def answer(client: Client, page: Any, value: Any | None) -> Any:
    """Answer the screen on ``page`` (None: 不確定，跳過; on a grid, a dict of rows chosen,
    yes, no or unsure) and follow the redirect."""
    return client.post("/finder", form(client, page, value), follow=True)


def form(client: Client, page: Any, value: Any | None) -> dict[str, Any]:
    """What the form on ``page`` posts for ``value`` (None: 不確定，跳過; on a grid, a dict
    of the rows chosen, each yes, no or unsure)."""
    html = page.content.decode()
    state = re.search(r'name="state" value="([^"]*)"', html).group(1)
    data: dict[str, Any] = {
        "csrfmiddlewaretoken": csrf(client, html),
        "state": state,
        "on": ON,
        "field": current_field(html),
        "action": "skip" if value is None else "answer",
    }
    if rows(html):
        data["row"] = rows(html)
        data.update({f"value-{row}": chosen for row, chosen in (value or {}).items()})
    elif value is not None:
        data["value"] = value
    return data


def state_of(response: Any) -> InterviewState:
    """The state a redirect carries."""
    return InterviewState.decode(response["Location"].split("state=")[1].split("&")[0])


RESTAURANT = {
    "registration_type": "business", "industry": "56", "employees": "3",
    "factory_registration": "no", "special_products": "__none__", "operating_normally": "yes",
    "transformation_activities": ["pos", "mobile_payment"], "own_brand": "no",
    "trade_registration": "no", "is_listed": "no", "trainees": "2", "wage_raise_verified": "no",
    "paid_in_capital": "300000",
}  # fmt: skip


def test_home_has_the_desk_and_one_start_button(client: Client) -> None:
    html = client.get("/").content.decode()
    assert 'lang="zh-Hant-TW"' in html
    assert "0800-056-476" in html and 'href="/finder"' in html
    assert all(p.name in html for p in PROGRAMS)


def walk(client: Client, truth: dict[str, Any]) -> tuple[list[str], str]:
    """Walk the interview as the owner who knows ``truth``: on a grid, choose yes or no on
    the rows it knows and leave the others. The fields (or topics) of the screens shown and
    the last page."""
    page = client.get(f"/finder?on={ON}")
    screens: list[str] = []
    while "<h1>貴企業的行動方案" not in (html := page.content.decode()):
        field = current_field(html)
        assert field not in screens
        screens.append(field)
        shown = rows(html)
        value = {r: truth[r] for r in shown if r in truth} if shown else truth.get(field)
        page = answer(client, page, value)
        assert page.status_code == 200
        assert len(screens) < 25
    return screens, html


def test_a_restaurant_walks_the_interview_to_its_results(client: Client) -> None:
    screens, html = walk(client, RESTAURANT)
    assert "firm" in screens, "the yes/no facts of the firm come on one grid"
    assert len(screens) <= 10
    assert "30人以下中小微企業優惠貸款" in html
    assert "現在可以申請" in html and "目前不符合" in html


def test_an_owner_unsure_of_some_rows_answers_the_others_on_the_same_screen(
    client: Client,
) -> None:
    unsure = {k: v for k, v in RESTAURANT.items() if k != "is_listed"}
    screens, html = walk(client, unsure)
    assert "firm" in screens and len(screens) <= 8
    assert "is_listed" not in screens, "the row left unknown is not asked again"
    assert "listed_market" not in screens, "which market presupposes shares that are listed"
    assert "30人以下中小微企業優惠貸款" in html


def needs_boxes(html: str) -> list[tuple[str, str]]:
    """The checkboxes of the needs screen: (value, label)."""
    return re.findall(
        r'<input type="checkbox" name="value" value="([a-z_]+)"> ([^<]+)</label>', html
    )


def test_the_first_screen_asks_what_the_firm_needs(client: Client) -> None:
    html = client.get(f"/finder?on={ON}").content.decode()
    assert current_field(html) == "needs" and "最想在哪些方面得到協助" in html
    assert needs_boxes(html) == [*((n, need_label(n)) for n in NEEDS), ("__all__", "都想看看")]
    assert "都沒有" not in html
    assert "這一題可能決定" not in html, "the needs decide no program"
    # Two needs ticked: they are recorded, and the interview goes on to the programs serving
    # them (the others are screened too).
    page = answer(client, client.get(f"/finder?on={ON}"), ["funding", "export"])
    assert page.redirect_chain and current_field(page.content.decode()) == "registration_type"
    assert state_of_page(page).answers == {"needs": ["funding", "export"]}
    # 「都想看看」 is every need, in order, even with some ticked too.
    for ticked in (["__all__"], ["hiring", "__all__"]):
        page = answer(client, client.get(f"/finder?on={ON}"), ticked)
        assert state_of_page(page).answers == {"needs": list(NEEDS)}


@pytest.mark.parametrize(
    ("ticked", "error"),
    [
        (None, "請至少勾選一項；都想了解，請勾選「都想看看」。"),
        (["__none__"], "選項不正確，請再選一次。"),
        (["money"], "選項不正確，請再選一次。"),
    ],
)
def test_an_empty_or_wrong_needs_answer_is_refused(
    client: Client, ticked: list[str] | None, error: str
) -> None:
    page = client.get(f"/finder?on={ON}")
    data = {**form(client, page, []), "action": "answer"}
    if ticked:
        data["value"] = ticked
    response = client.post("/finder", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert error in html and current_field(html) == "needs"


def test_skipping_the_needs_asks_about_every_program(client: Client) -> None:
    page = answer(client, client.get(f"/finder?on={ON}"), None)
    assert current_field(page.content.decode()) == "registration_type"
    assert state_of_page(page).skipped == ("needs",)


def test_the_results_offer_a_gate_before_its_question(client: Client) -> None:
    """A firm with tax registration only is offered 是否在境外登記, never 主要營業活動是否在臺灣
    (asked only of a firm registered abroad); once it says it is not, neither."""
    stall = {"registration_type": "tax_only", "industry": "56", "employees": 2}
    state = InterviewState().record(stall)
    html = client.get(f"/results?on={ON}&state={state.encode()}").content.decode()
    assert "ask=registered_abroad" in html
    assert "main_operations_in_taiwan" not in html and "主要營業活動是否在臺灣" not in html
    domestic = state.answer("registered_abroad", False)
    html = client.get(f"/results?on={ON}&state={domestic.encode()}").content.decode()
    assert "ask=registered_abroad" not in html and 'name="field" value="trainees"' in html
    assert "main_operations_in_taiwan" not in html and "主要營業活動是否在臺灣" not in html


def state_of_page(page: Any) -> InterviewState:
    """The state a question page carries in its form."""
    html = page.content.decode()
    return InterviewState.decode(re.search(r'name="state" value="([^"]*)"', html).group(1))


def test_a_wrong_answer_is_explained_and_nothing_moves(client: Client) -> None:
    page = client.get(f"/finder?on={ON}")
    state = InterviewState().answer("registration_type", "company")
    page = client.get(f"/finder?on={ON}&state={state.encode()}")
    field = current_field(page.content.decode())
    assert field == "employees"
    response = answer(client, page, "many")
    assert response.status_code == 422
    html = response.content.decode()
    assert 'role="alert"' in html and "無法讀成數字：many" in html
    assert current_field(html) == "employees" and 'value="many"' in html


def test_back_removes_the_last_answer(client: Client) -> None:
    state = InterviewState().answer("registration_type", "company").answer("employees", 8)
    response = client.get(f"/finder?on={ON}&state={state.encode()}&back=1")
    assert response.status_code == 302
    assert state_of(response).answers == {"registration_type": "company"}


FIRM = {"registration_type": "business", "industry": "56", "employees": 3, "special_products": []}
FIRM_ROWS = ["operating_normally", "own_brand", "trade_registration", "is_listed",
             "wage_raise_verified"]  # fmt: skip


def firm_screen(client: Client) -> Any:
    """The grid about the firm, as a restaurant owner comes to it."""
    state = InterviewState()
    for field, value in FIRM.items():
        state = state.answer(field, value)
    page = client.get(f"/finder?on={ON}&state={state.encode()}")
    assert current_field(page.content.decode()) == "firm"
    return page


def test_a_grid_is_a_fieldset_per_row_of_three_labelled_radios(client: Client) -> None:
    html = firm_screen(client).content.decode()
    assert rows(html) == FIRM_ROWS
    outer = html.split("<fieldset>")[1]
    assert outer.startswith("\n    <legend>下列各項是否符合貴企業目前的情況？")
    assert "不確定或沒有選擇的項目，不會視為「否」" in outer and "為什麼問：" in html
    found = re.findall(
        r'<fieldset class="grid-row"[^>]*>\s*<legend[^>]*>([^<]+)</legend>\s*(.*?)</fieldset>',
        html,
        re.S,
    )
    assert [statement for statement, _ in found] == [
        "正常營運，沒有退票或不良信用紀錄", "擁有自有品牌", "已辦理出進口廠商登記",
        "股票已上市、上櫃，或在興櫃市場交易", "員工加薪已經金融機構或信保基金核認",
    ]  # fmt: skip
    for row, (_, radios) in zip(FIRM_ROWS, found, strict=True):
        labels = re.findall(
            r'<label class="grid-answer"[^>]*><input type="radio" name="value-([a-z_]+)" '
            r'value="([a-z]+)"> ([^<]+)</label>',
            radios,
        )
        assert labels == [(row, "yes", "是"), (row, "no", "否"), (row, "unsure", "不確定")]
        assert "checked" not in radios, "no answer is chosen for the owner"
    assert 'type="checkbox"' not in html
    # Brand counselling stays open: a restaurant is not a manufacturer, but the program is
    # only mainly (為主) for manufacturers.
    assert "已回答 4 題；30 項措施中已確定 22 項。" in html
    assert ">下一題</button>" in html and ">不確定，跳過</button>" in html
    assert "逐項回答" not in html and "one_by_one" not in html


def test_rows_answered_yes_or_no_are_recorded_the_rest_stay_unknown_and_back_undoes_them(
    client: Client,
) -> None:
    chosen = {"operating_normally": "yes", "own_brand": "no", "trade_registration": "unsure"}
    response = client.post("/finder", form(client, firm_screen(client), chosen))
    assert response.status_code == 302
    state = state_of(response)
    assert state.answers == {**FIRM, "operating_normally": True, "own_brand": False}
    assert state.skipped == ("trade_registration", "is_listed", "wage_raise_verified")
    assert state.order[-1] == tuple(FIRM_ROWS), "the grid is one step"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert current_field(html) not in ("firm", *FIRM_ROWS) and "已回答 5 題" in html
    screens = []
    while "<h1>貴企業的行動方案" not in (html := page.content.decode()):
        screens.append(current_field(html))
        screens.extend(rows(html))
        page = answer(client, page, None)
    assert not set(screens) & {"firm", *FIRM_ROWS}, "no row of the grid is asked again"
    # Back undoes the whole grid, answers and unknowns alike; the grid comes again.
    back = client.get(f"/finder?on={ON}&state={state.encode()}&back=1")
    assert state_of(back).answers == FIRM and state_of(back).skipped == ()
    assert current_field(client.get(back["Location"]).content.decode()) == "firm"
    # Changing one row from the results: the unknown becomes an answer.
    changed = state.answer("is_listed", False)
    assert changed.answers["is_listed"] is False and "is_listed" not in changed.skipped
    assert changed.order[-2:] == (
        tuple(r for r in FIRM_ROWS if r != "is_listed"),
        ("is_listed",),
    )


def test_not_sure_or_nothing_chosen_leaves_every_row_unknown(client: Client) -> None:
    for value in (None, {}):  # 不確定，跳過; 下一題 with no row chosen
        response = client.post("/finder", form(client, firm_screen(client), value))
        state = state_of(response)
        assert state.skipped == tuple(FIRM_ROWS) and state.answers == FIRM
        assert state.order[-1] == tuple(FIRM_ROWS)
    screens, page = [], client.get(response["Location"])
    while "<h1>貴企業的行動方案" not in (html := page.content.decode()):
        screens.append(current_field(html))
        page = answer(client, page, None)
    assert not set(screens) & {"firm", *FIRM_ROWS}, "a skipped row is not asked again"


@pytest.mark.parametrize(
    "extra",
    [
        {"value-employees": "yes"},  # a field not on this grid
        {"value-<script>": "yes"},
        {"value": "operating_normally"},  # the old box to tick
        {"box": "own_brand"},
        {"anything": "1"},
    ],
)
def test_names_not_on_the_grid_are_refused_and_nothing_changes(
    client: Client, extra: dict[str, str]
) -> None:
    page = firm_screen(client)
    before = re.search(r'name="state" value="([^"]*)"', page.content.decode()).group(1)
    response = client.post("/finder", {**form(client, page, {"own_brand": "yes"}), **extra})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'role="alert"' in html and "表單中有不在這一頁上的項目，所以沒有記錄任何答案" in html
    assert current_field(html) == "firm" and rows(html) == FIRM_ROWS
    assert re.search(r'name="state" value="([^"]*)"', html).group(1) == before


@pytest.mark.parametrize("bad", ["true", "maybe", "", "<b>yes</b>", ["yes", "no"], ["yes", "yes"]])
def test_values_other_than_yes_no_or_unsure_are_refused(client: Client, bad: Any) -> None:
    page = firm_screen(client)
    data = form(client, page, {"operating_normally": "yes", "own_brand": bad})
    response = client.post("/finder", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "每一項只能選「是」、「否」或「不確定」，所以沒有記錄任何答案" in html
    assert current_field(html) == "firm" and "<b>yes</b>" not in html


def test_rows_not_of_the_topic_are_a_bad_request(client: Client) -> None:
    page = firm_screen(client)
    for shown in (["operating_normally", "<script>"], ["employees"], [], ["own_brand"],
                  FIRM_ROWS * 2, ["export_record"]):  # fmt: skip
        response = client.post("/finder", {**form(client, page, {}), "row": shown})
        assert response.status_code == 400, shown
        html = response.content.decode()
        assert "這一頁沒有這些項目" in html and "<script>" not in html
    response = client.post("/finder", {**form(client, page, {}), "field": "no_such_topic"})
    assert response.status_code == 400 and "沒有這個問題" in response.content.decode()


def test_a_link_keeps_each_screen_and_drops_a_declined_topic_of_old_links(
    client: Client,
) -> None:
    import base64
    import json

    from smewindow.finder.state import StateError

    state = InterviewState().answer("employees", 3)
    state = state.record({"own_brand": True, "is_listed": False, "trade_registration": None})
    assert InterviewState.decode(state.encode()) == state
    assert state.order == (("employees",), ("own_brand", "is_listed", "trade_registration"))
    assert state.skipped == ("trade_registration",)

    def link(order: list[Any], skipped: list[str] = [], answers: Any = None) -> str:  # noqa: B006
        data = {"a": answers or {"employees": 3}, "s": skipped, "o": order}
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode()

    assert InterviewState.decode(link(["employees"])).order == (("employees",),)
    for bad in ([[]], [1], [["employees", 2]]):
        with pytest.raises(StateError):
            InterviewState.decode(link(bad))
    assert client.get(f"/finder?state={link([[]])}").status_code == 400
    # A link from before the grid, whose owner declined the firm's boxes (逐項回答): the
    # topic's id is dropped, the answers kept, and the firm's rows come again as a grid.
    old = link(["registration_type", "industry", "employees", "special_products", "firm"],
               ["firm"], FIRM)  # fmt: skip
    restored = InterviewState.decode(old)
    assert restored.answers == FIRM and restored.skipped == ()
    assert restored.order == tuple((f,) for f in FIRM)
    html = client.get(f"/finder?on={ON}&state={old}").content.decode()
    assert current_field(html) == "firm" and rows(html) == FIRM_ROWS
    assert "已回答 4 題" in html


def test_an_english_grid(client: Client) -> None:
    client.cookies["django_language"] = "en"
    page = firm_screen(client)
    html = page.content.decode()
    assert "Are these true of your firm?" in html and "never counts as no" in html
    assert "<legend" in html and "Owns a brand</legend>" in html
    assert html.count('value="unsure"> Not sure</label>') == len(FIRM_ROWS)
    assert html.count('value="yes"> Yes</label>') == len(FIRM_ROWS)
    assert ">Not sure, skip</button>" in html and "One at a time" not in html
    assert not FULL_WIDTH_MARKS.findall(visible_text(html))
    response = client.post("/finder", form(client, page, {"own_brand": "maybe"}))
    assert response.status_code == 422
    assert "Each item takes yes, no or not sure, so no answer was recorded" in (
        response.content.decode()
    )
    assert not FULL_WIDTH_MARKS.findall(visible_text(response.content.decode()))
    response = client.post("/finder", {**form(client, page, {}), "value-employees": "yes"})
    assert "The form names an item that is not on this page" in response.content.decode()
    response = client.post("/finder", {**form(client, page, {}), "row": ["employees"]})
    assert "This page has no such items: employees" in response.content.decode()


def test_results_group_programs_and_sum_the_money(client: Client) -> None:
    state = InterviewState()
    for field, value in {"registration_type": "company", "industry": "08", "employees": 12,
                         "employees_min_6m": 11, "paid_in_capital": 5_000_000,
                         "factory_registration": True, "factory_registration_certificate": True,
                         "special_products": ["bakery"], "trainees": 4,
                         "raise_wages_by_2026_06_30": True}.items():  # fmt: skip
        state = state.answer(field, value)
    html = Client().get(f"/results?on={ON}&state={state.encode()}").content.decode()
    assert "NT$44,000" in html and "NT$500,000" in html
    assert "已知金額合計 NT$544,000" in html  # the training subsidy and the livelihood grant
    assert "剩 274 天" in html  # the training subsidy closes 114年12月31日17時
    assert "再回答這一題就知道是否符合" in html


@pytest.mark.parametrize(
    "url",
    [
        "/finder?state=not-base64!!",
        "/results?state=e30",
        "/finder?on=2024-01-01",
        "/results?on=soon",
    ],
)
def test_a_bad_link_is_a_400_page_that_says_why(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_a_state_with_an_invalid_answer_is_refused(client: Client) -> None:
    bad = InterviewState(answers={"employees": -5}, order=(("employees",),)).encode()
    assert client.get(f"/results?state={bad}").status_code == 400


def test_a_post_without_csrf_is_refused(client: Client) -> None:
    response = client.post("/finder", {"field": "employees", "value": "3", "action": "answer"})
    assert response.status_code == 403


def test_program_pages_list_filter_and_explain(client: Client) -> None:
    html = client.get("/programs/?group=support&kind=tax_saving").content.decode()
    assert "研發投資抵減" in html and "30人以下中小微企業優惠貸款" not in html
    html = client.get("/programs/transformation-loan").content.decode()
    assert "申貸日前最近6個月以內任一個月僱用員工數為30人以下" in html and "seed:" not in html
    assert "上限3,500萬元以內" in html
    assert "中小微企業多元振興發展計畫（114年3月）・配套措施1.2" in html
    assert client.get("/programs/no-such-program").status_code == 404


def test_a_program_page_says_a_round_is_not_yet_announced_and_when_it_was_checked(
    client: Client,
) -> None:
    html = client.get("/programs/digital-training-subsidy?on=2026-12-04").content.decode()
    assert "115年度尚未公告" in html and "已截止" not in html
    assert "資料最後查核：民國115年12月4日" in html
    html = client.get("/programs/digital-training-subsidy?on=2025-12-31").content.decode()
    assert "受理中" in html and "尚未公告" not in html


def test_program_list_filters_by_open_now_and_industry(client: Client) -> None:
    html = client.get("/programs/?open=1&on=2026-11-26").content.decode()
    assert "30人以下中小微企業優惠貸款" in html and "數位轉型培力補助" not in html
    html = client.get("/programs/?industry=64").content.decode()
    assert "30人以下中小微企業優惠貸款" not in html  # finance and insurance are excluded
    assert "研發投資抵減" in html
    assert client.get("/programs/?industry=99").status_code == 400


def test_the_pdf_report_is_chinese_in_a_traditional_chinese_font(client: Client) -> None:
    import io

    from pypdf import PdfReader

    state = InterviewState().answer("registration_type", "company").answer("industry", "08")
    response = client.get(f"/results.pdf?on={ON}&state={state.encode()}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert "行動方案報告" in text and "民國114年4月1日" in text
    assert "公司登記（股份有限公司、有限公司等）" in text and "08 食品及飼品製造業" in text
    fonts = {
        str(font.get_object().get("/BaseFont"))
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any("CJK" in f and ("TC" in f or ("KR" not in f and "JP" not in f)) for f in fonts), (
        fonts
    )
    assert not any("JP" in f for f in fonts), fonts


def test_a_missing_answer_is_answered_from_the_results_and_leads_back(client: Client) -> None:
    state = InterviewState().answer("registration_type", "company").answer("industry", "08")
    results = client.get(f"/results?on={ON}&state={state.encode()}").content.decode()
    form = results.split('id="transformation-loan-employees"')[0].rsplit("<form", 1)[1]
    data = {
        "csrfmiddlewaretoken": csrf(client, results),
        "state": re.search(r'name="state" value="([^"]*)"', form).group(1),
        "on": ON, "field": "employees", "action": "answer", "value": "8人", "next": "results",
    }  # fmt: skip
    response = client.post("/finder", data)
    assert response.status_code == 302 and response["Location"].startswith("/results")
    assert state_of(response).answers["employees"] == 8
    link = re.search(r'href="(/finder\?[^"]*ask=([a-z_]+)[^"]*)"', results)
    assert link, "a question that is not yes/no or a number links to its page"
    page = client.get(link.group(1).replace("&amp;", "&"))
    assert current_field(page.content.decode()) == link.group(2)


def test_the_site_speaks_english_as_its_second_language(client: Client) -> None:
    client.cookies["django_language"] = "en"
    html = client.get(f"/finder?on={ON}").content.decode()
    assert 'lang="en"' in html
    assert "What would you most like help with?" in html and "Not sure, skip" in html
    assert "Show me everything" in html and "Selling abroad" in html
    state = InterviewState().answer("registration_type", "company").answer("industry", "08")
    html = client.get(f"/results?on={ON}&state={state.encode()}").content.decode()
    assert "Your action plan" in html and "2025-04-01" in html and "Preferential loan" in html
    html = client.get("/programs/transformation-loan").content.decode()
    assert "Preferential loan for firms of 30 or fewer" in html and "Conditions" in html


FULL_WIDTH_MARKS = re.compile(r"[：（）｜；。、]")


def visible_text(html: str) -> str:
    """The page's text without its source citations (which quote the seed's Chinese headings)
    and without the Chinese proper names that English texts give in parentheses."""
    text = re.sub(r"<[^>]+>", " ", html.split("<body>")[1])
    text = re.sub(r"\([^()]*[\u4e00-\u9fff][^()]*\)", "", text)
    sources = {c.source for p in PROGRAMS for c in p.criteria} | {p.source for p in PROGRAMS}
    for source in sorted(sources, key=len, reverse=True):
        text = text.replace(source, "")
    return text


def test_english_pages_show_the_rules_in_english_with_english_punctuation(client: Client) -> None:
    client.cookies["django_language"] = "en"
    state = InterviewState().answer("registration_type", "company").answer("industry", "56")
    for url in (f"/results?on={ON}&state={state.encode()}", "/programs/transformation-loan",
                f"/finder?on={ON}&state={state.encode()}", "/", "/programs/"):  # fmt: skip
        text = visible_text(client.get(url).content.decode())
        assert not FULL_WIDTH_MARKS.findall(text), (url, FULL_WIDTH_MARKS.findall(text)[:5])
    html = client.get(f"/results?on={ON}&state={state.encode()}").content.decode()
    loan = next(p for p in PROGRAMS if p.id == "transformation-loan")
    on = dt.date.fromisoformat(ON)
    next_steps = fill(loan.next_steps_en, on, "en")
    assert "up to NT$1,000,000 are assessed" in next_steps
    assert escape(next_steps) in html and contact_html(loan.contact_en) in html
    page = client.get("/programs/transformation-loan").content.decode()
    assert escape(fill(loan.criteria[0].label_en, on, "en")) in page
    assert fill(loan.next_steps, on) not in html


def test_the_english_pdf_report_is_in_english(client: Client) -> None:
    import io

    from pypdf import PdfReader

    client.cookies["django_language"] = "en"
    state = InterviewState().answer("registration_type", "company").answer("industry", "08")
    response = client.get(f"/results.pdf?on={ON}&state={state.encode()}")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = text.replace("\n", " ")
    assert "action plan report" in text and "Screening date: 2025-04-01" in text
    assert "Page 1" in text and "行動方案報告" not in text


def test_each_undecided_program_asks_the_question_that_settles_it(client: Client) -> None:
    state = InterviewState().answer("registration_type", "company").answer("industry", "08")
    html = client.get(f"/results?on={ON}&state={state.encode()}").content.decode()
    section = html.split('id="to-settle"')[1].split("</section>")[0]
    loan = section.split('id="p-transformation-loan"')[1].split("</article>")[0]
    assert "再回答這一題就知道是否符合" in loan
    # the head count decides the most of this firm's undecided programs
    assert 'id="transformation-loan-employees"' in loan and 'name="field" value="employees"' in loan


def test_a_program_page_shows_its_window_on_a_date(client: Client) -> None:
    html = client.get("/programs/digital-training-subsidy?on=2025-04-01").content.decode()
    assert "受理中" in html and "民國114年12月31日" in html
    html = client.get("/programs/livelihood-industry-transformation?on=2025-07-05").content.decode()
    assert "已截止" in html and "民國114年6月30日" in html


def test_the_language_switch_is_a_form_on_every_page(client: Client) -> None:
    page = client.get("/")
    html = page.content.decode()
    assert 'name="language" value="en"' in html
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": csrf(client, html)}
    )
    assert response.status_code == 302
    assert "Find the government support" in client.get("/").content.decode()


def test_the_training_subsidy_links_to_the_courses_for_the_firm(client: Client) -> None:
    state = InterviewState()
    for field, value in {"registration_type": "company", "industry": "22", "employees": 12,
                         "county": "臺中市", "trainees": 4}.items():  # fmt: skip
        state = state.answer(field, value)
    html = client.get(f"/results?on={ON}&state={state.encode()}").content.decode()
    link = re.search(r'href="(/catalog/courses\?[^"]*)">可列入 12 小時的課程', html)
    assert link is not None
    assert link.group(1) == (
        "/catalog/courses?approved=1&amp;track=manufacturing&amp;industry=plastics"
        "&amp;industry=common&amp;region=central"
    )
    assert 'href="/catalog/software?approved=1"' in html, "the software list too"
    page = client.get("/programs/digital-training-subsidy").content.decode()
    assert 'href="/catalog/courses?approved=1"' in page
    assert "可列入 12 小時" not in client.get("/programs/transformation-loan").content.decode()
