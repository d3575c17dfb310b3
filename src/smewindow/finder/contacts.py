"""Contacts as links: phone numbers become ``tel:`` links that never wrap; web and e-mail
addresses become links.

The rules' contact texts are plain (「鞋技中心 林小姐 04-23590112 #323」); a phone on a
phone should dial with one tap, extension included, and a number should not break across
lines on a 360 px screen.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

PHONE = re.compile(
    r"(?P<number>\(0\d{1,2}\)\s?\d{3,4}-?\d{4}|0\d{1,3}-\d{3,4}-?\d{3,4})"
    r"(?P<extension>\s?#\s?\d{1,5})?"
)
"""Taiwanese numbers as the notices write them: 0800-056-476, 04-23590112 #323,
(02)2567-3360, 02-2368-0816#221."""
WEB = re.compile(r"https?://[A-Za-z0-9./?=&_%#:~+-]+")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
LINKS = re.compile(f"{PHONE.pattern}|(?P<web>{WEB.pattern})|(?P<email>{EMAIL.pattern})")


def tel_href(number: str, extension: str = "") -> str:
    """The ``tel:`` address of a Taiwanese number: +886 without the trunk 0, and the
    extension after a pause (``,``) so the phone dials it."""
    digits = re.sub(r"\D", "", number)
    href = f"tel:+886{digits[1:]}"
    ext = re.sub(r"\D", "", extension)
    return f"{href},{ext}" if ext else href


@lru_cache(maxsize=512)
def contact_html(text: str) -> Markup:
    """``text`` escaped, with its phone numbers and web addresses as links."""
    parts: list[str] = []
    end = 0
    for match in LINKS.finditer(text):
        parts.append(escape(text[end : match.start()]))
        shown = match.group(0)
        if match.group("web"):
            parts.append(Markup('<a href="{0}">{0}</a>').format(shown))
        elif match.group("email"):
            parts.append(Markup('<a href="mailto:{0}">{0}</a>').format(shown))
        else:
            href = tel_href(match.group("number"), match.group("extension") or "")
            parts.append(Markup('<a class="tel" href="{}">{}</a>').format(href, shown.strip()))
        end = match.end()
    parts.append(escape(text[end:]))
    return Markup("").join(parts)
