"""The four lists and their columns, as the official pages show them (seed lines 426 and
447), plus optional columns this project adds (``docs/catalog.md`` lists them all)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from django.db.models import QuerySet

from smewindow.catalog import cells
from smewindow.catalog.importers import (
    Column,
    Options,
    Problems,
    Row,
    Spec,
    delete_records,
    withdraw_listing,
)
from smewindow.catalog.models import (
    Course,
    CourseSession,
    Industry,
    Provider,
    ProviderType,
    SessionMode,
    SoftwareProduct,
)
from smewindow.catalog.regions import REGION_OF_COUNTY, REGIONS, county_of_address

NUMBER = Column("序號", None, aliases=("序",))
SOURCE = Column("出處", "source", cells.text(300))
PROVIDER_NAME = Column("機構名稱", "provider_name", header_required=True, need="official")


def _providers_by_key() -> dict[str, int]:
    return {cells.name_key(p.name): p.pk for p in Provider.objects.all()}


def _provider_named(
    row: Row, providers: dict[str, int], problems: Problems
) -> tuple[bool, int | None]:
    """Whether the provider a row names is known, and its id (None for a blank cell)."""
    name = row.values.pop("provider_name", "")
    provider_id = providers.get(cells.name_key(name)) if name else None
    if name and provider_id is None:
        problems.add(
            row,
            "不在開課單位名單中，請先匯入開課單位",
            "not a known provider: import the provider list first",
            "機構名稱",
            name,
        )
        return False, None
    return True, provider_id


# --- providers (開課單位, seed lines 441–455) --------------------------------------------


def _locate(row: Row, problems: Problems) -> None:
    """County and region from the address; a 區域 cell must agree with the address."""
    values = row.values
    address, given = values["address"], values.get("region", "")
    county = county_of_address(address) if address else None
    if address and county is None:
        problems.add(
            row,
            "地址須以縣市名稱開頭，例如「臺北市中正區…」",
            "the address must start with a county, e.g. 臺北市…",
            "連絡地址",
            address,
        )
        return
    derived = REGION_OF_COUNTY[county] if county else ""
    if derived and given and given != derived:
        problems.add(
            row,
            f"與地址所在的{county}（{REGIONS[derived]}區）不符",
            f"does not match the address's county {county} ({derived})",
            "區域",
            REGIONS[given],
        )
    values["county"] = county or ""
    values["region"] = derived or given


def _resolve_providers(rows: list[Row], options: Options, problems: Problems) -> None:
    known_ids = {
        p.business_id: cells.name_key(p.name) for p in Provider.objects.exclude(business_id="")
    }
    for row in rows:
        if "address" in row.values:
            _locate(row, problems)
        business_id = row.values.get("business_id", "")
        key = cells.name_key(row.values.get("name", ""))
        if business_id and known_ids.setdefault(business_id, key) != key:
            problems.add(
                row,
                "此統一編號已屬於另一個開課單位",
                "this business ID belongs to another provider",
                "統一編號",
                business_id,
            )


PROVIDERS = Spec(
    kind="providers",
    model=Provider,
    columns=(
        NUMBER,
        Column("機構名稱", "name", header_required=True, need="required"),
        Column("統一編號", "business_id", cells.business_id),
        Column("機構類型", "type", cells.choice(ProviderType), aliases=("類型",)),
        Column("連絡地址", "address", header_required=True, need="official"),
        Column("區域", "region", cells.region),
        Column("課程明細", None),
        SOURCE,
    ),
    key_headers="機構名稱",
    key=lambda values: cells.name_key(values["name"]),
    key_of=lambda provider: cells.name_key(provider.name),
    resolve=_resolve_providers,
    scope=lambda rows, options: Provider.objects.all(),
    withdraw=withdraw_listing,
)


# --- courses (課程專區, seed lines 418–429; classification, lines 471–482) --------------


def _course_key(values: dict[str, Any]) -> Hashable:
    return (values["provider_id"], cells.name_key(values["name"]))


def _key_of_course(course: Course) -> Hashable:
    return (course.provider_id, cells.name_key(course.name))


def _resolve_courses(rows: list[Row], options: Options, problems: Problems) -> None:
    providers = _providers_by_key()
    codes = {c.code: _key_of_course(c) for c in Course.objects.exclude(code="")}
    for row in rows:
        values = row.values
        found, provider_id = _provider_named(row, providers, problems)
        if not found:
            continue
        values["provider_id"] = provider_id
        if values.get("physical_hours") == 0 and values.get("online_hours") == 0:
            problems.add(
                row, "實體與線上時數不可皆為 0", "physical and online hours are both 0", "實體時數"
            )
        code, key = values.get("code"), _course_key(values) if "name" in values else None
        if code and key and codes.setdefault(code, key) != key:
            problems.add(
                row,
                "此課程代碼已屬於另一門課程",
                "this code belongs to another course",
                "課程代碼",
                code,
            )


def _course_list(rows: list[Row], options: Options) -> QuerySet[Any]:
    return Course.objects.filter(**options.fixed)


COURSES = Spec(
    kind="courses",
    model=Course,
    columns=(
        NUMBER,
        Column("課程代碼", "code", cells.text(40)),
        Column("課程名稱", "name", header_required=True, need="required"),
        PROVIDER_NAME,
        Column("實體時數", "physical_hours", cells.hours, True, "official", None),
        Column("線上時數", "online_hours", cells.hours, True, "official", None),
        Column("課程簡介", "description", cells.text(5000), True, "official"),
        Column("網址", "url", cells.url, True, "official", aliases=("課程網址",)),
        Column("行業別", "industry", cells.choice(Industry)),
        Column("類別", "topic", cells.text(40)),
        SOURCE,
    ),
    key_headers="機構名稱、課程名稱",
    key=_course_key,
    key_of=_key_of_course,
    resolve=_resolve_courses,
    scope=_course_list,
    withdraw=withdraw_listing,
)


# --- sessions (開課日期, seed lines 487–530) ---------------------------------------------


def _resolve_sessions(rows: list[Row], options: Options, problems: Problems) -> None:
    providers = _providers_by_key()
    courses = {(c.provider_id, cells.name_key(c.name)): c.pk for c in Course.objects.all()}
    for row in rows:
        values = row.values
        found, provider_id = _provider_named(row, providers, problems)
        if not found:
            continue
        course_name = values.pop("course_name", "")
        course = courses.get((provider_id, cells.name_key(course_name)))
        if course is None:
            problems.add(
                row,
                "此開課單位沒有這門課程，請先匯入課程",
                "no such course of this provider: import the course list first",
                "課程名稱",
                course_name,
            )
            continue
        values["course_id"] = course
        starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            problems.add(
                row,
                "結束日期早於開課日期",
                "ends before it starts",
                "結束日期",
                ends_on.isoformat(),
            )


def _sessions_of_listed_courses(rows: list[Row], options: Options) -> QuerySet[Any]:
    return CourseSession.objects.filter(course_id__in={r.values["course_id"] for r in rows})


SESSIONS = Spec(
    kind="sessions",
    model=CourseSession,
    columns=(
        NUMBER,
        PROVIDER_NAME,
        Column("課程名稱", "course_name", header_required=True, need="required"),
        Column("開課日期", "starts_on", cells.date, True, "required", None),
        Column("結束日期", "ends_on", cells.date, blank=None, aliases=("結訓日期",)),
        Column("上課地點", "place"),
        Column("上課方式", "mode", cells.choice(SessionMode)),
        SOURCE,
    ),
    key_headers="機構名稱、課程名稱、開課日期",
    key=lambda values: (values["course_id"], values["starts_on"]),
    key_of=lambda session: (session.course_id, session.starts_on),
    resolve=_resolve_sessions,
    scope=_sessions_of_listed_courses,
    withdraw=delete_records,
)


# --- software (軟體名單, seed line 365; the seed shows no columns) -----------------------


def _resolve_nothing(rows: list[Row], options: Options, problems: Problems) -> None:
    """The software list needs no lookups."""


SOFTWARE = Spec(
    kind="software",
    model=SoftwareProduct,
    columns=(
        NUMBER,
        Column("軟體名稱", "name", header_required=True, need="required"),
        Column("廠商名稱", "vendor", header_required=True, need="required"),
        Column("廠商統一編號", "vendor_business_id", cells.business_id),
        Column("類別", "category", cells.text(40), True, "official"),
        Column("售價", "price", cells.price, True, "official", None),
        Column("網址", "url", cells.url),
        SOURCE,
    ),
    key_headers="廠商名稱、軟體名稱",
    key=lambda values: (cells.name_key(values["vendor"]), cells.name_key(values["name"])),
    key_of=lambda product: (cells.name_key(product.vendor), cells.name_key(product.name)),
    resolve=_resolve_nothing,
    scope=lambda rows, options: SoftwareProduct.objects.all(),
    withdraw=withdraw_listing,
)

SPECS: dict[str, Spec] = {spec.kind: spec for spec in (PROVIDERS, COURSES, SESSIONS, SOFTWARE)}
