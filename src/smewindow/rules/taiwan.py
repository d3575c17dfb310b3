"""Taiwan reference data: counties, the industry classification, identifier checks."""

from __future__ import annotations

from functools import cache

import polars as pl

# The 22 special municipalities, counties and cities (直轄市、縣、市).
COUNTIES = (
    "臺北市", "新北市", "桃園市", "臺中市", "臺南市", "高雄市",
    "基隆市", "新竹市", "嘉義市",
    "新竹縣", "苗栗縣", "彰化縣", "南投縣", "雲林縣", "嘉義縣", "屏東縣",
    "宜蘭縣", "花蓮縣", "臺東縣", "澎湖縣", "金門縣", "連江縣",
)  # fmt: skip


COUNTY_SPELLINGS = frozenset(COUNTIES) | {c.replace("臺", "台") for c in COUNTIES}
"""Every accepted spelling of a county name: 台 is accepted for 臺."""


def normalize_county(name: str) -> str | None:
    """The official name (臺 for 台) or None when ``name`` is not one of the 22."""
    return name.replace("台", "臺") if name in COUNTY_SPELLINGS else None


# 行業統計分類 (Taiwan Standard Industrial Classification), rev. 11 (2021): sections and
# their 2-digit divisions (中類). Source: DGBAS, https://www.stat.gov.tw/cp.aspx?n=2665
# (section letters: fact sheet §11). The division ranges were checked against a public
# list of the 2-digit codes (01–03, 05–06, 08–34, 35–39, 41–43, 45–56, 58–83, 85–88,
# 90–96); whether a rev. 12 changes them is UNCONFIRMED.
SECTIONS: dict[str, tuple[str, tuple[int, int]]] = {
    "A": ("農、林、漁、牧業", (1, 3)),
    "B": ("礦業及土石採取業", (5, 6)),
    "C": ("製造業", (8, 34)),
    "D": ("電力及燃氣供應業", (35, 35)),
    "E": ("用水供應及污染整治業", (36, 39)),
    "F": ("營建工程業", (41, 43)),
    "G": ("批發及零售業", (45, 48)),
    "H": ("運輸及倉儲業", (49, 54)),
    "I": ("住宿及餐飲業", (55, 56)),
    "J": ("出版影音及資通訊業", (58, 63)),
    "K": ("金融及保險業", (64, 66)),
    "L": ("不動產業", (67, 68)),
    "M": ("專業、科學及技術服務業", (69, 76)),
    "N": ("支援服務業", (77, 82)),
    "O": ("公共行政及國防；強制性社會安全", (83, 83)),
    "P": ("教育業", (85, 85)),
    "Q": ("醫療保健及社會工作服務業", (86, 88)),
    "R": ("藝術、娛樂及休閒服務業", (90, 93)),
    "S": ("其他服務業", (94, 96)),
}

DIVISIONS: dict[str, str] = {
    f"{code:02d}": letter
    for letter, (_, (first, last)) in SECTIONS.items()
    for code in range(first, last + 1)
}


def divisions_of(*letters: str) -> frozenset[str]:
    """The 2-digit division codes of the given sections."""
    return frozenset(code for code, letter in DIVISIONS.items() if letter in letters)


_BUSINESS_ID_WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)


def business_id_is_valid(value: str) -> bool:
    """Check a 統一編號 by the Ministry of Finance rule.

    Weights 1,2,1,2,1,2,4,1; the digits of each product are added; the sum must be
    divisible by 5 (by 10 before 2023-04-01, which 5 also accepts). When the 7th
    digit is 7, the sum plus one may be divisible instead. Source: fact sheet §10.
    """
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        return False
    total = 0
    for digit, weight in zip(value, _BUSINESS_ID_WEIGHTS, strict=True):
        product = int(digit) * weight
        total += product // 10 + product % 10
    return total % 5 == 0 or (value[6] == "7" and (total + 1) % 5 == 0)


@cache
def _pair_tables() -> list[pl.Series]:
    """For each pair of positions (0-1, 2-3, 4-5, 6-7), indexed by the two bytes read as a
    16-bit little-endian number: the digit sums of digit × weight for the two, or 100 when
    either byte is not a digit."""
    tables = []
    for pair in range(4):
        table = [100] * (1 << 16)
        for first in range(10):
            for second in range(10):
                total = 0
                for position, digit in ((2 * pair, first), (2 * pair + 1, second)):
                    product = digit * _BUSINESS_ID_WEIGHTS[position]
                    total += product // 10 + product % 10
                table[(ord("0") + second) << 8 | (ord("0") + first)] = total
        tables.append(pl.Series(f"pair{pair}", table, dtype=pl.Int16))
    return tables


def business_id_valid_expr(col: pl.Expr) -> pl.Expr:
    """``business_id_is_valid`` as a Polars expression (null stays null).

    Each 8-byte string is read as one 64-bit number whose bytes are looked up two at a
    time, so a registry's column is checked by Polars in parallel; a test keeps this in
    agreement with the one-value check.
    """
    packed = (
        pl.when(col.str.len_bytes() == 8)
        .then(col)
        .cast(pl.Binary)
        .bin.reinterpret(dtype=pl.UInt64, endianness="little")
    )
    total = pl.sum_horizontal(
        pl.lit(_pair_tables()[i]).gather((packed // (1 << (16 * i))) % (1 << 16)) for i in range(4)
    )
    seventh_is_7 = (packed // (1 << 48)) % 256 == ord("7")
    valid = (total < 100) & ((total % 5 == 0) | (seventh_is_7 & ((total + 1) % 5 == 0)))
    return pl.when(col.is_null()).then(None).when(packed.is_null()).then(False).otherwise(valid)
