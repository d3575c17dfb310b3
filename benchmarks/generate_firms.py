"""Generate a synthetic registry of Taiwan firms, one column per Profile field.

The firms are shaped like Taiwan's: most have fewer than 5 people, most are companies
or sole proprietorships with small paid-in capital, wholesale and retail dominate, and
the counties are weighted by population. Every field other than the identity ones is
unknown (null) with a realistic probability, and no value breaks the Profile model's
validation (bounds, enums, unique list items, valid 統一編號).

    python benchmarks/generate_firms.py --rows 1700000 --out benchmarks/data/firms.parquet
    python benchmarks/generate_firms.py --rows 2000 --out firms.csv --format csv --seed 7

In CSV, the list fields are written as ';'-joined strings: an empty list is the
literal ``[]`` and an unknown (null) list is an empty cell.

The profile's carbon fields (``electricity_kwh``, ``natural_gas_m3``, ``lpg_kg``,
``diesel_l``, ``gasoline_l``) are always drawn, within the carbon estimate's bounds, so
every registry gets the estimate in ``smewindow batch``. ``--carbon`` adds the estimate's
extension columns, what the profile lacks (``carbon_frame.EXTENSIONS``, docs/carbon.md):
NT$ of bills for some firms without kWh, fuel oil, refrigerant top-ups and a year, drawn
after every profile column so that the profile columns stay the same. Their shares
(``CARBON_SHARE``) and quantities are synthetic, shaped only roughly, not taken from any
survey.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa

from smewindow.rules.batch import profile_schema
from smewindow.rules.carbon import BOUNDS, FUELS, REFRIGERANTS, average_tariff
from smewindow.rules.carbon_frame import (
    EXTENSIONS,
    NTD,
    YEAR,
    quantity_column,
    refrigerant_column,
)
from smewindow.rules.profile import FIELDS, LIST_FIELDS, MAX_MONEY, enum_values
from smewindow.rules.taiwan import COUNTIES, DIVISIONS

# --- Reference weights --------------------------------------------------------------

# Population by county/city, thousands (內政部戶政司, 2024, rounded).
COUNTY_POPULATION: dict[str, float] = {
    "臺北市": 2500, "新北市": 4040, "桃園市": 2330, "臺中市": 2850, "臺南市": 1860,
    "高雄市": 2730, "基隆市": 365, "新竹市": 455, "嘉義市": 263, "新竹縣": 590,
    "苗栗縣": 535, "彰化縣": 1230, "南投縣": 480, "雲林縣": 660, "嘉義縣": 480,
    "屏東縣": 800, "宜蘭縣": 450, "花蓮縣": 320, "臺東縣": 213, "澎湖縣": 107,
    "金門縣": 144, "連江縣": 14,
}  # fmt: skip

# Share of firms by TSIC division, percent (rough shape of the 工商普查 / SME white paper:
# G ≈ 35, C ≈ 12, I ≈ 12, F ≈ 9, the rest spread over M, N, S, H, …). Normalized below.
_C_SHAPE: dict[str, float] = {
    "08": 6, "09": 1, "10": 0.02, "11": 4, "12": 2.5, "13": 1, "14": 1.5, "15": 1.5,
    "16": 4, "17": 0.1, "18": 1.5, "19": 2, "20": 0.5, "21": 1.5, "22": 6, "23": 3,
    "24": 3, "25": 23, "26": 3, "27": 3, "28": 4, "29": 11, "30": 3, "31": 2, "32": 2,
    "33": 4, "34": 3,
}  # fmt: skip
_C_TOTAL = sum(_C_SHAPE.values())
INDUSTRY_SHARE: dict[str, float] = {
    "01": 0.6, "02": 0.05, "03": 0.25, "05": 0.05, "06": 0.05,
    **{code: 12.0 * share / _C_TOTAL for code, share in _C_SHAPE.items()},
    "35": 0.3, "36": 0.02, "37": 0.05, "38": 0.4, "39": 0.03,
    "41": 2.5, "42": 1.0, "43": 5.5,
    "45": 1.2, "46": 16.5, "47": 16.5, "48": 0.8,
    "49": 2.0, "50": 0.1, "51": 0.02, "52": 0.5, "53": 0.1, "54": 0.3,
    "55": 1.0, "56": 11.0,
    "58": 0.3, "59": 0.3, "60": 0.05, "61": 0.1, "62": 1.0, "63": 0.4,
    "64": 0.1, "65": 0.3, "66": 0.6, "67": 0.8, "68": 1.7,
    "69": 0.6, "70": 0.8, "71": 1.2, "72": 0.3, "73": 1.5, "74": 0.8, "75": 0.1, "76": 0.4,
    "77": 1.0, "78": 0.1, "79": 0.5, "80": 0.3, "81": 0.8, "82": 0.8,
    "83": 0.0, "85": 0.9, "86": 1.0, "87": 0.2, "88": 0.2,
    "90": 0.3, "91": 0.1, "92": 0.2, "93": 1.0, "94": 0.2, "95": 2.0, "96": 3.5,
}  # fmt: skip

REGISTRATION_SHARE: dict[str, float] = {
    "company": 0.45, "business": 0.45, "limited_partnership": 0.01, "tax_only": 0.07,
    "none": 0.02,
}  # fmt: skip

# Employee size classes: (low, high) inclusive, share of firms.
SIZE_CLASSES: tuple[tuple[int, int, float], ...] = (
    (0, 4, 0.60), (5, 9, 0.20), (10, 29, 0.12), (30, 99, 0.05), (100, 199, 0.025),
    (200, 5000, 0.005),
)  # fmt: skip

SPECIAL_PRODUCTS = enum_values("special_products")
# Base weight of each special product, and the divisions where it is far more likely.
SPECIAL_PRODUCT_AFFINITY: dict[str, tuple[float, frozenset[str]]] = {
    "bags": (1.0, frozenset({"11", "12", "13", "47"})),
    "towels": (0.6, frozenset({"11", "12", "47"})),
    "bakery": (1.5, frozenset({"08", "47", "56"})),
    "assistive_devices": (0.5, frozenset({"27", "31", "33", "47", "86", "87"})),
    "processed_food": (1.5, frozenset({"08", "09", "46", "47"})),
    "local_specialty": (1.5, frozenset({"01", "02", "03", "08", "47", "55", "56"})),
    "special_entertainment": (0.2, frozenset({"93"})),
}

ACTIVITIES = enum_values("transformation_activities")
ACTIVITY_WEIGHT: dict[str, float] = {
    "erp": 6, "pos": 8, "digital_course": 5, "ai": 4, "iot": 2, "blockchain": 0.3,
    "cybersecurity": 2, "data": 2, "edge_computing": 0.3, "5g": 0.5, "cloud": 4,
    "mobile_payment": 6, "xr": 0.3, "digital_marketing": 8, "other_digital": 2,
    "renewable_energy": 1.5, "ghg_inventory": 2, "energy_saving": 4,
    "other_netzero": 0.5, "business_district": 3, "trade_show": 4, "other_channel": 0.5,
}  # fmt: skip

NEEDS = enum_values("needs")
NEED_WEIGHT: dict[str, float] = {
    "funding": 5, "hiring": 2, "training": 2, "digital": 4, "ai": 2, "netzero": 1.5,
    "domestic_sales": 3, "export": 1.5, "brand": 1, "tax": 1.5, "investment": 0.5,
}  # fmt: skip
TOOLS = enum_values("digital_tools")
TOOL_WEIGHT: dict[str, float] = {
    "accounting": 5, "pos": 3, "erp": 1, "crm": 1, "ecommerce": 2, "cloud": 2,
    "data_analysis": 0.7, "iot": 0.3, "ai": 0.5,
}  # fmt: skip

# Probability that each non-identity field is unknown (null).
NULL_RATE: dict[str, float] = {
    "name": 0.0, "registration_type": 0.0, "county": 0.02, "industry": 0.03,
    "special_products": 0.70, "is_listed": 0.40, "listed_market": 0.0, "prc_investment": 0.50,
    "factory_registration": 0.50, "factory_registration_certificate": 0.75,
    "main_operations_in_taiwan": 0.85,
    "trade_registration": 0.60, "export_record": 0.65, "rd_or_manufacturing_in_taiwan": 0.60,
    "new_product_within_3_years": 0.75, "product_certified": 0.80, "product_is_software": 0.85, "is_startup": 0.70,
    "new_southbound_agri": 0.85, "operating_normally": 0.40,
    "employees": 0.40, "employees_min_6m": 0.70, "paid_in_capital": 0.30,
    "annual_revenue": 0.55, "transformation_activities": 0.60, "own_brand": 0.60,
    "trademark_registered_tw": 0.70, "overseas_regions": 0.70, "own_brand_revenue_share": 0.80,
    "contract_capacity_kw": 0.80, "disaster_tax_deferral": 0.80, "meets_disability_quota": 0.80,
    "employs_priority_groups": 0.70,
    "trainees": 0.85, "training_cost_per_trainee": 0.88, "raise_wages_by_2026_06_30": 0.80,
    "loan_amount": 0.80, "loan_purpose": 0.82, "wage_raise_verified": 0.88,
    "extra_guarantee_amount": 0.90, "new_young_senior_hires": 0.85,
    "new_hires_added_salary": 0.88, "base_wage_raise_total": 0.85, "taxable_income": 0.75,
    "rd_expense": 0.85, "tax_payable": 0.80, "ip_share_value": 0.95, "exhibitions_physical": 0.85,
    "exhibitions_online": 0.88, "overseas_channel_cost": 0.90, "overseas_channel_joint": 0.90,
    "energy_equipment_cost": 0.85, "electricity_kwh": 0.60, "natural_gas_m3": 0.85,
    "lpg_kg": 0.85, "diesel_l": 0.85, "gasoline_l": 0.75, "registered_abroad": 0.50,
    "needs": 0.70, "digital_tools": 0.60, "ai_use": 0.60,
}  # fmt: skip

# Share of firms giving each extension column of the carbon estimate (synthetic): by
# default, and in the sectors where it is likelier. The NT$ of bills come only from firms
# whose profile leaves electricity_kwh unknown (kWh or bills, never both).
CARBON_SHARE: dict[str, tuple[float, dict[str, float]]] = {
    "bills_without_kwh": (0.25, {}),
    "fuel_oil_l": (0.0, {"manufacturing": 0.03}),
    "R-22": (0.02, {}),
    "R-32": (0.04, {}),
    "R-134a": (0.02, {"food_service": 0.06, "transport": 0.06}),
    "R-410A": (0.06, {}),
    "R-404A": (0.005, {"food_service": 0.04, "retail": 0.04}),
    "year": (0.20, {}),
}  # fmt: skip
# The year of the rows that give one (the others take the run's): (year, share of them).
CARBON_YEARS = ((2023, 0.75), (2022, 0.25))
# Median quantity a year (sigma of its log): synthetic, a small firm's order of magnitude.
CARBON_MEDIAN: dict[str, tuple[float, float]] = {
    "fuel_oil_l": (20_000, 1.0), "refrigerant_kg": (3, 0.8),
}  # fmt: skip

BUSINESS_ID_WEIGHTS = np.array([1, 2, 1, 2, 1, 2, 4], dtype=np.int64)  # the 8th weight is 1


SCHEMA = profile_schema()


# --- Helpers ------------------------------------------------------------------------


class _Gen:
    """Vectorized draws for ``n`` rows."""

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = np.random.default_rng(seed)

    def null_mask(self, field: str) -> np.ndarray:
        return self.rng.random(self.n) < NULL_RATE[field]

    def chance(self, p: float | np.ndarray) -> np.ndarray:
        return self.rng.random(self.n) < p

    def lognormal(self, median: float | np.ndarray, sigma: float) -> np.ndarray:
        return np.asarray(median) * np.exp(sigma * self.rng.standard_normal(self.n))

    def zero_or_lognormal(self, p_zero: float, median: float, sigma: float) -> np.ndarray:
        return np.where(self.chance(p_zero), 0.0, self.lognormal(median, sigma))


def _series(values: np.ndarray, null: np.ndarray) -> pl.Series:
    """A Series of ``values`` with nulls where ``null`` is true."""
    return pl.Series(pa.array(values, mask=null))


def _money(values: np.ndarray, step: int, null: np.ndarray, low: int = 0) -> pl.Series:
    """Whole TWD rounded to ``step``, within [low, MAX_MONEY]."""
    rounded = np.round(np.asarray(values, dtype=np.float64) / step) * step
    clipped = np.clip(rounded, low, MAX_MONEY).astype(np.int64)
    return _series(clipped, null)


def _quantity(values: np.ndarray, null: np.ndarray, decimals: int = 1) -> pl.Series:
    return _series(np.clip(np.round(values, decimals), 0.0, 1e12), null)


def _categories(
    labels: list[str] | tuple[str, ...], idx: np.ndarray, null: np.ndarray
) -> pl.Series:
    """Strings picked from ``labels`` by index, null where ``null``."""
    return pl.Series(list(labels), dtype=pl.String).gather(_series(idx.astype(np.uint32), null))


def _distinct_lists(
    gen: _Gen,
    labels: tuple[str, ...],
    weights: np.ndarray,
    counts: np.ndarray,
    null: np.ndarray,
) -> pl.Series:
    """Lists of ``counts[i]`` distinct labels, drawn by weight without replacement.

    ``weights`` is (n, k) or (k,). Weighted sampling without replacement by
    exponential keys (Efraimidis–Spirakis): the smallest ``-log(U)/w`` win.
    """
    n, k = gen.n, len(labels)
    width = int(counts.max(initial=0))
    picked = np.zeros((n, max(width, 1)), dtype=np.int64)
    rows = np.flatnonzero((counts > 0) & ~null)
    if width and rows.size:
        w = np.broadcast_to(weights, (n, k))[rows]
        keys = -np.log(gen.rng.random((rows.size, k))) / w
        picked[rows] = np.argsort(keys, axis=1)[:, :width]
    # Build the list column from offsets and flat values (Arrow), not row by row.
    lengths = np.where(null, 0, counts)
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    flat = picked[np.arange(picked.shape[1])[None, :] < lengths[:, None]]
    values = pl.Series(list(labels), dtype=pl.String).gather(flat.astype(np.uint32))
    lists = pa.LargeListArray.from_arrays(pa.array(offsets), values.to_arrow(), mask=pa.array(null))
    return pl.Series(lists).cast(pl.List(pl.String))


def _business_ids(gen: _Gen) -> np.ndarray:
    """Valid 統一編號 as integers (zero-pad to 8 digits); distinct up to 10 million rows.

    Seven random digits, then the 8th (weight 1) chosen so that the weighted digit sum
    is divisible by 5 — either of the two such digits, at random.
    """
    space = 10**7
    prefix = gen.rng.choice(space, size=gen.n, replace=gen.n > space).astype(np.int64)
    total = np.zeros(gen.n, dtype=np.int64)
    for position, weight in enumerate(BUSINESS_ID_WEIGHTS):
        digit = prefix // 10 ** (6 - position) % 10
        product = digit * weight
        total += product // 10 + product % 10
    check = (-total) % 5 + 5 * gen.rng.integers(0, 2, gen.n)
    return prefix * 10 + check


def _employees(gen: _Gen) -> np.ndarray:
    """Every firm's true regular headcount, by size class."""
    shares = np.array([share for *_, share in SIZE_CLASSES])
    size_class = gen.rng.choice(len(SIZE_CLASSES), size=gen.n, p=shares / shares.sum())
    u = gen.rng.random(gen.n)
    employees = np.zeros(gen.n, dtype=np.int64)
    for i, (low, high, _) in enumerate(SIZE_CLASSES):
        rows = size_class == i
        if low == 0:  # micro firms: 1–2 people most often
            micro = np.array([0.15, 0.35, 0.25, 0.15, 0.10])
            employees[rows] = gen.rng.choice(5, size=int(rows.sum()), p=micro)
        else:  # log-uniform within the class
            span = np.exp(np.log(low) + u[rows] * (np.log(high + 1) - np.log(low)))
            employees[rows] = np.clip(span.astype(np.int64), low, high)
    return employees


# --- The registry -------------------------------------------------------------------


def _bounded(field: str, values: np.ndarray, null: np.ndarray) -> pl.Series:
    """A carbon quantity (``field`` an estimate's input, or a gas) within its ``BOUNDS``."""
    bound = BOUNDS["refrigerant_kg" if field.startswith("R-") else field]
    return _quantity(np.minimum(values, bound), null)


def _carbon(
    gen: _Gen,
    employees: np.ndarray,
    kwh: np.ndarray,
    kwh_known: np.ndarray,
    sectors: dict[str, np.ndarray],
) -> dict[str, pl.Series]:
    """The carbon estimate's extension columns: ``kwh`` is each firm's true use,
    ``kwh_known`` where the profile gives it (``sectors`` by name)."""

    def given(key: str) -> np.ndarray:
        default, by_sector = CARBON_SHARE[key]
        share = np.full(gen.n, default)
        for sector, p in by_sector.items():
            share[sectors[sector]] = p
        return gen.chance(share)

    cols: dict[str, pl.Series] = {}
    bills = ~kwh_known & given("bills_without_kwh")
    # Bills at 1.0–1.2 times the average tariff (small users pay above the average).
    ntd = np.round(kwh * average_tariff(2024) * gen.rng.uniform(1.0, 1.2, gen.n))
    cols[NTD] = _bounded("electricity_ntd", ntd, ~bills)
    scale = np.sqrt(employees + 1)
    for field in (fuel.field for fuel in FUELS):
        column = quantity_column(field)
        if column in EXTENSIONS:  # the profile's fuels are drawn with the profile
            median, sigma = CARBON_MEDIAN[field]
            cols[column] = _bounded(field, gen.lognormal(median * scale, sigma), ~given(field))
    median, sigma = CARBON_MEDIAN["refrigerant_kg"]
    for gas in REFRIGERANTS:
        top_up = gen.lognormal(median * scale, sigma)
        cols[refrigerant_column(gas)] = _bounded(gas, top_up, ~given(gas))
    years, shares = zip(*CARBON_YEARS, strict=True)
    year = gen.rng.choice(np.array(years), size=gen.n, p=np.array(shares))
    cols[YEAR] = _series(year, ~given("year"))
    return cols


def generate(n: int, seed: int = 1, *, carbon: bool = False) -> pl.DataFrame:
    """``n`` synthetic firms, one column per Profile field, in ``FIELDS`` order; with
    ``carbon``, then the carbon estimate's extension columns in ``EXTENSIONS`` order."""
    gen = _Gen(n, seed)
    rng = gen.rng
    cols: dict[str, pl.Series] = {}

    # Identity and registration
    width = max(6, len(str(max(n - 1, 0))))
    cols["name"] = pl.select(
        pl.concat_str(pl.lit("測試企業"), pl.int_range(n).cast(pl.String).str.zfill(width))
    ).to_series()

    employees = _employees(gen)
    big = employees >= 30

    reg_labels = list(REGISTRATION_SHARE)
    reg_p = np.array(list(REGISTRATION_SHARE.values()))
    reg = rng.choice(len(reg_labels), size=n, p=reg_p / reg_p.sum())
    # Sole proprietorships are small: swap large ones' type with small companies'.
    company, business = reg_labels.index("company"), reg_labels.index("business")
    large_business = np.flatnonzero((reg == business) & big)
    small_company = np.flatnonzero((reg == company) & ~big)
    swap = rng.choice(
        small_company, size=min(large_business.size, small_company.size), replace=False
    )
    reg[large_business[: swap.size]] = company
    reg[swap] = business
    cols["registration_type"] = _categories(reg_labels, reg, gen.null_mask("registration_type"))

    ids = _business_ids(gen)
    id_null = (reg == reg_labels.index("none")) | gen.chance(0.02)
    cols["business_id"] = _series(ids, id_null).cast(pl.String).str.zfill(8)

    county_p = np.array([COUNTY_POPULATION[c] for c in COUNTIES])
    county = rng.choice(len(COUNTIES), size=n, p=county_p / county_p.sum())
    cols["county"] = _categories(COUNTIES, county, gen.null_mask("county"))

    codes = list(DIVISIONS)
    industry_p = np.array([INDUSTRY_SHARE[c] for c in codes])
    industry = rng.choice(len(codes), size=n, p=industry_p / industry_p.sum())
    cols["industry"] = _categories(codes, industry, gen.null_mask("industry"))

    def in_divisions(*wanted: str) -> np.ndarray:
        return np.isin(industry, [codes.index(c) for c in wanted])

    def in_sections(*letters: str) -> np.ndarray:
        return in_divisions(*(c for c, letter in DIVISIONS.items() if letter in letters))

    manufacturing = in_sections("C")
    trading = manufacturing | in_divisions("46")
    food_service = in_divisions("55", "56")

    # Special products: mostly none; a few items, likelier in the matching industries.
    base = np.array([SPECIAL_PRODUCT_AFFINITY[p][0] for p in SPECIAL_PRODUCTS])
    affinity = np.ones((n, len(SPECIAL_PRODUCTS)))
    for j, product in enumerate(SPECIAL_PRODUCTS):
        affinity[in_divisions(*SPECIAL_PRODUCT_AFFINITY[product][1]), j] = 40.0
    likely = affinity.max(axis=1) > 1
    product_count = np.where(
        likely,
        rng.choice(4, size=n, p=[0.60, 0.28, 0.09, 0.03]),
        rng.choice(4, size=n, p=[0.97, 0.025, 0.005, 0.0]),
    )
    cols["special_products"] = _distinct_lists(
        gen, SPECIAL_PRODUCTS, base * affinity, product_count, gen.null_mask("special_products")
    )

    capital = _capital(gen, reg, reg_labels, employees)
    listed = gen.chance(0.0003) | ((capital >= 1e9) & gen.chance(0.3))

    def flag(field: str, p: float | np.ndarray, when: np.ndarray | None = None) -> pl.Series:
        value = gen.chance(p) if when is None else when
        return _series(value, gen.null_mask(field))

    cols["is_listed"] = flag("is_listed", 0, listed)
    market = gen.rng.choice(3, size=gen.n, p=[0.4, 0.35, 0.25])
    cols["listed_market"] = _categories(enum_values("listed_market"), market, ~listed)
    cols["prc_investment"] = flag("prc_investment", 0.003)
    cols["meets_disability_quota"] = flag("meets_disability_quota", 0.7)
    cols["product_is_software"] = flag("product_is_software", np.where(manufacturing, 0.02, 0.1))
    factory = gen.chance(np.where(manufacturing, 0.6, 0.02))
    cols["factory_registration"] = flag("factory_registration", 0, factory)
    # A few firms without a Taiwan company or business registration are registered abroad;
    # most of those operate mainly in Taiwan (a domestic firm's answer is no by definition).
    abroad_draw = gen.rng.random(n)
    abroad = (reg >= reg_labels.index("tax_only")) & (abroad_draw < 0.05)
    main_operations = abroad & (abroad_draw < 0.04)
    cols["main_operations_in_taiwan"] = flag("main_operations_in_taiwan", 0, main_operations)
    trade = gen.chance(np.where(trading, 0.25, 0.04))
    cols["trade_registration"] = flag("trade_registration", 0, trade)
    cols["export_record"] = flag("export_record", np.where(trade, 0.7, 0.01))
    cols["rd_or_manufacturing_in_taiwan"] = flag(
        "rd_or_manufacturing_in_taiwan", np.where(manufacturing, 0.75, 0.08)
    )
    cols["new_product_within_3_years"] = flag(
        "new_product_within_3_years", np.where(manufacturing, 0.3, 0.08)
    )
    cols["product_certified"] = flag("product_certified", np.where(manufacturing, 0.4, 0.1))
    cols["is_startup"] = flag("is_startup", 0.05)
    agri = in_sections("A") | in_divisions("08")
    cols["new_southbound_agri"] = flag("new_southbound_agri", np.where(agri, 0.1, 0.002))
    cols["operating_normally"] = flag("operating_normally", 0.95)

    # Size
    cols["employees"] = _series(employees, gen.null_mask("employees"))
    lowest = np.floor(employees * rng.uniform(0.75, 1.0, n)).astype(np.int64)
    cols["employees_min_6m"] = _series(lowest, gen.null_mask("employees_min_6m"))
    capital_null = np.where(
        reg >= reg_labels.index("tax_only"), gen.chance(0.7), gen.null_mask("paid_in_capital")
    )
    cols["paid_in_capital"] = _money(capital, 1000, capital_null, low=10_000)
    revenue = np.maximum(employees, 1) * gen.lognormal(2_000_000, 0.9)
    cols["annual_revenue"] = _money(revenue, 1000, gen.null_mask("annual_revenue"))

    # Plans and activities
    activity_w = np.array([ACTIVITY_WEIGHT[a] for a in ACTIVITIES])
    activity_count = rng.choice(4, size=n, p=[0.35, 0.35, 0.20, 0.10])
    cols["transformation_activities"] = _distinct_lists(
        gen, ACTIVITIES, activity_w, activity_count, gen.null_mask("transformation_activities")
    )
    brand = gen.chance(np.where(manufacturing | food_service, 0.35, 0.2))
    cols["own_brand"] = flag("own_brand", 0, brand)
    cols["trademark_registered_tw"] = flag("trademark_registered_tw", np.where(brand, 0.6, 0.03))
    regions = np.where(gen.chance(np.where(trade, 0.4, 0.95)), 0, rng.geometric(0.4, n))
    cols["overseas_regions"] = _series(np.minimum(regions, 60), gen.null_mask("overseas_regions"))
    share = np.where(brand, rng.beta(2.0, 1.0, n), rng.beta(0.5, 4.0, n))
    cols["own_brand_revenue_share"] = _series(
        np.clip(np.round(share, 3), 0.0, 1.0), gen.null_mask("own_brand_revenue_share")
    )
    electricity = (employees + 1) * gen.lognormal(np.where(manufacturing, 25_000, 6_000), 1.0)
    capacity = electricity / 2_500 * gen.lognormal(1.0, 0.3)
    cols["contract_capacity_kw"] = _quantity(capacity, gen.null_mask("contract_capacity_kw"))
    cols["disaster_tax_deferral"] = flag("disaster_tax_deferral", 0.01)
    cols["employs_priority_groups"] = flag(
        "employs_priority_groups", np.where(employees >= 67, 0.6, 0.05)
    )

    # Amount drivers
    trainees = np.floor(np.minimum(employees, 60) * rng.random(n)).astype(np.int64)
    cols["trainees"] = _series(trainees, gen.null_mask("trainees"))
    cols["training_cost_per_trainee"] = _money(
        rng.uniform(2_000, 30_000, n), 100, gen.null_mask("training_cost_per_trainee")
    )
    cols["raise_wages_by_2026_06_30"] = flag("raise_wages_by_2026_06_30", 0.35)
    loan = gen.lognormal(np.clip(capital, 200_000, 50_000_000) * 0.6, 0.8)
    cols["loan_amount"] = _money(
        np.clip(loan, 100_000, 100_000_000), 10_000, gen.null_mask("loan_amount")
    )
    cols["loan_purpose"] = _categories(
        enum_values("loan_purpose"),
        gen.chance(np.where(manufacturing, 0.5, 0.2)).astype(np.int64),
        gen.null_mask("loan_purpose"),
    )
    cols["wage_raise_verified"] = flag("wage_raise_verified", 0.1)
    cols["extra_guarantee_amount"] = _money(
        gen.lognormal(1_000_000, 0.8), 10_000, gen.null_mask("extra_guarantee_amount")
    )
    hires = np.where(gen.chance(0.6), 0, 1 + rng.poisson(np.minimum(employees, 200) / 20))
    cols["new_young_senior_hires"] = _series(hires, gen.null_mask("new_young_senior_hires"))
    cols["new_hires_added_salary"] = _money(
        hires * gen.lognormal(420_000, 0.25), 1000, gen.null_mask("new_hires_added_salary")
    )
    cols["base_wage_raise_total"] = _money(
        employees * gen.lognormal(15_000, 0.6), 100, gen.null_mask("base_wage_raise_total")
    )
    margin = rng.normal(0.04, 0.08, n)
    taxable = revenue * margin
    cols["taxable_income"] = _series(
        np.clip(np.round(taxable), -MAX_MONEY, MAX_MONEY).astype(np.int64),
        gen.null_mask("taxable_income"),
    )
    rd = np.where(
        gen.chance(np.where(manufacturing, 0.5, 0.85)), 0.0, revenue * rng.uniform(0.005, 0.08, n)
    )
    cols["rd_expense"] = _money(rd, 1000, gen.null_mask("rd_expense"))
    tax = np.where(taxable > 120_000, taxable * 0.2, 0.0)  # 營所稅 20%, 免稅額 NT$120,000
    cols["tax_payable"] = _money(tax, 1, gen.null_mask("tax_payable"))
    # Shares received for IP: rare; most firms that answer received none.
    ip_value = np.where(gen.chance(0.97), 0.0, gen.lognormal(1_000_000, 1.0))
    cols["ip_share_value"] = _money(ip_value, 10_000, gen.null_mask("ip_share_value"))
    shows = np.where(trade, rng.poisson(0.8, n), rng.poisson(0.05, n))
    cols["exhibitions_physical"] = _series(shows, gen.null_mask("exhibitions_physical"))
    cols["exhibitions_online"] = _series(rng.poisson(0.2, n), gen.null_mask("exhibitions_online"))
    cols["overseas_channel_cost"] = _money(
        gen.lognormal(1_500_000, 0.8), 10_000, gen.null_mask("overseas_channel_cost")
    )
    cols["overseas_channel_joint"] = flag("overseas_channel_joint", 0.1)
    cols["energy_equipment_cost"] = _money(
        gen.lognormal(300_000, 1.0), 1000, gen.null_mask("energy_equipment_cost")
    )

    # Carbon inputs
    cols["electricity_kwh"] = _bounded(
        "electricity_kwh", electricity, gen.null_mask("electricity_kwh")
    )
    gas_median = np.where(food_service, 2_000, np.where(manufacturing, 5_000, 500))
    gas = np.where(
        gen.chance(np.where(food_service | manufacturing, 0.4, 0.85)),
        0.0,
        gen.lognormal(gas_median, 1.0),
    )
    cols["natural_gas_m3"] = _bounded("natural_gas_m3", gas, gen.null_mask("natural_gas_m3"))
    lpg = np.where(gen.chance(np.where(food_service, 0.3, 0.85)), 0.0, gen.lognormal(1_500, 1.0))
    cols["lpg_kg"] = _bounded("lpg_kg", lpg, gen.null_mask("lpg_kg"))
    diesel = gen.zero_or_lognormal(0.6, 3_000, 1.2)
    cols["diesel_l"] = _bounded("diesel_l", diesel, gen.null_mask("diesel_l"))
    gasoline = gen.zero_or_lognormal(0.3, 1_500, 1.0)
    cols["gasoline_l"] = _bounded("gasoline_l", gasoline, gen.null_mask("gasoline_l"))

    # Needs and digital readiness
    cols["registered_abroad"] = flag("registered_abroad", 0, abroad)
    need_w = np.array([NEED_WEIGHT[need] for need in NEEDS])
    need_count = rng.choice(np.arange(1, 4), size=n, p=[0.5, 0.35, 0.15])
    cols["needs"] = _distinct_lists(gen, NEEDS, need_w, need_count, gen.null_mask("needs"))
    tool_w = np.array([TOOL_WEIGHT[tool] for tool in TOOLS])
    tool_count = rng.choice(5, size=n, p=[0.25, 0.35, 0.25, 0.1, 0.05])
    cols["digital_tools"] = _distinct_lists(
        gen, TOOLS, tool_w, tool_count, gen.null_mask("digital_tools")
    )
    ai_use = rng.choice(4, size=n, p=[0.55, 0.30, 0.10, 0.05])
    cols["ai_use"] = _categories(enum_values("ai_use"), ai_use, gen.null_mask("ai_use"))
    # Drawn last, so the fields above stay as they were. Most factories with a registration
    # answer hold the certificate; the rest have an exemption or an improvement plan.
    cols["factory_registration_certificate"] = flag(
        "factory_registration_certificate", 0, factory & gen.chance(0.85)
    )

    # Drawn after it, for the same reason: one in ten manufacturers describes an air
    # compressor it would buy (the power-equipment subsidy's amount, rules/energy.py).
    no_compressor = ~(manufacturing & gen.chance(0.1))
    kinds = ("fixed_speed_rotary", "variable_speed_rotary", "reciprocating")
    cols["air_compressor_type"] = _categories(
        kinds, rng.choice(3, size=n, p=[0.5, 0.35, 0.15]), no_compressor
    )
    cols["air_compressor_class"] = _categories(
        ("d5", "d15", "d25"), rng.choice(3, size=n), no_compressor
    )
    cols["air_compressor_kw"] = _quantity(gen.lognormal(37, 0.6) + 3.7, no_compressor)
    cols["air_compressor_units"] = _series(rng.integers(1, 4, n), no_compressor)

    missing = set(FIELDS) - set(cols)
    if missing:  # a Profile field added without a generator
        raise RuntimeError(f"no generator for fields: {sorted(missing)}")
    profile = [cols[f].alias(f).cast(SCHEMA[f]) for f in FIELDS]
    if not carbon:
        return pl.DataFrame(profile)
    sectors = {
        "manufacturing": manufacturing,
        "food_service": food_service,
        "transport": in_divisions("49", "50", "51", "52", "53"),
        "retail": in_divisions("47"),
    }
    kwh_known = cols["electricity_kwh"].is_not_null().to_numpy()
    inputs = _carbon(gen, employees, electricity, kwh_known, sectors)
    return pl.DataFrame(profile + [inputs[c].alias(c).cast(t) for c, t in EXTENSIONS.items()])


def _capital(gen: _Gen, reg: np.ndarray, labels: list[str], employees: np.ndarray) -> np.ndarray:
    """Paid-in capital, TWD: log-normal by registration type and size, a few above 100M."""
    median_by_type = {
        "company": 3_000_000, "business": 400_000, "limited_partnership": 10_000_000,
        "tax_only": 200_000, "none": 100_000,
    }  # fmt: skip
    median = np.array([median_by_type[label] for label in labels], dtype=np.float64)[reg]
    median *= np.sqrt((employees + 1) / 3)
    capital = gen.lognormal(median, 1.0)
    # A heavy tail of large companies (some above NT$100M, the SME capital line).
    heavy = (reg == labels.index("company")) & gen.chance(0.01)
    capital[heavy] *= gen.lognormal(30.0, 1.0)[heavy]
    # Registered capital is a round figure: keep two significant digits.
    scale = 10.0 ** (np.floor(np.log10(np.maximum(capital, 1.0))) - 1)
    rounded: np.ndarray = np.round(capital / scale) * scale
    return rounded


def to_csv_frame(df: pl.DataFrame) -> pl.DataFrame:
    """List fields as ';'-joined strings (empty list → ``[]``, null stays null)."""
    return df.with_columns(
        pl.when(pl.col(f).list.len() == 0)
        .then(pl.lit("[]"))
        .otherwise(pl.col(f).list.join(";"))
        .alias(f)
        for f in sorted(LIST_FIELDS)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, required=True, help="number of firms")
    parser.add_argument("--out", type=Path, required=True, help="output file")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--format", choices=("parquet", "csv"), default=None,
                        help="default: from the file suffix, else parquet")  # fmt: skip
    parser.add_argument("--carbon", action="store_true",
                        help="add the carbon estimate's carbon.* extension columns"
                             " (synthetic shares)")  # fmt: skip
    args = parser.parse_args(argv)
    if args.rows < 0:
        parser.error("--rows must be ≥ 0")
    fmt = args.format or ("csv" if args.out.suffix.lower() == ".csv" else "parquet")

    start = time.perf_counter()
    df = generate(args.rows, args.seed, carbon=args.carbon)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        to_csv_frame(df).write_csv(args.out)
    else:
        # LZ4: fast to read, as an export meant for screening would be written.
        df.write_parquet(args.out, compression="lz4")
    seconds = time.perf_counter() - start
    print(f"wrote {df.height:,} rows to {args.out} in {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
