"""The supervisor's dashboards against hand-made cases (business days across the 2026 Lunar
New Year), their CSV and the period filter; outbound campaigns from real Parquet and CSV
screenings (bad files refused with the reason and nothing kept, firms with a case left
out), worked through by an agent to an outbound case."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client, TestCase

from smewindow.desk import dashboard, outreach, roles, selectors, services
from smewindow.desk.models import (
    Campaign,
    CampaignEvent,
    CampaignFirm,
    Consultation,
    Partner,
    Referral,
)
from smewindow.registry import screen_file
from smewindow.rules.segments import segment

from ..applications.conftest import business_id, user
from .conftest import client_for, web_case

pytestmark = pytest.mark.django_db

TPE = dt.timezone(dt.timedelta(hours=8))


def at(day: str, hour: int = 10) -> dt.datetime:
    """A moment of a Taipei day."""
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=TPE)


@pytest.fixture
def supervisor() -> User:
    return user("supervisor", roles.SUPERVISOR)


@pytest.fixture(autouse=True)
def outreach_dir(settings: Any, tmp_path: Path) -> Path:
    settings.SMEWINDOW_OUTREACH_DIR = tmp_path / "outreach"
    return settings.SMEWINDOW_OUTREACH_DIR


def rows(table: Any) -> dict[str, list[Any]]:
    return {label: list(values) for label, values in table.rows}


# --- the dashboards -------------------------------------------------------------------


@pytest.fixture
def cases(agent: User, make_partner: Callable[..., tuple[Partner, User]]) -> dict[str, Any]:
    """Four cases of February–March 2026 and one of 2025, with referrals and ratings."""
    itri, itri_staff = make_partner("工研院")
    smeg, smeg_staff = make_partner("信保基金", "credit_guarantee")
    # Friday before the nine-day Lunar New Year; answered the Monday after: 1 business day
    lunar, _ = web_case(
        now=at("2026-02-13"),
        county="臺中市",
        industry="08",
        needs=["funding", "ai"],
        profile={"employees": 3, "digital_tools": ["pos"], "ai_use": "none"},
    )
    services.reply(consultation=lunar, body="您好", author="desk", who=agent, now=at("2026-02-23"))
    [loan] = services.refer(
        consultation=lunar, partners=[smeg], note="融資", agent=agent, now=at("2026-02-23", 11)
    )
    services.referral_accept(referral=loan, who=smeg_staff, now=at("2026-02-25"))  # 2 days
    services.referral_record_outcome(
        referral=loan, who=smeg_staff, kind="loan_approved", loan_amount=2_000_000
    )
    services.close(consultation=lunar, who=agent, now=at("2026-03-02"))
    services.rate(consultation=lunar, rating=5)
    # a phone case answered on the fourth business day: late
    phone, _ = services.consultation_create(
        channel="phone",
        agent=agent,
        firm_name="老店",
        question="貸款",
        consent_given=True,
        contact_phone="02-1234-5678",
        county="臺北市",
        needs=["funding"],
        now=at("2026-03-02"),
    )
    [diag, back] = services.refer(
        consultation=phone, partners=[itri, smeg], note="", agent=agent, now=at("2026-03-06")
    )
    services.referral_accept(referral=diag, who=itri_staff, now=at("2026-03-06", 15))  # 0 days
    services.referral_record_outcome(referral=diag, who=itri_staff, kind="diagnosis_report")
    services.referral_return(referral=back, who=smeg_staff, reason="非本單位業務")
    services.close(consultation=phone, who=agent, now=at("2026-03-09"))
    services.rate(consultation=phone, rating=3)
    # never answered: 6 business days by 2026-03-10
    web_case(now=at("2026-03-02"), county="臺北市")
    # arrived the day before: still within the target
    web_case(now=at("2026-03-09"), county="臺中市", industry="47")
    # outside March's period
    old, _ = web_case(now=at("2025-12-31", 23), county="高雄市")
    return {"lunar": lunar, "phone": phone, "itri": itri, "smeg": smeg, "old": old}


NOW = at("2026-03-10", 12)
FEB_MAR = dashboard.Period(dt.date(2026, 2, 1), dt.date(2026, 3, 31))


def test_counts_by_channel_county_industry_status_need(cases: dict[str, Any]) -> None:
    assert rows(dashboard.channel_table(FEB_MAR)) == {"網站": [3], "電話": [1], "主動聯繫": [0]}
    assert rows(dashboard.county_table(FEB_MAR)) == {"臺中市": [2], "臺北市": [2]}
    industry = rows(dashboard.industry_table(FEB_MAR))
    assert industry["未填"] == [2] and industry["08 食品及飼品製造業"] == [1]
    assert sum(v[0] for v in industry.values()) == 4
    assert rows(dashboard.status_table(FEB_MAR)) == {
        "新案件": [2],
        "已回覆": [0],
        "已轉介": [0],
        "合作單位處理中": [0],
        "已結案": [2],
    }
    need = rows(dashboard.need_table(FEB_MAR))
    assert need["資金與貸款"] == [2] and need["導入AI"] == [1] and need["未填"] == [2]
    assert sum(v[0] for v in need.values()) == 5
    all_time = rows(dashboard.county_table(dashboard.Period()))
    assert all_time["高雄市"] == [1]


def test_segments_agree_with_the_rules(cases: dict[str, Any]) -> None:
    table = rows(dashboard.segment_table(FEB_MAR))
    expected = segment(cases["lunar"].profile, on=dt.date(2026, 2, 13)).segment
    assert expected == "micro-L2"
    assert [v for k, v in table.items() if k.startswith("micro-L2 ")] == [[1]]
    assert table["unknown-unknown 規模不明・AI準備度不明"] == [3]
    for profile in (
        {"employees": 250, "ai_use": "pilot"},
        {"employees": 30},
        {"digital_tools": [], "ai_use": "none"},
        {},
    ):
        assert dashboard.case_segment(profile, at("2026-03-02")) == (
            segment(profile, on=dt.date(2026, 3, 2)).segment
        )


def test_service_levels_in_business_days_across_the_lunar_new_year(
    cases: dict[str, Any],
) -> None:
    table = dashboard.service_table(FEB_MAR, now=NOW)
    first, accept = table.rows
    # done: 1 (lunar, across the holiday) and 4 (phone: Mon 3/2 → Fri 3/6); overdue:
    # the case of 3/2 (6 days); within target: the case of 3/9
    assert first == ("首次回覆", [1, 2, 1, 1, 1, 33.3, 2.5, 4])
    # accepted after 2 and 0 business days; returned without acceptance: left out
    assert accept == ("合作單位受理", [3, 2, 2, 0, 0, 100.0, 1, 2])
    csv_rows = table.csv_rows()
    assert csv_rows[0][0] == "時限" and csv_rows[1][0] == "首次回覆"


def test_the_clocks_are_the_selectors(cases: dict[str, Any]) -> None:
    """The dashboard reads plain rows; each clock is what the selectors give the case."""
    clock = dashboard.first_answer_clock(FEB_MAR, NOW)
    answered = Consultation.objects.filter(first_answered_at__isnull=False)
    assert sorted(clock.done) == sorted(selectors.first_answer_days(c) for c in answered)
    accepted = dashboard.acceptance_clock(FEB_MAR, NOW)
    days = [selectors.acceptance_days(r, NOW) for r in Referral.objects.all()]
    assert sorted(accepted.done) == sorted(d for d in days if d is not None)


def test_partners_outcomes_and_loans(cases: dict[str, Any]) -> None:
    table = dashboard.partner_table(FEB_MAR)
    header = list(table.header)
    found = rows(table)
    smeg = dict(zip(header[1:], found["信保基金"], strict=True))
    assert (smeg["轉介"], smeg["已受理"], smeg["已退回"]) == (2, 1, 1)
    assert (smeg["貸款核准"], smeg["核貸金額合計"], smeg["完成診斷報告"]) == (1, 2_000_000, 0)
    itri = dict(zip(header[1:], found["工研院"], strict=True))
    assert (itri["轉介"], itri["已受理"], itri["完成診斷報告"], itri["核貸金額合計"]) == (
        1,
        1,
        1,
        0,
    )


def test_ratings(cases: dict[str, Any]) -> None:
    assert rows(dashboard.rating_table(FEB_MAR)) == {
        "5 分": [1],
        "4 分": [0],
        "3 分": [1],
        "2 分": [0],
        "1 分": [0],
    }
    assert rows(dashboard.overview_table(FEB_MAR)) == {"本期間": [4, 2, 2, 4.0]}
    empty = dashboard.Period(dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    assert rows(dashboard.overview_table(empty)) == {"本期間": [0, 0, 0, None]}


def test_the_period_is_in_taipei_days(cases: dict[str, Any]) -> None:
    # 2025-12-31 23:00 in Taipei is 15:00 UTC: in 2025, not in 2026
    new_year = dashboard.parse_period("2026-01-01", "")
    assert rows(dashboard.county_table(new_year)).get("高雄市") is None
    last_day = dashboard.parse_period("2025-12-31", "2025-12-31")
    assert rows(dashboard.county_table(last_day)) == {"高雄市": [1]}
    with pytest.raises(services.DeskRefused, match="起日格式不符"):
        dashboard.parse_period("2026/13/01", "")
    with pytest.raises(services.DeskRefused, match="起日不能晚於迄日"):
        dashboard.parse_period("2026-03-02", "2026-03-01")


def test_the_dashboard_page_and_its_csv(cases: dict[str, Any], supervisor: User) -> None:
    client = client_for(supervisor)
    page = client.get("/desk/supervisor/", {"from": "2026-02-01", "to": "2026-03-31"})
    assert page.status_code == 200
    text = page.content.decode()
    for words in ("服務水準（營業日）", "信保基金", "2,000,000", "滿意度分布", "micro-L2"):
        assert words in text, words
    assert 'href="/desk/supervisor/partner.csv?from=2026-02-01&amp;to=2026-03-31"' in text
    response = client.get(
        "/desk/supervisor/partner.csv", {"from": "2026-02-01", "to": "2026-03-31"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="smewindow-desk-partner-2026-02-01_2026-03-31.csv"'
    )
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(body[1:])))
    assert table[0][:4] == ["合作單位", "轉介", "已受理", "已退回"]
    assert table[2][:4] == ["信保基金", "2", "1", "1"] and table[2][-1] == "2000000"
    county = client.get("/desk/supervisor/county.csv", {"from": "2026-01-01"}).content.decode()
    assert "高雄市" not in county and "臺中市,2" in county
    overview = client.get(
        "/desk/supervisor/overview.csv", {"from": "2024-01-01", "to": "2024-01-02"}
    )
    assert overview.content.decode().splitlines()[1] == "本期間,0,0,0,"
    bad = client.get("/desk/supervisor/", {"from": "tomorrow"})
    assert bad.status_code == 422 and "起日格式不符" in bad.content.decode()
    assert 'aria-invalid="true"' in bad.content.decode()
    assert client.get("/desk/supervisor/nothing.csv").status_code == 404
    assert client.get("/desk/supervisor/county.csv", {"to": "x"}).status_code == 422


# --- outreach: the screening files -----------------------------------------------------

PROGRAM = "digital-training-subsidy"
OTHER = "transformation-loan"


def screening(n: int = 6) -> pl.DataFrame:
    """A batch result as ``smewindow batch`` writes it (the columns that matter here)."""
    counties = ["臺中市", "臺中市", "臺中市", "臺中市", "高雄市", None]
    eligible = [True, None, False, True, True, True]
    return pl.DataFrame(
        {
            "business_id": [business_id(1000 + i) for i in range(n)],
            "name": [f"企業{i}" for i in range(n)],
            "county": counties[:n],
            f"{PROGRAM}.eligible": eligible[:n],
            f"{PROGRAM}.window": ["open"] * n,
            f"{PROGRAM}.amount": [44_000] * n,
            f"{OTHER}.eligible": [None] * n,
        },
        schema_overrides={f"{OTHER}.eligible": pl.Boolean},
    )


def upload(client: Client, name: str, data: bytes) -> Any:
    return client.post(
        "/desk/supervisor/campaigns/upload", {"file": SimpleUploadedFile(name, data)}
    )


def parquet_bytes(frame: pl.DataFrame) -> bytes:
    out = io.BytesIO()
    frame.write_parquet(out)
    return out.getvalue()


def csv_bytes(frame: pl.DataFrame) -> bytes:
    return frame.write_csv().encode()


def key_of(response: Any) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return str(response["Location"]).rstrip("/").rsplit("/", 1)[1]


@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_a_campaign_from_a_screening_leaves_out_firms_with_a_case(
    kind: str, supervisor: User, agent: User
) -> None:
    frame = screening()
    web_case(business_id=frame["business_id"][3], now=at("2026-03-02"))  # has a case
    client = client_for(supervisor)
    data = parquet_bytes(frame) if kind == "parquet" else csv_bytes(frame)
    key = key_of(upload(client, f"results.{kind}", data))
    page = client.get(f"/desk/supervisor/campaigns/new/{key}/")
    assert page.status_code == 200 and "6 家企業" in page.content.decode()
    preview = client.get(
        f"/desk/supervisor/campaigns/new/{key}/",
        {"program_id": PROGRAM, "county": "臺中市", "eligibility": "eligible"},
    ).content.decode()
    assert "符合條件且尚無諮詢案件：1 家" in preview and "已有案件而排除：1 家" in preview
    assert frame["business_id"][0] in preview and frame["business_id"][3] not in preview
    likely = client.get(
        f"/desk/supervisor/campaigns/new/{key}/",
        {"program_id": PROGRAM, "county": "臺中市", "eligibility": "likely_eligible"},
    ).content.decode()
    assert "符合條件且尚無諮詢案件：2 家" in likely and "可能符合（尚需資料）" in likely
    response = client.post(
        f"/desk/supervisor/campaigns/new/{key}/",
        {
            "program_id": PROGRAM,
            "county": "臺中市",
            "eligibility": "likely_eligible",
            "name": "臺中數位培力",
        },
    )
    campaign = Campaign.objects.get()
    assert response["Location"] == f"/desk/outreach/{campaign.pk}/"
    assert (campaign.program_id, campaign.county, campaign.created_by) == (
        PROGRAM,
        "臺中市",
        supervisor,
    )
    assert campaign.source_name == f"results.{kind}" and campaign.screened_rows == 6
    firms = list(campaign.firms.values_list("business_id", "name", "eligible", "status"))
    assert firms == [
        (frame["business_id"][0], "企業0", True, "to_call"),
        (frame["business_id"][1], "企業1", None, "to_call"),
    ]
    event = CampaignEvent.objects.get()
    assert (event.who, event.to_status) == (supervisor, "created") and "2 家" in event.note
    # the staged file is used once
    assert client.get(f"/desk/supervisor/campaigns/new/{key}/").status_code == 404


def test_a_real_batch_output_makes_a_campaign(tmp_path: Path, supervisor: User) -> None:
    registry = pl.DataFrame(
        {
            "business_id": [business_id(2000 + i) for i in range(4)],
            "name": ["甲", "乙", "丙", "丁"],
            "county": ["臺南市", "臺南市", "臺南市", "花蓮縣"],
            "employees": [5, 8, 400, 5],
        }
    )
    registry.write_parquet(tmp_path / "firms.parquet")
    for suffix in ("parquet", "csv"):
        target = tmp_path / f"results.{suffix}"
        screen_file(tmp_path / "firms.parquet", target, dt.date(2026, 3, 2))
        found = outreach.stage(target, target.name)
        expected = pl.read_parquet(tmp_path / "results.parquet").filter(
            (pl.col("county") == "臺南市") & pl.col(f"{PROGRAM}.eligible").fill_null(True)
        )["business_id"]
        choice = outreach.choose(
            found, program_id=PROGRAM, county="臺南市", eligibility="likely_eligible"
        )
        assert [f["business_id"] for f in choice.firms] == expected.to_list()
        assert len(found.programs) == 30


def assert_nothing_kept(outreach_dir: Path) -> None:
    assert Campaign.objects.count() == CampaignFirm.objects.count() == 0
    assert not outreach_dir.exists() or not [p for p in outreach_dir.iterdir()]


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("results.xlsx", b"PK\x03\x04", "只接受 smewindow batch 輸出的 Parquet 或 CSV 檔"),
        ("results.parquet", b"not a parquet file at all", "無法讀取「results.parquet」"),
        ("results.csv", b"", "無法讀取「results.csv」"),
        ("results.csv", "business_id,name\n04595257,好\n".encode(), "缺少欄位 county"),
        (
            "results.csv",
            "business_id,name,county\n04595257,好,臺中市\n".encode(),
            "缺少欄位 「措施代碼.eligible」",
        ),
        (
            "results.csv",
            "business_id,name,county,no-such.eligible\n04595257,好,臺中市,true\n".encode(),
            "不認得的措施欄位：no-such.eligible",
        ),
        (
            "results.csv",
            f"business_id,name,county,{PROGRAM}.eligible\n04595257,好,臺中市,true\n"
            f"12345678,壞,臺中市,true\n".encode(),
            "第 2 列的統一編號格式或檢查碼不符",
        ),
        (
            "results.csv",
            f"business_id,name,county,{PROGRAM}.eligible\n04595257,好,台中,true\n".encode(),
            "第 1 列的縣市不是臺灣的縣市名稱",
        ),
        (
            "results.csv",
            f"business_id,name,county,{PROGRAM}.eligible\n04595257,好,臺中市,true\n"
            f"04595257,好,臺中市,false\n".encode(),
            "第 1、2 列的統一編號重複",
        ),
        (
            "results.csv",
            f"business_id,name,county,{PROGRAM}.eligible\n04595257,好,臺中市,maybe\n".encode(),
            "須為 true、false 或空白（未知），第 1 列不是",
        ),
        (
            "results.csv",
            f"business_id,name,county,{PROGRAM}.eligible\n".encode(),
            "沒有任何資料列",
        ),
    ],
)
def test_bad_files_are_refused_with_the_reason_and_nothing_is_kept(
    name: str, data: bytes, words: str, supervisor: User, outreach_dir: Path
) -> None:
    response = upload(client_for(supervisor), name, data)
    assert response.status_code == 422
    page = response.content.decode()
    assert words in page, page[page.find("error") : page.find("error") + 300]
    assert 'role="alert"' in page
    assert_nothing_kept(outreach_dir)


def test_a_parquet_of_the_wrong_types_is_refused(supervisor: User, outreach_dir: Path) -> None:
    frame = screening().with_columns(pl.lit(1).alias(f"{PROGRAM}.eligible"))
    response = upload(client_for(supervisor), "results.parquet", parquet_bytes(frame))
    assert response.status_code == 422 and "型別不符" in response.content.decode()
    frame = screening().with_columns(pl.lit(7).alias("county"))
    response = upload(client_for(supervisor), "results.parquet", parquet_bytes(frame))
    assert response.status_code == 422 and "county 欄須為文字" in response.content.decode()
    assert_nothing_kept(outreach_dir)


def test_too_large_a_file_and_no_file(
    supervisor: User, outreach_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outreach, "MAX_FILE_BYTES", 100)
    response = upload(client_for(supervisor), "results.parquet", parquet_bytes(screening()))
    assert response.status_code == 422 and "檔案過大" in response.content.decode()
    response = client_for(supervisor).post("/desk/supervisor/campaigns/upload", {})
    assert response.status_code == 422 and "請選擇檔案" in response.content.decode()
    assert_nothing_kept(outreach_dir)


def test_campaign_choices_are_checked(supervisor: User, outreach_dir: Path) -> None:
    found = outreach.stage_upload(SimpleUploadedFile("r.parquet", parquet_bytes(screening())))
    base = {"key": found.key, "who": supervisor, "name": "活動", "eligibility": "eligible"}
    with pytest.raises(services.DeskRefused, match="沒有符合條件"):
        outreach.campaign_create(**base, program_id=OTHER, county="臺中市")
    with pytest.raises(services.DeskRefused, match="請選擇篩選結果中有的措施"):
        outreach.campaign_create(**base, program_id="sme-elearning", county="臺中市")
    with pytest.raises(services.DeskRefused, match="請選擇縣市"):
        outreach.campaign_create(**base, program_id=PROGRAM, county="")
    with pytest.raises(services.DeskRefused, match="請填寫活動名稱"):
        outreach.campaign_create(**{**base, "name": " "}, program_id=PROGRAM, county="臺中市")
    agent = user("just-agent", roles.AGENT)
    with pytest.raises(services.DeskRefused, match="只有督導"):
        outreach.campaign_create(**{**base, "who": agent}, program_id=PROGRAM, county="臺中市")
    assert Campaign.objects.count() == 0
    response = client_for(supervisor).post(
        f"/desk/supervisor/campaigns/new/{found.key}/",
        {"program_id": PROGRAM, "county": "臺中市", "eligibility": "eligible", "name": ""},
    )
    assert response.status_code == 422 and "請填寫活動名稱" in response.content.decode()
    assert Campaign.objects.count() == 0


def test_the_command_stages_a_file(tmp_path: Path, supervisor: User) -> None:
    path = tmp_path / "big.parquet"
    screening().write_parquet(path)
    out = io.StringIO()
    call_command("desk_outreach_stage", str(path), stdout=out)
    assert "已檢查 6 家企業" in out.getvalue()
    link = out.getvalue().split("請督導開啟 ")[1].split(" ")[0]
    assert client_for(supervisor).get(link).status_code == 200
    with pytest.raises(CommandError, match="找不到檔案"):
        call_command("desk_outreach_stage", str(tmp_path / "none.csv"))
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    with pytest.raises(CommandError, match="缺少欄位"):
        call_command("desk_outreach_stage", str(tmp_path / "bad.csv"))


# --- working a campaign -----------------------------------------------------------------


@pytest.fixture
def campaign(supervisor: User) -> Campaign:
    found = outreach.stage_upload(SimpleUploadedFile("r.csv", csv_bytes(screening())))
    return outreach.campaign_create(
        key=found.key,
        name="臺中數位培力",
        program_id=PROGRAM,
        county="臺中市",
        eligibility="likely_eligible",
        who=supervisor,
        now=at("2026-03-02", 9),
    )


def test_an_agent_works_through_a_campaign_to_an_outbound_case(
    campaign: Campaign, agent: User
) -> None:
    client = client_for(agent)
    base = f"/desk/outreach/{campaign.pk}/"
    first, second, third = campaign.firms.order_by("id")
    page = client.get(base).content.decode()
    assert "臺中數位培力" in page and first.business_id in page and "下一家" in page
    assert 'href="/desk/outreach/' in client.get("/desk/outreach/").content.decode()
    call = f"{base}firms/{first.pk}/call"
    assert client.post(call, {"outcome": "no_answer"}).status_code == 302
    first.refresh_from_db()
    assert (first.status, first.calls) == ("called", 1)
    assert outreach.next_firm(campaign) == second  # not yet called comes first
    assert client.post(f"{base}firms/{second.pk}/call", {"outcome": "declined"}).status_code == 302
    assert client.post(f"{base}firms/{second.pk}/call", {"outcome": "reached"}).status_code == 422
    # wants help, but the firm's consent is not ticked: refused, nothing made
    wants = {
        "outcome": "wants_help",
        "question": "想了解培力補助",
        "contact_name": "林小姐",
        "contact_phone": "04-2222-1111",
        "note": "下午再談細節",
    }
    refused = client.post(f"{base}firms/{third.pk}/call", wants)
    assert refused.status_code == 422 and "請勾選同意" in refused.content.decode()
    assert "想了解培力補助" in refused.content.decode()
    third.refresh_from_db()
    assert third.status == "to_call" and not Consultation.objects.exists()
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = client.post(f"{base}firms/{third.pk}/call", {**wants, "consent": "yes"})
    assert done.status_code == 302
    third.refresh_from_db()
    case = Consultation.objects.get()
    assert third.status == "case_created" and third.consultation == case
    assert (case.channel, case.created_by, case.business_id, case.firm_name) == (
        "outbound",
        agent,
        third.business_id,
        third.name,
    )
    assert (case.program_id, case.county, case.contact_name) == (PROGRAM, "臺中市", "林小姐")
    assert outreach.next_firm(campaign) == first  # only the no-answer is left
    assert outreach.progress(campaign) == {
        "to_call": 0,
        "called": 1,
        "reached": 0,
        "declined": 1,
        "case_created": 1,
    }
    journal = list(CampaignEvent.objects.order_by("id").values_list("to_status", "who__username"))
    assert journal == [
        ("created", "supervisor"),
        ("called", "agent"),
        ("declined", "agent"),
        ("case_created", "agent"),
    ]
    assert f"案件 {case.pk}：下午再談細節" in CampaignEvent.objects.last().note  # type: ignore[union-attr]
    assert case.events.get().note.startswith("服務中心主動聯繫")
    # the firm has a case now: a new campaign leaves it out
    assert third.business_id in set(outreach._case_ids([third.business_id]))


def test_a_firm_of_another_campaign_answers_404(campaign: Campaign, agent: User) -> None:
    firm = campaign.firms.first()
    assert firm is not None
    response = client_for(agent).post(
        f"/desk/outreach/{campaign.pk + 1}/firms/{firm.pk}/call", {"outcome": "reached"}
    )
    assert response.status_code == 404
    firm.refresh_from_db()
    assert firm.status == "to_call"


def test_the_pages_in_english(cases: dict[str, Any], supervisor: User, campaign: Campaign) -> None:
    client = client_for(supervisor)
    client.cookies["django_language"] = "en"
    page = client.get("/desk/supervisor/").content.decode()
    assert "Service levels (business days)" in page and "First answer" in page
    assert "Micro enterprise" in page and "5 points" in page
    assert "Outcome of the call" in client.get(f"/desk/outreach/{campaign.pk}/").content.decode()


def test_segments_read_from_the_database_answers() -> None:
    """The three answers read by key from the stored profile, on SQLite and PostgreSQL:
    no tools at all (an empty list) is level 1, not unknown."""
    web_case(now=at("2026-03-02"), profile={"employees": 3, "digital_tools": [], "ai_use": "none"})
    web_case(now=at("2026-03-02"), profile={"employees": 40, "ai_use": "production"})
    web_case(now=at("2026-03-02"), profile={"ai_use": "none"})
    found = {label.split()[0] for label, _ in dashboard.segment_table(FEB_MAR).rows}
    assert found == {"micro-L1", "medium-L4", "unknown-unknown"}
    for case in Consultation.objects.all():
        assert any(
            label.startswith(segment(case.profile, on=dt.date(2026, 3, 2)).segment + " ")
            for label, _ in dashboard.segment_table(FEB_MAR).rows
        )
