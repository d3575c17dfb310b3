"""The demo catalogue: the seed's own records plus a generated catalogue whose counts match
the seed's tables, as CSV files in ``catalog/data/`` in the official columns.

- ``seed_*.csv`` are transcribed by hand from the seed; each row's 出處 cites its lines.
  Where the seed is silent a cell is blank (unknown); a value inferred rather than read
  (a provider's type from its legal form) says so in 出處.
- ``demo_*.csv`` are written by ``python -m smewindow.catalog.demo`` (deterministic; a test
  fails when they differ from what it writes). Every generated name starts with （示範）,
  every generated URL is on example.com, and the loader marks the records ``is_demo``.
  Generated providers have no 統一編號: a made-up number could be a real firm's.

The targets (each cites the seed):
- 84 providers by type and region (``PROVIDER_TABLE``). The table has only 北/中/南
  columns, yet the seed's own list has a provider in 連江縣 (離島), 巨匠 is 「全區」 and
  華岡 has no address: ``table_column`` counts such providers under 北區 (UNCONFIRMED).
- 592 manufacturing courses by industry (``INDUSTRY_TABLE``; the seed's "79 堂" for the
  industry-specific courses disagrees with its own rows, which add up to 116).
- 91 AI-zone courses of 中小企業網路大學校 by category (``AI_ZONE_TABLE``).
"""

from __future__ import annotations

import csv
import io
import itertools
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from smewindow.catalog.regions import REGION_OF_COUNTY, county_of_address, region_code

DEMO_DIR = Path(__file__).resolve().parent / "data"
MARK = "（示範）"
DEMO_URL = "https://example.com/smewindow-demo"

PROVIDER_TABLE: dict[str, dict[str, int]] = {
    "公協會": {"north": 21, "central": 6, "south": 7},
    "法人": {"north": 7, "central": 3, "south": 1},
    "學校": {"north": 5, "central": 5, "south": 2},
    "民間單位": {"north": 20, "central": 3, "south": 4},
}
"""開課單位家數 by type and region (seed lines 461–467; 總數 84 = 53 + 17 + 14)."""

INDUSTRY_TABLE: dict[str, int] = {
    "塑膠製品": 40,
    "電機電子": 16,
    "紡織業": 15,
    "機械設備": 26,
    "運輸工具": 3,
    "金屬製品": 16,
    "共通性": 476,
}
"""製造業課程 by industry (seed lines 473–482; 總計 592)."""

AI_ZONE: dict[str, tuple[str, ...]] = {
    "基礎知識": ("AI 基本知識", "AI 應用趨勢"),
    "工具/方法": ("GAI 特定應用工具", "GAI 通用工具", "AI 開發程式工具", "AI 導入方法"),
    "實務應用": ("AI 產業應用", "AI 應有思維"),
    "國際大廠": ("AI 基礎知識", "AI 產業應用"),
}
AI_ZONE_TABLE: dict[str, int] = {"基礎知識": 12, "工具/方法": 40, "實務應用": 24, "國際大廠": 15}
"""AI主題專區 courses by category and their subcategories (seed lines 146–194; 91 門)."""

AI_ZONE_PROVIDER = "中小企業網路大學校"
AI_ZONE_NAME = "AI主題"


@dataclass(frozen=True)
class DemoFile:
    """One file of the demo catalogue and how it is imported."""

    kind: str
    filename: str
    options: dict[str, Any] = field(default_factory=dict)


MANIFEST: tuple[DemoFile, ...] = (
    DemoFile("providers", "seed_providers.csv", {"unknown_ok": True}),
    DemoFile("providers", "seed_elearning_provider.csv", {"unknown_ok": True, "approved": False}),
    DemoFile("providers", "demo_providers.csv", {"is_demo": True}),
    DemoFile("courses", "seed_courses.csv", {"unknown_ok": True, "track": "manufacturing"}),
    DemoFile("courses", "demo_courses.csv", {"is_demo": True, "track": "manufacturing"}),
    DemoFile("courses", "demo_services_courses.csv", {"is_demo": True, "track": "services"}),
    DemoFile(
        "courses",
        "demo_ai_zone_courses.csv",
        {"is_demo": True, "track": "", "zone": AI_ZONE_NAME, "approved": False},
    ),
    DemoFile("sessions", "seed_sessions.csv", {"unknown_ok": True}),
    DemoFile("software", "demo_software.csv", {"is_demo": True}),
)
"""The files in loading order: providers before their courses, courses before sessions."""


def table_column(region: str) -> str:
    """The column of the seed's provider table (北/中/南) that counts a provider of
    ``region``: its own for 北, 中 and 南; 北 for 東, 離島 and unknown (UNCONFIRMED)."""
    return region if region in ("north", "central", "south") else "north"


def provider_region(row: dict[str, str]) -> str:
    """A provider row's region: from its address's county, else its 區域 cell."""
    county = county_of_address(row.get("連絡地址", ""))
    return REGION_OF_COUNTY[county] if county else region_code(row.get("區域", "")) or ""


def read_csv(filename: str) -> list[dict[str, str]]:
    """The rows of a demo file."""
    with (DEMO_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the generator -------------------------------------------------------------------

_COUNTIES = {
    "north": ("臺北市", "新北市", "桃園市", "新竹市", "新竹縣", "基隆市", "宜蘭縣"),
    "central": ("臺中市", "彰化縣", "苗栗縣", "南投縣", "雲林縣"),
    "south": ("高雄市", "臺南市", "屏東縣", "嘉義市", "嘉義縣"),
}
_PROVIDER_NAMES = {
    "公協會": ("數位轉型推廣協會", "智慧製造協會", "電子商務發展協會", "工業同業公會"),
    "法人": ("產業創新研究中心", "數位發展基金會", "技術研究院"),
    "學校": ("科技大學推廣教育中心", "大學產學合作中心"),
    "民間單位": ("數位科技股份有限公司", "管理顧問有限公司", "資訊股份有限公司"),
}
_COURSE_THEMES: dict[str, tuple[tuple[str, str], ...]] = {
    "塑膠製品": (("塑膠射出成型 AI 品質預測", "生產管理"), ("塑膠產業生成式 AI 應用", "行銷管理")),
    "電機電子": (("電子組裝 AI 瑕疵檢測", "生產管理"), ("電機產線預測保養", "生產管理")),
    "紡織業": (("紡織品牌數位行銷", "行銷管理"), ("AI 布料設計應用", "生產管理")),
    "機械設備": (("CNC 加工數據分析", "生產管理"), ("機械設計 CAD/CAM AI 應用", "生產管理")),
    "運輸工具": (("車輛零組件 3D 設計與 AI", "生產管理"),),
    "金屬製品": (("金屬加工 AI 品質管理", "生產管理"), ("金屬製品 Python 資料分析", "生產管理")),
    "共通性": (
        ("生成式 AI 辦公應用", "人資管理"),
        ("Python 資料分析", "生產管理"),
        ("Power BI 數據視覺化", "生產管理"),
        ("數位行銷與社群經營", "行銷管理"),
        ("資訊安全管理", "生產管理"),
        ("雲端協作工具", "人資管理"),
        ("ERP 導入實務", "生產管理"),
        ("AI 客服機器人建置", "行銷管理"),
        ("電子商務經營", "行銷管理"),
        ("碳盤查數位工具", "生產管理"),
    ),
}
_SERVICES_THEMES = (  # the service trades the plan's measures name (seed 策略2, 配套1.1)
    ("零售業 POS 與會員數據分析", "行銷管理"),
    ("餐飲業智慧點餐與庫存管理", "生產管理"),
    ("物流倉儲數位化與路線規劃", "生產管理"),
    ("服務業生成式 AI 行銷文案", "行銷管理"),
    ("電商平台經營與數據分析", "行銷管理"),
    ("服務業 AI 客服與預約系統", "人資管理"),
)
SERVICES_COURSES = 30
"""Demo courses of the services track: the seed gives no count for them (UNCONFIRMED), so a
small, clearly marked set lets a services firm try the whole application in the demo round."""
_HOURS = ((18, 0), (12, 0), (6, 6), (0, 12), (12, 6), (3, 9))
_SOFTWARE = (  # the tools of the seed's AI application advice (seed lines 888–941)
    ("協同知識管理", 891),
    ("即時庫存管理", 892),
    ("生成式 AI 報告", 893),
    ("碳管理系統", 894),
    ("生成式 AI 行銷", 895),
    ("影像辨識管理", 896),
    ("智慧客服", 936),
    ("行銷管理", 937),
    ("AI精準會員分析", 938),
    ("庫存管理", 939),
    ("智慧點餐", 940),
    ("需求預測", 941),
)
_VENDORS = ("雲端軟體股份有限公司", "智慧資訊有限公司", "數據科技股份有限公司")
_PRICES = (12000, 24000, 36000, 9900, 48000, 18000)
_GENERATED = "示範資料（smewindow.catalog.demo 產生）"


K = TypeVar("K")


def _remaining(target: dict[K, int], seed: Counter[K]) -> dict[K, int]:
    """What the generator adds to the seed's records to reach the table's counts."""
    left = {key: count - seed[key] for key, count in target.items()}
    assert all(n >= 0 for n in left.values()), f"the seed has more than the table: {left}"
    return left


def _providers() -> list[dict[str, str]]:
    seed = Counter(
        (row["機構類型"], table_column(provider_region(row)))
        for row in read_csv("seed_providers.csv")
    )
    rows: list[dict[str, str]] = []
    for type_, by_column in PROVIDER_TABLE.items():
        left = _remaining({(type_, c): n for c, n in by_column.items()}, seed)
        for (_, column), count in left.items():
            for i in range(count):
                county = _COUNTIES[column][i % len(_COUNTIES[column])]
                theme = _PROVIDER_NAMES[type_][i % len(_PROVIDER_NAMES[type_])]
                rows.append(
                    {
                        "機構名稱": f"{MARK}{county}{theme}{len(rows) + 1:02d}",
                        "機構類型": type_,
                        "連絡地址": f"{county}（示範地址，非真實機構）",
                        "出處": f"{_GENERATED}，依 seed 第 461–467 行開課單位統計表",
                    }
                )
    return rows


def _course_row(
    number: int, code: str, theme: str, provider: str, trade: str, **cells: str
) -> dict[str, str]:
    """One generated course: ``code`` and ``number`` make its code, ``trade`` is who it
    serves; its hours come from ``_HOURS`` in turn (``cells``: the rest)."""
    physical, online = _HOURS[(number - 1) % len(_HOURS)]
    return {
        "課程代碼": f"DEMO-{code}{number:03d}",
        "課程名稱": f"{MARK}{theme}（第 {number:03d} 班）",
        "機構名稱": provider,
        "實體時數": str(physical),
        "線上時數": str(online),
        "課程簡介": f"示範資料，非公告課程。{theme}：以實作帶領{trade}業者導入數位工具。",
        **cells,
    }


def _courses(providers: list[dict[str, str]]) -> list[dict[str, str]]:
    seed = Counter(row["行業別"] for row in read_csv("seed_courses.csv"))
    names = itertools.cycle([p["機構名稱"] for p in providers])
    rows: list[dict[str, str]] = []
    for industry, count in _remaining(INDUSTRY_TABLE, seed).items():
        themes = _COURSE_THEMES[industry]
        for i in range(count):
            number = len(rows) + 1
            theme, topic = themes[i % len(themes)]
            rows.append(
                _course_row(
                    number,
                    "M",
                    theme,
                    next(names),
                    industry,
                    網址=f"{DEMO_URL}/courses/{number:03d}",
                    行業別=industry,
                    類別=topic,
                    出處=f"{_GENERATED}，依 seed 第 473–482 行課程分類表",
                )
            )
    return rows


def _services_courses(providers: list[dict[str, str]]) -> list[dict[str, str]]:
    names = itertools.cycle([p["機構名稱"] for p in providers])
    rows: list[dict[str, str]] = []
    for number in range(1, SERVICES_COURSES + 1):
        theme, topic = _SERVICES_THEMES[number % len(_SERVICES_THEMES)]
        rows.append(
            _course_row(
                number,
                "S",
                theme,
                next(names),
                "服務",
                網址=f"{DEMO_URL}/services-courses/{number:03d}",
                行業別="共通性",
                類別=topic,
                出處=f"{_GENERATED}，服務業軌示範課程（seed 未列數量）",
            )
        )
    return rows


def _ai_zone_courses() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for category, count in AI_ZONE_TABLE.items():
        subcategories = AI_ZONE[category]
        for i in range(count):
            number = len(rows) + 1
            sub = subcategories[i % len(subcategories)]
            rows.append(
                {
                    "課程代碼": f"DEMO-AI{number:02d}",
                    "課程名稱": f"{MARK}{category}｜{sub} 第 {i + 1} 講",
                    "機構名稱": AI_ZONE_PROVIDER,
                    "實體時數": "0",
                    "線上時數": str(1 + number % 2),
                    "課程簡介": f"示範資料，非網路大學校實際課程。AI主題專區「{category}」之「{sub}」線上課程。",
                    "網址": f"{DEMO_URL}/ai-zone/{number:02d}",
                    "類別": category,
                    "出處": f"{_GENERATED}，依 seed 第 146–194 行 AI主題專區",
                }
            )
    return rows


def _software() -> list[dict[str, str]]:
    return [
        {
            "軟體名稱": f"{MARK}{tool.removesuffix('系統')}系統",  # not 碳管理系統系統
            "廠商名稱": f"{MARK}{_VENDORS[i % len(_VENDORS)]}",
            "類別": tool,
            "售價": str(_PRICES[i % len(_PRICES)]),
            "網址": f"{DEMO_URL}/software/{i + 1:02d}",
            "出處": f"{_GENERATED}，類別取自 seed 第 {line} 行之應用工具",
        }
        for i, (tool, line) in enumerate(_SOFTWARE)
    ]


def generate() -> dict[str, str]:
    """The generated files' text by file name (deterministic)."""
    providers = _providers()
    tables = {
        "demo_providers.csv": providers,
        "demo_courses.csv": _courses(providers),
        "demo_services_courses.csv": _services_courses(providers),
        "demo_ai_zone_courses.csv": _ai_zone_courses(),
        "demo_software.csv": _software(),
    }
    return {name: _csv_text(rows) for name, rows in tables.items()}


def _csv_text(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["序號", *rows[0]], lineterminator="\n")
    writer.writeheader()
    for number, row in enumerate(rows, start=1):
        writer.writerow({"序號": str(number), **row})
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    """Write the generated files; with ``--check``, only say whether they are up to date."""
    files = generate()
    stale = [
        name
        for name, text in files.items()
        if not (DEMO_DIR / name).exists() or (DEMO_DIR / name).read_text("utf-8") != text
    ]
    if "--check" in argv:
        print("stale: " + ", ".join(stale) if stale else "up to date")
        return 1 if stale else 0
    for name, text in files.items():
        (DEMO_DIR / name).write_text(text, "utf-8")
    print(f"wrote {len(files)} files to {DEMO_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
