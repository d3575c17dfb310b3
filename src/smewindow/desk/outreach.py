"""Outbound campaigns (issue 14, 「主動聯繫」): from a registry screening (``smewindow
batch``'s output, Parquet or CSV: ``business_id``, ``name``, ``county`` and per program
``<id>.eligible`` true / false / empty for unknown), a supervisor picks the firms eligible
(or possibly eligible) for a program in a county that have no case yet, and makes a
campaign the desk calls through; a firm that wants help becomes an outbound case
(``services.consultation_create(channel="outbound")``).

A file is read whole and checked before anything is kept (types, 統一編號, counties, no
repeated firm); the firms it lists are then staged as a small Parquet file under
``SMEWINDOW_OUTREACH_DIR`` with a random key, from which the supervisor previews and
makes the campaign in one transaction. Every change of a campaign or of one of its firms
is journaled (``CampaignEvent``: who, when, from, to, note).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from smewindow.desk import roles, services
from smewindow.desk.models import (
    CAMPAIGN_OPEN,
    Campaign,
    CampaignEvent,
    CampaignFirm,
    CampaignFirmStatus,
    Channel,
    Consultation,
    EligibilityFilter,
)
from smewindow.desk.services import DeskRefused, clean_text
from smewindow.rules import PROGRAMS_BY_ID
from smewindow.rules.batch import output_columns
from smewindow.rules.taiwan import COUNTIES, business_id_valid_expr

MAX_FILE_BYTES = 10 * 1024 * 1024
"""The largest file the page takes (10 MB: a county's screening in Parquet); a larger
one is staged with ``manage.py desk_outreach_stage``."""
MAX_CAMPAIGN_FIRMS = 5000
"""The most firms one campaign holds: a few weeks of a desk's calls. Not a rule: a bound,
so that a campaign stays workable; a larger choice is refused (narrow it, or split it)."""
PREVIEW_ROWS = 20
STAGE_HOURS = 24
"""A staged file is removed after a day."""
IDENTITY = ("business_id", "name", "county")
ELIGIBLE = ".eligible"
_KEY = re.compile(r"^[A-Za-z0-9_-]{20,40}$")


def _refused(code: str, zh: str, en: str) -> DeskRefused:
    return DeskRefused(code, zh, en)


def stage_dir() -> Path:
    path = Path(settings.SMEWINDOW_OUTREACH_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class Staged:
    """A checked screening, kept under ``key`` until it is used or a day old."""

    key: str
    source_name: str
    rows: int
    programs: tuple[str, ...]
    """The program ids the file has an eligibility column for, in the catalogue's order."""

    def frame(self) -> pl.DataFrame:
        return pl.read_parquet(stage_dir() / f"{self.key}.parquet")


# Reading and checking a file


def _format(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in (".parquet", ".csv"):
        raise _refused(
            "file",
            f"只接受 smewindow batch 輸出的 Parquet 或 CSV 檔，不是「{name}」",
            f"only the Parquet or CSV output of smewindow batch, not {name}",
        )
    return suffix


def _read(path: Path, name: str) -> pl.DataFrame:
    """The identity and eligibility columns of the file (CSV read as text)."""
    suffix = _format(name)
    try:
        if suffix == ".parquet":
            columns = pl.read_parquet_schema(path)
            wanted = [c for c in columns if c in IDENTITY or c.endswith(ELIGIBLE)]
            frame = pl.read_parquet(path, columns=wanted)
        else:
            header = pl.read_csv(path, n_rows=0, infer_schema=False).columns
            wanted = [c for c in header if c in IDENTITY or c.endswith(ELIGIBLE)]
            frame = pl.read_csv(path, columns=wanted, infer_schema=False, encoding="utf8-lossy")
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        raise _refused(
            "file",
            f"無法讀取「{name}」：不是完整的 {suffix[1:].upper()} 檔（{type(exc).__name__}）",
            f"cannot read {name}: not a whole {suffix[1:]} file",
        ) from None
    return frame


def _rows_named(frame: pl.DataFrame, bad: pl.Expr, limit: int = 5) -> str:
    rows = frame.with_row_index("row", offset=1).filter(bad)["row"].head(limit).to_list()
    return "、".join(str(r) for r in rows)


def _eligibility(frame: pl.DataFrame, column: str, name: str) -> pl.Series:
    """A ``<id>.eligible`` column as true / false / null (CSV: true, false or empty)."""
    series = frame[column]
    if series.dtype == pl.Boolean:
        return series
    if series.dtype == pl.String:
        text = series.str.strip_chars().str.to_lowercase()
        bad = text.is_not_null() & (text != "") & ~text.is_in(["true", "false"])
        if bad.any():
            rows = _rows_named(frame, pl.lit(bad))
            raise _refused(
                "file",
                f"「{name}」的 {column} 欄須為 true、false 或空白（未知），第 {rows} 列不是",
                f"{column} must be true, false or empty: rows {rows} of {name} are not",
            )
        return text.replace_strict(
            {"true": True, "false": False}, default=None, return_dtype=pl.Boolean
        )
    raise _refused(
        "file",
        f"「{name}」的 {column} 欄型別不符（{series.dtype}），應為 true / false",
        f"{column} of {name} has the wrong type ({series.dtype}); it must be true / false",
    )


def check(path: Path, name: str) -> pl.DataFrame:
    """The screening in ``path`` (originally named ``name``) as a frame of ``business_id``,
    ``name``, ``county`` and the eligibility of each program it has, or refused with the
    reason in Chinese (and English) naming the columns or rows."""
    frame = _read(path, name)
    missing = [c for c in IDENTITY if c not in frame.columns]
    programs = [
        p for p in PROGRAMS_BY_ID if output_columns(p)[0] in frame.columns
    ]  # the catalogue's order
    unknown = [
        c
        for c in frame.columns
        if c.endswith(ELIGIBLE) and c[: -len(ELIGIBLE)] not in PROGRAMS_BY_ID
    ]
    if unknown:
        raise _refused(
            "file",
            f"「{name}」有不認得的措施欄位：{'、'.join(unknown[:5])}",
            f"{name} names unknown programs: {', '.join(unknown[:5])}",
        )
    if missing or not programs:
        what = "、".join(missing) if missing else "「措施代碼.eligible」"
        raise _refused(
            "file",
            f"「{name}」不是 smewindow batch 的篩選結果：缺少欄位 {what}",
            f"{name} is not a screening by smewindow batch: no column {what}",
        )
    if frame.height == 0:
        raise _refused("file", f"「{name}」沒有任何資料列", f"{name} has no rows")
    for column in IDENTITY:
        if frame[column].dtype not in (pl.String, pl.Null):
            raise _refused(
                "file",
                f"「{name}」的 {column} 欄須為文字（{frame[column].dtype}）",
                f"{column} of {name} must be text, not {frame[column].dtype}",
            )
    frame = frame.with_columns(
        pl.col(c).cast(pl.String).str.strip_chars().replace("", None) for c in IDENTITY
    )
    bad_id = pl.col("business_id").is_not_null() & ~business_id_valid_expr(pl.col("business_id"))
    if frame.select(bad_id.any()).item():
        rows = _rows_named(frame, bad_id)
        raise _refused(
            "business_id",
            f"「{name}」第 {rows} 列的統一編號格式或檢查碼不符（須為8位數字）",
            f"rows {rows} of {name}: the business ID is not valid (8 digits, check digit)",
        )
    bad_county = pl.col("county").is_not_null() & ~pl.col("county").is_in(list(COUNTIES))
    if frame.select(bad_county.any()).item():
        rows = _rows_named(frame, bad_county)
        raise _refused(
            "county",
            f"「{name}」第 {rows} 列的縣市不是臺灣的縣市名稱（例如 臺中市）",
            f"rows {rows} of {name}: the county is not one of Taiwan's",
        )
    repeated = pl.col("business_id").is_not_null() & pl.col("business_id").is_duplicated()
    if frame.select(repeated.any()).item():
        rows = _rows_named(frame, repeated)
        raise _refused(
            "business_id",
            f"「{name}」第 {rows} 列的統一編號重複：同一家企業只能出現一次",
            f"rows {rows} of {name}: a business ID appears more than once",
        )
    eligible = [
        _eligibility(frame, output_columns(p)[0], name).alias(output_columns(p)[0])
        for p in programs
    ]
    return frame.select(*IDENTITY).with_columns(eligible)


def _clean_old(now: float) -> None:
    for path in stage_dir().glob("*"):
        try:
            if now - path.stat().st_mtime > STAGE_HOURS * 3600:
                path.unlink(missing_ok=True)
        except OSError:
            continue


def stage(path: Path, name: str) -> Staged:
    """Check the screening in ``path`` and keep it for a campaign: its key. Nothing is
    kept when the file is refused."""
    frame = check(path, name)
    _clean_old(time.time())
    key = secrets.token_urlsafe(18)
    folder = stage_dir()
    programs = tuple(p for p in PROGRAMS_BY_ID if output_columns(p)[0] in frame.columns)
    meta = {"source_name": Path(name).name[:255], "rows": frame.height, "programs": programs}
    partial = folder / f".{key}.partial"
    frame.write_parquet(partial)
    os.replace(partial, folder / f"{key}.parquet")
    (folder / f"{key}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return Staged(key, str(meta["source_name"]), frame.height, programs)


def stage_upload(upload: Any) -> Staged:
    """Stage an uploaded file (Django's ``UploadedFile``), at most ``MAX_FILE_BYTES``."""
    name = str(getattr(upload, "name", "") or "")
    _format(name)
    if upload.size > MAX_FILE_BYTES:
        raise _refused(
            "file",
            f"檔案過大：上限 {MAX_FILE_BYTES // (1024 * 1024)} MB；較大的檔案請由系統管理者以"
            " manage.py desk_outreach_stage 匯入",
            f"the file is too large: at most {MAX_FILE_BYTES // (1024 * 1024)} MB; stage a"
            " larger one with manage.py desk_outreach_stage",
        )
    folder = stage_dir()
    partial = folder / f".upload-{secrets.token_hex(8)}{Path(name).suffix.lower()}"
    try:
        with partial.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        return stage(partial, name)
    finally:
        partial.unlink(missing_ok=True)


def staged(key: str) -> Staged | None:
    """The staged screening under ``key`` (None for any other key, or when it is gone)."""
    if not _KEY.match(key or ""):
        return None
    meta_path = stage_dir() / f"{key}.json"
    if not meta_path.is_file() or not (stage_dir() / f"{key}.parquet").is_file():
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return Staged(key, meta["source_name"], int(meta["rows"]), tuple(meta["programs"]))


# Choosing the firms


@dataclass(frozen=True)
class Choice:
    """The firms of a staged screening for a program, county and eligibility."""

    firms: list[dict[str, Any]]
    """business_id, name, eligible (True, or None for possibly), in the file's order."""
    with_case: int
    """Firms left out because they already have a case."""
    without_id: int
    """Firms left out because the file gives no 統一編號."""


def choose(found: Staged, *, program_id: str, county: str, eligibility: str) -> Choice:
    """The firms of ``found`` in ``county`` eligible (or, with ``likely_eligible``,
    possibly eligible) for ``program_id``, without those that have a case already
    (``Consultation.business_id``)."""
    if program_id not in found.programs:
        raise _refused(
            "program_id",
            "請選擇篩選結果中有的措施",
            "choose a program the screening has",
        )
    if county not in COUNTIES:
        raise _refused("county", "請選擇縣市", "choose a county")
    if eligibility not in EligibilityFilter.values:
        raise _refused("eligibility", "請選擇篩選結果（符合或可能符合）", "choose the eligibility")
    column = output_columns(program_id)[0]
    wanted = pl.col(column)
    if eligibility == EligibilityFilter.LIKELY_ELIGIBLE:
        wanted = wanted.fill_null(True)
    picked = found.frame().filter((pl.col("county") == county) & wanted)
    without_id = picked.filter(pl.col("business_id").is_null()).height
    picked = picked.filter(pl.col("business_id").is_not_null())
    with_cases = _case_ids(picked["business_id"].to_list())
    firms = [
        {"business_id": row["business_id"], "name": row["name"] or "", "eligible": row[column]}
        for row in picked.iter_rows(named=True)
        if row["business_id"] not in with_cases
    ]
    return Choice(firms, picked.height - len(firms), without_id)


def _case_ids(ids: list[str]) -> set[str]:
    """Which of ``ids`` have a case: asked in batches (a database bounds a query's
    parameters)."""
    found: set[str] = set()
    for start in range(0, len(ids), 900):
        found.update(
            Consultation.objects.filter(business_id__in=ids[start : start + 900]).values_list(
                "business_id", flat=True
            )
        )
    return found


# The campaign and its calls


def _journal(
    campaign: Campaign,
    firm: CampaignFirm | None,
    who: Any,
    from_status: str,
    to_status: str,
    at: dt.datetime,
    note: str = "",
) -> None:
    CampaignEvent.objects.create(
        campaign=campaign,
        firm=firm,
        who=who,
        at=at,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


def campaign_create(
    *,
    key: str,
    name: str,
    program_id: str,
    county: str,
    eligibility: str,
    who: Any,
    now: dt.datetime | None = None,
) -> Campaign:
    """A campaign of the chosen firms of the staged screening ``key``, made by a
    supervisor, in one transaction (all its firms, or nothing); the staged file is then
    removed."""
    if not roles.is_supervisor(who):
        raise _refused(
            "not_supervisor", "只有督導可以建立外撥活動", "only supervisors make campaigns"
        )
    found = staged(key)
    if found is None:
        raise _refused(
            "file",
            "找不到這份篩選結果（可能已超過一天被移除），請重新上傳",
            "the screening is gone (kept for a day); upload it again",
        )
    name = clean_text(
        name, code="name", zh="活動名稱", en="campaign's name", limit=200, required=True
    )
    choice = choose(found, program_id=program_id, county=county, eligibility=eligibility)
    if not choice.firms:
        raise _refused(
            "firms",
            "沒有符合條件且尚無案件的企業，未建立活動",
            "no firm matches without a case; no campaign made",
        )
    if len(choice.firms) > MAX_CAMPAIGN_FIRMS:
        raise _refused(
            "firms",
            f"一個活動最多 {MAX_CAMPAIGN_FIRMS:,} 家企業，這次選到 {len(choice.firms):,} 家："
            "請改選「符合」或分批建立",
            f"a campaign holds at most {MAX_CAMPAIGN_FIRMS:,} firms, not {len(choice.firms):,}",
        )
    moment = now or timezone.now()
    with transaction.atomic():
        campaign = Campaign.objects.create(
            name=name,
            program_id=program_id,
            county=county,
            eligibility=eligibility,
            source_name=found.source_name,
            screened_rows=found.rows,
            created_by=who,
            created_at=moment,
        )
        CampaignFirm.objects.bulk_create(
            CampaignFirm(
                campaign=campaign,
                business_id=f["business_id"],
                name=(f["name"] or "")[:200],
                eligible=f["eligible"],
            )
            for f in choice.firms
        )
        _journal(
            campaign,
            None,
            who,
            "",
            "created",
            moment,
            f"{len(choice.firms)} 家（{found.source_name}，排除已有案件 {choice.with_case} 家）",
        )
    for suffix in (".parquet", ".json"):
        (stage_dir() / f"{key}{suffix}").unlink(missing_ok=True)
    return campaign


def next_firm(campaign: Campaign) -> CampaignFirm | None:
    """The next firm to call: the first not yet called, then those called without an
    answer, the longest ago first."""
    waiting = campaign.firms.filter(status=CampaignFirmStatus.TO_CALL).order_by("id").first()
    if waiting is not None:
        return waiting
    return (
        campaign.firms.filter(status=CampaignFirmStatus.CALLED)
        .order_by("last_called_at", "id")
        .first()
    )


class CallOutcome:
    REACHED = "reached"
    NO_ANSWER = "no_answer"
    DECLINED = "declined"
    WANTS_HELP = "wants_help"
    ALL = (REACHED, NO_ANSWER, DECLINED, WANTS_HELP)


_OUTCOME_STATUS = {
    CallOutcome.REACHED: CampaignFirmStatus.REACHED,
    CallOutcome.NO_ANSWER: CampaignFirmStatus.CALLED,
    CallOutcome.DECLINED: CampaignFirmStatus.DECLINED,
    CallOutcome.WANTS_HELP: CampaignFirmStatus.CASE_CREATED,
}


def record_call(
    *,
    firm: CampaignFirm,
    outcome: str,
    who: Any,
    note: str = "",
    case: Mapping[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> CampaignFirm:
    """An agent's call to a campaign firm: reached, no answer (called again later),
    declined, or wants help — then an outbound case is made with ``case`` (the
    ``consultation_create`` fields: question, contact, consent …) in the same
    transaction. A firm declined or with a case is not called again."""
    if not roles.is_agent(who):
        raise _refused("not_agent", "只有服務中心人員可以記錄外撥", "only desk agents record calls")
    if outcome not in CallOutcome.ALL:
        raise _refused("outcome", "請選擇通話結果", "choose the call's outcome")
    note = clean_text(note, code="note", zh="通話紀錄", en="note", limit=services.MAX_NOTE_CHARS)
    moment = now or timezone.now()
    with transaction.atomic():
        locked = CampaignFirm.objects.select_for_update().select_related("campaign").get(pk=firm.pk)
        if locked.status not in (*CAMPAIGN_OPEN, CampaignFirmStatus.REACHED):
            raise _refused(
                "status",
                f"這家企業已「{locked.get_status_display()}」，不再聯繫",
                f"the firm is {locked.status}; it is not called again",
            )
        to = _OUTCOME_STATUS[outcome]
        if outcome == CallOutcome.WANTS_HELP:
            fields = dict(case or {})
            fields.setdefault("firm_name", locked.name)
            consultation, _token = services.consultation_create(
                channel=Channel.OUTBOUND,
                agent=who,
                business_id=locked.business_id,
                county=fields.pop("county", "") or locked.campaign.county,
                program_id=locked.campaign.program_id,
                now=moment,
                **fields,
            )
            locked.consultation = consultation
            note = f"案件 {consultation.pk}" + (f"：{note}" if note else "")
        _journal(locked.campaign, locked, who, locked.status, to, moment, note)
        locked.status = to
        locked.calls += 1
        locked.last_called_at = moment
        locked.save(update_fields=["status", "calls", "last_called_at", "consultation"])
    firm.refresh_from_db()
    return firm


def progress(campaign: Campaign) -> dict[str, int]:
    """How many of the campaign's firms are in each status (one query)."""
    counts = {s.value: 0 for s in CampaignFirmStatus}
    counts.update(campaign.firms.values_list("status").annotate(n=Count("id")).order_by())
    return counts
