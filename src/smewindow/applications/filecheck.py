"""What an uploaded document really is: a PDF (pypdf), a PNG or a JPEG (Pillow), parsed
whole, never judged by its name or its first bytes alone.

Refused, each with its own reason in Chinese and English (``ApplicationRefused``):
- another type, or a file the library cannot read (damaged);
- a truncated file: a PDF not ending in ``%%EOF``, an image that stops before its end;
- a polyglot, valid as two types at once: bytes after the PDF's last ``%%EOF`` or the
  image's end (PNG ``IEND``, JPEG ``EOI``), a ZIP archive (read from the end, as unzip
  does) or HTML markup anywhere in the file;
- a PDF that can act on its own: JavaScript, an ``/OpenAction`` action or ``/AA`` (actions
  run on opening or on events; an ``/OpenAction`` that only opens at a page is fine),
  ``/Launch`` (starts a program), embedded files; and an encrypted PDF, which could not be
  checked;
- an image of more than ``MAX_PIXELS`` (a decompression bomb).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass

from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject

from smewindow.applications.refusals import ApplicationRefused


@dataclass(frozen=True)
class Kind:
    """A type the site accepts: its content type, stored extension and the name suffixes
    that already say so."""

    content_type: str
    extension: str
    suffixes: tuple[str, ...]


PDF = Kind("application/pdf", ".pdf", (".pdf",))
PNG = Kind("image/png", ".png", (".png",))
JPEG = Kind("image/jpeg", ".jpg", (".jpg", ".jpeg", ".jpe"))
SIGNATURES = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
MAX_PIXELS = 50_000_000
"""About a 600 dpi A4 scan (35 M pixels) with room; decoding one takes ~150 MB."""
PDF_ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/OpenAction", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles"}
)
"""Dictionary keys that run code or carry files (PDF 1.7 §12.6 actions, §7.11.4 embedded files)."""
PDF_ACTIVE_NAMES = frozenset({"/JavaScript", "/Launch", "/EmbeddedFile"})
"""Names that mark the same as a value: an action's ``/S`` type, a stream's ``/Type``."""
HTML = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed)[\s>/]", re.I
)
EOF_TAIL = re.compile(rb"%%EOF[\r\n\t\f \x00]*\Z")


def _refuse(code: str, zh: str, en: str) -> ApplicationRefused:
    return ApplicationRefused(code, f"檔案：{zh}", f"file: {en}")


def _wrong_type() -> ApplicationRefused:
    return _refuse(
        "file_type",
        "只接受 PDF、JPEG 或 PNG 檔（依檔案內容判斷）",
        "only PDF, JPEG or PNG files are accepted (judged by their content)",
    )


def _damaged(what: str) -> ApplicationRefused:
    return _refuse(
        "file_damaged",
        f"{what} 檔已損毀或不完整，無法讀取，請重新存檔或掃描後再上傳",
        f"the {what} file is damaged or incomplete and cannot be read; save or scan it again",
    )


def _polyglot(zh: str, en: str) -> ApplicationRefused:
    return _refuse(
        "file_polyglot",
        f"{zh}（可能夾帶其他檔案），請重新存檔後再上傳",
        f"{en} (it may hide another file); save it again and upload the new file",
    )


def inspect(data: bytes) -> Kind:
    """The kind of ``data`` once it is parsed and found safe; else ApplicationRefused."""
    kind = next((k for magic, k in SIGNATURES if data.startswith(magic)), None)
    if kind is None:
        raise _wrong_type()
    if HTML.search(data):
        raise _polyglot("檔案裡含有網頁（HTML）內容", "the file contains web page (HTML) markup")
    if zipfile.is_zipfile(io.BytesIO(data)):
        raise _polyglot("檔案裡含有 ZIP 壓縮檔", "the file contains a ZIP archive")
    if kind is PDF:
        _check_pdf(data)
    else:
        _check_image(data, kind)
    return kind


def file_name(original: str, kind: Kind) -> str:
    """``original`` with the extension of what the file is (``報價.png`` holding a PDF is
    kept as ``報價.pdf``), so a download opens in the right program."""
    stem, dot, suffix = original.rpartition(".")
    if dot and f".{suffix.lower()}" in kind.suffixes:
        return original
    return f"{stem if dot and stem else original}{kind.extension}"


def _check_pdf(data: bytes) -> None:
    if not EOF_TAIL.search(data[-1024:]):
        if b"%%EOF" in data:
            raise _polyglot(
                "PDF 的結尾（%%EOF）之後還有其他資料", "there is data after the PDF's end (%%EOF)"
            )
        raise _damaged("PDF")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _refuse(
                "pdf_encrypted",
                "PDF 有密碼保護或加密，無法檢查，請上傳未加密的 PDF",
                "the PDF is password-protected or encrypted and cannot be checked; upload it unencrypted",
            )
        if not reader.pages:
            raise _damaged("PDF")
        found = _active_content(reader.trailer)
    except ApplicationRefused:
        raise
    except Exception:  # pypdf raises many types on broken files (PdfReadError, ValueError…)
        raise _damaged("PDF") from None
    if found:
        raise _refuse(
            "pdf_active",
            f"PDF 含有會自動執行的內容（{found}），請用「列印成 PDF」另存後再上傳",
            f"the PDF contains content that runs by itself ({found}); print it to a new PDF and upload that",
        )


def _active_content(root: PdfObject) -> str:
    """The first key or name in the object graph from ``root`` that makes a PDF active
    (JavaScript, automatic actions, launches, embedded files), or "" when none; walked
    without recursion so a deeply nested file cannot exhaust the stack."""
    seen: set[tuple[int, int]] = set()
    todo: list[PdfObject] = [root]
    while todo:
        item = todo.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            found = item.get_object()
            if found is not None:  # a reference to nothing (a damaged file) is skipped
                todo.append(found)
        elif isinstance(item, DictionaryObject):  # streams are dictionaries too
            for key, value in item.items():
                if key in PDF_ACTIVE_KEYS and not _opens_at_a_page(key, value):
                    return str(key).lstrip("/")
                todo.append(value)
        elif isinstance(item, ArrayObject):
            todo.extend(item)
        elif isinstance(item, NameObject) and item in PDF_ACTIVE_NAMES:
            return str(item).lstrip("/")
    return ""


def _opens_at_a_page(key: str, value: PdfObject) -> bool:
    """An ``/OpenAction`` that is a destination array (open at a page, as LibreOffice and
    others write by default) runs nothing; an action dictionary there is refused."""
    return key == "/OpenAction" and isinstance(value.get_object(), ArrayObject)


def _check_image(data: bytes, kind: Kind) -> None:
    name = "PNG" if kind is PNG else "JPEG"
    end = _png_end(data) if kind is PNG else _jpeg_end(data)
    if end is None:
        raise _damaged(name)
    if end < len(data):
        raise _polyglot(
            f"{name} 圖片結尾之後還有其他資料", f"there is data after the {name} image's end"
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != name:
                raise _damaged(name)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _refuse(
                    "image_too_large",
                    f"圖片太大（{width}×{height} 像素），請縮小到 5,000 萬像素以下",
                    f"the image is too large ({width}×{height} pixels); reduce it below 50 million pixels",
                )
            image.load()  # decodes every pixel: a truncated image fails here
    except ApplicationRefused:
        raise
    except Exception:  # Pillow: OSError on truncated data, SyntaxError, ValueError…
        raise _damaged(name) from None


def _png_end(data: bytes) -> int | None:
    """The offset just after the PNG's IEND chunk; None when the chunks run out first."""
    at = 8
    while at + 12 <= len(data):
        length, chunk = struct.unpack(">I4s", data[at : at + 8])
        at += 12 + length
        if chunk == b"IEND":
            return at if at <= len(data) else None
    return None


def _jpeg_end(data: bytes) -> int | None:
    """The offset just after the JPEG's EOI marker, following its segments and scans (a
    thumbnail's own EOI inside an APP segment is skipped with its segment); None when the
    file stops first."""
    at = 2
    while at + 2 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xD9:
            return at + 2
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # no length
            at += 2
            continue
        if at + 4 > len(data):
            return None
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        if marker == 0xDA:  # entropy-coded data up to the next marker that is not FF00/RSTn
            while True:
                at = data.find(b"\xff", at)
                if at < 0 or at + 1 >= len(data):
                    return None
                following = data[at + 1]
                if following != 0 and not 0xD0 <= following <= 0xD7:
                    break
                at += 2
    return None
