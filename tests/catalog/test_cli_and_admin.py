"""The two other ways in: ``smewindow import …`` and the admin's import page, both on the
same service, on the test database."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.test import Client

from smewindow.catalog.models import Course, Provider
from smewindow.cli import main

from .conftest import (
    COURSE_HEADER,
    COURSE_ROWS,
    PROVIDER_HEADER,
    PROVIDER_ROWS,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db


def test_cli_imports_a_good_file_and_says_what_changed(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "開課單位.xlsx", PROVIDER_HEADER, PROVIDER_ROWS)
    result = CliRunner().invoke(main, ["import", "providers", str(path)])
    assert result.exit_code == 0, result.output
    assert "開課單位.xlsx：新增 3" in result.stdout and "created 3" in result.stdout
    again = CliRunner().invoke(main, ["import", "providers", str(path)])
    assert "未變 3" in again.stdout and "unchanged 3" in again.stdout


def test_cli_refuses_a_bad_file_naming_rows_and_columns_on_stderr(tmp_path: Path) -> None:
    CliRunner().invoke(
        main,
        ["import", "providers", str(write_csv(tmp_path / "p.csv", PROVIDER_HEADER, PROVIDER_ROWS))],
    )
    rows = [COURSE_ROWS[0], (2, "乙", "沒有的單位", "x", 0, "y", "https://example.com")]
    path = write_csv(tmp_path / "課程.csv", COURSE_HEADER, rows)
    result = CliRunner().invoke(main, ["import", "courses", str(path), "--track", "services"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "第 3 列「機構名稱」" in result.stderr and "第 3 列「實體時數」" in result.stderr
    assert Course.objects.count() == 0


def test_cli_missing_file_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["import", "software", str(tmp_path / "none.csv")])
    assert result.exit_code == 2 and "無法讀取" in result.stderr


def test_every_import_command_has_an_example() -> None:
    for name in ("providers", "courses", "sessions", "software"):
        result = CliRunner().invoke(main, ["import", name, "--help"])
        assert f"smewindow import {name} " in result.stdout.split("Example", 1)[1]


@pytest.fixture
def staff(client: Client) -> Client:
    client.force_login(User.objects.create_superuser("officer", "officer@example.com", "pw"))
    return client


def test_admin_lists_offer_the_import_page(staff: Client) -> None:
    for model in ("provider", "course", "coursesession", "softwareproduct"):
        page = staff.get(f"/admin/catalog/{model}/")
        assert page.status_code == 200
        assert f'href="/admin/catalog/{model}/import/"' in page.content.decode()
        form = staff.get(f"/admin/catalog/{model}/import/").content.decode()
        assert 'type="file"' in form and "欄位 Columns" in form


def test_admin_import_uses_the_same_importer(staff: Client, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "開課單位.csv", PROVIDER_HEADER, PROVIDER_ROWS)
    with path.open("rb") as upload:
        page = staff.post("/admin/catalog/provider/import/", {"file": upload}, follow=True)
    assert page.redirect_chain[-1][0] == "/admin/catalog/provider/"
    assert "開課單位.csv：新增 3" in page.content.decode()
    assert Provider.objects.count() == 3


def test_admin_import_shows_every_problem_and_writes_nothing(staff: Client, tmp_path: Path) -> None:
    rows = [*PROVIDER_ROWS, (4, "壞單位", "12345678", "公協會", "月球", "")]
    path = write_xlsx(tmp_path / "bad.xlsx", PROVIDER_HEADER, rows)
    with path.open("rb") as upload:
        page = staff.post("/admin/catalog/provider/import/", {"file": upload, "replace": "on"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "第 5 列「統一編號」" in html and "第 5 列「連絡地址」" in html
    assert Provider.objects.count() == 0


def test_admin_course_import_takes_the_track(staff: Client, tmp_path: Path) -> None:
    providers = write_csv(tmp_path / "p.csv", PROVIDER_HEADER, PROVIDER_ROWS)
    with providers.open("rb") as upload:
        staff.post("/admin/catalog/provider/import/", {"file": upload})
    courses = write_csv(tmp_path / "c.csv", COURSE_HEADER, COURSE_ROWS)
    with courses.open("rb") as upload:
        staff.post("/admin/catalog/course/import/", {"file": upload, "track": "services"})
    assert set(Course.objects.values_list("track", flat=True)) == {"services"}


def test_admin_import_needs_a_staff_login(client: Client) -> None:
    page = client.get("/admin/catalog/course/import/")
    assert page.status_code == 302 and "/admin/login/" in page["Location"]


def test_admin_takes_a_list_of_megabytes_the_api_would_refuse(
    staff: Client, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "開課單位.csv", PROVIDER_HEADER, PROVIDER_ROWS)
    path.write_bytes(path.read_bytes() + b"\r\n" * (1024 * 1024))  # 2 MB, blank rows
    with path.open("rb") as upload:
        page = staff.post("/admin/catalog/provider/import/", {"file": upload}, follow=True)
    assert "開課單位.csv：新增 3" in page.content.decode()


def test_admin_refuses_a_body_over_11_mb_before_reading_it(staff: Client) -> None:
    page = staff.generic(
        "POST",
        "/admin/catalog/provider/import/",
        b"x" * 100,
        content_type="text/csv",
        CONTENT_LENGTH=str(12 * 1024 * 1024),
    )
    assert page.status_code == 413 and "11 MB" in page.json()["detail"]
    assert Provider.objects.count() == 0


def test_the_readme_examples_import() -> None:
    """The README's import examples run on the files shipped in examples/."""
    examples = Path(__file__).resolve().parents[2] / "examples"
    result = CliRunner().invoke(main, ["import", "providers", str(examples / "providers.csv")])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(
        main, ["import", "courses", str(examples / "courses.csv"), "--track", "manufacturing"]
    )
    assert result.exit_code == 0, result.output
    assert Provider.objects.count() == 2 and Course.objects.count() == 2
