"""The profile is strict: every bad field is refused by name, in Chinese and English.

Absent and ``null`` are both unknown; nothing is guessed or coerced except that 台 is
accepted for 臺 in county names (shared/spec/profile.md).
"""

from __future__ import annotations

import math
from typing import Any

import pydantic
import pytest

from smewindow.rules import Profile, ProfileError, parse_profile
from smewindow.rules.profile import FIELDS, FieldError
from smewindow.rules.taiwan import COUNTIES, DIVISIONS, business_id_is_valid

# --- 統一編號 -----------------------------------------------------------------------

WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)


def factsheet_checksum(number: str) -> tuple[int, bool]:
    """The fact sheet §10 rule, written out independently: (sum, 7th digit is 7)."""
    total = 0
    for digit, weight in zip(number, WEIGHTS, strict=True):
        product = int(digit) * weight
        total += sum(int(d) for d in str(product))  # add the two digits of a product
    return total, number[6] == "7"


def factsheet_valid(number: str) -> bool:
    total, seventh_is_7 = factsheet_checksum(number)
    return total % 5 == 0 or (seventh_is_7 and (total + 1) % 5 == 0)


VALID_IDS = {
    "22099131": 30,  # 2+4+0+(1+8)+9+2+(1+2)+1
    "04595257": 40,  # 0+8+5+(1+8)+5+4+(2+0)+7
    "10458575": 30,  # 7th digit 7, valid by the plain rule
    "22099136": 35,  # divisible by 5 but not by 10: valid only since 2023-04-01
}
# 7th digit 7 and the sum is 29: valid only because 29 + 1 is divisible by 5.
SEVEN_PLUS_ONE = "10458574"
INVALID_IDS = ["22099132", "04595258", "10458573", "12345678", "00000001"]


@pytest.mark.parametrize(("number", "total"), VALID_IDS.items())
def test_known_valid_business_ids(number: str, total: int) -> None:
    assert factsheet_checksum(number)[0] == total
    assert factsheet_valid(number)
    assert business_id_is_valid(number)
    assert parse_profile({"business_id": number}).business_id == number


def test_seventh_digit_7_is_valid_only_by_the_plus_one_rule() -> None:
    total, seventh_is_7 = factsheet_checksum(SEVEN_PLUS_ONE)
    assert (total, seventh_is_7) == (29, True)
    assert total % 5 != 0 and (total + 1) % 5 == 0
    assert business_id_is_valid(SEVEN_PLUS_ONE)
    assert parse_profile({"business_id": SEVEN_PLUS_ONE}).business_id == SEVEN_PLUS_ONE
    # the same sum without a 7 in 7th place is not rescued by the +1
    same_sum_no_seven = "10458" + "6" + "2" + "4"  # 1+0+4+1+8+(1+2)+8+4 = 29
    assert factsheet_checksum(same_sum_no_seven) == (29, False)
    assert not business_id_is_valid(same_sum_no_seven)


@pytest.mark.parametrize("number", INVALID_IDS)
def test_wrong_check_digit_is_refused(number: str) -> None:
    assert not factsheet_valid(number)
    assert not business_id_is_valid(number)
    error = only_error({"business_id": number})
    assert error.field == "business_id"
    assert "檢查碼" in error.message_zh
    assert "check digit" in error.message_en


def test_business_id_rule_agrees_with_the_fact_sheet_on_many_numbers() -> None:
    numbers = [f"{n:08d}" for n in range(0, 100_000_000, 99_991)]
    numbers += [f"{n:06d}7{d}" for n in range(0, 1_000_000, 9_973) for d in "0123456789"]
    for number in numbers:
        assert business_id_is_valid(number) == factsheet_valid(number), number


@pytest.mark.parametrize(
    "number",
    [
        "2209913",  # 7 digits
        "220991310",  # 9 digits
        "",
        "2209913A",  # a letter
        "A2209913",
        "２２０９９１３１",  # full-width digits
        "22099 131",
        " 22099131",
        "2209913١",  # an Arabic-Indic digit: isdigit() but not ASCII
    ],
)
def test_malformed_business_id_is_refused(number: str) -> None:
    error = only_error({"business_id": number})
    assert error.field == "business_id"
    assert "8位數字" in error.message_zh
    assert "8 digits" in error.message_en
    assert not business_id_is_valid(number)


def test_business_id_as_a_number_is_refused() -> None:
    # JSON 22099131 (a number) is not the string "22099131": 04595257 would lose its 0
    error = only_error({"business_id": 22099131})
    assert error.field == "business_id"


# --- counties ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "official"),
    [("臺北市", "臺北市"), ("台北市", "臺北市"), ("台中市", "臺中市"), ("台南市", "臺南市"),
     ("台東縣", "臺東縣"), ("新北市", "新北市"), ("連江縣", "連江縣")],
)  # fmt: skip
def test_county_accepts_tai_for_tai_and_normalizes(given: str, official: str) -> None:
    assert parse_profile({"county": given}).county == official


def test_every_official_county_is_accepted() -> None:
    assert len(COUNTIES) == 22
    for county in COUNTIES:
        assert parse_profile({"county": county}).county == county


@pytest.mark.parametrize("county", ["東京都", "台灣省", "臺北", "Taipei", "新竹", "桃園縣", ""])
def test_unknown_county_is_refused(county: str) -> None:
    error = only_error({"county": county})
    assert error.field == "county"
    assert "縣" in error.message_zh
    assert "count" in error.message_en


# --- industry ------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["01", "08", "22", "34", "56", "64", "96"])
def test_valid_industry_division(code: str) -> None:
    assert parse_profile({"industry": code}).industry == code


@pytest.mark.parametrize("code", ["99", "8", "00", "04", "44", "97", "C", "C22", "220", "２２"])
def test_invalid_industry_code_is_refused(code: str) -> None:
    assert code not in DIVISIONS
    error = only_error({"industry": code})
    assert error.field == "industry"
    assert "中類" in error.message_zh
    assert "TSIC" in error.message_en


def test_industry_as_a_number_is_refused() -> None:
    assert only_error({"industry": 22}).field == "industry"


# --- types -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("employees", "12"),  # a string for an int
        ("employees", 12.0),  # a float for an int, even a whole one
        ("employees", 12.5),
        ("employees", True),  # a bool for an int
        ("paid_in_capital", False),
        ("paid_in_capital", "5000000"),
        ("is_listed", 1),  # 1 for a bool
        ("is_listed", 0),
        ("is_listed", "true"),
        ("is_listed", "是"),
        ("own_brand_revenue_share", "0.5"),
        ("own_brand_revenue_share", True),
        ("electricity_kwh", "1000"),
        ("name", 5),
        ("county", ["臺北市"]),
        ("special_products", "bakery"),  # a string for a list
        ("special_products", {"bakery": True}),
        ("transformation_activities", [1]),
        ("registration_type", 1),
    ],
)
def test_wrong_type_is_refused(field: str, value: Any) -> None:
    error = only_error({field: value})
    assert error.field.split("[")[0] == field


def test_whole_numbers_are_accepted_for_number_fields() -> None:
    profile = parse_profile({"contract_capacity_kw": 100, "own_brand_revenue_share": 1})
    assert profile.contract_capacity_kw == 100
    assert profile.own_brand_revenue_share == 1


def test_unknown_field_is_refused() -> None:
    error = only_error({"employee": 12})  # a misspelling of employees
    assert error.field == "employee"
    assert "不是企業概況的欄位" in error.message_zh
    assert "not a profile field" in error.message_en


@pytest.mark.parametrize(
    "field",
    ["employees", "employees_min_6m", "paid_in_capital", "annual_revenue", "trainees",
     "loan_amount", "overseas_regions", "exhibitions_physical", "energy_equipment_cost"],
)  # fmt: skip
def test_negative_counts_and_money_are_refused(field: str) -> None:
    error = only_error({field: -1})
    assert error.field == field
    assert "0" in error.message_zh and "0" in error.message_en
    assert parse_profile({field: 0}).model_dump()[field] == 0


def test_taxable_income_may_be_negative() -> None:
    # a loss is a real taxable income: the one signed money field
    assert parse_profile({"taxable_income": -1_000_000}).taxable_income == -1_000_000


@pytest.mark.parametrize("share", [1.0001, 2, -0.1, -1])
def test_share_outside_zero_to_one_is_refused(share: float) -> None:
    assert only_error({"own_brand_revenue_share": share}).field == "own_brand_revenue_share"


@pytest.mark.parametrize("share", [0, 0.0, 0.35, 1, 1.0])
def test_share_from_zero_to_one_is_accepted(share: float) -> None:
    assert parse_profile({"own_brand_revenue_share": share}).own_brand_revenue_share == share


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize(
    "field", ["own_brand_revenue_share", "contract_capacity_kw", "electricity_kwh", "diesel_l"]
)
def test_nan_and_infinity_are_refused(field: str, value: float) -> None:
    error = only_error({field: value})
    assert error.field == field


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_nan_and_infinity_are_refused_for_int_fields(value: float) -> None:
    assert only_error({"employees": value}).field == "employees"


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("special_products", ["bakery", "towels", "bakery"]),
        ("transformation_activities", ["pos", "pos"]),
    ],
)
def test_duplicate_list_items_are_refused(field: str, values: list[str]) -> None:
    error = only_error({field: values})
    assert error.field == field
    assert "重複" in error.message_zh
    assert "repeat" in error.message_en


@pytest.mark.parametrize(
    ("field", "value", "where"),
    [
        ("registration_type", "corporation", "registration_type"),
        ("registration_type", "Company", "registration_type"),
        ("loan_purpose", "houses", "loan_purpose"),
        ("special_products", ["bakery", "cakes"], "special_products[1]"),
        ("transformation_activities", ["ERP"], "transformation_activities[0]"),
    ],
)
def test_unknown_enum_value_is_refused(field: str, value: Any, where: str) -> None:
    error = only_error({field: value})
    assert error.field == where
    # the message lists what is allowed
    allowed = "company" if field == "registration_type" else ""
    assert allowed in error.message_zh and allowed in error.message_en
    assert "須為下列之一" in error.message_zh
    assert "must be one of" in error.message_en


def test_empty_list_is_a_known_answer() -> None:
    profile = parse_profile({"special_products": [], "transformation_activities": []})
    assert profile.special_products == []
    assert profile.transformation_activities == []


def test_over_long_name_is_refused() -> None:
    assert parse_profile({"name": "好" * 200}).name == "好" * 200
    assert only_error({"name": "好" * 201}).field == "name"


@pytest.mark.parametrize("data", [[], ["employees", 12], "好食烘焙坊", 12, None, True])
def test_a_profile_that_is_not_an_object_is_refused(data: Any) -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(data)
    [error] = caught.value.errors
    assert error.field == "(profile)"
    assert "JSON 物件" in error.message_zh
    assert "JSON object" in error.message_en


# --- the errors themselves -----------------------------------------------------------

BAD_PROFILES: list[dict[str, Any]] = [
    {"business_id": "22099132"},
    {"business_id": "２２０９９１３１"},
    {"county": "東京都"},
    {"industry": "99"},
    {"employees": "12"},
    {"employees": -1},
    {"employees": 10**8},
    {"is_listed": 1},
    {"own_brand_revenue_share": 1.5},
    {"own_brand_revenue_share": math.nan},
    {"special_products": ["bakery", "bakery"]},
    {"special_products": ["nope"]},
    {"registration_type": "corp"},
    {"foo": 1},
    {"name": 5},
]


@pytest.mark.parametrize("data", BAD_PROFILES, ids=lambda d: next(iter(d)))
def test_every_error_names_the_field_in_chinese_and_english(data: dict[str, Any]) -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(data)
    [field] = data
    for error in caught.value.errors:
        assert isinstance(error, FieldError)
        assert error.field.split("[")[0] == field
        assert has_cjk(error.message_zh), error
        assert error.message_en.isascii() and any(c.isalpha() for c in error.message_en), error
        assert error.message_zh != error.message_en
        # the str of an error and of the exception carry the field and both messages
        assert field in str(error)
        assert error.message_zh in str(error) and error.message_en in str(error)
        assert field in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_several_bad_fields_are_all_reported_at_once() -> None:
    data = {
        "business_id": "12345678",
        "county": "東京都",
        "industry": "99",
        "employees": -3,
        "is_listed": 1,
        "own_brand_revenue_share": 2.0,
        "special_products": ["bakery", "nope"],
        "registration_type": "corp",
        "unknown_field": True,
        "name": "好食烘焙坊",  # good fields are not reported
        "paid_in_capital": 5_000_000,
    }
    with pytest.raises(ProfileError) as caught:
        parse_profile(data)
    fields = sorted(e.field for e in caught.value.errors)
    assert fields == sorted(
        [
            "business_id",
            "county",
            "industry",
            "employees",
            "is_listed",
            "own_brand_revenue_share",
            "special_products[1]",
            "registration_type",
            "unknown_field",
        ]
    )
    message = str(caught.value)
    for field in fields:
        assert field in message


def test_absent_and_null_are_both_unknown() -> None:
    absent = parse_profile({})
    null = parse_profile(dict.fromkeys(FIELDS))
    assert absent == null
    assert all(value is None for value in absent.model_dump().values())
    assert set(absent.model_dump()) == set(FIELDS)


@pytest.mark.parametrize(
    "field", ["employees", "is_listed", "special_products", "county", "business_id"]
)
def test_null_is_unknown_not_zero_false_or_empty(field: str) -> None:
    profile = parse_profile({field: None})
    assert getattr(profile, field) is None
    assert parse_profile({}).model_dump()[field] is None


def test_false_and_zero_are_known_answers_not_unknown() -> None:
    profile = parse_profile({"is_listed": False, "employees": 0, "paid_in_capital": 0})
    assert profile.is_listed is False
    assert profile.employees == 0
    assert profile.paid_in_capital == 0


def test_a_valid_profile_round_trips_and_a_profile_passes_through() -> None:
    data = {
        "name": "好食烘焙坊",
        "business_id": "04595257",
        "registration_type": "company",
        "county": "台中市",
        "industry": "08",
        "special_products": ["bakery"],
        "employees": 12,
        "employees_min_6m": 11,
        "paid_in_capital": 5_000_000,
        "factory_registration": True,
        "transformation_activities": ["pos", "digital_course"],
        "own_brand_revenue_share": 0.25,
        "contract_capacity_kw": 99.5,
    }
    profile = parse_profile(data)
    assert profile.county == "臺中市"
    assert profile.model_dump(exclude_none=True) == {**data, "county": "臺中市"}
    assert parse_profile(profile) is profile
    assert isinstance(profile, Profile)


def test_a_profile_is_immutable() -> None:
    profile = parse_profile({"employees": 3})
    with pytest.raises(pydantic.ValidationError):
        profile.employees = 4  # type: ignore[misc]


# --- helpers ---------------------------------------------------------------------------


def only_error(data: dict[str, Any]) -> FieldError:
    """The single error of a profile with one bad field."""
    with pytest.raises(ProfileError) as caught:
        parse_profile(data)
    errors = caught.value.errors
    assert len(errors) == 1, errors
    error = errors[0]
    assert error.message_zh and error.message_en
    assert has_cjk(error.message_zh)
    assert error.message_en.isascii()
    return error


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def test_answers_that_contradict_each_other_are_refused_naming_the_detail() -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile({"is_listed": False, "listed_market": "twse"})
    (error,) = caught.value.errors
    assert error.field == "listed_market" and "is_listed" in error.message_zh
    assert parse_profile({"is_listed": True, "listed_market": "twse"}).listed_market == "twse"
    assert parse_profile({"listed_market": "emerging"}).listed_market == "emerging"


def test_a_certificate_without_factory_registration_is_refused() -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile({"factory_registration": False, "factory_registration_certificate": True})
    (error,) = caught.value.errors
    assert error.field == "factory_registration_certificate"
    assert "factory_registration" in error.message_zh and error.message_en.isascii()
    # No certificate is no contradiction: a firm with nothing holds none.
    for registered in (False, True, None):
        profile = {"factory_registration": registered, "factory_registration_certificate": False}
        assert parse_profile(profile).factory_registration_certificate is False
    assert parse_profile({"factory_registration_certificate": True}).factory_registration is None


def test_the_batch_refuses_the_same_contradiction() -> None:
    import polars as pl

    from smewindow.rules.batch import conform, validate_frame

    frame = conform(pl.DataFrame({"is_listed": [True, False], "listed_market": ["twse", "twse"]}))
    (error,) = validate_frame(frame)
    assert (error.row, error.field) == (2, "listed_market")
    frame = conform(
        pl.DataFrame(
            {
                "factory_registration": [True, False, False, None],
                "factory_registration_certificate": [True, False, True, True],
            }
        )
    )
    (error,) = validate_frame(frame)
    assert (error.row, error.field) == (3, "factory_registration_certificate")


def test_the_name_loses_its_bidi_controls() -> None:
    """Every bidirectional control (embeddings, overrides, isolates, marks) goes; the rest
    of the name stays as typed."""
    controls = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert Profile(name=f"小{controls}吃 店").name == "小吃 店"
