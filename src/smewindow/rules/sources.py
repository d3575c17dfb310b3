"""The documents the rules cite, named as people read them.

A rule's ``source`` is ``"seed: <section>"`` (a section of the plan's slides, 114年3月) or a
URL. :func:`source_title` turns either into the official document's name and a link, from
``sources.yaml``: a seed section reads as 「中小微企業多元振興發展計畫（114年3月）・配套措施1.1
…・補助對象」 linked to the plan's page; a law on law.moj.gov.tw as its name and article
(所得稅法第5條); any other page by the title recorded for its URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import parse_qs, urlsplit

import yaml

from smewindow.rules.data import package_text

SEED = "seed: "
LANGS = ("zh", "en")
_LAW_SITE = "law.moj.gov.tw"


class SourceError(ValueError):
    """A source string that ``sources.yaml`` does not name, or a malformed ``sources.yaml``."""


@dataclass(frozen=True)
class Title:
    """A name in Traditional Chinese and in English."""

    zh: str
    en: str

    def text(self, lang: str) -> str:
        """The name in ``lang`` (zh or en)."""
        if lang not in LANGS:
            raise ValueError(f"語言只能是 zh 或 en (language must be zh or en): {lang!r}")
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Section:
    """A section of the seed: its name, the seed's own headings for it, its named parts."""

    name: Title
    headings: frozenset[str]
    parts: dict[str, Title]


@dataclass(frozen=True)
class Catalogue:
    """Everything ``sources.yaml`` names."""

    plan: Title
    plan_url: str | None
    sections: dict[str, Section]
    laws: dict[str, Title]
    pages: dict[str, Title]


def _title(where: str, value: Any, zh: str | None = None) -> Title:
    """A ``{zh, en}`` mapping, or (for a part) its English alone when the Chinese is ``zh``."""
    if isinstance(value, str) and zh is not None:
        value = {"en": value}
    if not isinstance(value, dict) or set(value) - {"zh", "en"}:
        raise SourceError(f"{where}: needs zh and en, nothing else")
    value = {"zh": zh, **value}
    if not all(isinstance(value.get(k), str) and value[k].strip() for k in LANGS):
        raise SourceError(f"{where}: needs zh and en")
    return Title(value["zh"], value["en"])


def load_catalogue_text(text: str) -> Catalogue:
    """Read and check the text of a ``sources.yaml``."""
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or set(data) != {"plan", "sections", "laws", "pages"}:
        raise SourceError("sources.yaml: needs exactly plan, sections, laws and pages")
    plan = dict(data["plan"])
    plan_url = plan.pop("url", None)
    sections = {}
    for code, entry in data["sections"].items():
        entry = dict(entry)
        headings = entry.pop("headings", [])
        parts = entry.pop("parts", {})
        sections[code] = Section(
            name=_title(f"section {code}", entry),
            headings=frozenset(headings),
            parts={k: _title(f"section {code} part {k}", v, zh=k) for k, v in parts.items()},
        )
    return Catalogue(
        plan=_title("plan", plan),
        plan_url=plan_url,
        sections=sections,
        laws={pcode: _title(f"law {pcode}", v) for pcode, v in data["laws"].items()},
        pages={url: _title(url, v) for url, v in data["pages"].items()},
    )


@cache
def catalogue() -> Catalogue:
    """The package's ``sources.yaml``."""
    return load_catalogue_text(package_text("sources.yaml"))


def _unknown(source: str) -> SourceError:
    return SourceError(
        f"出處未登錄於 sources.yaml：{source!r} (source not named in rules/sources.yaml)"
    )


def seed_section(source: str) -> tuple[str, str | None]:
    """The section code and part a ``seed: <code>[ <part>|（<part>）]`` source names (the part
    None when it names the whole section, or only repeats the seed's heading of it)."""
    cat = catalogue()
    text = source.removeprefix(SEED).strip()
    codes = [c for c in cat.sections if text == c or text.startswith((c + " ", c + "（"))]
    if not source.startswith(SEED) or not codes:
        raise _unknown(source)
    code = max(codes, key=len)
    section = cat.sections[code]
    rest = text[len(code) :].strip()
    if rest.startswith("（") and rest.endswith("）"):
        rest = rest[1:-1]
    if not rest or rest in section.headings:
        return code, None
    if rest not in section.parts:
        raise _unknown(source)
    return code, rest


def _seed_title(cat: Catalogue, source: str) -> Title:
    """「plan・section・part」 for a seed source."""
    code, part = seed_section(source)
    section = cat.sections[code]
    names = [cat.plan, section.name] + ([section.parts[part]] if part else [])
    return Title("「" + "・".join(n.zh for n in names) + "」", " · ".join(n.en for n in names))


def _law_title(cat: Catalogue, url: str) -> Title | None:
    """A law.moj.gov.tw page of a known law: the law's name, with its article if it has one."""
    parts = urlsplit(url)
    query = {k.lower(): v[0] for k, v in parse_qs(parts.query).items()}
    law = cat.laws.get(query.get("pcode", "").upper())
    if parts.netloc != _LAW_SITE or law is None:
        return None
    article = query.get("flno")
    if not article:
        return law
    number, _, sub = article.partition("-")
    zh = f"{law.zh}第{number}條" + (f"之{sub}" if sub else "")
    return Title(zh, f"{law.en}, Article {article}")


def source_title(source: str, lang: str = "zh") -> tuple[str, str | None]:
    """The document ``source`` names, as (title, link) in ``lang`` (zh or en).

    Raises :class:`SourceError` for a source ``sources.yaml`` does not name (the code-health
    tests keep every source of the programs, criteria, parameters and guidance named).
    """
    cat = catalogue()
    if source.startswith(SEED):
        return _seed_title(cat, source).text(lang), cat.plan_url
    title = cat.pages.get(source) or _law_title(cat, source)
    if title is None:
        raise _unknown(source)
    return title.text(lang), source
