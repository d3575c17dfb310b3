"""Conditions that several programs share, named like the regulations that define them."""

from __future__ import annotations

from dataclasses import replace

from smewindow.rules.logic import (
    And,
    Coalesce,
    Expr,
    Field,
    HasAny,
    IsIn,
    Not,
    OnlyIfTrue,
    Or,
    Param,
    unknown_if,
)
from smewindow.rules.model import Criterion
from smewindow.rules.taiwan import divisions_of

SME_STANDARD = "https://law.moea.gov.tw/EngLawContent.aspx?id=10396&lan=C&media=print"
COMPANY_OR_BUSINESS = ("company", "business", "limited_partnership")
"""公司登記 or 商業登記; 商業登記 includes 有限合夥登記 (MOEA, GL000159)."""


def is_true(name: str) -> Expr:
    """A yes/no profile field answered yes (the field itself: true, false or unknown)."""
    return Field(name)


def is_false(name: str) -> Expr:
    """A yes/no profile field answered no."""
    return Not(Field(name))


def registered_as(*types: str) -> Expr:
    return IsIn(Field("registration_type"), frozenset(types))


def industry_in(*sections: str) -> Expr:
    """The firm's TSIC division lies in one of the given sections (C = manufacturing …)."""
    return IsIn(Field("industry"), divisions_of(*sections))


def has_product(*products: str) -> Expr:
    return HasAny(Field("special_products"), frozenset(products))


def has_activity(*activities: str) -> Expr:
    return HasAny(Field("transformation_activities"), frozenset(activities))


def meets_sme_size() -> Expr:
    """SME Recognition Standard Art. 2: capital ≤ NT$100M or fewer than 200 regular employees."""
    return Or(
        Field("paid_in_capital") <= Param("sme_standard.paid_in_capital_max"),
        Field("employees") < Param("sme_standard.employees_below"),
    )


def thirty_or_fewer(limit: str) -> Expr:
    """≤ ``limit`` domestic insured employees in any one of the last 6 months.

    The lowest monthly count decides. When it is not given, a 12-month average at or
    below the limit shows some month was too; an average above it decides nothing.
    """
    return Coalesce(
        Field("employees_min_6m") <= Param(limit),
        OnlyIfTrue(Field("employees") <= Param(limit)),
    )


def is_manufacturer() -> Expr:
    return industry_in("C")


def holds_factory_registration() -> Expr:
    """The factory is registered (工廠登記證), not only exempt or under an improvement plan.

    ``factory_registration`` also counts an exemption or a 納管工廠's improvement plan; the
    certificate answers it too (a firm holding one has factory registration), so a known
    certificate decides alone and a firm without factory registration holds none.
    """
    certificate = Field("factory_registration_certificate")
    return And(Coalesce(Field("factory_registration"), OnlyIfTrue(certificate)), certificate)


SERVICES_TRACK = divisions_of("G", "H", "I", "J", "K", "L", "M", "N", "P", "Q", "R", "S")
"""The services of sections G–S: a firm in one applies in a services track (商業發展署).
Public administration (O) is not a business, nor 商業服務業."""
SERVICES_NAMED = divisions_of("G", "H", "I") | frozenset({"79", "81", "85", "86", "93", "95", "96"})
"""商業服務業 as a source names them. The seed's list (服務業(二): 批發零售、住宿餐飲、運輸倉儲、
醫事機構、學校「等」): G, H, I, 86 醫療保健業 and 85 教育業. The Administration of Commerce
(商業發展署) names its 商業服務業 — 批發、零售、物流、餐飲、休憩服務、生活服務業 — by tax
classes (稅籍登記小類) for its 2025 subsidies (https://www.smebiz.org.tw/project-drive.php; the
same five groups in https://www.smebiz.org.tw/project-cloud.php), adding whole divisions: 79
旅行業 (790), 81 建築物及綠化服務 (811–813), 93 運動、娛樂及休閒 (931, 932), 95 維修
(951, 952, 959) and 96 個人服務 (961–964, 969) — each, as read here, every group of its
division in TSIC rev. 11 (the division names checked against ``industries.DIVISION_NAMES``;
that the lists' tax classes cover the whole divisions is an interpretation)."""
SERVICES_UNSETTLED = SERVICES_TRACK - SERVICES_NAMED
"""The other services (J 資通訊, K 金融保險, L 不動產, M 專業服務, the rest of N, Q, R and S): no
source says whether the programs for 商業服務業 take them, so they are unknown."""
SERVICES_UNSETTLED_NOTE = (
    "（未列舉的服務業，如金融保險、不動產、專業服務，計畫未說明是否適用，請洽詢）"
)
SERVICES_UNSETTLED_NOTE_EN = (
    " (the programme does not say whether services it does not list, such as finance and"
    " insurance, real estate or professional services, qualify: ask)"
)


def is_service_business() -> Expr:
    """商業服務業: met for the divisions a source names, unknown for the other services."""
    industry = Field("industry")
    return unknown_if(IsIn(industry, SERVICES_UNSETTLED), IsIn(industry, SERVICES_NAMED))


def in_services_track() -> Expr:
    """The firm's industry is in a services track, whether or not a source names it."""
    return IsIn(Field("industry"), SERVICES_TRACK)


def not_finance_or_special_entertainment() -> Expr:
    return Not(Or(industry_in("K"), has_product("special_entertainment")))


# Criteria used word for word by several programs.


def registered_criterion(source: str, *types: str) -> Criterion:
    """The firm holds one of the registrations the program names."""
    types = types or COMPANY_OR_BUSINESS
    names = {
        "company": "公司登記",
        "business": "商業登記",
        "limited_partnership": "有限合夥登記",
        "tax_only": "稅籍登記",
    }
    names_en = {
        "company": "company registration",
        "business": "business registration (商業登記, for sole proprietorships and partnerships)",
        "limited_partnership": "limited partnership registration",
        "tax_only": "tax registration",
    }
    label = "辦理" + "、".join(names[t] for t in types)
    english = [names_en[t] for t in types]
    if len(english) > 1:
        english[-2:] = [f"{english[-2]} or {english[-1]}"]
    label_en = "Holds a " + ", ".join(english)
    return Criterion("registered_business", label, label_en, source, registered_as(*types))


def registered_unsaid_criterion(source: str) -> Criterion:
    """A company, business or limited partnership registration, where the source does not say
    whether a firm with only a tax registration may apply: for that firm, unknown (ask)."""
    named = registered_criterion(source)
    return replace(
        named,
        label=named.label + "（僅辦理稅籍登記者：計畫未說明可否申請，請洽詢）",
        label_en=named.label_en
        + " (the programme does not say whether a firm with only a tax registration may"
        " apply: ask)",
        test=unknown_if(registered_as("tax_only"), named.test),
    )


def sme_size_criterion() -> Criterion:
    return Criterion(
        "meets_sme_standard",
        "符合中小企業認定標準：實收資本額{sme_standard.paid_in_capital_max}以下，"
        "或經常僱用員工數未滿{sme_standard.employees_below}",
        "Meets the SME Recognition Standard: paid-in capital of"
        " {sme_standard.paid_in_capital_max} or less, or a regular workforce of fewer than"
        " {sme_standard.employees_below}",
        SME_STANDARD,
        meets_sme_size(),
    )


def sme_criteria(source: str, *types: str) -> tuple[Criterion, Criterion]:
    """A registered business that meets the SME Recognition Standard."""
    return registered_criterion(source, *types), sme_size_criterion()


def plan_sme_criteria(source: str) -> tuple[Criterion, Criterion]:
    """The plan's 中小微企業 where the program's source names no test: a registered business
    (a tax registration only is unknown) of the SME Recognition Standard's size."""
    return registered_unsaid_criterion(source), sme_size_criterion()


def yes_criterion(
    id: str, label: str, label_en: str, source: str, field: str, *, required: bool = True
) -> Criterion:
    """A criterion met when a yes/no field is answered yes."""
    return Criterion(id, label, label_en, source, is_true(field), required)
