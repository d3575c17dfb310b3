"""The ``smewindow`` command: a thin layer over ``smewindow.rules``.

Every command has help with an example (``smewindow COMMAND --help``). Errors go
to stderr in Chinese and English and exit with status 2; stdout carries only the
result.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from smewindow import safejson
from smewindow.formatting import (
    ELIGIBILITY_LABELS,
    KIND_LABELS,
    RESULT_LABELS,
    roc_date,
    twd,
    window_label,
)
from smewindow.registry import RegistryError, count_rows, screen_file
from smewindow.rules import PROGRAMS, PROGRAMS_BY_ID, ProfileError, ScreeningDateError, screen
from smewindow.rules.engine import check_date, program_summary, today_taipei
from smewindow.rules.profile import field_title

out = Console(highlight=False, width=None if sys.stdout.isatty() else 140)
err = Console(stderr=True, highlight=False)


def fail(message: str) -> NoReturn:
    """Print an error on stderr and exit with status 2."""
    # Text, not markup: the message quotes user data such as "[/x]"; soft_wrap keeps lines whole.
    err.print(Text.assemble(("錯誤 (error)", "bold red"), "：", message), soft_wrap=True)
    sys.exit(2)


class DateType(click.ParamType[dt.date]):
    """An ISO date (YYYY-MM-DD)."""

    name = "DATE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"日期須為 YYYY-MM-DD，例如 2025-04-01 (not a date): {value!r}", param, ctx)


ON = click.option(
    "--on",
    type=DateType(),
    default=None,
    help="篩選日期 YYYY-MM-DD（預設：臺北今天）。Screening date, default today in Asia/Taipei.",
)


def _load_profile(path: str) -> dict[str, Any]:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"無法讀取企業概況檔 {path} (cannot read the profile): {exc}")
    try:
        data = safejson.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"企業概況不是有效的 JSON (not valid JSON): 第 {exc.lineno} 行 {exc.msg}")
    except safejson.JsonLimitError as exc:
        fail(f"企業概況超出限制 (the profile is over a limit): {exc}")
    if not isinstance(data, dict):
        fail("企業概況須為 JSON 物件 (the profile must be a JSON object)")
    return data


def _screen(path: str, on: dt.date | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The profile read from ``path`` and its screening result."""
    profile = _load_profile(path)
    try:
        return profile, screen(profile, on=on)
    except ProfileError as exc:
        fail("企業概況有誤 (invalid profile)：\n" + "\n".join(f"  - {e}" for e in exc.errors))
    except ScreeningDateError as exc:
        fail(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="smewindow")
def main() -> None:
    """中小微企業單一窗口 SME Window：114年中小微企業多元振興發展計畫的篩選工具。

    Screen firms against every measure of Taiwan's 2025 SME Multi-faceted
    Revitalization Plan.

    \b
    例 Example:
      smewindow screen examples/bakery.json --format table
    """


def _window_text(program: dict[str, Any], on: dt.date) -> str:
    label = window_label(program["window"], on)
    dates = program.get("window_dates") or {}
    if program["window"] == "open" and dates.get("closes"):
        return f"{label}，至{roc_date(dates['closes'])}"
    if program["window"] == "upcoming" and dates.get("opens"):
        return f"{label}，{roc_date(dates['opens'])}起"
    return label


def _print_table(result: dict[str, Any], name: str | None) -> None:
    title = f"{name or '貴企業'}：篩選結果（{roc_date(result['as_of'])}，規則版本 {result['rules_version']}）"
    out.print(Text(title, style="bold"))  # the firm's name is data, not markup
    as_of = dt.date.fromisoformat(result["as_of"])
    groups = {
        e: [p for p in result["programs"] if p["eligibility"] == e] for e in ELIGIBILITY_LABELS
    }
    total = sum(p["benefit"]["amount"] or 0 for p in groups["eligible"])
    for eligibility, programs in groups.items():
        table = Table(
            title=f"{ELIGIBILITY_LABELS[eligibility]}（{len(programs)} 項）", title_justify="left"
        )
        # fold, never cut: a name or contact cut short with "…" is no answer
        table.add_column("措施", overflow="fold")
        table.add_column("金額", justify="right")
        table.add_column("受理", overflow="fold")
        table.add_column("尚需回答" if eligibility == "unknown" else "說明", overflow="fold")
        for p in programs:
            if eligibility == "unknown":
                note = "、".join(field_title(f) for f in p["missing_fields"])
            elif eligibility == "ineligible":
                note = "；".join(c["label"] for c in p["criteria"] if c["result"] == "unmet")
            else:
                note = p["contact"]
            amount = p["benefit"]["amount"]
            kind = KIND_LABELS[p["benefit"]["kind"]]
            table.add_row(
                p["name"], f"{twd(amount)} {kind}" if amount else kind, _window_text(p, as_of), note
            )
        out.print(table)
    out.print(f"符合措施的金額合計（補助、點數、利息補貼、節稅）：[bold]{twd(total)}[/]")
    out.print("單一窗口：經濟部馬上辦服務中心 0800-056-476")


@main.command("screen")
@click.argument("profile", metavar="PROFILE.json")
@ON
@click.option(
    "--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True
)
def screen_command(profile: str, on: dt.date | None, fmt: str) -> None:
    """篩選一家企業：每項措施是否符合、金額、受理期間與下一步。

    Screen one firm (PROFILE.json, or - for stdin) against every program.

    \b
    例 Example:
      smewindow screen examples/bakery.json --on 2025-04-01 --format table
    """
    data, result = _screen(profile, on)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_table(result, data.get("name"))


@main.command("carbon")
@click.argument("profile", metavar="PROFILE.json")
@click.option(
    "--year",
    type=click.IntRange(1, 9999),
    default=None,
    help="估算年度（預設：檔案的 year，否則去年）。Year estimated; default the file's year, else last year.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True
)
def carbon_command(profile: str, year: int | None, fmt: str) -> None:
    """估算一家企業一年的碳排（範疇一、二）：用電、燃料與冷媒補充量乘上有出處的係數。

    Estimate one firm's scope 1 and 2 emissions for a year. PROFILE.json (or - for
    stdin) holds the quantities as /api/v1/carbon/estimate takes them, at its top level
    or in a "carbon" object beside a profile; employees and annual_revenue come from the
    profile when the quantities do not give them.

    \b
    例 Example:
      smewindow carbon examples/restaurant-carbon.json --year 2024 --format table
    """
    from smewindow.rules.carbon import CarbonInputError, estimate, inputs_from_profile

    inputs = inputs_from_profile(_load_profile(profile))
    if year is None and inputs.get("year") is None:
        year = today_taipei().year - 1
    try:
        result = estimate(inputs, year)
    except CarbonInputError as exc:
        fail(
            "碳排估算資料有誤 (invalid carbon inputs)：\n"
            + "\n".join(f"  - {e}" for e in exc.errors)
        )
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{result['year']} 年碳排估算（公斤CO2e）· carbon estimate (kg CO2e)")
    for column in ("排放源 source", "範疇 scope", "用量 quantity", "係數 factor", "公斤CO2e kg"):
        table.add_column(column)
    for row in result["by_source"]:
        scope = "不計入 not counted" if row["scope"] is None else str(row["scope"])
        table.add_row(
            row["label"],
            scope,
            f"{row['quantity']:,.2f} {row['unit']}",
            f"{row['factor']:g}",
            f"{row['kg']:,.1f}",
        )
    out.print(table)

    def kg(value: float | None) -> str:
        return "未知 unknown" if value is None else f"{value:,.1f}"

    out.print(
        f"範疇一 scope 1：{kg(result['scope1_kg'])}　範疇二 scope 2：{kg(result['scope2_kg'])}"
    )
    out.print(f"合計 total：[bold]{kg(result['total_kg'])}[/] 公斤CO2e")
    intensity = result["intensity"]
    out.print(
        f"每位員工 per employee：{kg(intensity['per_employee_kg'])}　"
        f"每百萬元營業額 per NT$ million：{kg(intensity['per_million_ntd_kg'])}"
    )
    for note in result["notes"]:
        out.print(Text(f"註：{note['zh']}"))
    for factor in result["factors"]:
        mark = "（待確認 unconfirmed）" if factor["unconfirmed"] else ""
        out.print(
            Text(
                f"係數 {factor['label']} {factor['value']:g} {factor['unit']}{mark}：{factor['source']}"
            )
        )


@main.command("programs")
@ON
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def programs_command(on: dt.date | None, fmt: str) -> None:
    """列出計畫的全部措施與受理期間。List every program with its window.

    \b
    例 Example:
      smewindow programs --on 2025-04-01
    """
    day = on or today_taipei()
    try:
        check_date(day)  # before 2025 every window would read "unannounced", which is false
    except ScreeningDateError as exc:
        fail(str(exc))
    rows = [program_summary(p, day) for p in PROGRAMS]
    if fmt == "json":
        click.echo(
            json.dumps({"as_of": day.isoformat(), "programs": rows}, ensure_ascii=False, indent=2)
        )
        return
    table = Table(title=f"計畫措施一覽（{roc_date(day)}）", title_justify="left")
    for column in ("代碼 id", "措施", "類別", "受理"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["id"], row["name"], KIND_LABELS[row["kind"]], _window_text(row, day))
    out.print(table)


@main.command("explain")
@click.argument("program_id", metavar="PROGRAM_ID")
@click.argument("profile", metavar="PROFILE.json")
@ON
def explain_command(program_id: str, profile: str, on: dt.date | None) -> None:
    """說明一項措施的每個條件、結果與出處。Every criterion of one program, with its source.

    \b
    例 Example:
      smewindow explain transformation-loan examples/bakery.json
    """
    if program_id not in PROGRAMS_BY_ID:
        fail(f"沒有這項措施 (no such program): {program_id}；可用 smewindow programs 查詢")
    _, result = _screen(profile, on)
    program = next(p for p in result["programs"] if p["id"] == program_id)
    out.print(f"[bold]{program['name']}[/]（{program['id']}，出處 {program['source']}）")
    out.print(
        f"結果：{ELIGIBILITY_LABELS[program['eligibility']]}；受理：{_window_text(program, dt.date.fromisoformat(result['as_of']))}"
    )
    table = Table()
    for column in ("條件", "結果", "必要", "出處"):
        # fold, never cut: a label or source URL cut short with "…" is no explanation
        table.add_column(column, overflow="fold")
    for c in program["criteria"]:
        table.add_row(
            c["label"],
            RESULT_LABELS[c["result"]],
            "是" if c["required"] else "加分／優先",
            c["source"],
        )
    out.print(table)
    amount = program["benefit"]["amount"]
    out.print(f"金額：{twd(amount)}（{KIND_LABELS[program['benefit']['kind']]}）")
    for key, value in program["benefit"]["detail"].items():
        out.print(f"  {key}: {value}")
    if program["missing_fields"]:
        out.print("尚需回答：" + "、".join(field_title(f) for f in program["missing_fields"]))
    out.print(f"下一步：{program['next_steps']}")
    out.print(f"聯絡：{program['contact']}")


@main.command("batch")
@click.argument("source", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("target", metavar="OUTPUT", type=click.Path(dir_okay=False, path_type=Path))
@ON
@click.option(
    "--criteria", is_flag=True, help="另輸出每個條件的結果欄。Also write one column per criterion."
)
@click.option(
    "--carbon-year",
    type=click.IntRange(1, 9999),
    default=None,
    help="碳排估算年度，用於沒有 carbon.year 的列（預設：篩選日的前一年）。"
    "The carbon estimate's year for rows without carbon.year; default the year before --on.",
)
def batch_command(
    source: Path, target: Path, on: dt.date | None, criteria: bool, carbon_year: int | None
) -> None:
    """批次篩選整份企業名冊（Parquet 或 CSV）。Screen a registry, Parquet or CSV in and out.

    Columns are profile fields; the output has business_id, name and county,
    then, per program, <id>.eligible (true / false / empty for unknown),
    <id>.window and <id>.amount. A registry with any carbon input (the profile's
    electricity_kwh, natural_gas_m3, lpg_kg, diesel_l, gasoline_l, or the extensions
    carbon.electricity_ntd, carbon.fuel_oil_l, carbon.refrigerant_r410a_kg …,
    carbon.year; docs/carbon.md) also gets each firm's carbon estimate: carbon.scope1_kg,
    carbon.scope2_kg, carbon.total_kg (empty when the row gave no source of it) and the
    intensities.

    \b
    例 Example:
      smewindow batch firms.parquet results.parquet --on 2025-04-01
    """
    if not source.is_file():
        fail(f"找不到輸入檔 (no such file): {source}")
    day = on or today_taipei()
    try:
        total = count_rows(source)
    except (RegistryError, OSError) as exc:
        fail(str(exc))
    columns = [
        TextColumn("篩選中 screening"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    ]
    try:
        with Progress(*columns, console=err, transient=False) as bar:
            task = bar.add_task("batch", total=total)
            summary = screen_file(
                source,
                target,
                day,
                criteria=criteria,
                progress=lambda done: bar.update(task, completed=done),
                carbon_year=carbon_year,
            )
    except RegistryError as exc:
        details = "".join(f"\n  - {row}" for row in exc.rows)
        fail(f"{exc}{details}")
    except ScreeningDateError as exc:
        fail(str(exc))
    table = Table(title=f"{summary.rows:,} 家企業篩選結果（{roc_date(day)}）", title_justify="left")
    for column in ("措施", "符合", "尚需資料", "不符合"):
        table.add_column(column, justify="right" if column != "措施" else "left")
    for program in PROGRAMS:
        counts = summary.counts[program.id]
        table.add_row(
            program.id,
            f"{counts['eligible']:,}",
            f"{counts['unknown']:,}",
            f"{counts['ineligible']:,}",
        )
    out.print(table)


# --- import: the training catalogue (docs/catalog.md) ----------------------------------


def _import_list(kind: str, path: Path, **options: Any) -> None:
    """Import one list through ``catalog_import``; problems on stderr, exit 2."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smewindow.web.settings")
    import django  # imported here: the screening commands never start Django
    from django.db import DatabaseError

    try:
        django.setup()
    except RuntimeError as exc:
        fail(f"網站設定無法載入 (cannot load the settings): {exc}")
    from smewindow.catalog.importers import ImportRefused
    from smewindow.catalog.services import catalog_import

    try:
        data = path.read_bytes()
    except OSError as exc:
        fail(f"無法讀取 {path} (cannot read the file): {exc}")
    try:
        result = catalog_import(kind=kind, data=data, filename=path.name, **options)
    except ImportRefused as exc:
        fail(exc.report())
    except DatabaseError as exc:
        fail(
            f"資料庫錯誤，是否已執行 python manage.py migrate？(database error; run migrate?): {exc}"
        )
    out.print(Text(str(result)))


FILE = click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
REPLACE = click.option(
    "--replace",
    is_flag=True,
    help="以此檔為完整清單：檔案中沒有的紀錄移出清單。The file is the whole list: withdraw the rest.",
)


@main.group("import")
def import_group() -> None:
    """匯入官方清單（CSV 或 Excel .xlsx）到課程目錄。Import an official list into the catalogue.

    Every row is checked (統一編號 check digit, hours, URL, known provider); a file
    with any problem is refused whole and each bad row and column is named on stderr.
    Importing the same file again changes nothing.

    \b
    例 Example:
      smewindow import providers 開課單位.xlsx
      smewindow import courses 課程專區.csv --track manufacturing
    """


@import_group.command("providers")
@FILE
@REPLACE
def import_providers(path: Path, replace: bool) -> None:
    """匯入開課單位名單。Import the provider list (機構名稱, 連絡地址, …).

    \b
    例 Example:
      smewindow import providers 開課單位.xlsx
    """
    _import_list("providers", path, replace=replace)


@import_group.command("courses")
@FILE
@REPLACE
@click.option(
    "--track",
    type=click.Choice(["manufacturing", "services"]),
    default="manufacturing",
    show_default=True,
    help="製造業或服務業的課程清單。Which subsidy site lists the courses.",
)
def import_courses(path: Path, replace: bool, track: str) -> None:
    """匯入課程專區清單。Import a course list (課程名稱, 機構名稱, 實體時數, …).

    \b
    例 Example:
      smewindow import courses 課程專區.csv --track manufacturing
    """
    _import_list("courses", path, replace=replace, track=track)


@import_group.command("sessions")
@FILE
@REPLACE
def import_sessions(path: Path, replace: bool) -> None:
    """匯入開課場次（開課日期）。Import course sessions (機構名稱, 課程名稱, 開課日期, …).

    \b
    例 Example:
      smewindow import sessions 開課場次.csv
    """
    _import_list("sessions", path, replace=replace)


@import_group.command("software")
@FILE
@REPLACE
def import_software(path: Path, replace: bool) -> None:
    """匯入軟體名單。Import the software list (軟體名稱, 廠商名稱, 類別, 售價, …).

    \b
    例 Example:
      smewindow import software 軟體名單.xlsx
    """
    _import_list("software", path, replace=replace)
