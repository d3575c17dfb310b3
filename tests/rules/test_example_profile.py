"""The spec's example profile (好食烘焙坊), every program, checked by hand against the seed.

The bakery: a company in 臺中市, TSIC 08 (food manufacturing), bakery products, 12
employees (lowest month 11), capital NT$5M, factory registration, POS and digital
courses, 4 trainees with a pay raise, a NT$2M equipment loan. Unanswered: brand,
trade, listing, tax figures, normal operation, whether its factory registration is a
certificate or an exemption — so those programs stay unknown.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from smewindow.rules import screen

EXAMPLE = json.loads((Path(__file__).parents[2] / "examples" / "bakery.json").read_text("utf-8"))

# id: (eligibility, window on 2025-04-01, window on 2026-11-26, amount, why — seed section)
EXPECTED = {
    "sme-elearning": ("eligible", "ongoing", "ongoing", None, "free courses for all; 策略1"),
    "sme-ai-platform": ("eligible", "ongoing", "ongoing", None, "open platform; 策略1"),
    "ai-readiness-diagnosis": ("eligible", "ongoing", "ongoing", None, "a registered SME; 策略1"),
    "digital-training-subsidy": (
        "eligible",
        "open",
        "unannounced",
        44000,
        "≤30, factory; 4×10,000 +10%; 配套1.1",
    ),
    "cloud-market-digital-points": (
        "eligible",
        "unannounced",
        "unannounced",
        100000,
        "company, SME, manufacturer; 製造業(一)",
    ),
    "cloud-market-ai-points": (
        "eligible",
        "unannounced",
        "unannounced",
        150000,
        "as above; 製造業(二)",
    ),
    "livelihood-industry-transformation": (
        "unknown",
        "open",
        "unannounced",
        500000,
        "bakery, to 114/6/30; 具工廠登記證 unanswered (registration or exemption); 製造業(三)",
    ),
    "ai-talent-and-application": (
        "eligible",
        "unannounced",
        "unannounced",
        None,
        "SME under 200; 製造業(四)",
    ),
    "brand-counseling": (
        "unknown",
        "closed",
        "unannounced",
        300000,
        "brand and trademark unanswered; closed 114/3/31; 製造業(五)",
    ),
    "service-ai-talent": (
        "eligible",
        "open",
        "unannounced",
        None,
        "anyone; 114/2/1–11/30; 服務業(一); 115年度 not announced",
    ),
    "carbon-reduction-service": ("eligible", "ongoing", "ongoing", None, "a registered SME; 策略2"),
    "esco-energy-saving": ("eligible", "ongoing", "ongoing", None, "a registered SME; 策略2"),
    "power-equipment-subsidy": (
        "eligible",
        "open",
        "unannounced",
        None,
        "a company is a legal person; 3/10 on; 策略2; 115年 periods to be announced (2026-01-29)",
    ),
    "service-energy-equipment-subsidy": (
        "ineligible",
        "open",
        "closed",
        0,
        "a manufacturer is not 商業服務業; 服務業(二)",
    ),
    "circular-netzero-diagnosis": (
        "eligible",
        "open",
        "unannounced",
        None,
        "a registered SME; to 114/12/20; 製造業(六)",
    ),
    "iopen-mall-local-gifts": ("eligible", "ongoing", "ongoing", None, "a registered SME; 策略3"),
    "taiwan-select": (
        "eligible",
        "open",
        "open",
        None,
        "SME making baked goods; 通路(一); 2026 shows (LTN 2026-03-10)",
    ),
    "taiwan-excellence": (
        "unknown",
        "open",
        "unannounced",
        None,
        "brand and product unanswered; 通路(二)",
    ),
    "overseas-channel-subsidy": (
        "eligible",
        "open",
        "unannounced",
        None,
        "an SME; cost unknown; rules from 3月中; 通路(三); no 115年 round found (2026-01-01)",
    ),
    "overseas-exhibition-subsidy": (
        "unknown",
        "open",
        "upcoming",
        None,
        "trade registration unanswered; April/October; 通路(四)",
    ),
    "local-specialty-channel": (
        "ineligible",
        "ongoing",
        "ongoing",
        None,
        "no local specialty product; 通路(六)",
    ),
    "transformation-loan": (
        "unknown",
        "open",
        "open",
        15000,
        "normal operation unanswered; 2M×1.5%×½; 配套1.2",
    ),
    "rd-investment-credit": ("unknown", "open", "open", None, "R&D spending unanswered; 配套2"),
    "ip-equity-tax-deferral": ("eligible", "open", "open", None, "an SME company; 配套2"),
    "youth-senior-hiring-deduction": ("unknown", "open", "open", None, "hires unanswered; 配套2"),
    "wage-raise-deduction": ("unknown", "open", "open", None, "raise total unanswered; 配套2"),
    "wage-raise-extra-guarantee": (
        "unknown",
        "open",
        "open",
        None,
        "raise verification unanswered; 配套3",
    ),
    "financing-counseling": ("eligible", "ongoing", "ongoing", None, "an SME; 財務(一)"),
    "sme-investment": ("unknown", "ongoing", "ongoing", None, "listing unanswered; 財務(二)"),
    "financial-capability": (
        "unknown",
        "ongoing",
        "ongoing",
        None,
        "normal operation unanswered; 財務(三)",
    ),
}


@pytest.mark.parametrize(("on", "column"), [(dt.date(2025, 4, 1), 1), (dt.date(2026, 11, 26), 2)])
def test_the_example_profile_on_each_program(on: dt.date, column: int) -> None:
    result = screen(EXAMPLE, on=on)
    got = {
        p["id"]: (p["eligibility"], p["window"], p["benefit"]["amount"]) for p in result["programs"]
    }
    want = {pid: (e[0], e[column], e[3]) for pid, e in EXPECTED.items()}
    assert got == want
