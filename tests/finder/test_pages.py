"""The finder's pages through Django's test client: the interview end to end, without
JavaScript, the results, the program pages and bad links."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from markupsafe import escape

from smewindow.finder.state import InterviewState
from smewindow.rules import PROGRAMS

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


def boxes(html: str) -> list[str]:
    """The boxes of a checks screen (none on another screen)."""
    return re.findall(r'name="box" value="([a-z0-9_]+)"', html)


def answer(client: Client, page: Any, value: Any | None, action: str = "answer") -> Any:
    """Answer the screen on ``page`` (None: 不確定; on a checks screen, the boxes to tick) and
    follow the redirect."""
    return client.post("/finder", form(client, page, value, action), follow=True)


def form(client: Client, page: Any, value: Any | None, action: str = "answer") -> dict[str, Any]:
    """What the form on ``page`` posts for ``value`` and ``action`` (None: 不確定)."""
    html = page.content.decode()
    state = re.search(r'name="state" value="([^"]*)"', html).group(1)
    data: dict[str, Any] = {
        "csrfmiddlewaretoken": csrf(client, html),
        "state": state,
        "on": ON,
        "field": current_field(html),
        "box": boxes(html),
        "action": "skip" if value is None else action,
    }
    if value is not None:
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
    """Walk the interview as the owner who knows ``truth``: on a checks screen, tick the
    boxes that are true. The fields (or topics) of the screens shown and the last page."""
    page = client.get(f"/finder?on={ON}")
    screens: list[str] = []
    while "<h1>篩選結果" not in (html := page.content.decode()):
        field = current_field(html)
        assert field not in screens
        screens.append(field)
        shown = boxes(html)
        value = [box for box in shown if truth[box] == "yes"] if shown else truth.get(field)
        page = answer(client, page, value)
        assert page.status_code == 200
        assert len(screens) < 25
    return screens, html


def test_a_restaurant_walks_the_interview_to_its_results(client: Client) -> None:
    screens, html = walk(client, RESTAURANT)
    assert "firm" in screens, "the yes/no facts of the firm come on one screen of boxes"
    assert len(screens) <= 10
    assert "30人以下中小微企業優惠貸款" in html
    assert "符合（" in html and "不符合（" in html


def test_a_wrong_answer_is_explained_and_nothing_moves(client: Client) -> None:
    page = client.get(f"/finder?on={ON}")
    state = InterviewState().answer("registration_type", "company")
    page = client.get(f"/finder?on={ON}&state={state.encode()}")
    field = current_field(page.content.decode())
    assert field == "employees"
    response = answer(client, page, "many")
    assert response.status_code == 422
    html = response.content.decode()
    assert 'role="alert"' in html and "整數" in html
    assert current_field(html) == "employees"


def test_back_removes_the_last_answer(client: Client) -> None:
    state = InterviewState().answer("registration_type", "company").answer("employees", 8)
    response = client.get(f"/finder?on={ON}&state={state.encode()}&back=1")
    assert response.status_code == 302
    assert state_of(response).answers == {"registration_type": "company"}


FIRM = {"registration_type": "business", "industry": "56", "employees": 3, "special_products": []}
FIRM_BOXES = ["operating_normally", "own_brand", "trade_registration", "is_listed",
              "wage_raise_verified"]  # fmt: skip


def firm_screen(client: Client) -> Any:
    """The screen of boxes about the firm, as a restaurant owner comes to it."""
    state = InterviewState()
    for field, value in FIRM.items():
        state = state.answer(field, value)
    page = client.get(f"/finder?on={ON}&state={state.encode()}")
    assert current_field(page.content.decode()) == "firm"
    return page


def test_a_screen_of_boxes_is_a_fieldset_of_labelled_checkboxes(client: Client) -> None:
    html = firm_screen(client).content.decode()
    assert boxes(html) == FIRM_BOXES
    fieldset = html.split("<fieldset>")[1].split("</fieldset>")[0]
    assert "<legend>下列哪些符合貴企業目前的情況？" in fieldset and "為什麼問：" in fieldset
    labels = re.findall(r'<label class="option"><input type="checkbox" name="value" '
                        r'value="([a-z_]+)"> [^<]+</label>', fieldset)  # fmt: skip
    assert labels == FIRM_BOXES, "each box is a checkbox inside its label"
    assert "已回答 4 題；30 項措施中已確定 23 項。" in html
    assert ">下一題</button>" in html and ">不確定，跳過</button>" in html
    assert 'value="one_by_one"' in html and ">逐項回答</button>" in html


def test_ticked_boxes_answer_yes_the_others_no_and_back_undoes_the_screen(
    client: Client,
) -> None:
    response = client.post("/finder", form(client, firm_screen(client), ["operating_normally"]))
    assert response.status_code == 302
    state = state_of(response)
    assert state.answers == {**FIRM, "operating_normally": True, "own_brand": False,
                             "trade_registration": False, "is_listed": False,
                             "wage_raise_verified": False}  # fmt: skip
    assert state.order[-1] == tuple(FIRM_BOXES), "the screen is one step"
    html = client.get(response["Location"]).content.decode()
    assert current_field(html) not in FIRM_BOXES and "已回答 5 題" in html
    back = client.get(f"/finder?on={ON}&state={state.encode()}&back=1")
    assert state_of(back).answers == FIRM, "back undoes every box of the screen at once"
    assert current_field(client.get(back["Location"]).content.decode()) == "firm"
    changed = state.answer("own_brand", True)  # changing one box from the results
    assert changed.answers["own_brand"] is True
    assert changed.order[-2:] == (tuple(b for b in FIRM_BOXES if b != "own_brand"), ("own_brand",))


def test_not_sure_skips_every_box_of_the_screen(client: Client) -> None:
    response = client.post("/finder", form(client, firm_screen(client), None))
    state = state_of(response)
    assert state.skipped == tuple(FIRM_BOXES) and state.answers == FIRM
    assert state.order[-1] == tuple(FIRM_BOXES)
    screens, page = [], client.get(response["Location"])
    while "<h1>篩選結果" not in (html := page.content.decode()):
        screens.append(current_field(html))
        page = answer(client, page, None)
    assert not set(screens) & {"firm", *FIRM_BOXES}, "a skipped box is not asked again"


def test_one_by_one_asks_the_boxes_one_per_screen_and_back_returns_to_them(
    client: Client,
) -> None:
    response = client.post("/finder", form(client, firm_screen(client), [], "one_by_one"))
    state = state_of(response)
    assert state.skipped == ("firm",) and state.answers == FIRM
    link = f"/finder?on={ON}&state={state.encode()}"
    html = client.get(link).content.decode()  # the link restores the declined screen too
    assert current_field(html) == "operating_normally" and not boxes(html)
    assert 'type="radio" name="value" value="yes"' in html
    back = client.get(f"{link}&back=1")
    assert current_field(client.get(back["Location"]).content.decode()) == "firm"


def test_boxes_not_on_the_screen_are_refused_and_nothing_changes(client: Client) -> None:
    page = firm_screen(client)
    ticked = form(client, page, ["operating_normally", "employees"])
    response = client.post("/finder", ticked)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'role="alert"' in html and "勾選的項目不在這一頁上" in html
    assert current_field(html) == "firm" and boxes(html) == FIRM_BOXES
    for shown in (["operating_normally", "<script>"], ["employees"], [], FIRM_BOXES * 2,
                  ["export_record"]):  # fmt: skip
        response = client.post("/finder", {**form(client, page, []), "box": shown})
        assert response.status_code == 400, shown
        assert "勾選項目不正確" in response.content.decode()
    response = client.post("/finder", {**form(client, page, []), "field": "no_such_topic"})
    assert response.status_code == 400 and "沒有這個問題" in response.content.decode()


def test_a_link_keeps_each_screen_and_the_declined_topics(client: Client) -> None:
    import base64
    import json

    from smewindow.finder.state import StateError

    state = InterviewState().answer("employees", 3)
    state = state.answer_all({"own_brand": True, "is_listed": False}).skip("firm")
    assert InterviewState.decode(state.encode()) == state
    assert state.order == (("employees",), ("own_brand", "is_listed"), ("firm",))

    def link(order: list[Any]) -> str:
        data = {"a": {"employees": 3}, "s": [], "o": order}
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode()

    assert InterviewState.decode(link(["employees"])).order == (("employees",),)
    for bad in ([[]], [1], [["employees", 2]]):
        with pytest.raises(StateError):
            InterviewState.decode(link(bad))
    assert client.get(f"/finder?state={link([[]])}").status_code == 400


def test_an_english_screen_of_boxes(client: Client) -> None:
    client.cookies["django_language"] = "en"
    html = firm_screen(client).content.decode()
    assert "Which of these are true of your firm?" in html
    assert ">One at a time</button>" in html and ">Not sure, skip</button>" in html
    assert not FULL_WIDTH_MARKS.findall(visible_text(html))


def test_results_group_programs_and_sum_the_money(client: Client) -> None:
    state = InterviewState()
    for field, value in {"registration_type": "company", "industry": "08", "employees": 12,
                         "employees_min_6m": 11, "paid_in_capital": 5_000_000,
                         "factory_registration": True, "special_products": ["bakery"],
                         "trainees": 4, "raise_wages_by_2026_06_30": True}.items():  # fmt: skip
        state = state.answer(field, value)
    html = Client().get(f"/results?on={ON}&state={state.encode()}").content.decode()
    assert "NT$44,000" in html and "NT$500,000" in html
    assert "剩 274 天" in html  # the training subsidy closes 114年12月31日17時
    assert "還需要回答" in html


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
    assert "申貸日前最近6個月以內任1個月僱用員工數為30人以下" in html and "seed: 配套1.2" in html
    assert client.get("/programs/no-such-program").status_code == 404


def test_the_calendar_lists_the_deadlines_of_eligible_programs(client: Client) -> None:
    from icalendar import Calendar

    state = InterviewState()
    for field, value in {"registration_type": "company", "industry": "08", "employees": 12,
                         "employees_min_6m": 11, "paid_in_capital": 5_000_000,
                         "factory_registration": True, "special_products": ["bakery"],
                         "trainees": 4}.items():  # fmt: skip
        state = state.answer(field, value)
    response = client.get(f"/results.ics?on={ON}&state={state.encode()}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = {
        str(e["summary"]): e.decoded("dtstart")
        for e in Calendar.from_ical(response.content).walk("VEVENT")
    }
    import datetime as dt

    assert events["截止：30人以下中小微企業數位轉型培力補助"] == dt.date(2025, 12, 31)
    assert events["截止：民生產業（袋包、毛巾、烘焙食品、輔具）製造轉型"] == dt.date(2025, 6, 30)
    assert not any("不符合" in s for s in events)


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
    assert "篩選結果報告" in text and "民國114年4月1日" in text
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
    link = re.search(r'href="(/finder\?[^"]*ask=employees[^"]*)"', results)
    assert link, "each missing answer links to its question"
    page = client.get(link.group(1).replace("&amp;", "&"))
    assert current_field(page.content.decode()) == "employees"
    html = page.content.decode()
    data = {
        "csrfmiddlewaretoken": csrf(client, html),
        "state": re.search(r'name="state" value="([^"]*)"', html).group(1),
        "on": ON, "field": "employees", "action": "answer", "value": "8", "next": "results",
    }  # fmt: skip
    response = client.post("/finder", data)
    assert response.status_code == 302 and response["Location"].startswith("/results")


def test_the_site_speaks_english_as_its_second_language(client: Client) -> None:
    client.cookies["django_language"] = "en"
    html = client.get(f"/finder?on={ON}").content.decode()
    assert 'lang="en"' in html
    assert "How is your business registered?" in html and "Not sure, skip" in html
    state = InterviewState().answer("registration_type", "company").answer("industry", "08")
    html = client.get(f"/results?on={ON}&state={state.encode()}").content.decode()
    assert "Results" in html and "2025-04-01" in html and "Preferential loan" in html
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
    assert escape(loan.next_steps_en) in html and escape(loan.contact_en) in html
    page = client.get("/programs/transformation-loan").content.decode()
    assert escape(loan.criteria[0].label_en) in page
    assert loan.next_steps not in html


def test_the_english_pdf_report_is_in_english(client: Client) -> None:
    import io

    from pypdf import PdfReader

    client.cookies["django_language"] = "en"
    state = InterviewState().answer("registration_type", "company").answer("industry", "08")
    response = client.get(f"/results.pdf?on={ON}&state={state.encode()}")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = text.replace("\n", " ")
    assert "screening report" in text and "Screening date: 2025-04-01" in text
    assert "Page 1" in text and "篩選結果報告" not in text


def test_each_open_question_is_asked_once_with_the_programs_it_decides(client: Client) -> None:
    state = InterviewState().answer("registration_type", "company").answer("industry", "08")
    html = client.get(f"/results?on={ON}&state={state.encode()}").content.decode()
    fields = re.findall(r'<li id="q-([a-z0-9_]+)">', html)
    assert fields and len(fields) == len(set(fields)), "one entry per question"
    assert fields[0] == "employees", "the question deciding the most programs comes first"
    section = html.split('id="open-questions"')[1].split("</section>")[0]
    assert "30人以下中小微企業優惠貸款" in section  # employees decides the loan
    assert 'href="#q-employees"' in html, "the cards point to the question"


def test_a_program_page_shows_its_window_on_a_date(client: Client) -> None:
    html = client.get("/programs/digital-training-subsidy?on=2025-04-01").content.decode()
    assert "受理中" in html and "民國114年12月31日" in html
    html = client.get("/programs/digital-training-subsidy?on=2026-01-05").content.decode()
    assert "已截止" in html


def test_the_language_switch_is_a_form_on_every_page(client: Client) -> None:
    page = client.get("/")
    html = page.content.decode()
    assert 'name="language" value="en"' in html
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": csrf(client, html)}
    )
    assert response.status_code == 302
    assert "Find the government support" in client.get("/").content.decode()
