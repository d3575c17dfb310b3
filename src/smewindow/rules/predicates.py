"""Conditions that several programs share, named like the regulations that define them."""

from __future__ import annotations

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


SERVICE_SECTIONS = ("G", "H", "I", "J", "K", "L", "M", "N", "P", "Q", "R", "S")
"""商業服務業: wholesale and retail through other services; public administration (O) is not
a business. The seed names 批發零售、住宿餐飲、運輸倉儲、醫事機構、學校「等」: an open list."""


def is_service_business() -> Expr:
    return industry_in(*SERVICE_SECTIONS)


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


def yes_criterion(
    id: str, label: str, label_en: str, source: str, field: str, *, required: bool = True
) -> Criterion:
    """A criterion met when a yes/no field is answered yes."""
    return Criterion(id, label, label_en, source, is_true(field), required)
