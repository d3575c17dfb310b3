"""Strategy 3 — channel development (通路發展)."""

from __future__ import annotations

from smewindow.rules.logic import (
    Coalesce,
    Const,
    Field,
    IfElse,
    Or,
    Param,
    largest_possible,
    minimum,
)
from smewindow.rules.model import Benefit, Criterion, Program, Window
from smewindow.rules.predicates import (
    has_product,
    is_true,
    plan_sme_criteria,
    registered_criterion,
    sme_criteria,
    yes_criterion,
)

IOPEN_MALL_LOCAL_GIFTS = Program(
    id="iopen-mall-local-gifts",
    name="iOPEN Mall 城鄉厚禮專區",
    name_en="iOPEN Mall local gifts zone",
    group="channel",
    source="seed: 策略3 促進在地經濟",
    url="https://mall.iopenmall.tw/iopen/index.php?action=event_nasme202502",
    criteria=plan_sme_criteria("seed: 策略3 促進在地經濟"),
    benefit=Benefit("service"),
    windows=(Window("channel.iopen_window"),),
    next_steps="洽詢iOPEN Mall城鄉厚禮專區上架線上通路，並參與國內實體通路媒合。",
    next_steps_en=(
        "Contact the iOPEN Mall local gifts zone (城鄉厚禮專區) to sell your products there online, and"
        " take part in matchmaking with physical retail channels in Taiwan."
    ),
    contact="iOPEN Mall 城鄉厚禮專區 https://mall.iopenmall.tw；馬上辦服務中心 0800-056-476",
    contact_en=(
        "iOPEN Mall local gifts zone (城鄉厚禮專區) https://mall.iopenmall.tw; SME one-stop service"
        " centre (馬上辦服務中心) 0800-056-476"
    ),
)

_SELECT = "seed: 通路(一)"
TAIWAN_SELECT = Program(
    id="taiwan-select",
    name="Taiwan Select（食品業海外拓銷）",
    name_en="Taiwan Select (food industry abroad)",
    group="channel",
    source=_SELECT,
    url="https://taiwanfoods.taiwantrade.com/zh-tw/eventlist2025",
    criteria=(
        *sme_criteria(_SELECT),
        # 食品 is what people eat or drink (食品安全衛生管理法 §3). Division 08 also makes
        # animal feed (group 087 動物飼品製造業), so it cannot confirm processed food: its
        # firms say what they make (baked goods are processed food). Every maker of
        # division 09 makes drinks.
        Criterion(
            "processed_food_business",
            "加工食品業者（供人食用，不含動物飼品）",
            "A processed-food business (food for people, not animal feed)",
            _SELECT,
            Or(has_product("processed_food", "bakery"), Field("industry").eq("09")),
        ),
    ),
    benefit=Benefit("service"),
    windows=(Window("channel.taiwan_select_window"),),
    next_steps="線上報名TAIWAN SELECT海外展覽臺灣館、通路商採購大會或商機媒合團。",
    next_steps_en=(
        "Register online for the TAIWAN SELECT Taiwan pavilions at overseas trade shows, for"
        " sourcing meetings with distributors, or for business matchmaking missions."
    ),
    contact="外貿協會各相關活動承辦人 02-2725-5200",
    contact_en=(
        "The organiser of each event at the Taiwan External Trade Development Council (TAITRA,"
        " 外貿協會) 02-2725-5200"
    ),
)

_EXCELLENCE = "seed: 通路(二)"
TAIWAN_EXCELLENCE = Program(
    id="taiwan-excellence",
    name="Taiwan Excellence（台灣精品）",
    name_en="Taiwan Excellence awards and promotion",
    group="channel",
    source=_EXCELLENCE,
    url="https://www.taiwanexcellence.org",
    criteria=(
        yes_criterion(
            "owns_brand", "臺灣品牌企業", "A Taiwanese brand company", _EXCELLENCE, "own_brand"
        ),
        yes_criterion(
            "rd_or_manufacturing_in_taiwan",
            "報名公司之製造或研發單位設於臺灣",
            "The applying company has its manufacturing or R&D unit in Taiwan",
            _EXCELLENCE,
            "rd_or_manufacturing_in_taiwan",
        ),
        yes_criterion(
            "new_mass_produced_product",
            "產品為上市未滿{channel.excellence_product_max_years}之量產工業產品",
            "The product is a mass-produced industrial product launched less than"
            " {channel.excellence_product_max_years} ago",
            _EXCELLENCE,
            "new_product_within_3_years",
        ),
        Criterion(
            "product_certified",
            "已申請或已取得中華民國國家標準、認(驗)證或同等級國際認(驗)證（資訊軟體類除外）",
            "Has applied for or obtained Taiwan national standard (CNS) certification or an"
            " equivalent international certification (not required for software products)",
            _EXCELLENCE,
            Or(is_true("product_certified"), is_true("product_is_software")),
        ),
    ),
    benefit=Benefit("service"),
    windows=(Window("channel.taiwan_excellence_window"),),
    next_steps="於報名期間參加台灣精品選拔；獲獎產品可參加國內外專業展台灣精品館與推廣活動。",
    next_steps_en=(
        "Enter the Taiwan Excellence selection during the registration period; winning products"
        " can take part in Taiwan Excellence pavilions at trade shows in Taiwan and abroad and in"
        " promotion events."
    ),
    contact="外貿協會行銷專業處 02-27255200#8988",
    contact_en=(
        "Taiwan External Trade Development Council (TAITRA, 外貿協會), marketing department (行銷專業處)"
        " 02-27255200#8988"
    ),
)

_CHANNEL = "seed: 通路(三)"
OVERSEAS_CHANNEL_SUBSIDY = Program(
    id="overseas-channel-subsidy",
    name="補助廠商分散及開拓海外市場",
    name_en="Subsidy for diversifying and opening overseas markets",
    group="channel",
    source=_CHANNEL,
    url="https://www.trade.gov.tw",
    criteria=plan_sme_criteria(_CHANNEL),
    benefit=Benefit(
        "grant",
        amount=minimum(
            Field("overseas_channel_cost") * Param("channel.overseas_channel_rate"),
            IfElse(
                is_true("overseas_channel_joint"),
                Param("channel.overseas_channel_cap_joint"),
                Param("channel.overseas_channel_cap_single"),
            ),
        ),
        max_amount=minimum(
            Coalesce(
                Field("overseas_channel_cost") * Param("channel.overseas_channel_rate"),
                Param("channel.overseas_channel_cap_joint"),
            ),
            largest_possible(
                is_true("overseas_channel_joint"),
                Param("channel.overseas_channel_cap_joint"),
                Param("channel.overseas_channel_cap_single"),
            ),
        ),
        summary=(
            "補助專案經費{channel.overseas_channel_rate}（企業自籌其餘），單家申請最高"
            "{channel.overseas_channel_cap_single}，多家聯合申請最高{channel.overseas_channel_cap_joint}。"
        ),
        summary_en=(
            "{channel.overseas_channel_rate} of the project cost (the firm funds the rest), up"
            " to {channel.overseas_channel_cap_single} for one firm, or"
            " {channel.overseas_channel_cap_joint} for a joint application by several firms."
        ),
        detail={
            "rate": Param("channel.overseas_channel_rate"),
            "cap_single": Param("channel.overseas_channel_cap_single"),
            "cap_joint": Param("channel.overseas_channel_cap_joint"),
        },
    ),
    windows=(Window("channel.overseas_channel_window"),),
    next_steps=(
        "規劃新設海外分公司、展示中心、發貨倉庫或新增代理商、經銷商的專案（政府補助"
        "{channel.overseas_channel_rate}，其餘由企業自籌），依作業原則提出申請。"
    ),
    next_steps_en=(
        "Plan a project to set up an overseas branch, showroom or distribution warehouse, or to"
        " add agents or distributors (the government funds {channel.overseas_channel_rate}, the firm"
        " the rest), and apply as the programme's"
        " operating rules (作業原則) set out."
    ),
    contact="中華民國管理科學學會 02-33431187",
    contact_en="Chinese Management Association (中華民國管理科學學會) 02-33431187",
)

_EXHIBITION = "seed: 通路(四)"
# Per show: the rent subsidy for each physical show plus the fee for each online show. With
# no physical show the rent term is 0, even in a year whose rent subsidy per show is not a
# single number (114年: 4至6萬元 by region).
_EXHIBITION_SHOWS = IfElse(
    Field("exhibitions_physical") <= 0,
    Const(0),
    Field("exhibitions_physical") * Param("channel.exhibition_physical_per_show"),
) + Field("exhibitions_online") * Param("channel.exhibition_online_per_show")
_EXHIBITION_CAP_STARTUP = Param("channel.exhibition_annual_cap_startup")
_EXHIBITION_CAP_GENERAL_MIN = Param("channel.exhibition_annual_cap_general_min")
_EXHIBITION_CAP_GENERAL_MAX = Param("channel.exhibition_annual_cap_general_max")
_EXHIBITION_SMALL_CAP = Or(is_true("is_startup"), is_true("new_southbound_agri"))
# 全年補助上限: 新創事業或新南向市場農業業者 12萬元; 一般廠商 14萬至30萬元不等. The seed does not
# say what sets a general firm's cap within that range, so that cap is unknown
# (channel.exhibition_annual_cap_general is null): a general firm's yearly total is paid in
# full up to the range's bottom and is unknown above it. Below the startup cap the firm's
# kind does not matter.
_EXHIBITION_AMOUNT = IfElse(
    _EXHIBITION_SHOWS <= _EXHIBITION_CAP_STARTUP,
    _EXHIBITION_SHOWS,
    IfElse(
        _EXHIBITION_SMALL_CAP,
        _EXHIBITION_CAP_STARTUP,
        IfElse(
            _EXHIBITION_SHOWS <= _EXHIBITION_CAP_GENERAL_MIN,
            _EXHIBITION_SHOWS,
            minimum(_EXHIBITION_SHOWS, Param("channel.exhibition_annual_cap_general")),
        ),
    ),
)
OVERSEAS_EXHIBITION_SUBSIDY = Program(
    id="overseas-exhibition-subsidy",
    name="補助公司或商號參加海外國際展覽",
    name_en="Subsidy for overseas trade shows",
    group="channel",
    source=_EXHIBITION,
    url="https://tpsp.trade.gov.tw/espo/home/notice/front",
    criteria=(
        # 「出進口廠商登記之公司或商號」: a company or 商號 (商業登記, which includes 有限合夥,
        # as for the SME standard), so a firm with tax registration only is not one.
        registered_criterion(_EXHIBITION),
        yes_criterion(
            "trade_registration",
            "辦理出進口廠商登記之公司或商號",
            "A company or business registered as an exporter/importer (出進口廠商登記)",
            _EXHIBITION,
            "trade_registration",
        ),
        Criterion(
            "has_trade_record",
            "於{channel.exhibition_trade_record_period}具有出進口實績"
            "（新創事業及拓展新南向市場農業業者不受實績之限制）",
            "Has a record of exports or imports in the period"
            " {channel.exhibition_trade_record_period} (not required of startups, nor of"
            " agricultural businesses expanding into New Southbound markets)",
            _EXHIBITION,
            Or(is_true("export_record"), _EXHIBITION_SMALL_CAP),
        ),
    ),
    benefit=Benefit(
        "grant",
        amount=_EXHIBITION_AMOUNT,
        # The most it could be: the shows' subsidy (when known), at most the cap of the
        # firm's kind, a general firm's taken at the top of its range.
        max_amount=Coalesce(
            _EXHIBITION_AMOUNT,
            minimum(
                Coalesce(_EXHIBITION_SHOWS, _EXHIBITION_CAP_GENERAL_MAX),
                largest_possible(
                    _EXHIBITION_SMALL_CAP, _EXHIBITION_CAP_STARTUP, _EXHIBITION_CAP_GENERAL_MAX
                ),
            ),
        ),
        summary=(
            "每一海外實體展覽補助場地租金{channel.exhibition_physical_range}（依當年度公告按地區或攤位數計），每一線上展覽補助報名費"
            "{channel.exhibition_online_per_show}，以原始憑證金額{channel.exhibition_receipts_share}為限；"
            "全年最高：新創事業或新南向農業業者{channel.exhibition_annual_cap_startup}，一般廠商"
            "{channel.exhibition_annual_cap_general_range}不等。"
        ),
        summary_en=(
            "{channel.exhibition_physical_range} towards the booth rent of each overseas show (by region or by"
            " the number of booths, as the year's notice sets)"
            " and {channel.exhibition_online_per_show} towards the fee of each online show, at"
            " most {channel.exhibition_receipts_share} of the receipts; a year's cap is"
            " {channel.exhibition_annual_cap_startup} for startups and New Southbound farm"
            " exporters, and {channel.exhibition_annual_cap_general_range} for other firms."
        ),
        detail={
            "physical_per_show_range": Param("channel.exhibition_physical_range"),
            "online_per_show": Param("channel.exhibition_online_per_show"),
            "receipts_share_cap": Param("channel.exhibition_receipts_share"),
            "annual_cap_startup_or_southbound": _EXHIBITION_CAP_STARTUP,
            "annual_cap_general_range": Param("channel.exhibition_annual_cap_general_range"),
        },
    ),
    windows=(Window("channel.exhibition_window"),),
    next_steps=(
        "每年分兩梯次受理，各受理其後半年內舉辦之展覽（本梯次受理期間見上），"
        "至補助公司或商號參加海外國際展覽管理系統申請。"
    ),
    next_steps_en=(
        "Applications are taken in two rounds a year, each for the shows of the following half-year"
        " (this round's application period is shown above); apply in the management system for"
        " the overseas trade"
        " show subsidy (補助公司或商號參加海外國際展覽管理系統)."
    ),
    contact="補助公司或商號參展專案辦公室 (02)2567-3360",
    contact_en="Overseas trade show subsidy project office (補助公司或商號參展專案辦公室) (02)2567-3360",
)

_LOCAL = "seed: 通路(六)"
LOCAL_SPECIALTY_CHANNEL = Program(
    id="local-specialty-channel",
    name="地方特色產業通路輔導",
    name_en="Channel counselling for local specialty industries",
    group="channel",
    source=_LOCAL,
    url="https://www.sme.gov.tw",
    criteria=(
        *sme_criteria(_LOCAL),
        Criterion(
            "has_local_specialty_product",
            "具臺灣在地特色優質地方特色產品",
            "Has high-quality local specialty products with a distinctly Taiwanese local character",
            _LOCAL,
            has_product("local_specialty"),
        ),
    ),
    benefit=Benefit(
        "counselling",
        summary=(
            "配合地方創生的企業輔導，輔導款每案最高{channel.local_specialty_revitalization_cap}；"
            "國內外市場專案輔導，政府輔導款每案最高{channel.local_specialty_market_project_cap}。"
        ),
        summary_en=(
            "Counselling for regional revitalisation, up to"
            " {channel.local_specialty_revitalization_cap} per case; project counselling on"
            " markets in Taiwan and abroad, up to {channel.local_specialty_market_project_cap}"
            " of government funding per case."
        ),
        detail={
            "regional_revitalization_cap": Param("channel.local_specialty_revitalization_cap"),
            "market_project_cap": Param("channel.local_specialty_market_project_cap"),
        },
    ),
    windows=(Window("channel.local_specialty_window"),),
    next_steps="依各相關資源公告申請城鄉專家輔導團諮詢、國內外市場專案輔導或海外展售活動。",
    next_steps_en=(
        "Following the notice of each resource, apply for advice from the urban-rural expert"
        " counselling team, for project counselling on markets in Taiwan and abroad, or for"
        " overseas sales exhibitions."
    ),
    contact="中衛發展中心 陳冠翰副研究員 02-23911368 c1392@csd.org.tw",
    contact_en=(
        "Corporate Synergy Development Center (中衛發展中心), associate researcher Chen (陳冠翰副研究員)"
        " 02-23911368 c1392@csd.org.tw"
    ),
)

PROGRAMS = (
    IOPEN_MALL_LOCAL_GIFTS,
    TAIWAN_SELECT,
    TAIWAN_EXCELLENCE,
    OVERSEAS_CHANNEL_SUBSIDY,
    OVERSEAS_EXHIBITION_SUBSIDY,
    LOCAL_SPECIALTY_CHANNEL,
)
