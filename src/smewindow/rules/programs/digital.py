"""Strategy 1 — digital transformation (數位轉型), and 配套1.1 the training subsidy."""

from __future__ import annotations

from smewindow.rules import training
from smewindow.rules.logic import (
    And,
    Coalesce,
    Const,
    Field,
    IfElse,
    OnlyIfTrue,
    Or,
    Param,
    implies,
    largest_possible,
    maximum,
    minimum,
)
from smewindow.rules.model import Benefit, Criterion, Program, Window
from smewindow.rules.predicates import (
    COMPANY_OR_BUSINESS,
    SERVICES_UNSETTLED_NOTE,
    SERVICES_UNSETTLED_NOTE_EN,
    has_product,
    holds_factory_registration,
    in_services_track,
    is_false,
    is_manufacturer,
    is_service_business,
    is_true,
    plan_sme_criteria,
    registered_criterion,
    sme_criteria,
    sme_size_criterion,
    thirty_or_fewer,
    yes_criterion,
)

DESK = "馬上辦服務中心 0800-056-476（單一窗口）"
DESK_EN = "SME one-stop service centre (馬上辦服務中心) 0800-056-476"
TRAINING = "seed: 配套1.1 補助對象"
TRAINING_RULES = "https://www.sme.gov.tw/30ai"

SME_ELEARNING = Program(
    id="sme-elearning",
    name="中小企業網路大學校（免費數位課程、AI主題專區）",
    name_en="SME e-learning university (free courses, AI zone)",
    group="digital",
    source="seed: 策略1 中小企業網路大學校",
    url="https://www.smelearning.org.tw",
    criteria=(),
    benefit=Benefit("training"),
    windows=(Window("digital.elearning_window"),),
    next_steps="至中小企業網路大學校免費註冊會員，選讀六大學院與AI主題專區的課程。",
    next_steps_en=(
        "Sign up free as a member of the SME e-learning university (中小企業網路大學校) and take courses"
        " from its six schools and its AI zone."
    ),
    contact=f"中小企業網路大學校 https://www.smelearning.org.tw；{DESK}",
    contact_en=f"SME e-learning university (中小企業網路大學校) https://www.smelearning.org.tw; {DESK_EN}",
)

SME_AI_PLATFORM = Program(
    id="sme-ai-platform",
    name="SME AI平台（可信AI工具與服務）",
    name_en="SME AI platform (trusted AI tools and services)",
    group="digital",
    source="seed: 策略1 SME AI平台",
    url="https://www.smeai.tw/service/index",
    criteria=(),
    benefit=Benefit("service"),
    windows=(Window("digital.ai_platform_window"),),
    next_steps="至SME AI平台依產業特性查找推薦的可信AI工具與資源。",
    next_steps_en=(
        "On the SME AI platform, look up the trusted AI tools and resources it recommends for your"
        " industry."
    ),
    contact=f"SME AI平台 https://www.smeai.tw/service/index；{DESK}",
    contact_en=f"SME AI platform https://www.smeai.tw/service/index; {DESK_EN}",
)

AI_READINESS_DIAGNOSIS = Program(
    id="ai-readiness-diagnosis",
    name="中小微計畫 AI 分群與診斷服務",
    name_en="AI readiness segmentation and diagnosis by technical institutes",
    group="digital",
    source="seed: 策略1 中小微計畫網站",
    url="https://0800056476.sme.gov.tw",
    criteria=plan_sme_criteria("seed: 策略1 中小微企業數位能力建構"),
    benefit=Benefit("counselling"),
    windows=(Window("digital.ai_diagnosis_window"),),
    next_steps="至中小微計畫網站填寫企業規模、需求與AI準備度，由技術法人安排診斷與導入建議。",
    next_steps_en=(
        "On the SME programme website (中小微計畫網站), fill in your firm's size, needs and AI readiness;"
        " a technical research institute then arranges a diagnosis and advises you on adopting AI."
    ),
    contact=f"中小微計畫網站 https://0800056476.sme.gov.tw；{DESK}",
    contact_en=f"SME programme website (中小微計畫網站) https://0800056476.sme.gov.tw; {DESK_EN}",
)

# A firm's trainees are its employees (本國籍在職員工, seed 配套1.1 補助標的): no more of them
# count than the larger of the head counts the profile knows (docs/rules-notes.md).
_head_count = Coalesce(
    maximum(Field("employees"), Field("employees_min_6m")),
    Coalesce(Field("employees"), Field("employees_min_6m")),
)
_counted_trainees = Coalesce(minimum(Field("trainees"), _head_count), Field("trainees"))
# The rule itself is rules/training.py; a trainee of unknown cost is priced at the cap.
_trainee_subsidy = training.firm_subsidy(
    _counted_trainees,
    _counted_trainees
    * training.trainee_subsidy(
        Coalesce(Field("training_cost_per_trainee"), Param("digital_training.per_trainee_cap"))
    ),
    Const(0),
)
_raise_bonus = IfElse(
    is_true("raise_wages_by_2026_06_30"), training.raise_bonus(_trainee_subsidy), Const(0)
)
# The most a firm can get: its trainees' subsidy (the firm cap while the trainees are
# unknown), with the raise bonus unless it has said it will not raise pay.
_training_max = Coalesce(_trainee_subsidy, Param("digital_training.firm_cap")) * largest_possible(
    is_true("raise_wages_by_2026_06_30"),
    Const(1) + Param("digital_training.raise_bonus_rate"),
    Const(1),
)

DIGITAL_TRAINING_SUBSIDY = Program(
    id="digital-training-subsidy",
    name="30人以下中小微企業數位轉型培力補助",
    name_en="Digital-skills training subsidy for firms of 30 or fewer (support measure 1.1 of the plan, 配套1.1)",
    group="digital",
    source="seed: 配套1.1",
    url=TRAINING_RULES,
    criteria=(
        registered_criterion(TRAINING_RULES, *COMPANY_OR_BUSINESS, "tax_only"),
        sme_size_criterion(),
        Criterion(
            "thirty_or_fewer_employees",
            "最近{digital_training.headcount_months}內任一個月本國籍員工數"
            "{digital_training.max_employees}以下（{digital_training.disaster_from}以後天災災損"
            "經國稅局同意延期或分期繳稅，且足額進用身心障礙者之企業不受此限）",
            "At most {digital_training.max_employees} of ROC (Taiwan) nationality on the payroll in"
            " at least one of the last {digital_training.headcount_months} (not required of a firm"
            " that, after disaster damage from {digital_training.disaster_from} on, was allowed"
            " by the National Taxation Bureau to defer its taxes or pay them in instalments, and"
            " that employs its full quota of people with disabilities)",
            TRAINING,
            Or(
                thirty_or_fewer("digital_training.max_employees"),
                # The disability quota condition is from the program's FAQ (fact sheet §3).
                And(is_true("disaster_tax_deferral"), is_true("meets_disability_quota")),
            ),
        ),
        Criterion(
            "in_manufacturing_or_services_track",
            "屬製造業（中小及新創企業署）或服務業（商業發展署）" + SERVICES_UNSETTLED_NOTE,
            "In manufacturing (handled by the SME and Startup Administration, 中小及新創企業署) or in"
            " services (handled by the Administration of Commerce, 商業發展署)"
            + SERVICES_UNSETTLED_NOTE_EN,
            "seed: 配套1.1 計畫網站",
            Or(is_manufacturer(), is_service_business()),
        ),
        Criterion(
            "manufacturer_has_factory_registration",
            "製造業者具工廠登記、免辦工廠登記證明或納管工廠改善計畫",
            "A manufacturer holds a factory registration, a certificate that it need not register"
            " a factory, or an improvement plan for a factory under interim management (納管工廠)",
            TRAINING_RULES,
            implies(is_manufacturer(), is_true("factory_registration")),
            applies=is_manufacturer(),
        ),
        Criterion(
            "has_domestic_trainees",
            "有本國籍在職員工將完成公告清單課程累積{digital_training.min_hours}以上",
            "At least one current employee of ROC (Taiwan) nationality will complete"
            " {digital_training.min_hours} or more in total of courses on the published list",
            "seed: 配套1.1 補助標的",
            Field("trainees") >= 1,
        ),
        yes_criterion(
            "employs_priority_groups",
            "聘用身心障礙者、原住民、低收入戶者等優先獲補助",
            "Firms that employ people with disabilities, Indigenous people, people from low-income"
            " households and similar groups are subsidised first",
            TRAINING,
            "employs_priority_groups",
            required=False,
        ),
        yes_criterion(
            "raises_trained_staff_pay",
            "於{digital_training.raise_deadline}前為受訓基層員工加薪，加碼受補助金額"
            "{digital_training.raise_bonus_rate}",
            "Raising the pay of trained base-level (rank-and-file) employees by"
            " {digital_training.raise_deadline} adds {digital_training.raise_bonus_rate} to the"
            " subsidy",
            "seed: 配套1.1 加碼補助",
            "raise_wages_by_2026_06_30",
            required=False,
        ),
    ),
    benefit=Benefit(
        "grant",
        amount=_trainee_subsidy + _raise_bonus,
        max_amount=_training_max,
        summary=(
            "每位本國籍受訓員工最高{digital_training.per_trainee_cap}（實報實銷，須完成"
            "{digital_training.min_hours}以上課程），每家企業最高{digital_training.firm_cap}；"
            "於{digital_training.raise_deadline}前為受訓基層員工加薪，再加碼"
            "{digital_training.raise_bonus_rate}。"
        ),
        summary_en=(
            "Up to {digital_training.per_trainee_cap} for each trainee of ROC nationality (actual"
            " costs, for at least {digital_training.min_hours} of listed courses) and up to"
            " {digital_training.firm_cap} per firm; {digital_training.raise_bonus_rate} more if"
            " the firm raises the trained base-level employees' pay by"
            " {digital_training.raise_deadline}."
        ),
        detail={
            "per_trainee_cap": Param("digital_training.per_trainee_cap"),
            "firm_cap": Param("digital_training.firm_cap"),
            "min_hours": Param("digital_training.min_hours"),
            "raise_deadline": Param("digital_training.raise_deadline"),
            "track": IfElse(
                is_manufacturer(),
                Const("manufacturing"),
                IfElse(in_services_track(), Const("services"), Const(None)),
            ),
        },
        money_detail={"base_amount": _trainee_subsidy, "raise_bonus": _raise_bonus},
    ),
    windows=(Window("digital_training.window"),),
    next_steps=(
        "選定經濟部公告清單內的數位轉型或AI課程（每位本國籍員工累積{digital_training.min_hours}以上，可搭配軟體），"
        "於受理期間內線上申請（隨到隨審、經費用罄為止）；完成培訓後上傳結訓證明與發票請款。"
    ),
    next_steps_en=(
        "Choose digital-transformation or AI courses from the list published by the Ministry of"
        " Economic Affairs (at least {digital_training.min_hours} in total for each employee of ROC"
        " nationality;"
        " software may be included) and apply online during the application period (applications"
        " are reviewed as they arrive, until the budget runs out). After the training, upload the"
        " completion certificates and invoices to claim the subsidy."
    ),
    contact=(
        "製造業：經濟部中小及新創企業署 https://www.sme.gov.tw/30ai；"
        f"服務業：經濟部商業發展署 https://www.dttts.org.tw；{DESK}"
    ),
    contact_en=(
        "Manufacturing: SME and Startup Administration, Ministry of Economic Affairs"
        " (經濟部中小及新創企業署) https://www.sme.gov.tw/30ai; services: Administration of Commerce,"
        f" Ministry of Economic Affairs (經濟部商業發展署) https://www.dttts.org.tw; {DESK_EN}"
    ),
)


def _cloud_market(
    id: str, name: str, name_en: str, section: str, key: str, contact: str, contact_en: str
) -> Program:
    """The two 雲市集工業館 point programs differ only in names, amount and contact."""
    source = f"seed: 製造業{section}"
    return Program(
        id=id,
        name=name,
        name_en=name_en,
        group="digital",
        source=source,
        url="https://ai.cpc.tw/CMS/UserOn.html",
        criteria=(
            Criterion(
                "registered_business",
                "依公司法設立之本國公司",
                "A Taiwanese company incorporated under the Company Act",
                source,
                Field("registration_type").eq("company"),
            ),
            sme_size_criterion(),
            Criterion(
                "is_manufacturer",
                "中小型製造業者",
                "A small or medium-sized manufacturer",
                source,
                is_manufacturer(),
            ),
        ),
        benefit=Benefit(
            "points",
            amount=Param(f"digital.{key}_points"),
            summary=f"每家中小型製造業最高{{digital.{key}_points}}點數（1點折抵新臺幣1元），"
            "用於雲市集工業館上架的解決方案。",
            summary_en=f"Up to {{digital.{key}_points}} in points per small or medium-sized"
            " manufacturer (1 point = NT$1), for solutions listed in the cloud marketplace's"
            " industry hall.",
        ),
        windows=(Window(f"digital.{key}_window"),),
        next_steps="申請須知及受理期間尚待公告；公告後於雲市集工業館選購上架的解決方案並以點數折抵。",
        next_steps_en=(
            "The application guidelines and period have not been announced yet. Once they are,"
            " choose solutions listed in the cloud marketplace's industry hall (雲市集工業館)"
            " and pay for them with the points."
        ),
        contact=contact,
        contact_en=contact_en,
    )


CLOUD_MARKET_DIGITAL_POINTS = _cloud_market(
    "cloud-market-digital-points",
    "雲市集工業館 數位點數補助",
    "Cloud marketplace (industry hall) digital points",
    "(一)",
    "cloud_digital",
    "生產力中心 黃鈺棋專員 02-27090638 #281",
    "China Productivity Center (生產力中心), officer Huang (黃鈺棋專員) 02-27090638 #281",
)

CLOUD_MARKET_AI_POINTS = _cloud_market(
    "cloud-market-ai-points",
    "雲市集工業館 AI工具庫點數補助",
    "Cloud marketplace (industry hall) AI tool library points",
    "(二)",
    "cloud_ai",
    "生產力中心 李昭佑專員 02-27090638 #255",
    "China Productivity Center (生產力中心), officer Lee (李昭佑專員) 02-27090638 #255",
)

_LIVELIHOOD = "seed: 製造業(三)"
LIVELIHOOD_INDUSTRY_TRANSFORMATION = Program(
    id="livelihood-industry-transformation",
    name="民生產業（袋包、毛巾、烘焙食品、輔具）製造轉型",
    name_en="Manufacturing transformation for livelihood industries",
    group="digital",
    source=_LIVELIHOOD,
    url="https://www.sme.gov.tw",
    criteria=(
        Criterion(
            "makes_livelihood_products",
            "袋包、毛巾、烘焙食品或輔具相關產業",
            "In the bags, towels, baked goods or assistive devices industries",
            _LIVELIHOOD,
            has_product("bags", "towels", "bakery", "assistive_devices"),
        ),
        # 「具工廠登記證之廠商」: the certificate itself; an exemption or an improvement plan
        # (which factory_registration also counts) is not one.
        Criterion(
            "has_factory_registration",
            "具工廠登記證之廠商（僅有免辦工廠登記證明或納管工廠改善計畫者不符）",
            "Holds a factory registration certificate (a certificate of exemption from"
            " registering, or an improvement plan for a factory under interim management, is"
            " not enough)",
            _LIVELIHOOD,
            holds_factory_registration(),
        ),
    ),
    benefit=Benefit(
        "grant",
        amount=Param("digital.livelihood_government_share"),
        summary=(
            "每案政府款{digital.livelihood_government_share}，廠商自籌至少"
            "{digital.livelihood_self_funding_min}，輔導數位轉型或精實管理。"
        ),
        summary_en=(
            "{digital.livelihood_government_share} of government funding per project, with at"
            " least {digital.livelihood_self_funding_min} from the firm, for counselling on"
            " digital transformation or lean management."
        ),
        detail={
            "self_funding_min": Param("digital.livelihood_self_funding_min"),
            "project_ends": Param("digital.livelihood_project_end"),
        },
    ),
    windows=(
        Window("digital.livelihood_window", has_product("bags", "towels", "bakery")),
        Window("digital.livelihood_window_assistive_devices", has_product("assistive_devices")),
    ),
    next_steps="自行與執行單位（鞋技中心）聯絡提出申請，經實地診斷後規劃數位轉型或精實管理輔導。",
    next_steps_en=(
        "Contact the implementing organisation, the Footwear and Recreation Technology Research"
        " Institute (鞋技中心), yourself to apply; after an on-site diagnosis it plans counselling on"
        " digital transformation or lean management for you."
    ),
    contact="鞋技中心 林小姐 04-23590112 #323",
    contact_en=(
        "Footwear and Recreation Technology Research Institute (鞋技中心), Ms. Lin (林小姐) 04-23590112"
        " #323"
    ),
)

_AI_TALENT = "seed: 製造業(四)"
AI_TALENT_AND_APPLICATION = Program(
    id="ai-talent-and-application",
    name="鼓勵企業培育AI人才及AI應用（公協會）",
    name_en="AI talent and AI application through industry associations",
    group="digital",
    source=_AI_TALENT,
    url="https://www.sme.gov.tw",
    criteria=(
        *sme_criteria(_AI_TALENT),
        Criterion(
            "fewer_than_200_employees",
            "經常僱用員工數未滿{digital.ai_talent_employees_below}",
            "A regular workforce of fewer than {digital.ai_talent_employees_below}",
            _AI_TALENT,
            Field("employees") < Param("digital.ai_talent_employees_below"),
        ),
    ),
    benefit=Benefit("counselling"),
    windows=(Window("digital.ai_talent_window"),),
    next_steps="將於近期開始受理企業培訓或輔導，可向所屬產業公協會或中企署洽詢。",
    next_steps_en=(
        "Training and counselling for firms will open for applications soon; ask your industry"
        " association or the SME and Startup Administration (中企署)."
    ),
    contact="中企署 游雅涵專員 02-2368-0816#221",
    contact_en="SME and Startup Administration (中企署), officer Yu (游雅涵專員) 02-2368-0816#221",
)

_BRAND = "seed: 製造業(五)"
BRAND_COUNSELING = Program(
    id="brand-counseling",
    name="中小企業製造業品牌輔導（品牌基盤／品牌主題）",
    name_en="Brand counselling for SME manufacturers",
    group="digital",
    source=_BRAND,
    url="https://www.sme.gov.tw",
    criteria=(
        *sme_criteria(_BRAND),
        # 「…之中小企業製造業為主」 names the main target, not the only one: a firm in another
        # industry is neither admitted nor excluded, so unknown, and the label says whom to ask.
        Criterion(
            "is_manufacturer",
            "中小企業製造業（本計畫以製造業為主，其他行業是否受理請洽執行單位）",
            "An SME in manufacturing (the programme is mainly for manufacturers; a firm in"
            " another industry should ask the implementing organisation whether it is accepted)",
            _BRAND,
            OnlyIfTrue(is_manufacturer()),
        ),
        # 工廠登記 is a manufacturer's: a firm of another industry has no factory to register.
        # Here it describes the main target (為主), not a document asked for, as livelihood's
        # 「具工廠登記證」 is: factory_registration (exemption and improvement plan included).
        Criterion(
            "has_factory_registration",
            "製造業者辦理工廠登記",
            "A manufacturer has a factory registration",
            _BRAND,
            implies(is_manufacturer(), is_true("factory_registration")),
            applies=is_manufacturer(),
        ),
        yes_criterion(
            "owns_brand",
            "品牌為台灣企業所擁有",
            "The brand is owned by a Taiwanese enterprise",
            _BRAND,
            "own_brand",
        ),
        yes_criterion(
            "trademark_registered_in_taiwan",
            "商標已在台灣註冊",
            "The trademark is registered in Taiwan",
            _BRAND,
            "trademark_registered_tw",
        ),
        Criterion(
            "international_or_own_brand_revenue",
            "客戶或據點涵蓋台灣以外至少{digital.brand_min_overseas_regions}個地區（港澳大陸視為同一"
            "地區），或自有品牌營收占{digital.brand_min_own_brand_share}以上",
            "Customers or sites in at least {digital.brand_min_overseas_regions} regions outside"
            " Taiwan (Hong Kong, Macau and mainland China count as one region), or own-brand sales"
            " of {digital.brand_min_own_brand_share} or more of revenue",
            _BRAND,
            Or(
                Field("overseas_regions") >= Param("digital.brand_min_overseas_regions"),
                Field("own_brand_revenue_share") >= Param("digital.brand_min_own_brand_share"),
            ),
        ),
        Criterion(
            "no_prc_investment",
            "不得有陸資投資",
            "No investment from mainland China (PRC) capital",
            _BRAND,
            is_false("prc_investment"),
        ),
    ),
    benefit=Benefit(
        "grant",
        amount=Param("digital.brand_base_cap"),
        max_amount=Param("digital.brand_theme_cap"),
        summary=(
            "品牌基盤輔導：政府補助最高{digital.brand_base_cap}（專案總經費至少"
            "{digital.brand_base_min_project}）；品牌主題輔導：政府首年補助最高"
            "{digital.brand_theme_cap}（專案總經費至少{digital.brand_theme_min_project}）；"
            "企業自籌須超過總經費{digital.brand_self_funding_share_over}。"
        ),
        summary_en=(
            "Brand foundation track: up to {digital.brand_base_cap} from the government (a"
            " project of at least {digital.brand_base_min_project}); brand theme track: up to"
            " {digital.brand_theme_cap} in the first year (a project of at least"
            " {digital.brand_theme_min_project}); the firm funds more than {digital.brand_self_funding_share_over} of the project."
        ),
        detail={
            "base_track_cap": Param("digital.brand_base_cap"),
            "base_track_min_project": Param("digital.brand_base_min_project"),
            "theme_track_cap": Param("digital.brand_theme_cap"),
            "theme_track_min_project": Param("digital.brand_theme_min_project"),
            "self_funding_share_over": Param("digital.brand_self_funding_share_over"),
        },
    ),
    windows=(Window("digital.brand_window"),),
    next_steps="依公告備妥品牌輔導專案計畫（企業自籌款須逾總經費{digital.brand_self_funding_share_over}），於受理期間內提出申請。",
    next_steps_en=(
        "Prepare a brand counselling project plan as the notice requires (the firm must fund more"
        " than {digital.brand_self_funding_share_over} of the total cost itself) and apply during the application period."
    ),
    contact="台灣經濟研究院 陳小姐 02-8978-3855 #306",
    contact_en="Taiwan Institute of Economic Research (台灣經濟研究院), Ms. Chen (陳小姐) 02-8978-3855 #306",
)

SERVICE_AI_TALENT = Program(
    id="service-ai-talent",
    name="培育服務業AI人才",
    name_en="AI talent for the service industries (free courses)",
    group="digital",
    source="seed: 服務業(一)",
    url="https://www.sme.gov.tw",
    criteria=(),
    benefit=Benefit("training"),
    windows=(Window("digital.service_ai_talent_window"),),
    next_steps="服務業在職人士或有志從事服務業者，可依需求申請免費AI分級培訓課程與數位學習內容。",
    next_steps_en=(
        "People who work in the service industries, or mean to, can apply for free AI training"
        " courses at several levels and for e-learning content, as they need."
    ),
    contact="商業署服務業AI人才培育計畫 04-2560-4084",
    contact_en="Administration of Commerce (商業署) service-sector AI talent programme 04-2560-4084",
)

PROGRAMS = (
    SME_ELEARNING,
    SME_AI_PLATFORM,
    AI_READINESS_DIAGNOSIS,
    DIGITAL_TRAINING_SUBSIDY,
    CLOUD_MARKET_DIGITAL_POINTS,
    CLOUD_MARKET_AI_POINTS,
    LIVELIHOOD_INDUSTRY_TRANSFORMATION,
    AI_TALENT_AND_APPLICATION,
    BRAND_COUNSELING,
    SERVICE_AI_TALENT,
)
