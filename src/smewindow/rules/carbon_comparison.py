"""How a firm's electricity use compares with public figures for premises like its own.

``comparisons(estimate, industry=..., floor_area_m2=..., on=...)`` divides the year's kWh of
a carbon estimate (``carbon.estimate``) by the firm's floor area and sets it beside each
published average that fits the firm's industry (``parameters/carbon_comparison.yaml``). Every
figure is an energy-use intensity (EUI, kWh per m² of floor a year); scope 2 is the kWh times
one grid factor, so the ratio is also the ratio of the electricity's emissions.

Only cited figures are used, never a made-up benchmark: an industry no figure fits, an
estimate without electricity, or no floor area give no comparison (``[]``), never a 0. The
figures are academic surveys, not official statistics (``official`` False), and each says
whose premises it averages (docs/carbon-comparison.md). Bad input raises
``CarbonComparisonError`` naming each bad field in Chinese and English.

Pure: no Django, no I/O.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from smewindow.rules.parameters import load_parameters
from smewindow.rules.profile import FieldError
from smewindow.rules.taiwan import DIVISIONS

MAX_FLOOR_AREA_M2 = 10_000_000
"""The largest floor area read (m²); the largest buildings have under a tenth of it."""

SHOP_INDUSTRIES = frozenset({"47", "56", "95", "96"})
"""Trades that mostly keep a street shop: retail, food and drink, repairs, personal services
(hair, laundry). The shop surveys average every trade on the street together."""


class CarbonComparisonError(ValueError):
    """The comparison's inputs failed validation; ``errors`` names each bad field."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("比較資料有誤 (invalid comparison inputs): " + "；".join(map(str, errors)))


@dataclass(frozen=True)
class Figure:
    """One public figure: its parameter, the industries it fits, and how it is described."""

    key: str
    industries: frozenset[str]
    label: str
    label_en: str
    note: str
    note_en: str
    official: bool = False

    @property
    def parameter(self) -> str:
        return f"carbon_comparison.{self.key}"


FIGURES: tuple[Figure, ...] = (
    Figure(
        "street_shop_eui",
        SHOP_INDUSTRIES,
        "住宅區沿街店鋪的平均每平方公尺用電",
        "Average electricity per m² of street shops in residential areas",
        "學術調查（台南市555家透天店鋪的電費單，各行業混合），不是官方統計；店鋪行業、營業時間與冷藏設備不同，用電可差數倍，僅供參考。",
        "An academic survey (bills of 555 street shops in Tainan, every trade together), not an"
        " official statistic; trade, opening hours and refrigeration make shops differ several"
        " times over, so read it as a rough guide.",
    ),
    Figure(
        "commercial_shop_eui",
        SHOP_INDUSTRIES,
        "都市商業區店鋪的平均每平方公尺用電",
        "Average electricity per m² of shops in city commercial districts",
        "學術調查（台北市與台南市商業區1,620家店鋪的電費單，各行業混合），不是官方統計；商業區店鋪多在大樓內、營業時間長，用電高於一般街邊店。",
        "An academic survey (bills of 1,620 shops in the commercial districts of Taipei and"
        " Tainan, every trade together), not an official statistic; these shops are mostly in"
        " tall buildings with long hours and use more than a typical street shop.",
    ),
    Figure(
        "tourist_hotel_eui",
        frozenset({"55"}),
        "大型觀光旅館的平均每平方公尺用電",
        "Average electricity per m² of large tourist hotels",
        "學術研究（契約容量800瓩以上的觀光旅館，2005至2014年平均），不是官方統計；民宿與小旅店的設備與服務不同，僅供參考。",
        "An academic study (tourist hotels with over 800 kW of contract capacity, the average"
        " of 2005 to 2014), not an official statistic; a B&B or small inn has other equipment"
        " and services, so read it as a rough guide.",
    ),
)
"""The figures, in the order a page lists them."""

USED_PARAMETERS: frozenset[str] = frozenset(f.parameter for f in FIGURES)
"""The parameters the comparisons read."""

_FROM_BILLS_ZH = "本店用電度數由電費換算，與實際度數可能有差。"
_FROM_BILLS_EN = (
    " The firm's kWh were converted from its bills and may differ from the metered kWh."
)


def _check(industry: Any, floor_area_m2: Any) -> None:
    errors = []
    if industry is not None and industry not in DIVISIONS:
        errors.append(
            FieldError(
                "industry",
                "須為行業統計分類的中類代碼（兩位數字）",
                "must be a 2-digit TSIC division code",
            )
        )
    if floor_area_m2 is not None:
        number = isinstance(floor_area_m2, (int, float)) and not isinstance(floor_area_m2, bool)
        if not number or not math.isfinite(floor_area_m2):
            errors.append(FieldError("floor_area_m2", "須為數字", "must be a number"))
        elif not 0 < floor_area_m2 <= MAX_FLOOR_AREA_M2:
            errors.append(
                FieldError(
                    "floor_area_m2",
                    f"須大於0且不大於 {MAX_FLOOR_AREA_M2:,} 平方公尺",
                    f"must be above 0 and at most {MAX_FLOOR_AREA_M2:,} m²",
                )
            )
    if errors:
        raise CarbonComparisonError(errors)


def fitting(industry: str | None) -> tuple[Figure, ...]:
    """The figures that fit a firm of ``industry`` (a 2-digit division code); none when the
    industry is unknown. A page can ask for the floor area only when there are some."""
    if industry is None:
        return ()
    return tuple(f for f in FIGURES if industry in f.industries)


def _electricity_kwh(estimate: dict[str, Any]) -> float | None:
    for row in estimate.get("by_source", []):
        if row.get("source") == "electricity":
            return float(row["quantity"])
    return None


def comparisons(
    estimate: dict[str, Any],
    *,
    industry: str | None,
    floor_area_m2: float | None,
    on: dt.date,
) -> list[dict[str, Any]]:
    """The firm's kWh per m² for the estimate's year beside each public figure that fits its
    industry and has a value on ``on``: [{figure_id, label, label_en, firm_value,
    public_value, unit, ratio, year, source, official, unconfirmed, note, note_en}], ``ratio``
    = firm ÷ public. ``[]`` when no figure fits, the estimate has no electricity or the floor
    area is unknown."""
    _check(industry, floor_area_m2)
    kwh = _electricity_kwh(estimate)
    if kwh is None or floor_area_m2 is None:
        return []
    firm = kwh / floor_area_m2
    from_bills = any(n.get("code") == "electricity_from_bills" for n in estimate.get("notes", []))
    params = load_parameters()
    found = []
    for figure in fitting(industry):
        param = params[figure.parameter]
        public = param.at(on)
        if public is None:
            continue
        refs = param.reference_on(on)
        found.append(
            {
                "figure_id": figure.key,
                "label": figure.label,
                "label_en": figure.label_en,
                "firm_value": round(firm, 2),
                "public_value": public,
                "unit": param.unit,
                "ratio": round(firm / public, 3),
                "year": [d for d in param.dates if d <= on][-1].year,
                "source": refs[0].cite(),
                "official": figure.official,
                "unconfirmed": param.unconfirmed_on(on),
                "note": figure.note + (_FROM_BILLS_ZH if from_bills else ""),
                "note_en": figure.note_en + (_FROM_BILLS_EN if from_bills else ""),
            }
        )
    return found
