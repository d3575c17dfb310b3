"""Every message of the pages and the Python code has its English translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "src" / "smewindow" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def extracted_messages() -> set[str]:
    """The msgids that ``pybabel extract -F babel.cfg`` finds (as docs/translations.md says)."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(ROOT / "src" / "smewindow", method_map, options_map)
    return {message[2] if isinstance(message[2], str) else message[2][0] for message in found}


def test_every_message_is_translated_to_english() -> None:
    with PO.open("rb") as po:
        catalog = read_po(po)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    messages = extracted_messages()
    assert len(messages) > 80, "the templates' messages are found"
    assert not messages - translated, sorted(messages - translated)
