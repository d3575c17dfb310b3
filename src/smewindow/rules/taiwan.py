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

# English section names, same letters and order as SECTIONS. UNVERIFIED against the English
# edition of the classification (DGBAS 主計總處, "Standard Industrial Classification of the
# Republic of China (Taiwan)", rev. 11, https://www.stat.gov.tw/): where the section matches
# an ISIC Rev. 4 section its wording is used, otherwise (A, D, E, J, N) the Chinese name is
# translated in the same style.
SECTION_NAMES_EN: dict[str, str] = {
    "A": "Agriculture, Forestry, Fishing and Animal Husbandry",
    "B": "Mining and Quarrying",
    "C": "Manufacturing",
    "D": "Electricity and Gas Supply",
    "E": "Water Supply and Remediation Activities",
    "F": "Construction",
    "G": "Wholesale and Retail Trade",
    "H": "Transportation and Storage",
    "I": "Accommodation and Food Service Activities",
    "J": "Publishing, Audiovisual, Information and Communication Activities",
    "K": "Financial and Insurance Activities",
    "L": "Real Estate Activities",
    "M": "Professional, Scientific and Technical Activities",
    "N": "Support Service Activities",
    "O": "Public Administration and Defence; Compulsory Social Security",
    "P": "Education",
    "Q": "Human Health and Social Work Activities",
    "R": "Arts, Entertainment and Recreation",
    "S": "Other Service Activities",
}
"""The English name of each section (大類), for the English pages."""

DIVISIONS: dict[str, str] = {
    f"{code:02d}": letter
    for letter, (_, (first, last)) in SECTIONS.items()
    for code in range(first, last + 1)
}


DIVISION_NAMES: dict[str, str] = {
    "01": "農、牧業",
    "02": "林業",
    "03": "漁業",
    "05": "石油及天然氣礦業",
    "06": "砂、石採取及其他礦業",
    "08": "食品及飼品製造業",
    "09": "飲料製造業",
    "10": "菸草製造業",
    "11": "紡織業",
    "12": "成衣及服飾品製造業",
    "13": "皮革、毛皮及其製品製造業",
    "14": "木竹製品製造業",
    "15": "紙漿、紙及紙製品製造業",
    "16": "印刷及資料儲存媒體複製業",
    "17": "石油及煤製品製造業",
    "18": "化學材料及肥料製造業",
    "19": "其他化學製品製造業",
    "20": "藥品及醫用化學製品製造業",
    "21": "橡膠製品製造業",
    "22": "塑膠製品製造業",
    "23": "非金屬礦物製品製造業",
    "24": "基本金屬製造業",
    "25": "金屬製品製造業",
    "26": "電子零組件製造業",
    "27": "電腦、電子產品及光學製品製造業",
    "28": "電力設備及配備製造業",
    "29": "機械設備製造業",
    "30": "汽車及其零件製造業",
    "31": "其他運輸工具及其零件製造業",
    "32": "家具製造業",
    "33": "其他製造業",
    "34": "產業用機械設備維修及安裝業",
    "35": "電力及燃氣供應業",
    "36": "用水供應業",
    "37": "廢水及污水處理業",
    "38": "廢棄物清除、處理及資源物回收處理業",
    "39": "污染整治業",
    "41": "建築工程業",
    "42": "土木工程業",
    "43": "專門營造業",
    "45": "批發業",
    "46": "批發業",
    "47": "零售業",
    "48": "零售業",
    "49": "陸上運輸業",
    "50": "水上運輸業",
    "51": "航空運輸業",
    "52": "運輸輔助業",
    "53": "倉儲業",
    "54": "郵政及遞送服務業",
    "55": "住宿業",
    "56": "餐飲業",
    "58": "出版業",
    "59": "影片及電視節目業；聲音錄製及音樂發行業",
    "60": "廣播、電視節目編排及傳播業",
    "61": "電信業",
    "62": "電腦程式設計、諮詢及相關服務業",
    "63": "資訊服務業",
    "64": "金融服務業",
    "65": "保險業",
    "66": "證券期貨及金融輔助業",
    "67": "不動產開發業",
    "68": "不動產經營及相關服務業",
    "69": "法律及會計服務業",
    "70": "企業總管理機構及管理顧問業",
    "71": "建築、工程服務及技術檢測、分析服務業",
    "72": "研究發展服務業",
    "73": "廣告業及市場研究業",
    "74": "專門設計業",
    "75": "獸醫業",
    "76": "其他專業、科學及技術服務業",
    "77": "租賃業",
    "78": "人力仲介及供應業",
    "79": "旅行及其他相關服務業",
    "80": "保全及偵探業",
    "81": "建築物及綠化服務業",
    "82": "行政支援服務業",
    "83": "公共行政及國防；強制性社會安全",
    "85": "教育業",
    "86": "醫療保健業",
    "87": "居住型照顧服務業",
    "88": "其他社會工作服務業",
    "90": "創作及藝術表演業",
    "91": "圖書館、檔案保存、博物館及類似機構",
    "92": "博弈業",
    "93": "運動、娛樂及休閒服務業",
    "94": "宗教、職業及類似組織",
    "95": "個人及家庭用品維修業",
    "96": "未分類其他服務業",
}
"""The name of each 2-digit division (中類), as the public lists give them."""


# English division names, same codes and order as DIVISION_NAMES. UNVERIFIED against the
# English edition of the classification (DGBAS 主計總處, "Standard Industrial Classification
# of the Republic of China (Taiwan)", rev. 11, https://www.stat.gov.tw/): where a division
# matches an ISIC Rev. 4 division its wording is used, otherwise the Chinese name is
# translated faithfully in the ISIC style (title case, ISIC spelling: Defence, Programme,
# Labour). 45/46 and 47/48 have the same Chinese name and so the same English name
# (:func:`division_label` adds their scope).
DIVISION_NAMES_EN: dict[str, str] = {
    "01": "Agriculture and Animal Husbandry",
    "02": "Forestry",
    "03": "Fishing",
    "05": "Extraction of Crude Petroleum and Natural Gas",
    "06": "Quarrying of Sand and Stone and Other Mining",
    "08": "Manufacture of Food Products and Prepared Animal Feeds",
    "09": "Manufacture of Beverages",
    "10": "Manufacture of Tobacco Products",
    "11": "Manufacture of Textiles",
    "12": "Manufacture of Wearing Apparel and Clothing Accessories",
    "13": "Manufacture of Leather, Fur and Related Products",
    "14": "Manufacture of Wood and Bamboo Products",
    "15": "Manufacture of Pulp, Paper and Paper Products",
    "16": "Printing and Reproduction of Recorded Media",
    "17": "Manufacture of Petroleum and Coal Products",
    "18": "Manufacture of Chemical Materials and Fertilizers",
    "19": "Manufacture of Other Chemical Products",
    "20": "Manufacture of Pharmaceuticals and Medicinal Chemical Products",
    "21": "Manufacture of Rubber Products",
    "22": "Manufacture of Plastics Products",
    "23": "Manufacture of Non-metallic Mineral Products",
    "24": "Manufacture of Basic Metals",
    "25": "Manufacture of Fabricated Metal Products",
    "26": "Manufacture of Electronic Parts and Components",
    "27": "Manufacture of Computers, Electronic and Optical Products",
    "28": "Manufacture of Electrical Equipment",
    "29": "Manufacture of Machinery and Equipment",
    "30": "Manufacture of Motor Vehicles and Parts",
    "31": "Manufacture of Other Transport Equipment and Parts",
    "32": "Manufacture of Furniture",
    "33": "Other Manufacturing",
    "34": "Repair and Installation of Industrial Machinery and Equipment",
    "35": "Electricity and Gas Supply",
    "36": "Water Supply",
    "37": "Wastewater and Sewage Treatment",
    "38": "Waste Collection, Treatment and Disposal Activities; Materials Recovery",
    "39": "Remediation Activities",
    "41": "Construction of Buildings",
    "42": "Civil Engineering",
    "43": "Specialized Construction Activities",
    "45": "Wholesale Trade",
    "46": "Wholesale Trade",
    "47": "Retail Trade",
    "48": "Retail Trade",
    "49": "Land Transportation",
    "50": "Water Transportation",
    "51": "Air Transportation",
    "52": "Supporting Activities for Transportation",
    "53": "Warehousing and Storage",
    "54": "Postal and Courier Activities",
    "55": "Accommodation",
    "56": "Food and Beverage Service Activities",
    "58": "Publishing Activities",
    "59": "Motion Picture and Television Programme Activities; Sound Recording and Music Publishing Activities",
    "60": "Radio and Television Programming and Broadcasting Activities",
    "61": "Telecommunications",
    "62": "Computer Programming, Consultancy and Related Activities",
    "63": "Information Service Activities",
    "64": "Financial Service Activities",
    "65": "Insurance",
    "66": "Securities and Futures Activities; Activities Auxiliary to Financial Services",
    "67": "Real Estate Development",
    "68": "Real Estate Operation and Related Service Activities",
    "69": "Legal and Accounting Activities",
    "70": "Activities of Head Offices; Management Consultancy Activities",
    "71": "Architectural and Engineering Activities; Technical Testing and Analysis",
    "72": "Research and Development",
    "73": "Advertising and Market Research",
    "74": "Specialized Design Activities",
    "75": "Veterinary Activities",
    "76": "Other Professional, Scientific and Technical Activities",
    "77": "Rental and Leasing Activities",
    "78": "Employment Placement and Labour Supply Activities",
    "79": "Travel Agency and Related Activities",
    "80": "Security and Investigation Activities",
    "81": "Services to Buildings and Landscape Activities",
    "82": "Administrative Support Service Activities",
    "83": "Public Administration and Defence; Compulsory Social Security",
    "85": "Education",
    "86": "Human Health Activities",
    "87": "Residential Care Activities",
    "88": "Other Social Work Activities",
    "90": "Creative and Performing Arts Activities",
    "91": "Libraries, Archives, Museums and Similar Institutions",
    "92": "Gambling and Betting Activities",
    "93": "Sports, Amusement and Recreation Activities",
    "94": "Religious, Professional and Similar Organizations",
    "95": "Repair of Personal and Household Goods",
    "96": "Other Service Activities n.e.c.",
}
"""The English name of each 2-digit division (中類), for the English pages."""


# Rev. 11 makes 批發業 one division numbered 45–46 and 零售業 one numbered 47–48: their groups
# (小類) run 451–458 and 461–469, 471–476 and 481–487 (DGBAS 行業統計分類第11次修正, as
# published in the MOHW TW Core IG code system "industry-dgbas-tw",
# https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/industry-dgbas-tw). A 2-digit code names
# the groups that begin with it; the scope says which, so the two same names read apart.
DIVISION_SCOPES: dict[str, str] = {
    "45": "商品經紀、綜合商品、農產原料、食品飲料、布疋服飾、家用器具、藥品化粧品、文教育樂用品",
    "46": "建材、化學原材料、燃料、機械器具及電腦、汽機車及零配件、回收物料等",
    "47": "便利商店及百貨等綜合商品、食品飲料、布疋服飾、家用器具、藥品化粧品、文教育樂用品",
    "48": "建材、加油站、資訊通訊設備、汽機車、花卉及中古商品、攤販、網路購物及直銷",
}
"""What the divisions that share a name (批發業 45/46, 零售業 47/48) each cover."""

DIVISION_SCOPES_EN: dict[str, str] = {
    "45": "brokers, general goods, farm produce, food and drink, textiles and clothing, "
    "household goods, medicines and cosmetics, books, sports goods and toys",
    "46": "building materials, chemicals, fuels, machinery and computers, vehicles and parts, "
    "recycled materials and others",
    "47": "convenience and department stores, food and drink, textiles and clothing, "
    "household goods, medicines and cosmetics, books, sports goods and toys",
    "48": "building materials, petrol stations, computers and phones, vehicles, flowers and "
    "second-hand goods, market stalls, online shopping and direct selling",
}
"""The English of :data:`DIVISION_SCOPES`."""


def division_label(code: str, lang: str = "zh") -> str:
    """A division as a person picks it: ``56 餐飲業``; the divisions that share a name carry
    their scope: ``47 零售業（便利商店及百貨等綜合商品、…）``."""
    if lang == "en":
        scope = DIVISION_SCOPES_EN.get(code)
        return f"{code} {DIVISION_NAMES_EN[code]}" + (f" ({scope})" if scope else "")
    scope = DIVISION_SCOPES.get(code)
    return f"{code} {DIVISION_NAMES[code]}" + (f"（{scope}）" if scope else "")


def section_name(code: str, lang: str = "zh") -> str:
    """The name of the section (大類) a division belongs to: 56 → 住宿及餐飲業."""
    letter = DIVISIONS[code]
    return SECTION_NAMES_EN[letter] if lang == "en" else SECTIONS[letter][0]


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
