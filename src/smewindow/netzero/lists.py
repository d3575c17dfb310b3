"""The ESCO list's columns and cells, read by the catalogue's import pipeline
(``catalog.importers``: every row checked, then one transaction or nothing).

The registry (能源技術服務業資訊網 服務能量登錄平台, https://escoinfo.tgpf.org.tw/Page/Company.aspx,
seed 策略2) could not be read from here: its columns are UNCONFIRMED. The headers below are
the usual ones of such a list (公司名稱, 統一編號, 服務區域, 服務項目, 聯絡電話, 電子郵件, 網址),
with the aliases an export may use; ``docs/escos.md`` lists them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from smewindow.catalog import cells
from smewindow.catalog.importers import Column, Options, Problems, Row, Spec, withdraw_listing
from smewindow.catalog.regions import REGION_OF_COUNTY, region_code
from smewindow.netzero.models import Certification, Esco, Service, pack
from smewindow.rules.taiwan import COUNTIES, normalize_county

SEPARATORS = re.compile(r"[、,，;；/／\n]+")
"""Between the values of a cell that lists several (臺北市、新北市 or 空調, 照明); counties
may also be separated by spaces (a service's name may have one: ISO 50001)."""

EVERY_COUNTY = frozenset({"全國", "全臺", "全台", "全區", "全省", "不限"})

SERVICE_WORDS: dict[str, str] = {
    "空壓機": Service.AIR_COMPRESSOR,
    "空氣壓縮機": Service.AIR_COMPRESSOR,
    "空壓系統": Service.AIR_COMPRESSOR,
    "風機": Service.FAN_PUMP_MOTOR,
    "泵浦": Service.FAN_PUMP_MOTOR,
    "馬達": Service.FAN_PUMP_MOTOR,
    "動力系統": Service.FAN_PUMP_MOTOR,
    "空調": Service.AIR_CONDITIONING,
    "空調系統": Service.AIR_CONDITIONING,
    "冰水主機": Service.AIR_CONDITIONING,
    "冷凍": Service.REFRIGERATION,
    "冷藏": Service.REFRIGERATION,
    "冷凍冷藏": Service.REFRIGERATION,
    "照明": Service.LIGHTING,
    "照明系統": Service.LIGHTING,
    "鍋爐": Service.HEAT,
    "熱泵": Service.HEAT,
    "熱能": Service.HEAT,
    "熱能系統": Service.HEAT,
    "系統節能專案": Service.SYSTEM_PROJECT,
    "系統專案": Service.SYSTEM_PROJECT,
    "能源管理系統": Service.ENERGY_MANAGEMENT,
    "EMS": Service.ENERGY_MANAGEMENT,
    "節能診斷": Service.DIAGNOSIS,
    "能源診斷": Service.DIAGNOSIS,
}
"""Words a list may use for a service, besides its label and code (``Service``)."""

CERTIFICATION_WORDS: dict[str, str] = {
    "服務能量登錄": Certification.REGISTERED,
    "能源技術服務業登錄": Certification.REGISTERED,
    "已登錄": Certification.REGISTERED,
    "登錄": Certification.REGISTERED,
    "ISO50001": Certification.ISO50001,
}
"""Words a list may use for a certification, besides its label and code."""


def _words(value: str, spaces: bool = False) -> list[str]:
    value = unicodedata.normalize("NFKC", value)
    parts = SEPARATORS.split(value.replace(" ", "\n") if spaces else value)
    return [word.strip() for word in parts if word.strip()]


def counties(value: str) -> str:
    """Counties (台 or 臺), regions (北區 … 離島) or 全國, separated by 、 , ; / or spaces;
    stored as ``|臺北市|…|`` in the official order, blank for every county."""
    chosen: set[str] = set()
    for word in _words(value, spaces=True):
        if word in EVERY_COUNTY:
            return ""
        county = normalize_county(word)
        region = None if county else region_code(word)
        if county:
            chosen.add(county)
        elif region:
            chosen.update(c for c, r in REGION_OF_COUNTY.items() if r == region)
        else:
            raise cells.CellError(
                f"「{word}」不是縣市名稱；請寫縣市全名（如 臺北市）、區域（北區）或「全國」",
                f"{word!r} is not a county: write its full name (臺北市), a region (北區) or 全國",
            )
    return "" if len(chosen) == len(COUNTIES) else pack(chosen, COUNTIES)


def _longest(pair: tuple[str, str]) -> int:
    return -len(pair[0])


def _choices(
    choices: type[Service] | type[Certification], words: dict[str, str], what: tuple[str, str]
) -> Callable[[str], str]:
    by_word = {
        **{str(label): str(value) for value, label in choices.choices},
        **{str(value): str(value) for value in choices.values},
        **{key: str(value) for key, value in words.items()},
    }
    folded = {key.replace(" ", "").upper(): value for key, value in by_word.items()}

    labels = sorted(((str(label), str(code)) for code, label in choices.choices), key=_longest)

    def parse(value: str) -> str:
        found = set()
        value = unicodedata.normalize("NFKC", value)
        for label, code in labels:  # a label may hold a separator: 風機、泵浦與馬達
            value = value.replace(unicodedata.normalize("NFKC", label), f"\n{code}\n")
        for word in _words(value):
            known = folded.get(word.replace(" ", "").upper())
            if known is None:
                allowed = "、".join(str(label) for label in choices.labels)
                raise cells.CellError(
                    f"「{word}」不是可選的{what[0]}；可用：{allowed}",
                    f"{word!r} is not a known {what[1]}; known: {allowed}",
                )
            found.add(known)
        return pack(found, choices.values)

    return parse


services = _choices(Service, SERVICE_WORDS, ("服務項目", "service"))
certifications = _choices(Certification, CERTIFICATION_WORDS, ("登錄或驗證", "certification"))

_PHONE = re.compile(
    r"^\+?[\d\s()\-]{7,20}(?:\s*(?:#|轉|分機|ext\.?|EXT\.?)\s*\d{1,6})?$", re.IGNORECASE
)


def phone(value: str) -> str:
    """A phone number: digits with - ( ) + or spaces, 7–15 digits, an extension after #,
    轉, 分機 or ext (02-2775-7788#123, (02)2775-7788, +886-2-2775-7788)."""
    value = unicodedata.normalize("NFKC", value).strip()
    main = re.split(r"#|轉|分機|ext", value, maxsplit=1, flags=re.IGNORECASE)[0]
    digits = sum(char.isdigit() for char in main)
    if not _PHONE.match(value) or not 7 <= digits <= 15:
        raise cells.CellError(
            "電話號碼格式不正確，例如 02-2775-7788 或 02-2775-7788#123",
            "not a phone number, e.g. 02-2775-7788 or 02-2775-7788#123",
        )
    return value


_EMAIL = EmailValidator()


def email(value: str) -> str:
    """An e-mail address."""
    value = unicodedata.normalize("NFKC", value).strip()
    try:
        _EMAIL(value)
    except ValidationError:
        raise cells.CellError("電子郵件格式不正確", "not an e-mail address") from None
    return cells.text(254)(value)


def _resolve(rows: list[Row], options: Options, problems: Problems) -> None:
    """A 統一編號 may belong to one ESCO only (in the file and in the directory)."""
    known = {e.business_id: cells.name_key(e.name) for e in Esco.objects.exclude(business_id="")}
    for row in rows:
        business_id = row.values.get("business_id", "")
        key = cells.name_key(row.values.get("name", ""))
        if business_id and known.setdefault(business_id, key) != key:
            problems.add(
                row,
                "此統一編號已屬於另一家業者",
                "this business ID belongs to another ESCO",
                "統一編號",
                business_id,
            )


ESCOS = Spec(
    kind="escos",
    model=Esco,
    columns=(
        Column("序號", None, aliases=("序", "編號", "項次")),
        Column(
            "公司名稱",
            "name",
            header_required=True,
            need="required",
            aliases=("廠商名稱", "業者名稱", "機構名稱", "名稱"),
        ),
        Column("統一編號", "business_id", cells.business_id),
        Column("服務縣市", "counties", counties, aliases=("服務區域", "服務地區")),
        Column("服務項目", "services", services, aliases=("技術類別", "服務類別", "專長領域")),
        Column("登錄與驗證", "certifications", certifications, aliases=("認證", "驗證")),
        Column("地址", "address", aliases=("公司地址", "聯絡地址")),
        Column("聯絡電話", "phone", phone, aliases=("電話",)),
        Column("電子郵件", "email", email, aliases=("E-mail", "Email", "信箱")),
        Column("網址", "url", cells.url, aliases=("公司網址", "網站")),
        Column("出處", "source", cells.text(300)),
    ),
    key_headers="公司名稱",
    key=lambda values: cells.name_key(values["name"]),
    key_of=lambda esco: cells.name_key(esco.name),
    resolve=_resolve,
    scope=lambda rows, options: Esco.objects.all(),
    withdraw=withdraw_listing,
)
