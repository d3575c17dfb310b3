"""Uploads are parsed whole (``applications.filecheck``): real files crafted here with pypdf,
Pillow and zipfile. Active PDFs, polyglots and truncated files are refused with a reason in
Chinese, nothing is saved, and a file's name takes the extension of what it is."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    PdfObject,
    TextStringObject,
)

from smewindow.applications.filecheck import MAX_PIXELS, inspect
from smewindow.applications.models import Application, Round
from smewindow.applications.uploads import document_store

from .conftest import JPEG, PDF, PNG, client_for, image_bytes, refused

pytestmark = pytest.mark.django_db


def pdf(change: Callable[[PdfWriter], None]) -> bytes:
    """A one-page PDF written by pypdf after ``change`` has edited it."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def action(kind: str, **entries: PdfObject) -> DictionaryObject:
    found = DictionaryObject({NameObject("/S"): NameObject(kind)})
    found.update({NameObject(f"/{k}"): v for k, v in entries.items()})
    return found


def on_catalog(key: str, value: PdfObject) -> Callable[[PdfWriter], None]:
    return lambda writer: writer.root_object.__setitem__(NameObject(key), value)


def on_page(key: str, value: PdfObject) -> Callable[[PdfWriter], None]:
    return lambda writer: writer.pages[0].__setitem__(NameObject(key), value)


def zipped() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("index.html", "<p>hello</p>")
    return out.getvalue()


def with_stream(data: bytes) -> Callable[[PdfWriter], None]:
    """Adds an uncompressed stream holding ``data`` to the page's resources."""

    def change(writer: PdfWriter) -> None:
        stream = DecodedStreamObject()
        stream.set_data(data)
        writer.pages[0][NameObject("/Extra")] = writer._add_object(stream)

    return change


JS = TextStringObject("app.alert('hi');")
ACTIVE_PDFS = {
    "OpenAction JavaScript": pdf(on_catalog("/OpenAction", action("/JavaScript", JS=JS))),
    "OpenAction to a URI": pdf(
        on_catalog("/OpenAction", action("/URI", URI=TextStringObject("https://x.example/")))
    ),
    "document JavaScript": pdf(
        on_catalog("/Names", DictionaryObject({NameObject("/JavaScript"): DictionaryObject()}))
    ),
    "page AA Launch": pdf(on_page("/AA", DictionaryObject({NameObject("/O"): action("/Launch")}))),
    "link that launches": pdf(
        on_page(
            "/Annots",
            ArrayObject(
                [
                    DictionaryObject(
                        {
                            NameObject("/Subtype"): NameObject("/Link"),
                            NameObject("/A"): action("/Launch", F=TextStringObject("cmd.exe")),
                        }
                    )
                ]
            ),
        )
    ),
    "embedded file": pdf(lambda writer: writer.add_attachment("run.exe", b"MZ\x90\x00")),
}


@pytest.mark.parametrize("name", ACTIVE_PDFS)
def test_pdfs_that_act_on_their_own_are_refused(name: str) -> None:
    with refused("pdf_active") as caught:
        inspect(ACTIVE_PDFS[name])
    assert "會自動執行的內容" in caught.value.zh


def test_an_escaped_name_is_read_as_the_name() -> None:
    """``/J#61vaScript`` is ``/JavaScript`` to a reader: refused all the same."""
    active = ACTIVE_PDFS["OpenAction JavaScript"].replace(b"/JavaScript", b"/J#61vaScript")
    with refused("pdf_active"):
        inspect(active)


def test_an_encrypted_pdf_is_refused() -> None:
    with refused("pdf_encrypted") as caught:
        inspect(pdf(lambda writer: writer.encrypt("", "owner")))
    assert "加密" in caught.value.zh


POLYGLOTS = {
    "PDF then a ZIP": PDF + zipped(),
    "PDF holding a ZIP": pdf(with_stream(zipped())),
    "PDF holding HTML": PDF.replace(b"\n", b"\n%<html><script>alert(1)</script>\n", 1),
    "PDF then HTML": PDF + b"<!DOCTYPE html><p>x</p>",
    "PDF then junk": PDF + b"more data",
    "PNG then a ZIP": PNG + zipped(),
    "PNG then bytes": PNG + b"\x00trailing",
    "JPEG then a ZIP": JPEG + zipped(),
    "JPEG then bytes": JPEG + b"tail",
    "PNG with an HTML chunk": PNG[:33] + b"\x00\x00\x00\x0ctEXt<svg onload" + PNG[33:],
}


@pytest.mark.parametrize("name", POLYGLOTS)
def test_polyglots_are_refused(name: str) -> None:
    with refused("file_polyglot") as caught:
        inspect(POLYGLOTS[name])
    assert "可能夾帶其他檔案" in caught.value.zh


TRUNCATED = {
    "PDF without its end": PDF[:-40],
    "PDF cut in half": PDF[: len(PDF) // 2],
    "PDF header only": b"%PDF-1.7\n%%EOF\n",
    "PNG cut": image_bytes("PNG", (64, 64))[:-30],
    "PNG without IEND": PNG[:-12],
    "JPEG cut": image_bytes("JPEG", (64, 64))[:-200],
    "JPEG without EOI": JPEG[:-2],
}


@pytest.mark.parametrize("name", TRUNCATED)
def test_truncated_files_are_refused(name: str) -> None:
    with refused("file_damaged") as caught:
        inspect(TRUNCATED[name])
    assert "已損毀或不完整" in caught.value.zh


def test_other_types_are_refused() -> None:
    for data in (image_bytes("GIF"), b"MZ\x90\x00" + bytes(64), zipped(), b"<html></html>"):
        with refused("file_type"):
            inspect(data)


def test_a_decompression_bomb_is_refused() -> None:
    out = io.BytesIO()
    Image.new("1", (8000, MAX_PIXELS // 8000 + 1)).save(out, "PNG")
    with refused("image_too_large") as caught:
        inspect(out.getvalue())
    assert "圖片太大" in caught.value.zh


def test_real_files_pass() -> None:
    assert inspect(PDF).content_type == "application/pdf"
    assert inspect(PNG).content_type == "image/png"
    assert inspect(JPEG).content_type == "image/jpeg"
    assert inspect(pdf(with_stream(b"BT /F1 12 Tf (Hello) Tj ET"))).extension == ".pdf"
    link = action("/URI", URI=TextStringObject("https://www.moea.gov.tw/"))
    assert inspect(pdf(on_catalog("/URI", link))).extension == ".pdf"  # a link is fine


def test_an_open_action_that_only_opens_at_a_page_is_fine() -> None:
    """LibreOffice writes ``/OpenAction [page /XYZ null null 0]`` into every PDF it exports."""

    def open_at_first_page(writer: PdfWriter) -> None:
        page = writer.pages[0].indirect_reference
        destination = ArrayObject([page, NameObject("/XYZ")])
        writer.root_object[NameObject("/OpenAction")] = destination

    assert inspect(pdf(open_at_first_page)).extension == ".pdf"


@pytest.fixture
def draft(open_round: Round, make_application: Callable[..., Application]) -> Application:
    return make_application(trainees=0)


def test_a_name_takes_the_extension_of_what_the_file_is(draft: Application) -> None:
    user = draft.firm.user
    with TestCase.captureOnCommitCallbacks(execute=True):
        names = [
            document_store(
                application=draft, upload=SimpleUploadedFile(name, data), user=user
            ).original_name
            for name, data in (
                ("報價.png", PDF),
                ("掃描.JPEG", JPEG),
                ("photo.jpg", PNG),
                ("invoice", PDF),
                ("run.exe", PNG),
            )
        ]
    assert names == ["報價.pdf", "掃描.JPEG", "photo.png", "invoice.pdf", "run.png"]
    assert sorted(d.stored_name[-4:] for d in draft.documents.all()) == sorted(
        [".pdf", ".jpg", ".png", ".pdf", ".png"]
    )


def test_the_page_refuses_an_active_pdf_in_chinese_and_saves_nothing(
    draft: Application, upload_dir: Path
) -> None:
    client = client_for(draft.firm.user)
    for name, data in (
        ("申請書.pdf", ACTIVE_PDFS["OpenAction JavaScript"]),
        ("照片.png", POLYGLOTS["PNG then a ZIP"]),
        ("掃描.jpg", TRUNCATED["JPEG cut"]),
    ):
        response = client.post(
            f"/apply/{draft.pk}/documents", {"file": SimpleUploadedFile(name, data)}
        )
        assert response.status_code == 422
        assert "檔案：" in response.content.decode()
    assert not draft.documents.exists()
    assert not upload_dir.exists() or list(upload_dir.iterdir()) == []
