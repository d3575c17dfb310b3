"""The firm's pages under /desk/ with the test client: 「我要諮詢」 from the home, program
and results pages, consent required, bad input refused naming the field, the private link,
404 for anyone else's case on every route, replies, closing, rating, the download, and
the commands (erasure, demo data)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client, TestCase

from smewindow.applications.models import Firm
from smewindow.desk import services, urls
from smewindow.desk.demo import DEMO_PARTNERS
from smewindow.desk.models import Consultation, Event, Partner, Status
from smewindow.finder.state import InterviewState
from smewindow.outbox.models import Mail

from .conftest import client_for, web_case

pytestmark = pytest.mark.django_db

FORM = {
    "question": "想了解數位轉型貸款的利息補貼",
    "firm_name": "好麵包坊",
    "business_id": "",
    "contact_name": "王小明",
    "contact_phone": "0912-345-678",
    "contact_email": "owner@bakery.tw",
    "county": "臺中市",
    "preferred_time": "morning",
    "preferred_channel": "phone",
    "consent": "yes",
}


def post_ask(client: Client, query: str = "", **changes: str) -> Any:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/desk/ask/{query}", {**FORM, **changes})


def token_of(response: Any) -> str:
    match = re.fullmatch(r"/desk/case/([A-Za-z0-9_-]+)/\?new=1", response["Location"])
    assert match, response["Location"]
    return match.group(1)


def test_ask_is_linked_from_home_program_and_results() -> None:
    client = Client()
    assert 'href="/desk/ask/"' in client.get("/").content.decode()
    page = client.get("/programs/transformation-loan").content.decode()
    assert 'href="/desk/ask/?program=transformation-loan"' in page
    state = InterviewState().record({"employees": 8, "county": "臺中市"}).encode()
    results = client.get("/results", {"state": state}).content.decode()
    assert f'href="/desk/ask/?state={state}"' in results


def test_the_form_states_the_purpose_under_the_pdpa(settings: Any) -> None:
    settings.SMEWINDOW_DESK_RETENTION_DAYS = 730
    page = Client().get("/desk/ask/").content.decode()
    for words in (
        "蒐集目的",
        "個人資料類別",
        "結案後 730 日",
        "個人資料保護法第3條",
        "pcode=I0050021",
    ):
        assert words in page
    assert 'name="consent"' in page and "required" in page


def test_a_question_without_consent_is_refused_and_nothing_is_kept() -> None:
    response = post_ask(Client(), consent="")
    assert response.status_code == 422
    page = response.content.decode()
    assert "請勾選同意" in page and 'aria-invalid="true"' in page
    assert "想了解數位轉型貸款的利息補貼" in page  # what was typed stays in the form
    assert Consultation.objects.count() == Mail.objects.count() == 0


def test_asking_gives_the_private_link(mailoutbox: list) -> None:
    client = Client()
    response = post_ask(client)
    assert response.status_code == 302
    token = token_of(response)
    page = client.get(response["Location"]).content.decode()
    assert f"http://testserver/desk/case/{token}/" in page and "請保存這個專屬連結" in page
    case = Consultation.objects.get()
    assert (case.channel, case.status, case.preferred_time) == ("web", "new", "morning")
    assert token not in case.token_hash
    assert f"/desk/case/{token}/" in mailoutbox[0].body
    again = client.get(f"/desk/case/{token}/").content.decode()
    assert "請保存這個專屬連結" not in again and "新案件" in again


def test_the_program_and_the_finder_answers_come_along() -> None:
    state = InterviewState().record({"needs": ["funding"], "county": "臺南市"}).encode()
    client = Client()
    form = client.get("/desk/ask/", {"program": "transformation-loan", "state": state})
    assert form.status_code == 200 and "您在問答中的 2 項回答" in form.content.decode()
    response = post_ask(client, f"?program=transformation-loan&state={state}", county="")
    assert response.status_code == 302
    case = Consultation.objects.get()
    assert case.program_id == "transformation-loan"
    assert case.profile == {"needs": ["funding"], "county": "臺南市"}
    assert case.needs == ["funding"] and case.county == "臺南市"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"business_id": "12345678"}, "統一編號"),
        ({"question": "問" * 4001}, "諮詢內容過長"),
        ({"question": ""}, "請填寫諮詢內容"),
        ({"contact_phone": "", "contact_email": ""}, "電話或電子郵件"),
        ({"contact_email": "owner@"}, "電子郵件格式不符"),
        ({"county": "Atlantis"}, "縣市"),
        ({"preferred_time": "midnight"}, "希望聯絡時段"),
    ],
)
def test_bad_input_answers_422_naming_the_field(changes: dict[str, str], words: str) -> None:
    response = post_ask(Client(), **changes)
    assert response.status_code == 422 and words in response.content.decode()
    assert Consultation.objects.count() == 0


def test_a_bad_state_link_is_a_400() -> None:
    assert Client().get("/desk/ask/", {"state": "!!!"}).status_code == 400
    assert post_ask(Client(), "?state=%21%21").status_code == 400
    assert Consultation.objects.count() == 0


def test_bidi_characters_are_stripped() -> None:
    post_ask(Client(), firm_name="好\u202e坊", question="請問\u2067補助\u2069？")
    case = Consultation.objects.get()
    assert (case.firm_name, case.question) == ("好坊", "請問補助？")


def test_too_many_questions_from_one_address(settings: Any) -> None:
    settings.SMEWINDOW_DESK_QUESTIONS_PER_HOUR = 2
    client = Client()
    assert [post_ask(client).status_code for _ in range(3)] == [302, 302, 429]
    assert Consultation.objects.count() == 2


def test_the_firm_replies_closes_rates_and_downloads() -> None:
    case, token = web_case()
    client, base = Client(), f"/desk/case/{token}/"
    assert client.post(base + "reply", {"body": "補充：員工 8 人"}).status_code == 302
    assert "補充：員工 8 人" in client.get(base).content.decode()
    assert client.post(base + "reply", {"body": " "}).status_code == 422
    assert client.post(base + "rate", {"rating": "5"}).status_code == 422  # not closed yet
    assert client.post(base + "close").status_code == 302
    page = client.get(base).content.decode()
    assert "已結案" in page and 'name="rating"' in page
    assert client.post(base + "rate", {"rating": "9"}).status_code == 422
    assert client.post(base + "rate", {"rating": "4", "comment": "謝謝"}).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.rating, case.rating_comment) == (Status.CLOSED, 4, "謝謝")
    response = client.get(base + "data.json")
    assert response["Content-Disposition"] == f'attachment; filename="case-{case.pk}.json"'
    data = json.loads(response.content)
    assert data["contact_email"] == "owner@bakery.tw" and data["rating"] == 4
    assert data["messages"][0]["body"] == "補充：員工 8 人"
    assert [h["to"] for h in data["history"]] == ["new", "closed"]
    assert "token_hash" not in data


def test_a_logged_in_firm_sees_its_cases(firm: Firm) -> None:
    client = client_for(firm.user)
    post_ask(client)
    case = Consultation.objects.get()
    assert case.user == firm.user and case.firm == firm
    assert f'href="/desk/mine/{case.pk}/"' in client.get("/desk/mine/").content.decode()
    assert client.get(f"/desk/mine/{case.pk}/").status_code == 200
    assert client.post(f"/desk/mine/{case.pk}/reply", {"body": "謝謝"}).status_code == 302
    assert client.get(f"/desk/mine/{case.pk}/data.json").status_code == 200
    assert Client().get("/desk/mine/").status_code == 302  # login first


KINDS = {
    "ask": "public",  # anyone may ask
    "case": "token",  # the holder of a case's private link
    "case_": "token",
    "mine": "firm list",  # a logged-in account's own cases
    "mine_": "firm case",  # one of them, by the case's id
    "partner": "partner list",  # a partner's staff: their partners' referrals
    "partner_": "referral",  # one of them, by the referral's id
    "agent_": "agent",  # the desk's agents only (any case)
    "supervisor_": "staff",  # supervisors: walked by test_staff_pages_answer_404_to_…
    "outreach_": "staff",  # agents and supervisors: 〃
}
"""Who each desk route is for, by its name, or the prefix ending in _ of its name. A route
not named here fails the walk below: say whom it is for, and what everyone else gets."""


def _kind(name: str) -> str:
    prefixes = [p for p in KINDS if p.endswith("_") and name.startswith(p)]
    found = KINDS.get(name) or (KINDS[max(prefixes, key=len)] if prefixes else None)
    assert found, f"desk route {name!r}: add it to KINDS in tests/desk/test_pages.py"
    return found


def _every_route(token: str, case_pk: int, referral_pk: int) -> list[tuple[str, str]]:
    """(kind, path) of every desk route, its placeholders filled with ``token``, and the
    case's or the referral's id as the route takes."""
    routes = []
    for pattern in urls.urlpatterns:
        name = str(pattern.name)
        kind = _kind(name)
        if kind == "staff":
            continue  # their own walk fills their campaign, table and file parameters
        pk = referral_pk if kind == "referral" else case_pk
        route = str(pattern.pattern).replace("<slug:token>", token).replace("<int:pk>", str(pk))
        assert "<" not in route, route
        routes.append((kind, f"/desk/{route}"))
    return routes


def _answers(client: Client, route: str) -> tuple[int, int]:
    return client.get(route).status_code, client.post(route, {"body": "x"}).status_code


def test_anyone_elses_case_answers_404_on_every_url(
    firm: Firm, agent: User, make_partner: Callable[..., tuple[Partner, User]]
) -> None:
    """Every desk route, read from the URLconf, for the anonymous, a firm, a desk agent,
    another partner's staff and an inactive partner's staff: another's case or referral
    answers 404 (or 405 to a method the route does not take), and nothing changes."""
    other, _ = web_case(firm_name="別家公司", contact_email="other@x.tw")
    mine, my_token = web_case(user=firm.user)
    theirs, _ = make_partner()
    elsewhere, other_staff = make_partner("聯輔基金會", "sme_counselling")
    gone, gone_staff = make_partner("已停止合作", "esco")
    (referral,) = services.refer(consultation=other, partners=[theirs], note="", agent=agent)
    (own,) = services.refer(consultation=mine, partners=[elsewhere], note="", agent=agent)
    (stale,) = services.refer(consultation=other, partners=[gone], note="", agent=agent)
    Partner.objects.filter(pk=gone.pk).update(active=False)
    routes = _every_route("A" * 43, other.pk, referral.pk)
    routes += _every_route(my_token[:-1] + "x", other.pk, referral.pk)
    walkable = [p for p in urls.urlpatterns if _kind(str(p.name)) != "staff"]
    assert len(routes) == 2 * len(walkable) and len(walkable) >= 16
    visitors = {
        "anonymous": Client(),
        "firm": client_for(firm.user),
        "agent": client_for(agent),
        "another partner's staff": client_for(other_staff),
        "an inactive partner's staff": client_for(gone_staff),
    }
    walked = 0
    for who, client in visitors.items():
        anonymous = who == "anonymous"
        for kind, route in [*routes, ("referral", f"/desk/partner/referral/{stale.pk}/")]:
            if kind == "public" or (kind == "agent" and who == "agent"):
                continue  # anyone may ask; the agent's own pages: test_the_agent_pages_…
            if anonymous and kind.startswith("firm"):  # sent to log in first
                response = client.get(route)
                assert response.status_code == 302 and "/login" in response["Location"], route
                continue
            answers = _answers(client, route)
            if kind == "firm list" or (
                kind == "partner list" and client is visitors["another partner's staff"]
            ):  # the visitor's own list, without the others' case and referrals
                page = client.get(route).content.decode()
                assert answers[0] == 200, (who, route, answers)
                assert f"/desk/mine/{other.pk}/" not in page
                for hidden in (referral, stale):
                    assert f"/desk/partner/referral/{hidden.pk}/" not in page
                continue
            assert all(a in (404, 405) for a in answers) and 404 in answers, (who, route, answers)
            walked += 1
    assert walked > 5 * len(walkable)
    other.refresh_from_db()
    referral.refresh_from_db()
    stale.refresh_from_db()
    assert other.status == Status.REFERRED and not other.messages.exists()
    assert referral.status == stale.status == own.status == "sent"
    assert (
        f"/referral/{own.pk}/"
        in visitors["another partner's staff"].get("/desk/partner/").content.decode()
    )


def test_the_erasure_command(agent: User) -> None:
    old, _ = web_case(now=dt.datetime(2020, 1, 6, tzinfo=dt.UTC))
    services.close(consultation=old, who=agent, now=dt.datetime(2020, 2, 3, tzinfo=dt.UTC))
    call_command("desk_erase_contacts", verbosity=0)
    old.refresh_from_db()
    assert old.contact_email == "" and old.contacts_erased_at is not None
    assert Event.objects.filter(consultation=old, actor="system").count() == 1
    call_command("desk_erase_contacts", verbosity=0)
    assert Event.objects.filter(consultation=old, actor="system").count() == 1


def test_demo_partners_in_development_only(settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="開發模式"):
        call_command("load_demo_desk", verbosity=0)
    assert not Partner.objects.exists()
    settings.DEBUG = True
    call_command("load_demo_desk", verbosity=0)
    call_command("load_demo_desk", verbosity=0)
    assert Partner.objects.count() == len(DEMO_PARTNERS)
    assert all(p.is_demo and p.name.startswith("（示範）") for p in Partner.objects.all())
    agent = User.objects.get(username="demo-agent")
    assert agent.check_password("smewindow-demo") and agent.groups.filter(name="desk_agent")
    assert User.objects.get(username="demo-partner-ri").partner_roles.count() == 1


def test_csrf_on_every_form() -> None:
    _, token = web_case()
    client = Client(enforce_csrf_checks=True)
    assert 'name="csrfmiddlewaretoken"' in client.get("/desk/ask/").content.decode()
    assert client.post("/desk/ask/", FORM).status_code == 403
    for action in ("reply", "close", "rate"):
        assert client.post(f"/desk/case/{token}/{action}", {"body": "x"}).status_code == 403
    assert Consultation.objects.get().status == Status.NEW


def test_the_pages_in_english() -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    page = client.get("/desk/ask/").content.decode()
    assert "Ask the desk" in page and "Personal Data Protection Act" in page
    assert "1095 days after the case is closed" in page
    _, token = web_case()
    assert "Case " in client.get(f"/desk/case/{token}/").content.decode()


def test_the_agent_pages_answer_404_to_everyone_but_agents(
    firm: Firm, make_partner: Callable[..., tuple[Partner, User]], agent: User
) -> None:
    """Every route under /desk/agent/ (read from the URLconf): 404 to an anonymous visitor,
    a firm, a partner's staff and a former agent; an agent gets 404 for a case that is
    not there, and nothing is written by the others."""
    case, _ = web_case()
    routes = [route for kind, route in _every_route("", case.pk, 0) if kind == "agent"]
    assert len(routes) >= 7 and "/desk/agent/" in routes
    _, staff = make_partner()
    former = User.objects.create_user("former-agent", is_active=False)
    former.groups.add(*agent.groups.all())
    for client in (Client(), client_for(firm.user), client_for(staff), client_for(former)):
        for route in routes:
            answers = (client.get(route).status_code, client.post(route, {"body": "x"}).status_code)
            assert answers == (404, 404), (route, answers)
    missing = [
        route
        for kind, route in _every_route("", case.pk + 1000, 0)
        if kind == "agent" and "/case/" in route
    ]
    mine = client_for(agent)
    for route in missing:
        assert mine.get(route).status_code in (404, 405), route
        assert mine.post(route, {"body": "x"}).status_code in (404, 405), route
    for route in routes:
        assert mine.get(route).status_code in (200, 405), route
    case.refresh_from_db()
    assert case.status == Status.NEW and not case.messages.exists()


def test_the_header_leads_desk_staff_and_partners_to_their_pages(
    agent: User, make_partner: Callable[..., tuple[Partner, User]]
) -> None:
    """Staff of the desk and of a partner find their work from every page's header and after
    logging in; a stopped partner's staff are treated as anyone else."""
    partner, staff = make_partner()
    from ..applications.conftest import user

    supervisor = user("header-supervisor", "desk_supervisor")
    for account, link in (
        (agent, 'href="/desk/agent/">諮詢案件</a>'),
        (supervisor, 'href="/desk/supervisor/">諮詢統計</a>'),
        (staff, 'href="/desk/partner/">轉介案件</a>'),
    ):
        page = client_for(account).get("/").content.decode()
        assert link in page and ">我的申請</a>" not in page
    Partner.objects.filter(pk=partner.pk).update(active=False)
    page = client_for(staff).get("/").content.decode()
    assert "/desk/partner/" not in page and ">我的諮詢</a>" in page


STAFF_PREFIXES = {"supervisor/": "supervisor", "outreach/": "agent"}
"""The desk's staff routes and who may open them (the supervisor's part)."""


def _staff_urls(values: dict[str, str]) -> list[tuple[str, str]]:
    """Every staff route of the URLconf with its parameters filled: (path, who may)."""
    routes = []
    for pattern in urls.urlpatterns:
        route = str(pattern.pattern)
        prefix = next((p for p in STAFF_PREFIXES if route.startswith(p)), None)
        if prefix is None:
            continue
        for name, value in values.items():
            route = route.replace(name, value)
        assert "<" not in route, route
        routes.append((f"/desk/{route}", STAFF_PREFIXES[prefix]))
    return routes


def test_staff_pages_answer_404_to_anyone_without_the_role(
    firm: Firm, make_partner: Callable[..., tuple[Partner, User]], agent: User
) -> None:
    from smewindow.desk import outreach, roles
    from smewindow.desk.models import Campaign, CampaignFirm

    from ..applications.conftest import user

    supervisor = user("boss", roles.SUPERVISOR)
    campaign = Campaign.objects.create(
        name="活動", program_id="transformation-loan", county="臺中市", eligibility="eligible",
        created_by=supervisor, created_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC),
    )  # fmt: skip
    listed = CampaignFirm.objects.create(campaign=campaign, business_id="04595257", name="好")
    found = outreach.Staged("k" * 24, "r.csv", 1, ("transformation-loan",))
    values = {
        "<slug:table>": "county",
        "<slug:key>": found.key,
        "<int:pk>": str(campaign.pk),
        "<int:firm>": str(listed.pk),
    }
    routes = _staff_urls(values)
    assert len(routes) == 7
    _, staff = make_partner()
    outsiders = {
        "anonymous": Client(),
        "firm": client_for(firm.user),
        "partner": client_for(staff),
        "agent": client_for(agent),
    }
    for who, client in outsiders.items():
        for route, role in routes:
            if who == "agent" and role == "agent":
                continue  # the agents work the campaigns
            answers = (
                client.get(route).status_code,
                client.post(route, {"outcome": "reached", "from": "x"}).status_code,
            )
            assert all(a in (404, 405) for a in answers) and 404 in answers, (who, route, answers)
    listed.refresh_from_db()
    assert listed.status == "to_call" and not Campaign.objects.exclude(pk=campaign.pk).exists()
    boss = client_for(supervisor)
    assert boss.get("/desk/supervisor/").status_code == 200
    assert boss.get("/desk/supervisor/county.csv").status_code == 200
    assert boss.get("/desk/outreach/").status_code == 200
    assert boss.get(f"/desk/outreach/{campaign.pk}/").status_code == 200
    assert boss.get(f"/desk/supervisor/campaigns/new/{found.key}/").status_code == 404  # gone
    agent_client = client_for(agent)
    assert agent_client.get(f"/desk/outreach/{campaign.pk}/").status_code == 200
