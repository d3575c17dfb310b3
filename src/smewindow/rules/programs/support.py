"""Support measures (配套): the 30-person loan, the tax incentives, the extra guarantee."""

from __future__ import annotations

from smewindow.rules.logic import (
    And,
    Coalesce,
    Const,
    Expr,
    Field,
    IfElse,
    Or,
    Param,
    maximum,
    minimum,
)
from smewindow.rules.model import Benefit, Criterion, Program, Window
from smewindow.rules.predicates import (
    COMPANY_OR_BUSINESS,
    has_activity,
    meets_sme_size,
    not_finance_or_special_entertainment,
    plan_sme_criteria,
    registered_as,
    sme_criteria,
    thirty_or_fewer,
    yes_criterion,
)
from smewindow.rules.profile import enum_values

DESK = "馬上辦服務中心 0800-056-476"
DESK_EN = "SME one-stop service centre (馬上辦服務中心) 0800-056-476"
_LOAN = "seed: 配套1.2 貸款對象"
_LOAN_RULES = "https://law.moea.gov.tw/LawContent.aspx?id=GL001787&media=print"

_loan = Field("loan_amount")
_guarantee_ratio = IfElse(
    _loan <= Param("loan.full_guarantee_max_loan"),
    Param("loan.full_guarantee_ratio"),
    Param("loan.min_guarantee_ratio"),
)


def _interest_subsidy(loan: Expr) -> Expr:
    """The interest subsidy on a loan: rate × years on the part up to the subsidy cap."""
    return (
        minimum(loan, Param("loan.interest_subsidy_cap"))
        * Param("loan.interest_subsidy_rate")
        * Param("loan.interest_subsidy_years")
    )


_working_capital = Field("loan_purpose").eq("working_capital")

TRANSFORMATION_LOAN = Program(
    id="transformation-loan",
    name="30人以下中小微企業優惠貸款",
    name_en="Preferential loan for firms of 30 or fewer (support measure 1.2 of the plan, 配套1.2)",
    group="support",
    source="seed: 配套1.2",
    url=_LOAN_RULES,
    criteria=(
        Criterion(
            "eligible_business_type",
            "辦理公司登記、商業登記、有限合夥登記之中小微企業，或僅辦理稅籍登記之營利事業",
            "A small, medium or micro enterprise with a company, business or limited partnership"
            " registration, or a for-profit business with only a tax registration",
            _LOAN,
            Or(
                registered_as("tax_only"),
                And(registered_as(*COMPANY_OR_BUSINESS), meets_sme_size()),
            ),
        ),
        Criterion(
            "thirty_or_fewer_employees",
            "申貸日前最近{loan.headcount_months}以內任一個月僱用員工數為{loan.max_employees}以下",
            "At most {loan.max_employees} on the payroll in at least one of the"
            " {loan.headcount_months} before the loan application",
            _LOAN,
            thirty_or_fewer("loan.max_employees"),
        ),
        Criterion(
            "pursues_transformation",
            "朝數位轉型、淨零轉型或通路發展（ERP、POS、數位課程、再生能源、溫室氣體盤查、節能、商圈或會展等至少一項）",
            "Working towards digital transformation, net-zero transformation or channel"
            " development (at least one, such as ERP, POS, digital courses, renewable energy, a"
            " greenhouse-gas inventory, energy saving, shopping districts or trade shows)",
            "seed: 配套1.2 轉型認定資格",
            has_activity(*enum_values("transformation_activities")),
        ),
        Criterion(
            "not_finance_or_special_entertainment",
            "非金融及保險業、非特殊娛樂業",
            "Not in finance or insurance, and not a special entertainment business",
            _LOAN_RULES,
            not_finance_or_special_entertainment(),
        ),
        yes_criterion(
            "operating_normally",
            "正常營業，無退票及不良信用紀錄",
            "Operating normally, with no bounced cheques and no bad credit record",
            _LOAN_RULES,
            "operating_normally",
        ),
        Criterion(
            "loan_within_maximum",
            "申貸金額在每一申貸事業上限{loan.max_loan}以內（超過部分不予貸放）",
            "The loan is within the cap of {loan.max_loan} per borrowing business (any amount above"
            " the cap is not lent)",
            "seed: 配套1.2 貸款額度",
            _loan <= Param("loan.max_loan"),
            required=False,
        ),
    ),
    benefit=Benefit(
        "loan",
        amount=_interest_subsidy(_loan),
        max_amount=_interest_subsidy(Coalesce(_loan, Param("loan.interest_subsidy_cap"))),
        summary=(
            "利率上限{loan.max_rate}；貸款{loan.interest_subsidy_cap}以內的部分，"
            "利息補貼年息{loan.interest_subsidy_rate}、補貼{loan.interest_subsidy_years}；每一申貸事業最高貸"
            "{loan.max_loan}；{loan.full_guarantee_max_loan}以內由信保基金保證"
            "{loan.full_guarantee_ratio}，超過部分至少{loan.min_guarantee_ratio}。"
        ),
        summary_en=(
            "An interest rate of at most {loan.max_rate}; on the part of the loan up to"
            " {loan.interest_subsidy_cap}, an interest subsidy of {loan.interest_subsidy_rate}"
            " a year for {loan.interest_subsidy_years}; at most {loan.max_loan} per"
            " borrowing business; the credit guarantee fund guarantees"
            " {loan.full_guarantee_ratio} of loans up to {loan.full_guarantee_max_loan}, and at"
            " least {loan.min_guarantee_ratio} above that."
        ),
        detail={
            "max_rate": Param("loan.max_rate"),
            "max_loan": Param("loan.max_loan"),
            "interest_subsidy_cap": Param("loan.interest_subsidy_cap"),
            "guarantee_ratio": _guarantee_ratio,
            "max_term_years": IfElse(
                _working_capital,
                Param("loan.working_capital_max_years"),
                Param("loan.equipment_max_years"),
            ),
            "max_grace_years": IfElse(
                _working_capital,
                Param("loan.working_capital_max_grace_years"),
                Param("loan.equipment_max_grace_years"),
            ),
            "simplified_scoring": _loan <= Param("loan.full_guarantee_max_loan"),
        },
        money_detail={
            "guarantee_fee_per_year": minimum(_loan, Param("loan.max_loan"))
            * _guarantee_ratio
            * Param("loan.guarantee_fee_rate")
        },
    ),
    windows=(Window("loan.window"),),
    next_steps=(
        "備妥轉型作為的佐證，直接向承辦銀行申貸（銀行認定資格，必要時由輔導單位協助認定）；"
        "{loan.full_guarantee_max_loan}以內簡化書表，採銀行簡易評分表。利息補貼提供至公告預算用盡為止。"
    ),
    next_steps_en=(
        "Prepare evidence of your transformation work and apply directly to a participating bank"
        " (the bank decides eligibility, with help from a counselling organisation when needed);"
        " loans up to {loan.full_guarantee_max_loan} are assessed with the bank's simplified scoring sheet. The"
        " interest subsidy is paid until the announced budget runs out."
    ),
    contact=f"{DESK}；資格認定／融資輔導 聯輔基金會 0800-219-666；信用保證諮詢 信用保證基金 0800-089-921",
    contact_en=(
        f"{DESK_EN}; eligibility and financing counselling: SME Joint Guidance Foundation (聯輔基金會)"
        " 0800-219-666; credit guarantee questions: Small and Medium Enterprise Credit Guarantee"
        " Fund (信用保證基金) 0800-089-921"
    ),
)

_TAX = "seed: 配套2"
_TAX_CONTACT = "所在地區國稅局（結算申報時申報）；" + DESK
_TAX_CONTACT_EN = (
    "The National Taxation Bureau (國稅局) for your area (claim it in your annual income tax"
    " return); " + DESK_EN
)
_TAX_RATE = Param("tax.corporate_tax_rate")


def _most_tax_saved(deduction: Field, extra_rate: str) -> Expr:
    """The most an extra deduction can save, whatever the taxable income: rate × extra."""
    return _TAX_RATE * deduction * Param(extra_rate)


def _tax_saving(deduction: Field, extra_rate: str) -> Expr:
    """Tax saved by an extra deduction: rate × min(extra × amount, taxable income), not below 0."""
    return maximum(
        _TAX_RATE * minimum(deduction * Param(extra_rate), Field("taxable_income")), Const(0)
    )


RD_INVESTMENT_CREDIT = Program(
    id="rd-investment-credit",
    name="研發投資抵減（中小企業發展條例）",
    name_en="R&D investment tax credit (SME Development Act Art. 35)",
    group="support",
    source=_TAX,
    url="https://law.moj.gov.tw/LawClass/LawSingle.aspx?pcode=J0140001&flno=35",
    criteria=(
        *sme_criteria(
            _TAX + "（研發支出投資抵減增訂有限合夥為適用對象）", "company", "limited_partnership"
        ),
        Criterion(
            "has_rd_expense",
            "本年度有研究發展支出",
            "Has research and development spending this year",
            _TAX,
            Field("rd_expense") > 0,
        ),
    ),
    benefit=Benefit(
        "tax_saving",
        amount=minimum(
            Field("rd_expense") * Param("tax.rd_credit_current_rate"),
            Field("tax_payable") * Param("tax.rd_credit_tax_cap_share"),
        ),
        max_amount=Coalesce(
            Field("tax_payable") * Param("tax.rd_credit_tax_cap_share"),
            Field("rd_expense") * Param("tax.rd_credit_current_rate"),
        ),
        summary=(
            "研發支出可擇一抵減營利事業所得稅：當年度抵減{tax.rd_credit_current_rate}，或分{tax.rd_credit_years}每年抵減"
            "{tax.rd_credit_three_year_rate}；每年抵減總額以當年度應納稅額{tax.rd_credit_tax_cap_share}為限。"
        ),
        summary_en=(
            "R&D spending reduces corporate income tax, one option of two:"
            " {tax.rd_credit_current_rate} of it in the current year, or"
            " {tax.rd_credit_three_year_rate} a year over {tax.rd_credit_years}; each year's credit"
            " is capped at"
            " {tax.rd_credit_tax_cap_share} of the tax payable."
        ),
        detail={
            "current_year_rate": Param("tax.rd_credit_current_rate"),
            "three_year_rate": Param("tax.rd_credit_three_year_rate"),
            "tax_cap_share": Param("tax.rd_credit_tax_cap_share"),
        },
    ),
    windows=(Window("tax.window"),),
    next_steps=(
        "於營利事業所得稅結算申報時擇一適用：當年度{tax.rd_credit_current_rate}抵減，或"
        "{tax.rd_credit_years}內{tax.rd_credit_three_year_rate}抵減（每年以應納稅額"
        "{tax.rd_credit_tax_cap_share}為限，擇定後不得變更）。"
    ),
    next_steps_en=(
        "Choose one option in your annual corporate income tax return: a"
        " {tax.rd_credit_current_rate} credit in the current year, or a"
        " {tax.rd_credit_three_year_rate} credit used over {tax.rd_credit_years} (each year"
        " capped at {tax.rd_credit_tax_cap_share} of the tax payable; the choice cannot be"
        " changed later)."
    ),
    contact=_TAX_CONTACT,
    contact_en=_TAX_CONTACT_EN,
)

IP_EQUITY_TAX_DEFERRAL = Program(
    id="ip-equity-tax-deferral",
    name="智財權作價入股緩課",
    name_en="Tax deferral on shares received for intellectual property",
    group="support",
    source=_TAX,
    url="https://law.moj.gov.tw/LawClass/LawSingle.aspx?pcode=J0140001&flno=35-1",
    criteria=sme_criteria(_TAX + "（智財權作價入股緩課）"),
    benefit=Benefit(
        "tax_saving",
        # The tax put off in the year the shares are received, when the cost of the IP cannot
        # be shown (then it is deemed a share of the price): docs/rules-notes.md.
        amount=_TAX_RATE * Field("ip_share_value") * (Const(1) - Param("tax.ip_deemed_cost_share")),
        summary=(
            "以智慧財產權作價取得的新發行股票，當年度免計入所得，於轉讓股票時才課稅；"
            "無法提示取得成本者，以轉讓價格的{tax.ip_deemed_cost_share}為成本。"
        ),
        summary_en=(
            "Newly issued shares received for intellectual property are not counted as income in"
            " the year received but taxed when they are transferred; where the cost of the IP"
            " cannot be shown, {tax.ip_deemed_cost_share} of the price counts as its cost."
        ),
        detail={"deemed_cost_share": Param("tax.ip_deemed_cost_share")},
    ),
    windows=(Window("tax.window"),),
    next_steps="以智慧財產權讓與非上市、上櫃、興櫃公司取得新發行股票者，當年度免計入所得，於轉讓時課稅；發行公司應於"
    "{tax.ip_issuer_report_days}內申報。",
    next_steps_en=(
        "If you transfer intellectual property to a company that is not listed on the stock"
        " exchange, the over-the-counter market or the emerging stock board in return for newly"
        " issued shares, the shares are not counted as income in that year but are taxed when you"
        " transfer them; the issuing company must report this within {tax.ip_issuer_report_days}."
    ),
    contact=_TAX_CONTACT,
    contact_en=_TAX_CONTACT_EN,
)

_HIRING_RULES = "https://law.moj.gov.tw/LawClass/LawSingle.aspx?pcode=J0140001&flno=36-2"
YOUTH_SENIOR_HIRING_DEDUCTION = Program(
    id="youth-senior-hiring-deduction",
    name="增僱24歲以下、65歲以上基層員工 200% 薪資費用減除",
    name_en="200% salary deduction for new hires aged ≤24 or ≥65",
    group="support",
    source=_TAX,
    url=_HIRING_RULES,
    criteria=(
        *sme_criteria(_TAX, "company", "limited_partnership"),
        Criterion(
            "hires_young_or_senior_staff",
            "本年度增僱{tax.hiring_young_max_age}以下或{tax.hiring_senior_min_age}以上本國籍基層員工"
            "至少{tax.hiring_min_new_hires}",
            "Hires more base-level employees of ROC (Taiwan) nationality aged"
            " {tax.hiring_young_max_age} or under or {tax.hiring_senior_min_age} or over this year:"
            " at least {tax.hiring_min_new_hires}",
            _HIRING_RULES,
            Field("new_young_senior_hires") >= Param("tax.hiring_min_new_hires"),
        ),
    ),
    benefit=Benefit(
        "tax_saving",
        amount=_tax_saving(Field("new_hires_added_salary"), "tax.hiring_extra_deduction"),
        max_amount=_most_tax_saved(Field("new_hires_added_salary"), "tax.hiring_extra_deduction"),
        summary=(
            "增僱{tax.hiring_young_max_age}以下或{tax.hiring_senior_min_age}以上本國籍基層員工至少"
            "{tax.hiring_min_new_hires}，其薪資費用可再加成減除"
            "{tax.hiring_extra_deduction}；依營利事業所得稅率{tax.corporate_tax_rate}估算省下的稅。"
        ),
        summary_en=(
            "Hiring more base-level employees of ROC nationality aged {tax.hiring_young_max_age} or"
            " under or {tax.hiring_senior_min_age} or over"
            " (at least {tax.hiring_min_new_hires}) lets the firm deduct a further"
            " {tax.hiring_extra_deduction} of their pay; the tax saved is estimated at the"
            " corporate income tax rate of {tax.corporate_tax_rate}."
        ),
        detail={
            "extra_deduction_rate": Param("tax.hiring_extra_deduction"),
            "corporate_tax_rate": _TAX_RATE,
            "base_level_monthly_salary_max": Param("tax.base_level_monthly_salary_max"),
        },
    ),
    windows=(Window("tax.window"),),
    next_steps="於次年營利事業所得稅結算申報時，向所在地區國稅局申報增僱員工薪資費用加成減除。",
    next_steps_en=(
        "In the annual corporate income tax return filed in May of the next year, claim the extra"
        " deduction for the new hires' salaries with the National Taxation Bureau (國稅局) for your"
        " area."
    ),
    contact=_TAX_CONTACT,
    contact_en=_TAX_CONTACT_EN,
)

_RAISE_RULES = "https://law.moea.gov.tw/LawContent.aspx?id=FL081445"
WAGE_RAISE_DEDUCTION = Program(
    id="wage-raise-deduction",
    name="員工加薪 175% 薪資費用減除",
    name_en="175% salary deduction for pay raises",
    group="support",
    source=_TAX,
    url=_RAISE_RULES,
    criteria=(
        *sme_criteria(_RAISE_RULES, "company", "limited_partnership"),
        Criterion(
            "raises_base_level_pay",
            "為現職本國籍基層員工加薪（非因法定基本工資調整），本年度平均薪資給付水準高於前一年度",
            "Raises the pay of current base-level employees of ROC (Taiwan) nationality (not"
            " merely because the statutory minimum wage rose), so that this year's average pay is"
            " higher than last year's",
            _RAISE_RULES,
            Field("base_wage_raise_total") > 0,
        ),
    ),
    benefit=Benefit(
        "tax_saving",
        amount=_tax_saving(Field("base_wage_raise_total"), "tax.raise_extra_deduction"),
        max_amount=_most_tax_saved(Field("base_wage_raise_total"), "tax.raise_extra_deduction"),
        summary=(
            "為基層員工加薪，加薪部分的薪資費用可再加成減除{tax.raise_extra_deduction}；"
            "依營利事業所得稅率{tax.corporate_tax_rate}估算省下的稅。"
        ),
        summary_en=(
            "Raising base-level employees' pay lets the firm deduct a further"
            " {tax.raise_extra_deduction} of the raise; the tax saved is estimated at the"
            " corporate income tax rate of {tax.corporate_tax_rate}."
        ),
        detail={
            "extra_deduction_rate": Param("tax.raise_extra_deduction"),
            "corporate_tax_rate": _TAX_RATE,
            "base_level_monthly_salary_max": Param("tax.base_level_monthly_salary_max"),
            "base_level_hourly_pay_max": Param("tax.base_level_hourly_pay_max"),
        },
    ),
    windows=(Window("tax.window"),),
    next_steps="於營利事業所得稅結算申報時，向所在地區國稅局申報員工加薪薪資費用加成減除（加薪部分額外減除"
    "{tax.raise_extra_deduction}）。",
    next_steps_en=(
        "In your annual corporate income tax return, claim the extra deduction for pay raises with"
        " the National Taxation Bureau (國稅局) for your area (an extra {tax.raise_extra_deduction} of the raise is"
        " deducted)."
    ),
    contact=_TAX_CONTACT,
    contact_en=_TAX_CONTACT_EN,
)

_GUARANTEE = "seed: 配套3"
WAGE_RAISE_EXTRA_GUARANTEE = Program(
    id="wage-raise-extra-guarantee",
    name="加薪企業額外信保額度",
    name_en="Extra credit guarantee for firms that raise wages (support measure 3 of the plan, 配套3)",
    group="support",
    source=_GUARANTEE,
    url="https://www.smeg.org.tw",
    criteria=(
        *plan_sme_criteria(_GUARANTEE + "（符合信保基金保證對象之中小微企業）"),
        yes_criterion(
            "wage_raise_verified",
            "對員工加薪經金融機構或信保基金核認屬實",
            "The pay raise has been verified by a financial institution or the Credit Guarantee"
            " Fund (信保基金)",
            _GUARANTEE,
            "wage_raise_verified",
        ),
    ),
    benefit=Benefit(
        "guarantee",
        max_amount=minimum(
            Coalesce(Field("extra_guarantee_amount"), Param("guarantee.max_extra_line")),
            Param("guarantee.max_extra_line"),
        ),
        summary=(
            "加薪企業可另獲信用保證融資額度，同一企業最高{guarantee.max_extra_line}；"
            "{guarantee.band_threshold}以下保證成數{guarantee.ratio_band_low}，超過者"
            "{guarantee.ratio_band_high}；保證手續費年費率{guarantee.fee_rate}。"
        ),
        summary_en=(
            "Firms that raise wages get an extra guaranteed credit line of up to"
            " {guarantee.max_extra_line} per firm; the guarantee covers"
            " {guarantee.ratio_band_low} of financing up to {guarantee.band_threshold} and"
            " {guarantee.ratio_band_high} above it; the guarantee fee is {guarantee.fee_rate} a"
            " year."
        ),
        detail={
            "max_extra_line": Param("guarantee.max_extra_line"),
            "guarantee_ratio_band": IfElse(
                Field("extra_guarantee_amount") <= Param("guarantee.band_threshold"),
                Param("guarantee.ratio_band_low"),
                Param("guarantee.ratio_band_high"),
            ),
            "fee_per_year": Param("guarantee.fee_rate"),
        },
    ),
    windows=(Window("guarantee.window"),),
    next_steps="向往來銀行申請融資並檢附加薪證明，由金融機構或信保基金核認後移送信用保證。",
    next_steps_en=(
        "Apply for a loan at your bank with proof of the pay raise; once the bank or the Credit"
        " Guarantee Fund (信保基金) has verified it, the loan is referred for a credit guarantee."
    ),
    contact=f"信用保證基金 0800-089-921；{DESK}",
    contact_en=(
        f"Small and Medium Enterprise Credit Guarantee Fund (信用保證基金) 0800-089-921; {DESK_EN}"
    ),
)

PROGRAMS = (
    TRANSFORMATION_LOAN,
    RD_INVESTMENT_CREDIT,
    IP_EQUITY_TAX_DEFERRAL,
    YOUTH_SENIOR_HIRING_DEDUCTION,
    WAGE_RAISE_DEDUCTION,
    WAGE_RAISE_EXTRA_GUARANTEE,
)
