"""Finance counselling (財務輔導)."""

from __future__ import annotations

from smewindow.rules.logic import Coalesce, Field, IsIn, OnlyIfTrue, Or
from smewindow.rules.model import Benefit, Criterion, Program, Window
from smewindow.rules.predicates import (
    COMPANY_OR_BUSINESS,
    is_false,
    is_true,
    registered_as,
    sme_criteria,
    sme_size_criterion,
    yes_criterion,
)

_COUNSELING = "seed: 財務(一)"
FINANCING_COUNSELING = Program(
    id="financing-counseling",
    name="中小微企業融資輔導（馬上辦服務中心、融資協處、債務協商）",
    name_en="Financing counselling, loan mediation and debt negotiation",
    group="finance",
    source=_COUNSELING,
    url="https://0800056476.sme.gov.tw",
    criteria=sme_criteria(_COUNSELING),
    benefit=Benefit("counselling"),
    windows=(Window("finance.financing_counseling_window"),),
    next_steps="撥打馬上辦服務中心諮詢融資問題，由專人轉介融資協處或協助召開債權債務協商會議。",
    next_steps_en=(
        "Call the SME one-stop service centre (馬上辦服務中心) about your financing problem; its staff"
        " will refer you for loan mediation or help convene a debt negotiation meeting with your"
        " creditors."
    ),
    contact="馬上辦服務中心 0800-056-476",
    contact_en="SME one-stop service centre (馬上辦服務中心) 0800-056-476",
)

_INVESTMENT = "seed: 財務(二)"
SME_INVESTMENT = Program(
    id="sme-investment",
    name="加強投資中小企業（國發基金搭配投資）",
    name_en="National Development Fund co-investment in SMEs",
    group="finance",
    source=_INVESTMENT,
    url="https://www.sme.gov.tw",
    criteria=(
        Criterion(
            "registered_or_operating_in_taiwan",
            "國內設立登記之中小企業，或主要營業活動於我國之境外中小企業",
            "An SME registered in Taiwan, or an SME registered abroad whose main business"
            " activities are in Taiwan",
            _INVESTMENT,
            Or(registered_as(*COMPANY_OR_BUSINESS), is_true("main_operations_in_taiwan")),
        ),
        sme_size_criterion(),
        Criterion(
            "not_listed",
            "非為上市、上櫃企業（興櫃不在此限）",
            "Not listed on the stock exchange (TWSE) or the over-the-counter market (TPEx);"
            " companies on the emerging stock board may apply",
            _INVESTMENT,
            # The profile's is_listed includes 興櫃; only 上市 and 上櫃 are excluded.
            Coalesce(
                IsIn(Field("listed_market"), frozenset({"emerging"})),
                OnlyIfTrue(is_false("is_listed")),
            ),
        ),
    ),
    benefit=Benefit("service"),
    windows=(Window("finance.sme_investment_window"),),
    next_steps="透過中小企業募資需求申請提出募資需求，由投資專案辦公室提供投資諮詢與資源媒合。",
    next_steps_en=(
        "Submit your fundraising needs through the SME fundraising request form (中小企業募資需求申請); the"
        " investment project office then gives investment advice and matches you with resources."
    ),
    contact="中企署投資專案辦公室 夏專員、陳專員 02-2368-0816#342",
    contact_en=(
        "Investment project office of the SME and Startup Administration (中企署投資專案辦公室), officers"
        " Hsia and Chen (夏專員、陳專員) 02-2368-0816#342"
    ),
)

_CAPABILITY = "seed: 財務(三)"
FINANCIAL_CAPABILITY = Program(
    id="financial-capability",
    name="強化中小企業財務能力（榮譽會計師、虛擬財務長）",
    name_en="Financial capability: honorary accountants and a virtual CFO",
    group="finance",
    source=_CAPABILITY,
    url="https://www.sme.gov.tw",
    criteria=(
        *sme_criteria(_CAPABILITY),
        yes_criterion(
            "operating_normally",
            "正常營運之中小企業",
            "An SME operating normally",
            _CAPABILITY,
            "operating_normally",
        ),
    ),
    benefit=Benefit("counselling"),
    windows=(Window("finance.financial_capability_window"),),
    next_steps="申請榮譽會計師財會諮詢與診斷輔導，或使用虛擬財務長服務平台。",
    next_steps_en=(
        "Apply for accounting and finance advice and a diagnosis from an honorary accountant, or"
        " use the virtual CFO service platform (虛擬財務長)."
    ),
    contact="新創總會 謝穎婷主任 02-2332-8558#399",
    contact_en=(
        "National startup and SME association (新創總會), director Hsieh (謝穎婷主任) 02-2332-8558#399"
    ),
)

PROGRAMS = (FINANCING_COUNSELING, SME_INVESTMENT, FINANCIAL_CAPABILITY)
