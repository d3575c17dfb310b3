"""The ``smewindow`` command, run in process (click's CliRunner) on real files.

stdout carries only the result; errors go to stderr and exit with status 2.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import polars as pl
import pytest
from click.testing import CliRunner

from smewindow.cli import main
from smewindow.rules import PROGRAMS, PROGRAMS_BY_ID, screen
from smewindow.rules.batch import output_columns

ROOT = Path(__file__).resolve().parent.parent
BAKERY = ROOT / "examples" / "bakery.json"
ON = "2025-04-01"
ON_DATE = dt.date(2025, 4, 1)
PROGRAM_IDS = [p.id for p in PROGRAMS]


@dataclass(frozen=True)
class Ran:
    """What a command did: its exit status and its two streams."""

    returncode: int
    stdout: str
    stderr: str


def run(*args: str | Path, stdin: str | None = None) -> Ran:
    """``smewindow ARGS`` in process (click's CliRunner) from the project's folder, as a
    shell would run it: real files, stdin, stdout and stderr apart, the exit status."""
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, [*map(str, args)], input=stdin)
    finally:
        os.chdir(here)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def one_line(text: str) -> str:
    """stderr with line breaks and runs of spaces collapsed, for messages that may wrap."""
    return re.sub(r"\s+", " ", text)


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def bakery() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BAKERY.read_text("utf-8"))
    return data


# --- screen ---------------------------------------------------------------------------


def test_screen_json_prints_one_object_with_every_program_in_order() -> None:
    result = run("screen", "examples/bakery.json", "--on", ON, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)  # the whole of stdout is one JSON value
    assert isinstance(data, dict)
    assert data["as_of"] == ON
    assert [p["id"] for p in data["programs"]] == PROGRAM_IDS
    assert len(data["programs"]) == 30
    assert data == screen(bakery(), on=ON_DATE)
    digital = next(p for p in data["programs"] if p["id"] == "digital-training-subsidy")
    assert digital["eligibility"] == "eligible"
    assert digital["benefit"]["amount"] == 44_000
    assert digital["window"] == "open"


def test_screen_defaults_to_json() -> None:
    result = run("screen", BAKERY, "--on", ON)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == screen(bakery(), on=ON_DATE)


def test_screen_reads_the_profile_from_stdin() -> None:
    result = run("screen", "-", "--on", ON, "--format", "json", stdin=BAKERY.read_text("utf-8"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == screen(bakery(), on=ON_DATE)


def test_screen_table_shows_eligible_programs_and_amounts() -> None:
    result = run("screen", BAKERY, "--on", ON, "--format", "table")
    assert result.returncode == 0, result.stderr
    assert "符合" in result.stdout
    assert "NT$44,000" in result.stdout
    assert "好食烘焙坊" in result.stdout
    assert "民國114年4月1日" in result.stdout


def test_screen_table_from_stdin() -> None:
    result = run("screen", "-", "--on", ON, "--format", "table", stdin=BAKERY.read_text("utf-8"))
    assert result.returncode == 0, result.stderr
    assert "NT$44,000" in result.stdout


def test_screen_table_prints_a_firm_name_as_text_not_markup(tmp_path: Path) -> None:
    profile = write_json(tmp_path / "p.json", {**bakery(), "name": "[/x][bold]方括號[/bold]"})
    result = run("screen", profile, "--on", ON, "--format", "table")
    assert result.returncode == 0, result.stderr
    assert "[/x][bold]方括號[/bold]" in result.stdout


def test_screen_bad_profile_names_every_bad_field_on_stderr(tmp_path: Path) -> None:
    profile = write_json(
        tmp_path / "bad.json",
        {
            **bakery(),
            "business_id": "12345678",
            "employees": -1,
            "county": "東京都",
            "is_listed": 1,
            "special_products": ["bakery", "cakes"],
            "no_such_field": True,
        },
    )
    for fmt in ("json", "table"):
        result = run("screen", profile, "--on", ON, "--format", fmt)
        assert result.returncode == 2
        assert result.stdout == ""
        for field in (
            "business_id",
            "employees",
            "county",
            "is_listed",
            "special_products[1]",
            "no_such_field",
        ):
            assert field in result.stderr, field
        assert "企業概況有誤" in result.stderr
        assert "invalid profile" in result.stderr
        assert "Traceback" not in result.stderr


def test_screen_error_quoting_user_text_is_not_read_as_markup(tmp_path: Path) -> None:
    profile = write_json(tmp_path / "bad.json", {"county": "[/x]", "[red]": 1})
    result = run("screen", profile, "--on", ON)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "county" in result.stderr
    assert "[red]" in result.stderr


@pytest.mark.parametrize(
    "text",
    ['{"employees": 12,}', "{", "", "employees: 12", '{"employees": 12} {"name": "x"}'],
)
def test_screen_invalid_json_exits_2(tmp_path: Path, text: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(text, "utf-8")
    result = run("screen", path, "--on", ON)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "JSON" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("text", "words"),
    [("[" * 1000 + "]" * 1000, "巢狀超過"), ('{"employees": ' + "1" * 4301 + "}", "數字超過")],
)
def test_screen_json_over_the_bounds_exits_2(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(text, "utf-8")
    result = run("screen", path, "--on", ON)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("text", ["[]", '"好食烘焙坊"', "12", "null"])
def test_screen_profile_that_is_not_an_object_exits_2(tmp_path: Path, text: str) -> None:
    path = tmp_path / "p.json"
    path.write_text(text, "utf-8")
    result = run("screen", path, "--on", ON)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "JSON 物件" in result.stderr and "JSON object" in result.stderr


def test_screen_invalid_json_on_stdin_exits_2() -> None:
    result = run("screen", "-", "--on", ON, stdin="{not json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "JSON" in result.stderr


def test_screen_missing_file_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-profile.json"
    result = run("screen", missing, "--on", ON)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no-such-profile.json" in result.stderr
    assert "Traceback" not in result.stderr


def test_screen_file_that_is_not_utf8_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "big5.json"
    path.write_bytes('{"name": "好食烘焙坊"}'.encode("big5"))
    result = run("screen", path, "--on", ON)
    assert result.returncode == 2
    assert result.stdout == ""


@pytest.mark.parametrize("day", ["2025-13-01", "2025-02-30", "yesterday", "01/04/2025", ""])
def test_screen_bad_date_exits_2(day: str) -> None:
    result = run("screen", BAKERY, "--on", day)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "YYYY-MM-DD" in result.stderr


@pytest.mark.parametrize("day", ["2024-12-31", "2020-01-01"])
def test_screen_date_before_the_rules_exits_2(day: str) -> None:
    result = run("screen", BAKERY, "--on", day)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "2025-01-01" in result.stderr
    assert "Traceback" not in result.stderr


def test_screen_first_covered_date_works() -> None:
    result = run("screen", BAKERY, "--on", "2025-01-01")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["as_of"] == "2025-01-01"


def test_screen_bad_format_exits_2() -> None:
    result = run("screen", BAKERY, "--on", ON, "--format", "yaml")
    assert result.returncode == 2
    assert result.stdout == ""


# --- programs and explain ---------------------------------------------------------------


def test_programs_json_lists_every_program() -> None:
    result = run("programs", "--on", ON, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_of"] == ON
    assert [p["id"] for p in data["programs"]] == PROGRAM_IDS
    assert len(data["programs"]) == 30
    screened = {p["id"]: p for p in screen({}, on=ON_DATE)["programs"]}
    for program in data["programs"]:
        assert program["name"] == PROGRAMS_BY_ID[program["id"]].name
        assert program["kind"] == screened[program["id"]]["benefit"]["kind"]
        assert program["window"] in {"open", "upcoming", "closed", "ongoing", "unannounced"}


def test_programs_table_lists_every_program_id() -> None:
    result = run("programs", "--on", ON)
    assert result.returncode == 0, result.stderr
    for program_id in PROGRAM_IDS:
        assert program_id in result.stdout


def test_programs_bad_date_exits_2() -> None:
    assert run("programs", "--on", "2024-06-01").returncode == 2


def criteria_rows(table: str) -> list[tuple[str, str]]:
    """(label, source) per row of the explain table, folded cells joined up again."""
    rows: list[list[str]] = []
    for line in table.splitlines():
        if not line.startswith("│"):
            continue
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        label, result, _, source = cells
        if result:  # the first line of a row has its result; folded lines do not
            rows.append([label, source])
        else:
            rows[-1][0] += label
            rows[-1][1] += source
    return [(label, source) for label, source in rows]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_explain_shows_every_criterion_label_and_source() -> None:
    result = run("explain", "transformation-loan", "examples/bakery.json", "--on", ON)
    assert result.returncode == 0, result.stderr
    program = next(
        p for p in screen(bakery(), on=ON_DATE)["programs"] if p["id"] == "transformation-loan"
    )
    assert program["criteria"]
    assert PROGRAMS_BY_ID["transformation-loan"].name in result.stdout
    rows = criteria_rows(result.stdout)
    expected = [(squash(c["label"]), squash(c["source"])) for c in program["criteria"]]
    assert [(squash(label), squash(source)) for label, source in rows] == expected
    assert "NT$15,000" in result.stdout
    assert "尚需回答" in result.stdout  # the bakery's loan still needs an answer


def test_explain_every_program_shows_its_criteria() -> None:
    for program in screen(bakery(), on=ON_DATE)["programs"][:3]:
        result = run("explain", program["id"], BAKERY, "--on", ON)
        assert result.returncode == 0, result.stderr
        expected = [(squash(c["label"]), squash(c["source"])) for c in program["criteria"]]
        rows = [(squash(label), squash(source)) for label, source in criteria_rows(result.stdout)]
        assert rows == expected


def test_explain_unknown_program_exits_2() -> None:
    result = run("explain", "no-such-program", BAKERY, "--on", ON)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no-such-program" in result.stderr


def test_explain_bad_profile_exits_2(tmp_path: Path) -> None:
    profile = write_json(tmp_path / "bad.json", {"employees": "twelve"})
    result = run("explain", "transformation-loan", profile, "--on", ON)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "employees" in result.stderr


# --- help -------------------------------------------------------------------------------


def test_every_command_is_documented_with_an_example() -> None:
    assert isinstance(main, click.Group)
    assert set(main.commands) >= {"screen", "programs", "explain", "batch"}
    for name in main.commands:
        result = run(name, "--help")
        assert result.returncode == 0, (name, result.stderr)
        example = [line for line in result.stdout.splitlines() if "Example" in line]
        assert example, f"smewindow {name} --help has no example"
        # the example is followed by a runnable command line for this very command
        after = result.stdout.split(example[0], 1)[1]
        assert f"smewindow {name}" in after, name


def test_main_help_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    for name in ("screen", "programs", "explain", "batch"):
        assert name in result.stdout


# --- batch ------------------------------------------------------------------------------

ELIGIBLE = {"eligible": True, "ineligible": False, "unknown": None}

BIG_FIRM: dict[str, Any] = {
    "business_id": "04595257",
    "name": "大型製造公司",
    "registration_type": "company",
    "county": "台北市",
    "industry": "22",
    "employees": 250,
    "employees_min_6m": 240,
    "paid_in_capital": 200_000_000,
    "special_products": [],
    "transformation_activities": [],
    "is_listed": False,
}
UNKNOWN_FIRM: dict[str, Any] = {"name": "只知道名字"}


def registry_rows() -> list[dict[str, Any]]:
    return [{**bakery(), "business_id": "22099131"}, BIG_FIRM, UNKNOWN_FIRM]


def write_parquet(path: Path, rows: list[dict[str, Any]]) -> Path:
    pl.DataFrame(rows).write_parquet(path)
    return path


CSV_REGISTRY = (
    "business_id,name,registration_type,county,industry,special_products,employees,"
    "employees_min_6m,paid_in_capital,factory_registration,transformation_activities,"
    "trainees,raise_wages_by_2026_06_30,loan_amount,loan_purpose,is_listed\n"
    "22099131,好食烘焙坊,company,臺中市,08,bakery,12,11,5000000,true,pos;digital_course,"
    "4,true,2000000,equipment,\n"
    "04595257,大型製造公司,company,台北市,22,[],250,240,200000000,,[],,,,,false\n"
    ",只知道名字,,,,,,,,,,,,,,\n"
)


def read_output(path: Path) -> pl.DataFrame:
    if path.suffix == ".csv":
        return pl.read_csv(
            path, infer_schema_length=None, schema_overrides={"business_id": pl.String}
        )
    return pl.read_parquet(path)


def assert_matches_screen(output: pl.DataFrame, profiles: list[dict[str, Any]]) -> None:
    """Every program's three columns agree with the one-firm path, row by row."""
    assert output.height == len(profiles)
    for row, profile in zip(output.iter_rows(named=True), profiles, strict=True):
        assert row["name"] == profile.get("name")
        assert row["business_id"] == profile.get("business_id")
        for program in screen(profile, on=ON_DATE)["programs"]:
            eligible, window, amount = output_columns(program["id"])
            assert row[eligible] == ELIGIBLE[program["eligibility"]], (program["id"], profile)
            assert str(row[window]) == program["window"], program["id"]
            assert row[amount] == program["benefit"]["amount"], (program["id"], profile)


def expected_columns() -> list[str]:
    columns = ["business_id", "name", "county"]
    for program_id in PROGRAM_IDS:
        columns += list(output_columns(program_id))
    return columns


def check_known_answers(output: pl.DataFrame) -> None:
    bakery_row, big_row, unknown_row = output.iter_rows(named=True)
    assert bakery_row["digital-training-subsidy.eligible"] is True
    assert bakery_row["digital-training-subsidy.amount"] == 44_000
    assert bakery_row["digital-training-subsidy.window"] == "open"
    # 具工廠登記證: the example says factory registration, not whether it holds the certificate.
    assert bakery_row["livelihood-industry-transformation.eligible"] is None
    assert bakery_row["livelihood-industry-transformation.amount"] == 500_000
    assert big_row["digital-training-subsidy.eligible"] is False
    assert big_row["digital-training-subsidy.amount"] == 0
    assert big_row["transformation-loan.eligible"] is False
    assert unknown_row["digital-training-subsidy.eligible"] is None
    assert unknown_row["digital-training-subsidy.amount"] is None
    assert unknown_row["sme-elearning.eligible"] is True  # open to everyone


def summary_counts(stdout: str) -> dict[str, tuple[int, int, int]]:
    counts = {}
    for line in stdout.splitlines():
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        if len(cells) == 4 and cells[0] in PROGRAMS_BY_ID:
            counts[cells[0]] = (int(cells[1]), int(cells[2]), int(cells[3]))
    return counts


def check_summary(stdout: str, profiles: list[dict[str, Any]]) -> None:
    assert f"{len(profiles)} 家企業" in stdout
    counts = summary_counts(stdout)
    assert list(counts) == PROGRAM_IDS
    results = [screen(p, on=ON_DATE)["programs"] for p in profiles]
    for index, program_id in enumerate(PROGRAM_IDS):
        outcomes = [programs[index]["eligibility"] for programs in results]
        expected = tuple(outcomes.count(e) for e in ("eligible", "unknown", "ineligible"))
        assert counts[program_id] == expected, program_id
    assert counts["digital-training-subsidy"] == (1, 1, 1)


def test_batch_parquet_to_parquet(tmp_path: Path) -> None:
    source = write_parquet(tmp_path / "firms.parquet", registry_rows())
    target = tmp_path / "results.parquet"
    result = run("batch", source, target, "--on", ON)
    assert result.returncode == 0, result.stderr
    output = read_output(target)
    assert output.columns == expected_columns()
    assert output.schema["digital-training-subsidy.eligible"] == pl.Boolean
    assert output.schema["digital-training-subsidy.amount"] == pl.Int64
    check_known_answers(output)
    assert_matches_screen(output, registry_rows())
    check_summary(result.stdout, registry_rows())
    assert not list(tmp_path.glob(".*partial"))


def test_batch_csv_to_csv(tmp_path: Path) -> None:
    source = tmp_path / "firms.csv"
    source.write_text(CSV_REGISTRY, "utf-8")
    target = tmp_path / "results.csv"
    result = run("batch", source, target, "--on", ON)
    assert result.returncode == 0, result.stderr
    output = read_output(target)
    assert output.columns == expected_columns()
    check_known_answers(output)
    profiles = [{**registry_rows()[0], "is_listed": None}, BIG_FIRM, UNKNOWN_FIRM]
    assert_matches_screen(output, profiles)
    check_summary(result.stdout, profiles)


def test_batch_parquet_to_csv(tmp_path: Path) -> None:
    source = write_parquet(tmp_path / "firms.parquet", registry_rows())
    target = tmp_path / "results.csv"
    result = run("batch", source, target, "--on", ON)
    assert result.returncode == 0, result.stderr
    output = read_output(target)
    assert output.columns == expected_columns()
    check_known_answers(output)
    assert_matches_screen(output, registry_rows())
    # in CSV, yes/no is true/false and unknown is an empty cell
    lines = target.read_text("utf-8").splitlines()
    assert len(lines) == 4
    assert "true" in lines[1] and "false" in lines[2]
    assert ",," in lines[3]


def test_batch_csv_to_parquet_equals_parquet_to_parquet(tmp_path: Path) -> None:
    csv_source = tmp_path / "firms.csv"
    csv_source.write_text(CSV_REGISTRY, "utf-8")
    rows = [{**registry_rows()[0], "is_listed": None}, BIG_FIRM, UNKNOWN_FIRM]
    parquet_source = write_parquet(tmp_path / "firms.parquet", rows)
    assert run("batch", csv_source, tmp_path / "a.parquet", "--on", ON).returncode == 0
    assert run("batch", parquet_source, tmp_path / "b.parquet", "--on", ON).returncode == 0
    assert read_output(tmp_path / "a.parquet").equals(read_output(tmp_path / "b.parquet"))


def test_batch_criteria_adds_one_column_per_criterion(tmp_path: Path) -> None:
    source = write_parquet(tmp_path / "firms.parquet", registry_rows())
    target = tmp_path / "results.parquet"
    assert run("batch", source, target, "--on", ON, "--criteria").returncode == 0
    output = read_output(target)
    for program in screen(registry_rows()[0], on=ON_DATE)["programs"]:
        for criterion in program["criteria"]:
            assert f"{program['id']}.{criterion['id']}" in output.columns


def test_batch_replaces_an_existing_output_on_success(tmp_path: Path) -> None:
    source = write_parquet(tmp_path / "firms.parquet", registry_rows())
    target = tmp_path / "results.csv"
    target.write_text("old results\n", "utf-8")
    assert run("batch", source, target, "--on", ON).returncode == 0
    assert read_output(target).height == 3


def test_batch_csv_list_convention(tmp_path: Path) -> None:
    """';' joins list items, [] is an empty list (a known no), an empty cell is unknown."""
    source = tmp_path / "firms.csv"
    source.write_text(
        "name,special_products,transformation_activities,employees\n"
        "joined,bakery;towels,pos;digital_course,12\n"
        "empty list,[],[],12\n"
        "unknown,,,12\n"
        "one item,bakery,erp,12\n",
        "utf-8",
    )
    target = tmp_path / "results.csv"
    result = run("batch", source, target, "--on", ON)
    assert result.returncode == 0, result.stderr
    profiles: list[dict[str, Any]] = [
        {
            "name": "joined",
            "special_products": ["bakery", "towels"],
            "transformation_activities": ["pos", "digital_course"],
            "employees": 12,
        },
        {
            "name": "empty list",
            "special_products": [],
            "transformation_activities": [],
            "employees": 12,
        },
        {"name": "unknown", "employees": 12},
        {
            "name": "one item",
            "special_products": ["bakery"],
            "transformation_activities": ["erp"],
            "employees": 12,
        },
    ]
    output = read_output(target)
    assert_matches_screen(output, profiles)
    livelihood = output["livelihood-industry-transformation.eligible"].to_list()
    loan = output["transformation-loan.eligible"].to_list()
    # an empty list is a known "none of these": ineligible, not unknown
    assert livelihood[1] is False and loan[1] is False
    # an empty cell is unknown: never read as an empty list
    assert livelihood[2] is None and loan[2] is None


def test_batch_reads_the_needs_and_digital_readiness_columns(tmp_path: Path) -> None:
    """They decide no eligibility: a registry carrying them screens as one without them."""
    source = tmp_path / "firms.csv"
    source.write_text(
        "name,employees,needs,digital_tools,ai_use,registered_abroad\n"
        "a,12,funding;ai,pos;accounting,pilot,false\n"
        "b,3,[],[],none,\n"
        "c,3,,,,true\n",
        "utf-8",
    )
    target = tmp_path / "results.csv"
    result = run("batch", source, target, "--on", ON)
    assert result.returncode == 0, result.stderr
    profiles: list[dict[str, Any]] = [
        {"name": "a", "employees": 12, "needs": ["funding", "ai"],
         "digital_tools": ["pos", "accounting"], "ai_use": "pilot", "registered_abroad": False},
        {"name": "b", "employees": 3, "needs": [], "digital_tools": [], "ai_use": "none"},
        {"name": "c", "employees": 3, "registered_abroad": True},
    ]  # fmt: skip
    assert_matches_screen(read_output(target), profiles)
    bad = tmp_path / "bad.csv"
    bad.write_text("name,needs,ai_use\na,funding;money,pilot\nb,,lots\n", "utf-8")
    result = run("batch", bad, tmp_path / "bad-results.csv", "--on", ON)
    assert_refused(result, tmp_path / "bad-results.csv", "row 1", "needs", "row 2", "ai_use")


def test_batch_csv_keeps_na_and_null_as_text(tmp_path: Path) -> None:
    """Only an empty cell is unknown: a firm called "NA" keeps its name."""
    source = tmp_path / "firms.csv"
    source.write_text("name,business_id\nNA,22099131\nnull,04595257\n", "utf-8")
    target = tmp_path / "results.csv"
    assert run("batch", source, target, "--on", ON).returncode == 0
    output = read_output(target)
    assert output["name"].to_list() == ["NA", "null"]


def test_batch_csv_with_quoted_header_and_bom(tmp_path: Path) -> None:
    source = tmp_path / "firms.csv"
    source.write_bytes('\ufeff"business_id","name","employees"\n"04595257","好",3\n'.encode())
    target = tmp_path / "results.csv"
    result = run("batch", source, target, "--on", ON)
    assert result.returncode == 0, result.stderr
    assert read_output(target)["business_id"].to_list() == ["04595257"]


def test_batch_output_csv_can_be_read_back_as_a_registry_of_its_ids(tmp_path: Path) -> None:
    source = write_parquet(tmp_path / "firms.parquet", registry_rows())
    first = tmp_path / "results.csv"
    assert run("batch", source, first, "--on", ON).returncode == 0
    ids = pl.read_csv(first, schema_overrides={"business_id": pl.String}).select(
        "business_id", "name"
    )
    again = tmp_path / "ids.csv"
    ids.write_csv(again)
    assert run("batch", again, tmp_path / "again.parquet", "--on", ON).returncode == 0


# --- batch: the carbon estimate ------------------------------------------------------

CARBON_OUTPUTS = [
    "carbon.scope1_kg",
    "carbon.scope2_kg",
    "carbon.total_kg",
    "carbon.per_employee_kg",
    "carbon.per_million_ntd_kg",
]
CARBON_CSV = (
    "business_id,employees,annual_revenue,electricity_kwh,carbon.electricity_ntd,"
    "diesel_l,carbon.refrigerant_r410a_kg,carbon.refrigerant_r22_kg,carbon.year\n"
    # 10,000 kWh x 0.474 (2024) = 4,740; 1,000 L diesel x 2.6063 = 2,606.3;
    # 2.5 kg R-410A x 1,923.5 = 4,808.75; R-22 not added. Total 12,155.05 / 5 = 2,431.01
    "22099131,5,10000000,10000,,1000,2.5,1,\n"
    # 2023: 10,000 kWh x 0.494 = 4,940; no scope 1 source: empty, not 0
    "04595257,,,10000,,,,,2023\n"
    # nothing given: every carbon column empty
    "12345675,3,,,,,,,\n"
)


def check_carbon(output: pl.DataFrame) -> None:
    firm, in_2023, nothing = output.select(CARBON_OUTPUTS).iter_rows(named=True)
    assert firm == {
        "carbon.scope1_kg": 7415.05,
        "carbon.scope2_kg": 4740.0,
        "carbon.total_kg": 12155.05,
        "carbon.per_employee_kg": 2431.01,
        "carbon.per_million_ntd_kg": 1215.505,
    }
    assert in_2023["carbon.scope1_kg"] is None
    assert in_2023["carbon.scope2_kg"] == in_2023["carbon.total_kg"] == 4940.0
    assert in_2023["carbon.per_employee_kg"] is None
    assert set(nothing.values()) == {None}


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_batch_adds_the_carbon_estimate_of_rows_with_carbon_inputs(
    tmp_path: Path, suffix: str
) -> None:
    source = tmp_path / "firms.csv"
    source.write_text(CARBON_CSV, "utf-8")
    if suffix == ".parquet":
        types = {"business_id": pl.String, "carbon.electricity_ntd": pl.Float64}
        frame = pl.read_csv(source, schema_overrides=types)
        source = tmp_path / "firms.parquet"
        frame.write_parquet(source)
    target = tmp_path / f"results{suffix}"
    result = run("batch", source, target, "--on", ON)
    assert result.returncode == 0, result.stderr
    output = read_output(target)
    assert output.columns == expected_columns() + CARBON_OUTPUTS
    check_carbon(output)
    profiles: list[dict[str, Any]] = [  # the programs read the profile columns as before
        {
            "business_id": "22099131",
            "employees": 5,
            "annual_revenue": 10_000_000,
            "electricity_kwh": 10_000,
            "diesel_l": 1_000,
        },
        {"business_id": "04595257", "electricity_kwh": 10_000},
        {"business_id": "12345675", "employees": 3},
    ]
    assert_matches_screen(output, profiles)


def test_batch_carbon_year_option_sets_the_year_of_rows_without_one(tmp_path: Path) -> None:
    source = tmp_path / "firms.csv"
    source.write_text("electricity_kwh,carbon.year\n1000,\n1000,2019\n", "utf-8")
    target = tmp_path / "results.csv"
    assert run("batch", source, target, "--on", ON).returncode == 0
    assert read_output(target)["carbon.scope2_kg"].to_list() == [474.0, 509.0]  # 2024, 2019
    assert run("batch", source, target, "--on", ON, "--carbon-year", "2022").returncode == 0
    assert read_output(target)["carbon.scope2_kg"].to_list() == [495.0, 509.0]  # 2022, 2019


# --- batch: refusals ---------------------------------------------------------------------


def assert_refused(result: Ran, target: Path, *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    message = one_line(result.stderr)
    for needle in needles:
        assert needle in message, (needle, result.stderr)
    assert not list(target.parent.glob(f".{target.name}*")), "a partial file was left behind"


CSV_HEADER = "business_id,name,employees,special_products\n"
GOOD_CSV_ROW = "22099131,好,3,bakery\n"


@pytest.mark.parametrize(
    ("bad_row", "row", "column"),
    [
        ("22099132,壞,3,bakery\n", 2, "business_id"),  # wrong check digit
        ("2209913,壞,3,bakery\n", 2, "business_id"),  # 7 digits
        ("22099131,壞,-1,bakery\n", 2, "employees"),  # negative
        ("22099131,壞,3,bakery;cakes\n", 2, "special_products"),  # unknown enum in a list
        ("22099131,壞,3,bakery;bakery\n", 2, "special_products"),  # repeated
        ("22099131,壞,three,bakery\n", 2, "employees"),  # a string in an int column
        ("22099131,壞,3.5,bakery\n", 2, "employees"),  # a fraction in an int column
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_batch_invalid_csv_row_is_named_and_nothing_is_written(
    tmp_path: Path, bad_row: str, row: int, column: str, suffix: str
) -> None:
    source = tmp_path / "firms.csv"
    source.write_text(CSV_HEADER + GOOD_CSV_ROW + bad_row + GOOD_CSV_ROW, "utf-8")
    target = tmp_path / f"results{suffix}"
    result = run("batch", source, target, "--on", ON)
    assert_refused(result, target, f"row {row}", f"第 {row} 列", column)
    assert not target.exists()


def test_batch_invalid_row_leaves_an_existing_output_untouched(tmp_path: Path) -> None:
    source = tmp_path / "firms.csv"
    source.write_text(CSV_HEADER + GOOD_CSV_ROW + "22099131,壞,-5,bakery\n", "utf-8")
    target = tmp_path / "results.csv"
    target.write_text("earlier results\n", "utf-8")
    before = target.stat().st_mtime_ns
    result = run("batch", source, target, "--on", ON)
    assert_refused(result, target, "row 2", "employees")
    assert target.read_text("utf-8") == "earlier results\n"
    assert target.stat().st_mtime_ns == before


def test_batch_reports_every_bad_cell_of_a_row(tmp_path: Path) -> None:
    source = tmp_path / "firms.csv"
    source.write_text(CSV_HEADER + "12345678,壞,-1,bakery;cakes\n", "utf-8")
    target = tmp_path / "results.parquet"
    result = run("batch", source, target, "--on", ON)
    assert_refused(result, target, "row 1", "business_id", "employees", "special_products")


def test_batch_csv_type_errors_name_every_bad_cell(tmp_path: Path) -> None:
    source = tmp_path / "firms.csv"
    source.write_text(
        "business_id,employees,is_listed,own_brand_revenue_share\n"
        "22099131,3,true,0.5\n"
        "22099131,x,1,0.5\n"
        "22099131,4,false,half\n",
        "utf-8",
    )
    target = tmp_path / "results.csv"
    result = run("batch", source, target, "--on", ON)
    assert_refused(
        result,
        target,
        "row 2) employees='x'",
        "row 2) is_listed='1'",
        "row 3) own_brand_revenue_share='half'",
    )


@pytest.mark.parametrize(
    ("rows", "row", "column"),
    [
        ([{"business_id": "22099131"}, {"business_id": "22099132"}], 2, "business_id"),
        ([{"employees": 3}, {"employees": -1}], 2, "employees"),
        (
            [{"special_products": ["bakery"]}, {"special_products": ["cakes"]}],
            2,
            "special_products",
        ),
        ([{"own_brand_revenue_share": 1.5}], 1, "own_brand_revenue_share"),
        ([{"registration_type": "corp"}], 1, "registration_type"),
        ([{"county": "東京都"}], 1, "county"),
        ([{"industry": "99"}], 1, "industry"),
    ],
)
def test_batch_invalid_parquet_row_is_named_and_nothing_is_written(
    tmp_path: Path, rows: list[dict[str, Any]], row: int, column: str
) -> None:
    source = write_parquet(tmp_path / "firms.parquet", rows)
    target = tmp_path / "results.parquet"
    result = run("batch", source, target, "--on", ON)
    assert_refused(result, target, f"row {row}", column)
    assert not target.exists()


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize(
    ("bad_row", "column", "words"),
    [
        ("-5,,", "electricity_kwh", "須介於 0 與"),  # the profile's bound
        ("10,20,", "carbon.electricity_ntd", "not both"),
        (",20,2018", "carbon.electricity_ntd", "no average tariff before 2019"),
        ("10,,2051", "carbon.year", "2050"),
        ("2000000000,,", "electricity_kwh", "全年用電度數須介於 0 與 1,000,000,000"),
    ],
)
def test_batch_bad_carbon_row_is_named_and_nothing_is_written(
    tmp_path: Path, bad_row: str, column: str, words: str, suffix: str
) -> None:
    source = tmp_path / "firms.csv"
    frame_columns = ("electricity_kwh", "carbon.electricity_ntd", "carbon.year")
    source.write_text(f"{','.join(frame_columns)}\n10,,\n{bad_row}\n", "utf-8")
    if suffix == ".parquet":
        types = (pl.Float64, pl.Float64, pl.Int64)
        frame = pl.read_csv(source, schema=dict(zip(frame_columns, types, strict=True)))
        source = tmp_path / "firms.parquet"
        frame.write_parquet(source)
    target = tmp_path / "results.csv"
    result = run("batch", source, target, "--on", ON)
    assert_refused(result, target, "row 2", "第 2 列", column, words)
    assert not target.exists()


def test_batch_carbon_cell_that_is_not_a_number_is_named(tmp_path: Path) -> None:
    source = tmp_path / "firms.csv"
    source.write_text("carbon.fuel_oil_l\n12\nlots\n", "utf-8")
    target = tmp_path / "results.csv"
    result = run("batch", source, target, "--on", ON)
    assert_refused(result, target, "row 2) carbon.fuel_oil_l='lots'")


@pytest.mark.parametrize("year", ["2016", "2051"])
def test_batch_carbon_year_out_of_range_exits_2(tmp_path: Path, year: str) -> None:
    source = write_parquet(tmp_path / "firms.parquet", registry_rows())  # no carbon column
    target = tmp_path / "results.parquet"
    result = run("batch", source, target, "--on", ON, "--carbon-year", year)
    assert_refused(result, target, f"碳排估算年度 {year}", "invalid carbon year")
    assert not target.exists()


def test_batch_string_in_an_int_parquet_column_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "firms.parquet"
    pl.DataFrame({"employees": ["3", "many"]}).write_parquet(source)
    target = tmp_path / "results.parquet"
    assert_refused(run("batch", source, target, "--on", ON), target, "employees")
    assert not target.exists()


@pytest.mark.parametrize(
    ("column", "values"),
    [
        ("employees", [3.0, 3.5]),  # a float column for an int field is not truncated
        ("employees", [True, False]),  # nor is a bool read as 1 and 0
        ("is_listed", [1, 0]),
        ("business_id", [22099131, 4595257]),  # a number would lose the leading 0
    ],
)
def test_batch_parquet_column_of_the_wrong_type_is_refused(
    tmp_path: Path, column: str, values: list[Any]
) -> None:
    source = tmp_path / "firms.parquet"
    pl.DataFrame({column: values}).write_parquet(source)
    target = tmp_path / "results.parquet"
    assert_refused(run("batch", source, target, "--on", ON), target, column)
    assert not target.exists()


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_batch_unknown_column_is_refused(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / f"firms{suffix}"
    frame = pl.DataFrame({"business_id": ["22099131"], "employee_count": [3]})
    if suffix == ".csv":
        frame.write_csv(source)
    else:
        frame.write_parquet(source)
    target = tmp_path / "results.csv"
    target.write_text("keep me\n", "utf-8")
    result = run("batch", source, target, "--on", ON)
    assert_refused(result, target, "employee_count", "not profile fields")
    assert target.read_text("utf-8") == "keep me\n"


@pytest.mark.parametrize(
    ("source_name", "target_name"),
    [
        ("firms.parquet", "results.xlsx"),
        ("firms.parquet", "results"),
        ("firms.parquet", "results.json"),
        ("firms.txt", "results.parquet"),
        ("firms.json", "results.csv"),
    ],
)
def test_batch_refuses_names_that_are_not_parquet_or_csv(
    tmp_path: Path, source_name: str, target_name: str
) -> None:
    source = tmp_path / source_name
    if source.suffix == ".parquet":
        write_parquet(source, registry_rows())
    else:
        source.write_text(CSV_REGISTRY, "utf-8")
    target = tmp_path / target_name
    result = run("batch", source, target, "--on", ON)
    assert_refused(result, target, ".parquet", ".csv")
    assert not target.exists()


def test_batch_missing_input_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "results.parquet"
    result = run("batch", tmp_path / "no-such.parquet", target, "--on", ON)
    assert_refused(result, target, "no-such.parquet")
    assert not target.exists()


def test_batch_corrupt_parquet_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "firms.parquet"
    source.write_bytes(b"this is not parquet")
    target = tmp_path / "results.parquet"
    assert_refused(run("batch", source, target, "--on", ON), target)
    assert not target.exists()


def test_batch_date_before_the_rules_exits_2(tmp_path: Path) -> None:
    source = write_parquet(tmp_path / "firms.parquet", registry_rows())
    target = tmp_path / "results.parquet"
    assert_refused(run("batch", source, target, "--on", "2024-12-31"), target, "2025-01-01")
    assert not target.exists()


def test_batch_header_only_csv_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "firms.csv"
    source.write_text(CSV_HEADER, "utf-8")
    target = tmp_path / "results.csv"
    assert_refused(run("batch", source, target, "--on", ON), target)
    assert not target.exists()


def test_the_readme_registry_example_runs(tmp_path: Path) -> None:
    """`smewindow batch examples/firms.csv …`, the README's example, on the file shipped."""
    source = ROOT / "examples" / "firms.csv"
    target = tmp_path / "results.csv"
    result = run("batch", source, target, "--on", ON)
    assert result.returncode == 0, result.stderr
    output = read_output(target)
    assert output.height == 4 and output["name"][0] == "好味烘焙坊"
    stall = screen({"registration_type": "tax_only", "county": "高雄市", "industry": "56",
                    "employees": 2, "employees_min_6m": 2, "special_products": [],
                    "needs": ["funding"]}, on=dt.date.fromisoformat(ON))  # fmt: skip
    loan = next(p for p in stall["programs"] if p["id"] == "transformation-loan")
    expected = {"eligible": True, "ineligible": False, "unknown": None}[loan["eligibility"]]
    assert output["transformation-loan.eligible"][2] == expected


def test_the_installed_command_runs() -> None:
    """The console script itself (pyproject's entry point), once, as a subprocess."""
    command = shutil.which("smewindow")
    assert command, "smewindow is not installed (pip install -e '.[dev]')"
    done = subprocess.run(
        [command, "screen", str(BAKERY), "--on", ON, "--format", "json"],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["programs"]) == len(PROGRAM_IDS)
