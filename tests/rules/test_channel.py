"""The overseas programmes' readings that the rule cases cannot show: texts and a cap band."""

from __future__ import annotations

import datetime as dt

from smewindow.formatting import benefit_summary
from smewindow.rules import PROGRAMS_BY_ID, screen
from smewindow.rules.interview import question_for
from smewindow.rules.parameters import load_parameters


def test_the_tariff_caps_are_stated_as_unconfirmed() -> None:
    """From 2025-08-07 the overseas-channel caps come from the tariff grant, whose link to the
    seed's programme is UNCONFIRMED: the summary says 待確認 beside them, and only then."""
    benefit = PROGRAMS_BY_ID["overseas-channel-subsidy"].benefit
    before = benefit_summary(benefit, dt.date(2025, 8, 6))
    after = benefit_summary(benefit, dt.date(2025, 8, 7))
    assert "單家申請最高400萬元，多家聯合申請最高1,000萬元" in before and "待確認" not in before
    assert "單家申請最高500萬元（待確認），多家聯合申請最高2,000萬元（待確認）" in after
    english = benefit_summary(benefit, dt.date(2025, 8, 7), "en")
    assert "NT$5,000,000 (unconfirmed) for one firm" in english
    assert "(unconfirmed)" not in benefit_summary(benefit, dt.date(2025, 8, 6), "en")
    assert "50%" in after and "50%（待確認）" not in after  # the seed's rate stays certain
    cap = load_parameters()["channel.overseas_channel_cap_single"]
    assert [cap.unconfirmed_on(dt.date(2025, 8, d)) for d in (6, 7)] == [False, True]


def _record_label(on: dt.date, lang: str = "zh") -> str:
    result = screen({}, on=on)
    program = next(p for p in result["programs"] if p["id"] == "overseas-exhibition-subsidy")
    label = next(c for c in program["criteria"] if c["id"] == "has_trade_record")
    return str(label["label_en" if lang == "en" else "label"])


def test_the_trade_record_period_is_the_rounds() -> None:
    """The 2025 rounds look at 2023-07 to 2024-06 (the project office's rule); the December
    2025 round (115年度第1次) at 2024-07-01 to 2025-06-30 (UDN 9174574); 116年度 a year on."""
    assert _record_label(dt.date(2025, 11, 30)).startswith(
        "於民國112年7月1日至民國113年6月30日具有出進口實績"
    )
    assert _record_label(dt.date(2025, 12, 1)).startswith(
        "於民國113年7月1日至民國114年6月30日具有出進口實績"
    )
    assert "in the period 2024-07-01 to 2025-06-30" in _record_label(dt.date(2026, 4, 1), "en")
    ask = question_for("export_record", "zh", dt.date(2026, 12, 31)).question
    assert ask == "貴企業在民國113年7月1日至民國114年6月30日期間是否有出進口實績？"
    ask = question_for("export_record", "zh", dt.date(2027, 1, 1)).question
    assert ask == "貴企業在民國114年7月1日至民國115年6月30日期間是否有出進口實績？"


def test_a_general_firm_is_paid_in_full_up_to_the_bottom_of_its_range() -> None:
    """Whatever a general firm's yearly cap in 14萬–30萬, a total up to 14萬 is paid in full
    and one above it is unknown. No show fee in force reaches (12萬, 14萬], so the band is
    tried with a made-up online fee of 35,000."""
    params = load_parameters()
    on = dt.date(2025, 10, 15)

    def resolve(name: str) -> object:
        return 35000 if name == "channel.exhibition_online_per_show" else params[name].at(on)

    amount = PROGRAMS_BY_ID["overseas-exhibition-subsidy"].benefit.amount
    assert amount is not None
    pay = amount.compile_py(resolve)
    general = {"is_startup": False, "new_southbound_agri": False, "exhibitions_physical": 0}
    assert pay({**general, "exhibitions_online": 4}) == 140000
    assert pay({**general, "exhibitions_online": 5}) is None
    assert pay({**general, "exhibitions_online": 4, "is_startup": True}) == 120000
