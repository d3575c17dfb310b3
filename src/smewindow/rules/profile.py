"""The enterprise profile (企業概況): its fields, validated; absent or null is unknown.

The fields are those of ``shared/spec/profile.md``. Validation is strict: a wrong
type, an unknown field, an invalid 統一編號, county or industry code is an error
that names the field in Traditional Chinese and English. Nothing is guessed or
coerced, except that 台 is accepted for 臺 in county names and ``name`` loses its
bidirectional control characters (``cleantext.without_bidi``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, NamedTuple, get_args

import annotated_types
import pydantic
import pydantic.fields
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from smewindow.rules.cleantext import without_bidi
from smewindow.rules.taiwan import DIVISIONS, business_id_is_valid, normalize_county

RegistrationType = Literal["company", "business", "limited_partnership", "tax_only", "none"]
SpecialProduct = Literal[
    "bags", "towels", "bakery", "assistive_devices", "processed_food", "local_specialty",
    "special_entertainment",
]  # fmt: skip
DigitalActivity = Literal[
    "erp", "pos", "digital_course", "ai", "iot", "blockchain", "cybersecurity", "data",
    "edge_computing", "5g", "cloud", "mobile_payment", "xr", "digital_marketing", "other_digital",
]  # fmt: skip
NetZeroActivity = Literal["renewable_energy", "ghg_inventory", "energy_saving", "other_netzero"]
ChannelActivity = Literal["business_district", "trade_show", "other_channel"]
ListedMarket = Literal["twse", "tpex", "emerging"]
Activity = Literal[DigitalActivity, NetZeroActivity, ChannelActivity]
LoanPurpose = Literal["working_capital", "equipment"]
Need = Literal[
    "funding", "hiring", "training", "digital", "ai", "netzero", "domestic_sales", "export",
    "brand", "tax", "investment",
]  # fmt: skip
DigitalTool = Literal[
    "accounting", "pos", "erp", "crm", "ecommerce", "cloud", "data_analysis", "iot", "ai",
]  # fmt: skip
AiUse = Literal["none", "exploring", "pilot", "production"]
CompressorType = Literal["fixed_speed_rotary", "variable_speed_rotary", "reciprocating"]
CompressorClass = Literal["d5", "d15", "d25", "d30"]

MAX_MONEY = 10**13  # NT$10 trillion: far above any firm, well inside a 64-bit integer
MAX_COUNT = 10**7


def _business_id(value: str) -> str:
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        raise PydanticCustomError("business_id_format", "business_id must be 8 digits")
    if not business_id_is_valid(value):
        raise PydanticCustomError("business_id_checksum", "business_id check digit is wrong")
    return value


def _county(value: str) -> str:
    official = normalize_county(value)
    if official is None:
        raise PydanticCustomError("county", "not one of the 22 counties and cities")
    return official


def _industry(value: str) -> str:
    if value not in DIVISIONS:
        raise PydanticCustomError("industry", "not a 2-digit TSIC division code")
    return value


def _unique(values: list[str]) -> list[str]:
    if len(set(values)) != len(values):
        raise PydanticCustomError("duplicates", "the list repeats a value")
    return values


Money = Annotated[int, Field(ge=0, le=MAX_MONEY)]
SignedMoney = Annotated[int, Field(ge=-MAX_MONEY, le=MAX_MONEY)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Quantity = Annotated[float, Field(ge=0, le=1e12, allow_inf_nan=False)]


class Contradiction(NamedTuple):
    """Two answers that cannot both hold: ``detail`` given (as ``detail_value`` when that is
    set, as anything otherwise) while ``gate`` has the answer ``answer``."""

    gate: str
    answer: Any
    detail: str
    kind: str
    """The error type, a key of the error messages."""
    detail_value: Any = None

    def holds(self, answers: Mapping[str, Any]) -> bool:
        """Whether ``answers`` contain this contradiction."""
        detail = answers.get(self.detail)
        if answers.get(self.gate) != self.answer or detail is None:
            return False
        return self.detail_value is None or detail == self.detail_value


CONTRADICTIONS = (
    Contradiction("is_listed", False, "listed_market", "listed_contradiction"),
    # A factory registration certificate is a factory registration: it cannot be held by a
    # firm that says it has none (nor exemption, nor improvement plan).
    Contradiction(
        "factory_registration",
        False,
        "factory_registration_certificate",
        "factory_contradiction",
        detail_value=True,
    ),
)
"""Answers the profile refuses together: a firm not listed has no market; a firm without
factory registration holds no factory registration certificate."""


def without_contradicted(answers: Mapping[str, Any]) -> dict[str, Any]:
    """``answers`` less each detail its gate's answer rules out (a firm that now says it is
    not listed loses its market), so a changed answer never leaves a contradiction behind."""
    gone = {c.detail for c in CONTRADICTIONS if c.holds(answers)}
    return {k: v for k, v in answers.items() if k not in gone}


class Profile(BaseModel):
    """An enterprise profile; every field optional, None meaning unknown."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)

    # Identity and registration
    name: (
        Annotated[str, AfterValidator(without_bidi), Field(max_length=200, title="營業人名稱")]
        | None
    ) = None
    business_id: Annotated[str, AfterValidator(_business_id), Field(title="統一編號")] | None = None
    registration_type: Annotated[RegistrationType, Field(title="登記類別")] | None = None
    county: Annotated[str, AfterValidator(_county), Field(title="所在縣市")] | None = None
    industry: Annotated[str, AfterValidator(_industry), Field(title="行業（中類代碼）")] | None = (
        None
    )
    special_products: (
        Annotated[list[SpecialProduct], AfterValidator(_unique), Field(title="特定產品")] | None
    ) = None
    is_listed: Annotated[bool, Field(title="股票上市、上櫃或興櫃")] | None = None
    listed_market: (
        Annotated[ListedMarket, Field(title="股票掛牌市場（上市、上櫃或興櫃）")] | None
    ) = None
    prc_investment: Annotated[bool, Field(title="有陸資投資")] | None = None
    factory_registration: Annotated[bool, Field(title="有工廠登記（或免辦證明）")] | None = None
    factory_registration_certificate: (
        Annotated[bool, Field(title="領有工廠登記證（非僅免辦證明或改善計畫）")] | None
    ) = None
    registered_abroad: Annotated[bool, Field(title="在臺灣以外登記設立")] | None = None
    main_operations_in_taiwan: (
        Annotated[bool, Field(title="境外登記但主要營業活動在臺灣")] | None
    ) = None
    trade_registration: Annotated[bool, Field(title="出進口廠商登記")] | None = None
    export_record: Annotated[bool, Field(title="有出進口實績")] | None = None
    rd_or_manufacturing_in_taiwan: Annotated[bool, Field(title="製造或研發單位設於臺灣")] | None = (
        None
    )
    new_product_within_3_years: (
        Annotated[bool, Field(title="有推出市場未滿3年之量產產品")] | None
    ) = None
    product_certified: Annotated[bool, Field(title="產品已申請或取得國家標準或國際認證")] | None = (
        None
    )
    product_is_software: Annotated[bool, Field(title="該產品為資訊軟體類")] | None = None
    is_startup: Annotated[bool, Field(title="新創事業")] | None = None
    new_southbound_agri: Annotated[bool, Field(title="拓展新南向市場農業業者")] | None = None
    operating_normally: Annotated[bool, Field(title="正常營運、無退票及不良信用紀錄")] | None = None

    # Size
    employees: Annotated[Count, Field(title="經常僱用員工數（12個月平均）")] | None = None
    employees_min_6m: Annotated[Count, Field(title="最近6個月最少的單月本國籍員工數")] | None = None
    paid_in_capital: Annotated[Money, Field(title="實收資本額（新臺幣元）")] | None = None
    annual_revenue: Annotated[Money, Field(title="去年營業額（新臺幣元）")] | None = None

    # Plans and activities
    transformation_activities: (
        Annotated[list[Activity], AfterValidator(_unique), Field(title="轉型作為")] | None
    ) = None
    own_brand: Annotated[bool, Field(title="擁有自有品牌")] | None = None
    trademark_registered_tw: Annotated[bool, Field(title="品牌商標已在臺灣註冊")] | None = None
    overseas_regions: Annotated[Count, Field(title="臺灣以外的客戶或據點地區數")] | None = None
    own_brand_revenue_share: (
        Annotated[float, Field(ge=0, le=1, allow_inf_nan=False, title="自有品牌營收占比")] | None
    ) = None
    contract_capacity_kw: Annotated[Quantity, Field(title="用電契約容量（瓩）")] | None = None
    disaster_tax_deferral: (
        Annotated[bool, Field(title="113年後天災災損並獲准延期或分期繳稅")] | None
    ) = None
    meets_disability_quota: Annotated[bool, Field(title="足額進用身心障礙者")] | None = None
    employs_priority_groups: (
        Annotated[bool, Field(title="聘用身心障礙者、原住民或低收入戶者")] | None
    ) = None

    # Amount drivers
    trainees: Annotated[Count, Field(title="參訓本國籍員工數")] | None = None
    training_cost_per_trainee: Annotated[Money, Field(title="每人訓練費用（新臺幣元）")] | None = (
        None
    )
    raise_wages_by_2026_06_30: (
        Annotated[bool, Field(title="115年6月30日前為受訓基層員工加薪")] | None
    ) = None
    loan_amount: Annotated[Money, Field(title="申貸金額（新臺幣元）")] | None = None
    loan_purpose: Annotated[LoanPurpose, Field(title="貸款用途")] | None = None
    wage_raise_verified: Annotated[bool, Field(title="加薪經金融機構或信保基金核認")] | None = None
    extra_guarantee_amount: Annotated[Money, Field(title="額外信保融資金額（新臺幣元）")] | None = (
        None
    )
    new_young_senior_hires: (
        Annotated[Count, Field(title="本年度增僱24歲以下或65歲以上基層員工數")] | None
    ) = None
    new_hires_added_salary: (
        Annotated[Money, Field(title="增僱員工增加的薪資費用（新臺幣元）")] | None
    ) = None
    base_wage_raise_total: (
        Annotated[Money, Field(title="基層員工全年加薪總額（新臺幣元）")] | None
    ) = None
    taxable_income: Annotated[SignedMoney, Field(title="本年度課稅所得額（新臺幣元）")] | None = (
        None
    )
    rd_expense: Annotated[Money, Field(title="本年度研究發展支出（新臺幣元）")] | None = None
    tax_payable: Annotated[Money, Field(title="本年度應納營利事業所得稅額（新臺幣元）")] | None = (
        None
    )
    ip_share_value: (
        Annotated[Money, Field(title="以智慧財產權作價取得的股票價值（新臺幣元）")] | None
    ) = None
    exhibitions_physical: Annotated[Count, Field(title="本半年海外實體展覽數")] | None = None
    exhibitions_online: Annotated[Count, Field(title="本半年線上展覽數")] | None = None
    overseas_channel_cost: (
        Annotated[Money, Field(title="海外通路計畫總經費（新臺幣元）")] | None
    ) = None
    overseas_channel_joint: Annotated[bool, Field(title="多家企業聯合申請")] | None = None
    energy_equipment_cost: Annotated[Money, Field(title="節能設備汰換費用（新臺幣元）")] | None = (
        None
    )
    # The air compressors bought (動力與公用設備補助, priced by rules/energy.py): one kind
    # of unit, its efficiency class (d value), rated power of one unit and how many.
    air_compressor_type: Annotated[CompressorType, Field(title="空氣壓縮機型式")] | None = None
    air_compressor_class: (
        Annotated[CompressorClass, Field(title="空氣壓縮機能源效率等級（d值）")] | None
    ) = None
    air_compressor_kw: Annotated[Quantity, Field(title="每台空氣壓縮機額定功率（瓩）")] | None = (
        None
    )
    air_compressor_units: Annotated[Count, Field(title="購置空氣壓縮機台數")] | None = None

    # Carbon inputs (scope 1 and 2, one year)
    electricity_kwh: Annotated[Quantity, Field(title="外購電力（度）")] | None = None
    natural_gas_m3: Annotated[Quantity, Field(title="天然氣（立方公尺）")] | None = None
    lpg_kg: Annotated[Quantity, Field(title="液化石油氣（公斤）")] | None = None
    diesel_l: Annotated[Quantity, Field(title="柴油（公升）")] | None = None
    gasoline_l: Annotated[Quantity, Field(title="車用汽油（公升）")] | None = None

    # Needs and digital readiness: they decide no eligibility (they order the interview)
    needs: (
        Annotated[list[Need], AfterValidator(_unique), Field(title="想獲得協助的方向")] | None
    ) = None
    digital_tools: (
        Annotated[list[DigitalTool], AfterValidator(_unique), Field(title="目前使用的數位工具")]
        | None
    ) = None
    ai_use: Annotated[AiUse, Field(title="AI導入程度")] | None = None

    @model_validator(mode="after")
    def _agrees_with_itself(self) -> Profile:
        """Refuse answers that contradict each other, rather than pick one silently."""
        for c in CONTRADICTIONS:
            if c.holds(self.__dict__):
                given = getattr(self, c.detail)
                raise PydanticCustomError(
                    c.kind, f"{c.detail} is {given} but {c.gate} is {c.answer}"
                )
        return self


FIELDS: tuple[str, ...] = tuple(Profile.model_fields)
LIST_FIELDS = frozenset(
    name for name, info in Profile.model_fields.items() if "list[" in str(info.annotation)
)


def _metadata(name: str) -> list[Any]:
    """Every metadata object declared anywhere inside a field's annotation."""
    found: list[Any] = []
    stack: list[Any] = [Profile.model_fields[name].annotation]
    while stack:
        item = stack.pop()
        stack.extend(get_args(item))
        for meta in getattr(item, "metadata", None) or ():
            found.append(meta)
            stack.append(meta)
        if isinstance(item, pydantic.fields.FieldInfo):
            found.append(item)
    return found


def field_title(name: str) -> str:
    """The Traditional Chinese name of a profile field."""
    titles = [
        m.title for m in _metadata(name) if isinstance(m, pydantic.fields.FieldInfo) and m.title
    ]
    return titles[0] if titles else name


def field_bounds(name: str) -> tuple[float | None, float | None]:
    """The ge/le bounds of a numeric field (None where there is none)."""
    low = high = None
    for meta in _metadata(name):
        if isinstance(meta, annotated_types.Ge):
            low = float(meta.ge)  # type: ignore[arg-type]
        elif isinstance(meta, annotated_types.Le):
            high = float(meta.le)  # type: ignore[arg-type]
    return low, high


_ENUMS: dict[str, Any] = {
    "registration_type": RegistrationType,
    "loan_purpose": LoanPurpose,
    "listed_market": ListedMarket,
    "special_products": SpecialProduct,
    "transformation_activities": Activity,
    "needs": Need,
    "digital_tools": DigitalTool,
    "ai_use": AiUse,
    "air_compressor_type": CompressorType,
    "air_compressor_class": CompressorClass,
}
ENUM_FIELDS = tuple(name for name in _ENUMS if name not in LIST_FIELDS)
"""Scalar fields with a fixed set of values (list fields' items are in enum_values too)."""


def enum_values(name: str) -> tuple[str, ...]:
    """The allowed values of an enum field or of a list field's items."""
    values: list[str] = []
    for arg in get_args(_ENUMS[name]):
        values.extend(get_args(arg) or [arg])
    return tuple(values)


@dataclass(frozen=True)
class FieldError:
    """One bad field: where, and why in Chinese and English."""

    field: str
    message_zh: str
    message_en: str

    def __str__(self) -> str:
        return f"{self.field}：{self.message_zh}（{self.message_en}）"


class ProfileError(ValueError):
    """A profile failed validation; ``errors`` names each bad field."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("企業概況有誤 (invalid profile): " + "；".join(map(str, errors)))


_MESSAGES: dict[str, tuple[str, str]] = {
    "extra_forbidden": ("不是企業概況的欄位", "is not a profile field"),
    "int_type": ("須為整數", "must be a whole number"),
    "int_from_float": ("須為整數", "must be a whole number"),
    "float_type": ("須為數字", "must be a number"),
    "finite_number": ("須為有限的數字", "must be a finite number"),
    "bool_type": ("須為 true 或 false", "must be true or false"),
    "string_type": ("須為文字", "must be text"),
    "list_type": ("須為清單（JSON 陣列）", "must be a list (JSON array)"),
    "literal_error": ("須為下列之一：{expected}", "must be one of {expected}"),
    "greater_than_equal": ("不得小於 {ge}", "must be at least {ge}"),
    "less_than_equal": ("不得大於 {le}", "must be at most {le}"),
    "string_too_long": ("過長，上限 {max_length} 字", "is longer than {max_length} characters"),
    "model_type": ("企業概況須為 JSON 物件", "the profile must be a JSON object"),
    "business_id_format": ("統一編號須為8位數字", "must be 8 digits"),
    "business_id_checksum": ("統一編號檢查碼不符，請再核對", "check digit does not match"),
    "county": ("須為22個直轄市、縣、市之一，例如「臺中市」", "must be one of the 22 counties"),
    "industry": (
        "須為行業統計分類的2位數中類代碼，例如「22」",
        "must be a 2-digit TSIC division code such as 22",
    ),
    "duplicates": ("清單中有重複的值", "repeats a value"),
    "listed_contradiction": (
        "is_listed 答「否」（未上市、上櫃或興櫃），卻填了掛牌市場 listed_market；請改正其中一項",
        "is_listed is false (not listed) but listed_market names a market; correct one of them",
    ),
    "factory_contradiction": (
        "factory_registration 答「否」（沒有工廠登記），卻說領有工廠登記證"
        " factory_registration_certificate；請改正其中一項",
        "factory_registration is false (no factory registration) but"
        " factory_registration_certificate is true; correct one of them",
    ),
}


_CONTRADICTIONS = {c.kind: c.detail for c in CONTRADICTIONS}
"""The field named for answers that contradict each other: the detail that cannot hold."""


def _field_error(error: Any) -> FieldError:
    loc = error.get("loc") or ()
    field = ".".join(str(part) for part in loc if isinstance(part, str))
    field = field or _CONTRADICTIONS.get(error["type"], "(profile)")
    index = [part for part in loc if isinstance(part, int)]
    if index:
        field += f"[{index[0]}]"
    zh, en = _MESSAGES.get(error["type"], ("格式不符", error.get("msg", "is invalid")))
    ctx = {k: v for k, v in (error.get("ctx") or {}).items()}
    try:
        return FieldError(field, zh.format(**ctx), en.format(**ctx))
    except (KeyError, IndexError):
        return FieldError(field, zh, en)


def parse_profile(data: Mapping[str, Any] | Profile) -> Profile:
    """Validate a profile given as a mapping (e.g. parsed JSON); raise ProfileError."""
    if isinstance(data, Profile):
        return data
    try:
        return Profile.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ProfileError([_field_error(e) for e in exc.errors()]) from None
