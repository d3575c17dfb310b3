"""The PDF report (/results.pdf): Chinese text in embedded fonts, and nothing fetched over
the network while it renders."""

from __future__ import annotations

import ctypes.util
import datetime as dt
import io
import json
import socket
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from pypdf import PdfReader

from smewindow.finder import pdf
from smewindow.finder.state import InterviewState
from smewindow.rules import screen

ON = "2025-04-01"
BAKERY = json.loads((Path(__file__).parents[2] / "examples" / "bakery.json").read_text("utf-8"))
SITE = "http://127.0.0.1:8000/"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every attempt to open a network connection, refused and recorded."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("network refused by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.fixture
def fetched(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Each URL the report's fetcher is asked for, and whether it served it."""
    calls: list[tuple[str, bool]] = []
    real = pdf.StaticFiles.fetch

    def fetch(self: pdf.StaticFiles, url: str, headers: Any = None) -> Any:
        try:
            response = real(self, url, headers)
        except ValueError:
            calls.append((url, False))
            raise
        calls.append((url, True))
        return response

    monkeypatch.setattr(pdf.StaticFiles, "fetch", fetch)
    return calls


def embedded_font_files(reader: PdfReader) -> dict[str, bool]:
    """Each font of the PDF's pages and whether its glyphs are embedded in the file."""
    fonts = {}
    for page in reader.pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            for part in [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]:
                descriptor = part.get("/FontDescriptor")
                if descriptor is not None:
                    descriptor = descriptor.get_object()
                    fonts[str(part["/BaseFont"])] = any(
                        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                    )
    return fonts


def test_the_report_shows_the_chinese_program_names_in_embedded_fonts(
    no_network: list[Any], fetched: list[tuple[str, bool]]
) -> None:
    state = InterviewState()
    for field, value in BAKERY.items():
        state = state.answer(field, value)
    response = Client().get(f"/results.pdf?on={ON}&state={state.encode()}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    names = [p["name"] for p in screen(BAKERY, on=dt.date.fromisoformat(ON))["programs"]]
    assert len(names) == 30
    for name in names:
        assert name in text, name
    fonts = embedded_font_files(reader)
    assert {name.split("+")[1] for name in fonts} == {"Noto-Sans-CJK-TC", "Noto-Sans-CJK-TC-Bold"}
    assert all(fonts.values()), fonts
    assert no_network == [] and all(served for _, served in fetched)


def test_the_report_reads_static_files_from_disk_and_refuses_other_urls(
    no_network: list[Any], fetched: list[tuple[str, bool]]
) -> None:
    html = (
        '<html lang="zh-TW"><head><link rel="stylesheet" href="/static/finder/site.css">'
        '<link rel="stylesheet" href="/static/finder/no-such-file.css">'
        '<link rel="stylesheet" href="https://fonts.example.com/cjk.css"></head>'
        '<body><p>篩選結果</p><img src="http://127.0.0.1:8000/results">'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACwAAAAAAQABAAA="></body></html>'
    )
    reader = PdfReader(io.BytesIO(pdf.report_pdf(html, SITE)))
    assert "篩選結果" in reader.pages[0].extract_text()
    assert no_network == []
    assert sorted(fetched) == [
        ("data:image/gif;base64,R0lGODlhAQABAAAAACwAAAAAAQABAAA=", True),
        ("http://127.0.0.1:8000/results", False),
        ("http://127.0.0.1:8000/static/finder/no-such-file.css", False),
        ("http://127.0.0.1:8000/static/finder/site.css", True),
        ("https://fonts.example.com/cjk.css", False),
    ]
    served = pdf.StaticFiles(SITE).fetch(f"{SITE}static/finder/site.css")
    assert served.read() == Path(finders.find("finder/site.css")).read_bytes()
    assert served.content_type == "text/css"


def test_a_missing_harfbuzz_subsetter_is_a_warning_at_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert pdf.harfbuzz_subset_check() == [], "this machine has libharfbuzz-subset0"
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    (warning,) = pdf.harfbuzz_subset_check()
    assert warning.id == "finder.W001" and "libharfbuzz-subset0" in warning.msg
