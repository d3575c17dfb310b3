"""Strategy 2 — net-zero transformation (淨零轉型)."""

from __future__ import annotations

from smewindow.rules.energy import compressor_expr, power_capped, service_subsidy
from smewindow.rules.logic import (
    And,
    Coalesce,
    Field,
    OnlyIfTrue,
    Or,
    Param,
    largest_possible,
)
from smewindow.rules.model import Benefit, Criterion, Program, Window
from smewindow.rules.predicates import (
    SERVICES_UNSETTLED_NOTE,
    SERVICES_UNSETTLED_NOTE_EN,
    is_service_business,
    meets_sme_size,
    plan_sme_criteria,
    registered_as,
    sme_criteria,
)

CARBON_REDUCTION_SERVICE = Program(
    id="carbon-reduction-service",
    name="中小企業減碳服務站（碳估算工具、專家訪視、低碳轉型輔導）",
    name_en="SME carbon-reduction service station",
    group="netzero",
    source="seed: 策略2 擴大減碳輔導",
    url="https://www.sme.gov.tw/caas/masterpage-caas",
    criteria=plan_sme_criteria("seed: 策略2 擴大減碳輔導"),
    benefit=Benefit("service"),
    windows=(Window("netzero.carbon_service_window"),),
    next_steps=(
        "先以碳估算工具盤點排放（製造業：碳排金好算 https://pj.ftis.org.tw/CFCv2 需申請帳密；"
        "商業服務業：碳排乎你知 https://sigggq.tw），再申請專家訪視與低碳轉型輔導。"
    ),
    next_steps_en=(
        "First take stock of your emissions with a carbon estimation tool (manufacturing: 碳排金好算"
        " https://pj.ftis.org.tw/CFCv2, for which you must apply for an account; commerce and"
        " services: 碳排乎你知 https://sigggq.tw), then apply for an expert visit and counselling on"
        " low-carbon transformation."
    ),
    contact="中小企業減碳服務站 https://www.sme.gov.tw/caas/masterpage-caas；經濟部中小及新創企業署 碳服務 Line@",
    contact_en=(
        "SME carbon-reduction service station (中小企業減碳服務站)"
        " https://www.sme.gov.tw/caas/masterpage-caas; the carbon service LINE account (碳服務 Line@)"
        " of the SME and Startup Administration, Ministry of Economic Affairs (經濟部中小及新創企業署)"
    ),
)

ESCO_ENERGY_SAVING = Program(
    id="esco-energy-saving",
    name="ESCO 節能服務媒合與諮詢診斷",
    name_en="ESCO energy-saving matchmaking and diagnosis",
    group="netzero",
    source="seed: 策略2 推動節能改善",
    url="https://escoinfo.tgpf.org.tw/Page/Company.aspx",
    criteria=plan_sme_criteria("seed: 策略2 推動節能改善"),
    benefit=Benefit("counselling"),
    windows=(Window("netzero.esco_window"),),
    next_steps="至能源技術服務業資訊網查詢登錄的ESCO業者，申請專家諮詢與診斷，導入深度節能方案。",
    next_steps_en=(
        "Look up registered ESCOs (energy service companies) on the ESCO information website"
        " (能源技術服務業資訊網), apply for expert advice and a diagnosis, and adopt deep energy-saving"
        " measures."
    ),
    contact="能源技術服務業資訊網 https://escoinfo.tgpf.org.tw/Page/Company.aspx",
    contact_en=(
        "ESCO information website (能源技術服務業資訊網) https://escoinfo.tgpf.org.tw/Page/Company.aspx"
    ),
)

_POWER_EQUIPMENT = power_capped(compressor_expr(meets_sme_size()), Field("annual_revenue"))
POWER_EQUIPMENT_SUBSIDY = Program(
    id="power-equipment-subsidy",
    name="動力與公用設備補助（空氣壓縮機、風機等）",
    name_en="Power and utility equipment subsidy (air compressors, fans …)",
    group="netzero",
    source="seed: 策略2 推動節能改善",
    url="https://www.mdss.org.tw/subsidy/index/index.aspx",
    criteria=(
        # 對象：公/私法人、中小微企業. A company or a limited partnership is a legal person
        # (公司法 §1, 有限合夥法 §4) of any size; a 商業登記 firm is not, and qualifies as a
        # 中小微企業 only when it meets the SME standard.
        Criterion(
            "legal_person_or_sme",
            "公/私法人（公司、有限合夥）或中小微企業（商業登記且符合中小企業認定標準）",
            "A public or private legal person (a company or a limited partnership), or a small,"
            " medium or micro enterprise (with a business registration and meeting the SME"
            " Recognition Standard)",
            "seed: 策略2 推動節能改善（對象：公/私法人、中小微企業）",
            Or(
                registered_as("company", "limited_partnership"),
                And(registered_as("business"), meets_sme_size()),
            ),
        ),
    ),
    benefit=Benefit(
        "grant",
        # The subsidy is priced per unit of equipment: the profile's air compressors (type,
        # efficiency class, kW, units) by the rate table of rules/energy.py, the SME uplift
        # for a firm meeting the SME standard, within the yearly cap. Without them only the
        # yearly cap is known; it is higher for large revenue.
        amount=_POWER_EQUIPMENT,
        max_amount=Coalesce(
            _POWER_EQUIPMENT,
            largest_possible(
                Field("annual_revenue") >= Param("netzero.power_equipment_large_revenue"),
                Param("netzero.power_equipment_cap_per_year_large"),
                Param("netzero.power_equipment_cap_per_year"),
            ),
        ),
        summary=(
            "依汰換設備的種類與規格按單價補助（中小企業適用單價的{netzero.power_equipment_sme_multiplier}），"
            "每一受補助者每年最高{netzero.power_equipment_cap_per_year}；營業額達"
            "{netzero.power_equipment_large_revenue}者每年最高{netzero.power_equipment_cap_per_year_large}。"
        ),
        summary_en=(
            "A unit amount for each item of equipment by type and size (SMEs get"
            " {netzero.power_equipment_sme_multiplier} of the unit amount), up to"
            " {netzero.power_equipment_cap_per_year} per recipient a year, or"
            " {netzero.power_equipment_cap_per_year_large} for revenue of"
            " {netzero.power_equipment_large_revenue} or more."
        ),
        detail={
            "cap_per_year": Param("netzero.power_equipment_cap_per_year"),
            "sme_rate_multiplier": Param("netzero.power_equipment_sme_multiplier"),
        },
    ),
    windows=(Window("netzero.power_equipment_window"),),
    next_steps="購置IE3以上高效率空氣壓縮機、風機、泵浦或馬達後，於受理期間內線上申請補助。",
    next_steps_en=(
        "After buying high-efficiency (IE3 or better) air compressors, fans, pumps or motors,"
        " apply online for the subsidy during the application period."
    ),
    contact="動力與公用設備補助 https://www.mdss.org.tw/subsidy/index/index.aspx",
    contact_en=(
        "Power and utility equipment subsidy (動力與公用設備補助)"
        " https://www.mdss.org.tw/subsidy/index/index.aspx"
    ),
)

_SERVICE_ENERGY = "seed: 服務業(二)"
_SERVICE_EQUIPMENT = service_subsidy(Field("energy_equipment_cost"))
SERVICE_ENERGY_EQUIPMENT_SUBSIDY = Program(
    id="service-energy-equipment-subsidy",
    name="商業服務業節能設備補助（設備汰換／ESCO系統節能專案）",
    name_en="Energy-saving equipment subsidy for commerce and services",
    group="netzero",
    source=_SERVICE_ENERGY,
    url="https://www.essc.org.tw/subsidy/index/index.aspx",
    criteria=(
        Criterion(
            "is_service_business",
            "商業服務業（批發零售、住宿餐飲、運輸倉儲、醫事機構、學校等）"
            + SERVICES_UNSETTLED_NOTE,
            "In commerce and services (wholesale and retail, accommodation and food service,"
            " transport and storage, medical institutions, schools and the like)"
            + SERVICES_UNSETTLED_NOTE_EN,
            _SERVICE_ENERGY,
            is_service_business(),
        ),
        # The 100 kW is cumulative (累計): an ESCO may pool several smaller users (策略2
        # 推動節能改善: 由ESCO整合中小型用戶提出申請), so the firm's own capacity can confirm
        # the test but a smaller one does not fail it.
        Criterion(
            "system_track_capacity",
            "系統節能專案：累計契約容量達{netzero.service_energy_system_min_capacity_kw}（可由ESCO"
            "整合多個用戶累計；另須節能率{netzero.service_energy_system_min_saving}以上）",
            "System energy-saving project: contracted electricity capacity of"
            " {netzero.service_energy_system_min_capacity_kw} or more in total (an ESCO may add up"
            " several users; the project must also save at least"
            " {netzero.service_energy_system_min_saving} of energy)",
            _SERVICE_ENERGY,
            OnlyIfTrue(
                Field("contract_capacity_kw")
                >= Param("netzero.service_energy_system_min_capacity_kw")
            ),
            required=False,
        ),
    ),
    benefit=Benefit(
        "grant",
        amount=_SERVICE_EQUIPMENT,
        # The firm's own application is the equipment track; a system project is a joint
        # project an ESCO leads, so its cap is stated but not counted as the firm's.
        max_amount=Coalesce(_SERVICE_EQUIPMENT, Param("netzero.service_energy_equipment_cap")),
        summary=(
            "設備汰換：補助購置費用{netzero.service_energy_equipment_rate}，每一申請單位最高"
            "{netzero.service_energy_equipment_cap}。系統節能專案（累計契約容量達"
            "{netzero.service_energy_system_min_capacity_kw}、節能率"
            "{netzero.service_energy_system_min_saving}以上，與ESCO合作）：補助總經費"
            "{netzero.service_energy_system_rate}為原則，每案最高{netzero.service_energy_system_cap}。"
        ),
        summary_en=(
            "Equipment replacement: {netzero.service_energy_equipment_rate} of the purchase"
            " cost, up to {netzero.service_energy_equipment_cap} per applicant. System"
            " energy-saving projects with an ESCO ({netzero.service_energy_system_min_capacity_kw}"
            " of contracted capacity in total, saving at least"
            " {netzero.service_energy_system_min_saving}): as a rule"
            " {netzero.service_energy_system_rate} of the project cost, up to"
            " {netzero.service_energy_system_cap} per project."
        ),
        detail={
            "equipment_rate": Param("netzero.service_energy_equipment_rate"),
            "equipment_cap": Param("netzero.service_energy_equipment_cap"),
            "system_rate": Param("netzero.service_energy_system_rate"),
            "system_cap": Param("netzero.service_energy_system_cap"),
            "system_min_capacity_kw": Param("netzero.service_energy_system_min_capacity_kw"),
            "system_min_saving": Param("netzero.service_energy_system_min_saving"),
        },
    ),
    windows=(Window("netzero.service_energy_window"),),
    next_steps=(
        "汰換為一級能效空調、電冰箱、瓦斯爐或節能標章照明、冷凍櫃、熱泵熱水器，於申請期間內線上申請；"
        "契約容量達{netzero.service_energy_system_min_capacity_kw}者可與ESCO合作提出系統節能專案。"
    ),
    next_steps_en=(
        "Replace old equipment with Grade 1 energy-efficiency air conditioners, refrigerators or"
        " gas stoves, or with Energy Label lighting, freezers or heat-pump water heaters, and"
        " apply online during the application period. Firms with a contracted capacity of"
        " {netzero.service_energy_system_min_capacity_kw} or more can propose a system energy-saving project together with an ESCO."
    ),
    contact="商業服務業節能設備補助 諮詢專線 02-8978-5999",
    contact_en=(
        "Energy-saving equipment subsidy for commerce and services (商業服務業節能設備補助), hotline"
        " 02-8978-5999"
    ),
)

_CIRCULAR = "seed: 製造業(六)"
CIRCULAR_NETZERO_DIAGNOSIS = Program(
    id="circular-netzero-diagnosis",
    name="循環淨零知能提升與診斷服務",
    name_en="Circular economy and net-zero know-how and diagnosis",
    group="netzero",
    source=_CIRCULAR,
    url="https://www.sme.gov.tw/caas/masterpage-caas",
    criteria=sme_criteria(_CIRCULAR),
    benefit=Benefit("counselling"),
    windows=(Window("netzero.circular_netzero_window"),),
    next_steps="報名淨零說明會、循環經濟研討會或工作坊，並申請循環經濟或深度節能診斷。",
    next_steps_en=(
        "Sign up for net-zero briefings, circular-economy seminars or workshops, and apply for a"
        " circular-economy or deep energy-saving diagnosis."
    ),
    contact="塑膠工業技術發展中心 張鈞傑專員 04-23595900 #789",
    contact_en=(
        "Plastics Industry Development Center (塑膠工業技術發展中心), officer Chang (張鈞傑專員) 04-23595900 #789"
    ),
)

PROGRAMS = (
    CARBON_REDUCTION_SERVICE,
    ESCO_ENERGY_SAVING,
    POWER_EQUIPMENT_SUBSIDY,
    SERVICE_ENERGY_EQUIPMENT_SUBSIDY,
    CIRCULAR_NETZERO_DIAGNOSIS,
)
