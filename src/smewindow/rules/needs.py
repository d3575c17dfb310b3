"""What a firm wants help with (the profile's ``needs``), and which programs serve each need.

The needs decide no eligibility: they choose which programs the interview asks about first
and which the results put forward. A program serves a need when helping with it is the
program's purpose in the plan (the seed's section, named beside each program below).

    >>> sorted(programs_for_needs(["hiring"]))
    ['wage-raise-deduction', 'wage-raise-extra-guarantee', 'youth-senior-hiring-deduction']
    >>> need_label("hiring"), need_label("hiring", "en")
    ('增僱與加薪', 'Hiring and pay raises')
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

from smewindow.rules.profile import enum_values
from smewindow.rules.programs import PROGRAMS

NEEDS: tuple[str, ...] = enum_values("needs")
"""Every need, in the order the interview offers them."""

_LABELS: dict[str, tuple[str, str]] = {
    "funding": ("資金與貸款", "Funding and loans"),
    "hiring": ("增僱與加薪", "Hiring and pay raises"),
    "training": ("員工培訓", "Staff training"),
    "digital": ("數位轉型", "Going digital"),
    "ai": ("導入AI", "Using AI"),
    "netzero": ("減碳與節能", "Cutting carbon and saving energy"),
    "domestic_sales": ("國內通路", "Selling in Taiwan"),
    "export": ("海外市場", "Selling abroad"),
    "brand": ("品牌", "Building a brand"),
    "tax": ("租稅優惠", "Tax incentives"),
    "investment": ("募資", "Raising equity investment"),
}

PROGRAM_NEEDS: MappingProxyType[str, frozenset[str]] = MappingProxyType(
    {
        # 策略1 數位轉型: free digital and AI courses (中小企業網路大學校, AI主題專區)
        "sme-elearning": frozenset({"training", "digital", "ai"}),
        # 策略1: trusted AI tools and services for a firm's AI needs (SME AI平台)
        "sme-ai-platform": frozenset({"ai", "digital"}),
        # 策略1: grouping by AI readiness, diagnosis, bringing in AI tools (中小微計畫網站)
        "ai-readiness-diagnosis": frozenset({"ai", "digital"}),
        # 配套1.1: employees' digital (and AI) courses of 12 hours or more, paid back
        "digital-training-subsidy": frozenset({"training", "digital", "ai"}),
        # 製造業(一): cloud solutions bought with digital points
        "cloud-market-digital-points": frozenset({"digital"}),
        # 製造業(二): AI solutions bought with digital points
        "cloud-market-ai-points": frozenset({"ai", "digital"}),
        # 製造業(三): 數位轉型 or 精實管理 counselling of the production process
        "livelihood-industry-transformation": frozenset({"digital"}),
        # 製造業(四): AI talent training and AI application counselling by associations
        "ai-talent-and-application": frozenset({"ai", "training", "digital"}),
        # 製造業(五): brand strategy, communication, 品牌拓銷 and management
        "brand-counseling": frozenset({"brand"}),
        # 服務業(一): free graded AI courses for people in services
        "service-ai-talent": frozenset({"ai", "training"}),
        # 策略2 淨零轉型 擴大減碳輔導: carbon tools, expert visits, low-carbon counselling
        "carbon-reduction-service": frozenset({"netzero"}),
        # 策略2 推動節能改善: ESCO energy-saving matchmaking and diagnosis
        "esco-energy-saving": frozenset({"netzero"}),
        # 策略2 推動節能改善: subsidy for efficient compressors, fans and utilities
        "power-equipment-subsidy": frozenset({"netzero"}),
        # 服務業(二): subsidy for energy-efficient equipment and ESCO projects
        "service-energy-equipment-subsidy": frozenset({"netzero"}),
        # 製造業(六): circular-economy and net-zero seminars and diagnosis
        "circular-netzero-diagnosis": frozenset({"netzero"}),
        # 策略3 促進在地經濟: an online channel zone and domestic retail matchmaking
        "iopen-mall-local-gifts": frozenset({"domestic_sales"}),
        # 通路(一): food firms into foreign channels under the Taiwan Select brand
        "taiwan-select": frozenset({"export"}),
        # 通路(二): award-winning products promoted abroad as Taiwan Excellence
        "taiwan-excellence": frozenset({"export", "brand"}),
        # 通路(三): subsidy for overseas channels (branches, showrooms, warehouses)
        "overseas-channel-subsidy": frozenset({"export"}),
        # 通路(四): subsidy for overseas trade shows
        "overseas-exhibition-subsidy": frozenset({"export"}),
        # 通路(六): 國內外市場 counselling, 品牌型塑, local specialty products
        "local-specialty-channel": frozenset({"domestic_sales", "export", "brand"}),
        # 配套1.2: the preferential loan with interest subsidy and credit guarantee
        "transformation-loan": frozenset({"funding"}),
        # 配套2: R&D investment tax credit
        "rd-investment-credit": frozenset({"tax"}),
        # 配套2: deferred tax on shares received for intellectual property (作價入股)
        "ip-equity-tax-deferral": frozenset({"tax", "investment"}),
        # 配套2: 200% deduction for hiring young or senior base-level staff
        "youth-senior-hiring-deduction": frozenset({"hiring", "tax"}),
        # 配套2: 175% deduction for pay raises
        "wage-raise-deduction": frozenset({"hiring", "tax"}),
        # 配套3: extra guaranteed credit for firms raising pay
        "wage-raise-extra-guarantee": frozenset({"funding", "hiring"}),
        # 財務(一): financing advice, loan mediation, debt negotiation
        "financing-counseling": frozenset({"funding"}),
        # 財務(二): the National Development Fund invests beside private investors (資金)
        "sme-investment": frozenset({"investment", "funding"}),
        # 財務(三): honorary accountants, finance skills, 融資實務, a virtual CFO
        "financial-capability": frozenset({"funding"}),
    }
)
"""The needs each program serves, by program id (every program serves at least one)."""


def programs_for_needs(needs: Iterable[str] | None) -> frozenset[str]:
    """The ids of the programs serving any of ``needs``; every program when ``needs`` is
    None or empty (a firm that has not said what it needs is offered everything)."""
    wanted = frozenset(needs or ())
    if not wanted:
        return frozenset(p.id for p in PROGRAMS)
    return frozenset(pid for pid, served in PROGRAM_NEEDS.items() if served & wanted)


def need_label(need: str, lang: str = "zh") -> str:
    """A need's label in Chinese (zh) or English (en)."""
    zh, en = _LABELS[need]
    return en if lang == "en" else zh
