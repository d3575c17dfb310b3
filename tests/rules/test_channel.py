"""The overseas programmes' readings that the rule cases cannot show: texts and a cap band."""

from __future__ import annotations

import datetime as dt

from smewindow.formatting import benefit_summary
from smewindow.rules import PROGRAMS_BY_ID
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
