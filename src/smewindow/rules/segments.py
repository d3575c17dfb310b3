"""The one-stop window's segments (分群): a firm's size class, its needs and its AI readiness,
computed from its profile, and the path each segment is recommended.

The seed has the window group firms 「依企業規模、需求、AI準備度等指標」 (策略1 中小微計畫網站);
this module is that grouping, computed and never typed:

- **size class** (規模別) by regular head count (``employees``, 經常僱用員工數): ``micro`` 微型
  below ``segments.micro_below``, ``small`` 小型 up to ``segments.small_max``, ``medium`` 中型
  below the SME standard's ``sme_standard.employees_below``, ``large`` 大型 from there
  (dated parameters; docs/segments.md says which are confirmed). Unknown head count, unknown
  class (None).
- **AI readiness** (AI準備度), four levels from ``ai_use`` and ``digital_tools``
  (``readiness.yaml``): 4 AI in daily operations (``production``), 3 piloting (``pilot``),
  2 digital basics (``exploring``, or ``none`` with some digital tool), 1 getting started
  (``none`` and no digital tool). Anything less known is unknown (None): ``none`` with the
  tools unknown could be 1 or 2, and an unknown ``ai_use`` could be anything.
- **recommended**: the programs of the readiness level's path (when the firm's needs are
  unknown, none, or include digital, ai or training), then those serving its needs
  (``needs.programs_for_needs``), in that order, without repeats — less every program the
  firm is ineligible for on the date, or whose window is closed then (``engine.screen``).
- **referrals**: the partner kinds (``partners.yaml``) serving the level or one of the needs
  that run at least one program the firm may still use (or none at all, a standing service).

>>> import datetime as dt
>>> found = segment({"employees": 4, "ai_use": "none", "digital_tools": []}, dt.date(2025, 4, 1))
>>> found.size_class, found.ai_readiness.level, found.segment
('micro', 1, 'micro-L1')
>>> found.recommended[:2], found.referrals
(('sme-elearning', 'digital-training-subsidy'), ('elearning',))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from smewindow.rules.data import package_yaml
from smewindow.rules.engine import check_date, screen, today_taipei
from smewindow.rules.needs import NEEDS, programs_for_needs
from smewindow.rules.parameters import load_parameters
from smewindow.rules.profile import Profile, enum_values, parse_profile
from smewindow.rules.programs import PROGRAMS, PROGRAMS_BY_ID
from smewindow.rules.texts import PLACEHOLDER, fill

SIZE_CLASSES: tuple[str, ...] = ("micro", "small", "medium", "large")
"""The size classes, smallest first."""

_SIZE_TEXTS: dict[str, tuple[str, str, str, str]] = {
    # name, name_en, the head-count rule, the rule in English
    "micro": (
        "微型企業",
        "Micro enterprise",
        "經常僱用員工數未滿{segments.micro_below}",
        "regular employees: fewer than {segments.micro_below}",
    ),
    "small": (
        "小型企業",
        "Small enterprise",
        "經常僱用員工數{segments.micro_below}以上、{segments.small_max}以下",
        "regular employees: {segments.micro_below} or more, at most {segments.small_max}",
    ),
    "medium": (
        "中型企業",
        "Medium enterprise",
        "經常僱用員工數超過{segments.small_max}、未滿{sme_standard.employees_below}",
        "regular employees: more than {segments.small_max},"
        " fewer than {sme_standard.employees_below}",
    ),
    "large": (
        "大型企業",
        "Large enterprise",
        "經常僱用員工數{sme_standard.employees_below}以上",
        "regular employees: {sme_standard.employees_below} or more",
    ),
}

USED_PARAMETERS: frozenset[str] = frozenset(
    name for texts in _SIZE_TEXTS.values() for text in texts for name in PLACEHOLDER.findall(text)
)
"""The parameters the size classes read (each stated in their texts)."""

DIGITAL_NEEDS = frozenset({"digital", "ai", "training"})
"""Needs for which the readiness level's path is recommended."""

_UNKNOWN = "unknown"


class SegmentDataError(ValueError):
    """``readiness.yaml`` or ``partners.yaml`` breaks its format."""


@dataclass(frozen=True)
class Level:
    """An AI-readiness level and its recommended path."""

    level: int
    name: str
    name_en: str
    description: str
    description_en: str
    programs: tuple[str, ...]


@dataclass(frozen=True)
class PartnerKind:
    """A kind of partner the window refers firms to (``partners.yaml``)."""

    id: str
    name: str
    name_en: str
    serves: str
    serves_en: str
    source: str
    url: str | None
    phone: str | None
    needs: frozenset[str]
    levels: frozenset[int]
    programs: tuple[str, ...]

    def text(self, attr: str, lang: str = "zh") -> str:
        """``name`` or ``serves`` in Chinese (zh) or English (en)."""
        return str(getattr(self, f"{attr}_en" if lang == "en" else attr))


@dataclass(frozen=True)
class Readiness:
    """A firm's AI-readiness level (None when unknown) and its name."""

    level: int | None
    name: str | None
    name_en: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"level": self.level, "name": self.name, "name_en": self.name_en}


@dataclass(frozen=True)
class Segment:
    """A firm's segment on a date and the path recommended for it."""

    as_of: dt.date
    size_class: str | None
    ai_readiness: Readiness
    needs: tuple[str, ...] | None
    segment: str
    recommended: tuple[str, ...]
    referrals: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """The answer of ``POST /api/v1/segment`` (docs/contracts.md)."""
        return {
            "as_of": self.as_of.isoformat(),
            "size_class": self.size_class,
            "ai_readiness": self.ai_readiness.as_dict(),
            "needs": None if self.needs is None else list(self.needs),
            "segment": self.segment,
            "recommended": list(self.recommended),
            "referrals": list(self.referrals),
        }


def _program_ids(where: str, ids: Any) -> tuple[str, ...]:
    if not isinstance(ids, list) or not all(i in PROGRAMS_BY_ID for i in ids):
        raise SegmentDataError(f"{where}: programs must list the plan's program ids")
    return tuple(ids)


def _texts(where: str, entry: Mapping[str, Any], keys: Iterable[str]) -> dict[str, str]:
    found = {}
    for key in keys:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise SegmentDataError(f"{where}: needs {key}")
        found[key] = value
    return found


@cache
def levels() -> MappingProxyType[int, Level]:
    """The four AI-readiness levels, by level (``readiness.yaml``)."""
    data = package_yaml("readiness.yaml")
    entries = data.get("levels") if isinstance(data, dict) else None
    if not isinstance(entries, dict) or sorted(entries) != [1, 2, 3, 4]:
        raise SegmentDataError("readiness.yaml: needs levels 1 to 4")
    keys = ("name", "name_en", "description", "description_en")
    found = {}
    for number, entry in entries.items():
        where = f"readiness.yaml level {number}"
        if not isinstance(entry, dict) or set(entry) != {*keys, "programs"}:
            raise SegmentDataError(f"{where}: needs exactly {[*keys, 'programs']}")
        found[number] = Level(
            number, **_texts(where, entry, keys), programs=_program_ids(where, entry["programs"])
        )
    return MappingProxyType(found)


def readiness_source() -> str:
    """The seed section the readiness levels read."""
    return str(package_yaml("readiness.yaml")["source"])


@cache
def _option_labels(field: str) -> MappingProxyType[str, tuple[str, str]]:
    entries = package_yaml("readiness.yaml").get(field)
    if not isinstance(entries, dict) or tuple(entries) != enum_values(field):
        raise SegmentDataError(f"readiness.yaml {field}: needs every value, in the spec's order")
    for value, pair in entries.items():
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(s, str) for s in pair)
        ):
            raise SegmentDataError(f"readiness.yaml {field}.{value}: needs [Chinese, English]")
    return MappingProxyType({value: (zh, en) for value, (zh, en) in entries.items()})


def options(field: str, lang: str = "zh") -> tuple[tuple[str, str], ...]:
    """The questionnaire's options for ``digital_tools`` or ``ai_use``: (value, label) in
    Chinese (zh) or English (en), in the profile's order."""
    return tuple(
        (value, en if lang == "en" else zh) for value, (zh, en) in _option_labels(field).items()
    )


_PARTNER_KEYS = frozenset(
    {"name", "name_en", "serves", "serves_en", "source", "url", "phone", "needs", "levels",
     "programs"}
)  # fmt: skip


@cache
def partner_kinds() -> MappingProxyType[str, PartnerKind]:
    """Every partner kind, by id, in the file's order (``partners.yaml``)."""
    data = package_yaml("partners.yaml")
    if not isinstance(data, dict) or not data:
        raise SegmentDataError("partners.yaml: needs partner kinds")
    found = {}
    for kind_id, entry in data.items():
        where = f"partners.yaml {kind_id}"
        if not isinstance(entry, dict) or set(entry) - _PARTNER_KEYS:
            raise SegmentDataError(f"{where}: only {sorted(_PARTNER_KEYS)}")
        texts = _texts(where, entry, ("name", "name_en", "serves", "serves_en", "source"))
        needs, kind_levels = entry.get("needs", []), entry.get("levels", [])
        if not isinstance(needs, list) or set(needs) - set(NEEDS):
            raise SegmentDataError(f"{where}: needs must list profile needs")
        if not isinstance(kind_levels, list) or set(kind_levels) - {1, 2, 3, 4}:
            raise SegmentDataError(f"{where}: levels must list levels 1 to 4")
        found[kind_id] = PartnerKind(
            id=kind_id,
            **texts,
            url=entry.get("url"),
            phone=entry.get("phone"),
            needs=frozenset(needs),
            levels=frozenset(kind_levels),
            programs=_program_ids(where, entry.get("programs", [])),
        )
    return MappingProxyType(found)


def size_class(profile: Mapping[str, Any] | Profile, on: dt.date | None = None) -> str | None:
    """The firm's size class by regular head count on ``on``, or None when the head count
    is unknown."""
    employees = parse_profile(profile).employees
    if employees is None:
        return None
    params = load_parameters()
    day = on or today_taipei()
    if employees < params["segments.micro_below"].at(day):
        return "micro"
    if employees <= params["segments.small_max"].at(day):
        return "small"
    if employees < params["sme_standard.employees_below"].at(day):
        return "medium"
    return "large"


def size_class_name(size: str, lang: str = "zh") -> str:
    """A size class's name: 微型企業 … (or Micro enterprise … in English)."""
    name, name_en, _, _ = _SIZE_TEXTS[size]
    return name_en if lang == "en" else name


def size_class_rule(size: str, on: dt.date, lang: str = "zh") -> str:
    """A size class's head-count rule as in force on ``on`` (marked where unconfirmed)."""
    _, _, rule, rule_en = _SIZE_TEXTS[size]
    return fill(rule_en if lang == "en" else rule, on, lang)


def readiness_level(digital_tools: Sequence[str] | None, ai_use: str | None) -> int | None:
    """The AI-readiness level (1-4) of these answers, or None when they do not settle it."""
    if ai_use == "production":
        return 4
    if ai_use == "pilot":
        return 3
    if ai_use == "exploring":
        return 2
    if ai_use == "none" and digital_tools is not None:
        return 2 if digital_tools else 1
    return None


def ai_readiness(profile: Mapping[str, Any] | Profile) -> Readiness:
    """The firm's AI-readiness level and its name (all None when unknown)."""
    validated = parse_profile(profile)
    number = readiness_level(validated.digital_tools, validated.ai_use)
    if number is None:
        return Readiness(None, None, None)
    level = levels()[number]
    return Readiness(number, level.name, level.name_en)


def segment_id(size: str | None, level: int | None) -> str:
    """The segment's id: the size class and the level, e.g. ``micro-L1``, ``unknown`` for
    either part not known (``small-unknown``)."""
    return f"{size or _UNKNOWN}-{f'L{level}' if level else _UNKNOWN}"


def path_applies(needs: Iterable[str] | None) -> bool:
    """Whether the readiness level's path is recommended for these needs: when they are
    unknown or none, or include a digital need (digital, ai, training)."""
    return not needs or bool(DIGITAL_NEEDS & set(needs))


def segment(profile: Mapping[str, Any] | Profile, on: dt.date | None = None) -> Segment:
    """The firm's segment on ``on`` (default today in Taipei) and its recommended path.

    Raises ProfileError naming each bad field, or ScreeningDateError."""
    validated = parse_profile(profile)
    day = on or today_taipei()
    check_date(day)
    readiness = ai_readiness(validated)
    needs = None if validated.needs is None else tuple(validated.needs)
    usable = {
        p["id"]
        for p in screen(validated, on=day)["programs"]
        if p["eligibility"] != "ineligible" and p["window"] != "closed"
    }
    candidates: list[str] = []
    if readiness.level is not None and path_applies(needs):
        candidates += levels()[readiness.level].programs
    if needs:
        wanted = programs_for_needs(needs)
        candidates += [p.id for p in PROGRAMS if p.id in wanted]
    recommended = tuple(p for p in dict.fromkeys(candidates) if p in usable)
    referrals = tuple(
        kind.id
        for kind in partner_kinds().values()
        if (
            (readiness.level in kind.levels and path_applies(needs))
            or kind.needs & set(needs or ())
        )
        and (not kind.programs or usable & set(kind.programs))
    )
    size = size_class(validated, day)
    return Segment(
        as_of=day,
        size_class=size,
        ai_readiness=readiness,
        needs=needs,
        segment=segment_id(size, readiness.level),
        recommended=recommended,
        referrals=referrals,
    )
