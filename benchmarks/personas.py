"""Varied firms, for the interview benchmark and its tests.

A persona is what the owner would answer, its needs (what it wants help with) among them; a
field it lacks is one the owner is unsure of. The restaurant, the plastics factory, the
machine maker, the hair salon, the food factory and the hardware shop are typical firms whose
owner knows most answers (the last three answer every yes/no question the rules read; the
machine maker's owner is unsure of its products); the bakery, the software startup, the
trader, the builder and the tax-registered stall are owners unsure of many answers. The five
owners of issue 11 follow (a bakery of 8 in Taichung, a plastics factory of 120, a
restaurant of 25, a one-person online shop, a software start-up of 4), then more firms of
other trades, sizes and needs, one of them registered abroad.

:func:`without_needs` is the same owner skipping the first question (what it needs).

On every screen a persona answers what it knows and leaves the rest unknown (:func:`answer`):
on a grid of yes/no rows (``yes_no_grid``) it answers the rows it knows and marks the others
不確定, on the same screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def answer(truth: dict[str, Any], fields: Iterable[str]) -> tuple[dict[str, Any], list[str]]:
    """What the persona ``truth`` does on a screen asking ``fields``: the answers it knows,
    and the fields it leaves unknown (skipped)."""
    asked = list(fields)
    return {f: truth[f] for f in asked if f in truth}, [f for f in asked if f not in truth]


def without_needs(truth: dict[str, Any]) -> dict[str, Any]:
    """The persona ``truth`` not saying what it needs (it skips that question)."""
    return {k: v for k, v in truth.items() if k != "needs"}


PERSONAS: dict[str, dict[str, Any]] = {
    "小吃店老闆（餐飲，3人）": {
        "needs": ["funding", "digital"],
        "registration_type": "business", "industry": "56", "county": "臺南市",
        "special_products": [], "employees": 3, "paid_in_capital": 300_000,
        "transformation_activities": ["pos", "mobile_payment"], "operating_normally": True,
        "is_listed": False, "trade_registration": False, "own_brand": False,
        "new_young_senior_hires": 0, "base_wage_raise_total": 0, "rd_expense": 0,
        "wage_raise_verified": False, "trainees": 2, "raise_wages_by_2026_06_30": False,
        "loan_amount": 1_000_000, "loan_purpose": "equipment",
    },
    "塑膠製品工廠（25人）": {
        "needs": ["digital", "netzero", "export"],
        "registration_type": "company", "industry": "22", "county": "臺中市",
        "special_products": [], "employees": 25, "employees_min_6m": 23,
        "paid_in_capital": 20_000_000, "factory_registration": True, "factory_registration_certificate": True, "prc_investment": False,
        "transformation_activities": ["erp", "energy_saving"], "operating_normally": True,
        "is_listed": False, "own_brand": False, "trade_registration": True, "export_record": True,
        "trainees": 6, "training_cost_per_trainee": 12_000, "raise_wages_by_2026_06_30": True,
        "loan_amount": 8_000_000, "loan_purpose": "equipment", "rd_expense": 500_000,
        "tax_payable": 800_000, "new_young_senior_hires": 1, "base_wage_raise_total": 300_000,
        "taxable_income": 4_000_000, "wage_raise_verified": False,
        "exhibitions_physical": 1, "exhibitions_online": 0,
    },
    "烘焙坊（規格範例）": {
        "needs": ["training", "funding"],
        "registration_type": "company", "industry": "08", "county": "臺中市",
        "special_products": ["bakery"], "employees": 12, "employees_min_6m": 11,
        "paid_in_capital": 5_000_000, "factory_registration": True, "factory_registration_certificate": True,
        "transformation_activities": ["pos", "digital_course"], "trainees": 4,
        "raise_wages_by_2026_06_30": True, "loan_amount": 2_000_000, "loan_purpose": "equipment",
    },
    "軟體新創（8人）": {
        "needs": ["ai", "tax", "investment"],
        "registration_type": "company", "industry": "62", "county": "臺北市", "employees": 8,
        "paid_in_capital": 10_000_000, "transformation_activities": ["ai", "cloud"],
        "is_startup": True, "is_listed": False, "own_brand": True, "operating_normally": True,
        "rd_expense": 3_000_000, "tax_payable": 0, "trainees": 5, "trade_registration": False,
    },
    "貿易商（批發，40人）": {
        "needs": ["export", "netzero"],
        "registration_type": "company", "industry": "46", "county": "新北市", "employees": 40,
        "employees_min_6m": 38, "paid_in_capital": 50_000_000, "trade_registration": True,
        "export_record": True, "operating_normally": True, "is_listed": False,
        "transformation_activities": ["erp"], "own_brand": False,
        "overseas_channel_cost": 6_000_000, "overseas_channel_joint": False,
        "exhibitions_physical": 2, "exhibitions_online": 1, "energy_equipment_cost": 400_000,
    },
    "營造業（15人）": {
        "needs": ["funding", "hiring"],
        "registration_type": "company", "industry": "41", "county": "高雄市", "employees": 15,
        "paid_in_capital": 8_000_000, "operating_normally": True, "special_products": [],
        "transformation_activities": [], "is_listed": False,
    },
    "大型機械廠（300人）": {
        "needs": ["ai", "export", "brand"],
        "registration_type": "company", "industry": "29", "employees": 300,
        "employees_min_6m": 290, "paid_in_capital": 500_000_000, "factory_registration": True, "factory_registration_certificate": True,
        "is_listed": True, "listed_market": "twse", "trade_registration": True,
        "export_record": True, "own_brand": True,
    },
    "美髮院（行號，5人）": {
        "needs": ["training", "digital"],
        "registration_type": "business", "industry": "96", "county": "新北市", "employees": 5,
        "employees_min_6m": 5, "paid_in_capital": 200_000, "special_products": [],
        "transformation_activities": ["mobile_payment", "digital_marketing"],
        "operating_normally": True, "is_listed": False, "prc_investment": False,
        "factory_registration": False, "trade_registration": False, "export_record": False,
        "is_startup": False, "new_southbound_agri": False, "own_brand": False,
        "trademark_registered_tw": False, "new_product_within_3_years": False,
        "rd_or_manufacturing_in_taiwan": False, "product_certified": False,
        "product_is_software": False, "main_operations_in_taiwan": False,
        "registered_abroad": False,
        "wage_raise_verified": False, "disaster_tax_deferral": False,
        "meets_disability_quota": False, "trainees": 1, "raise_wages_by_2026_06_30": False,
        "new_young_senior_hires": 0, "base_wage_raise_total": 0, "rd_expense": 0,
    },
    "食品加工廠（自有品牌，20人）": {
        "needs": ["brand", "export", "netzero"],
        "registration_type": "company", "industry": "08", "county": "彰化縣", "employees": 20,
        "employees_min_6m": 18, "paid_in_capital": 10_000_000, "special_products": ["processed_food"],
        "factory_registration": True, "factory_registration_certificate": True, "prc_investment": False, "is_listed": False,
        "transformation_activities": ["erp", "ghg_inventory"], "operating_normally": True,
        "own_brand": True, "trademark_registered_tw": True, "overseas_regions": 1,
        "own_brand_revenue_share": 0.6, "trade_registration": True, "export_record": True,
        "is_startup": False, "new_southbound_agri": False, "new_product_within_3_years": True,
        "rd_or_manufacturing_in_taiwan": True, "product_certified": True,
        "product_is_software": False, "main_operations_in_taiwan": False,
        "registered_abroad": False,
        "wage_raise_verified": False, "disaster_tax_deferral": False,
        "meets_disability_quota": False, "trainees": 5, "raise_wages_by_2026_06_30": True,
        "new_young_senior_hires": 0, "base_wage_raise_total": 200_000, "rd_expense": 300_000,
        "tax_payable": 500_000, "taxable_income": 2_500_000,
    },
    "五金零售店（公司，8人）": {
        "needs": ["digital", "hiring"],
        "registration_type": "company", "industry": "47", "county": "桃園市", "employees": 8,
        "employees_min_6m": 8, "paid_in_capital": 3_000_000, "special_products": [],
        "transformation_activities": ["pos"], "operating_normally": True, "is_listed": False,
        "prc_investment": False, "factory_registration": False, "trade_registration": False,
        "export_record": False, "is_startup": False, "new_southbound_agri": False,
        "own_brand": False, "trademark_registered_tw": False,
        "new_product_within_3_years": False, "rd_or_manufacturing_in_taiwan": False,
        "product_certified": False, "product_is_software": False,
        "main_operations_in_taiwan": False, "registered_abroad": False,
        "wage_raise_verified": False,
        "disaster_tax_deferral": False, "meets_disability_quota": False, "trainees": 2,
        "new_young_senior_hires": 0, "base_wage_raise_total": 0, "rd_expense": 0,
    },
    "只有稅籍的攤商（2人）": {
        "needs": ["funding"],
        "registration_type": "tax_only", "industry": "56", "employees": 2,
        "transformation_activities": ["mobile_payment"], "operating_normally": True,
        "special_products": [], "registered_abroad": False,
    },
    "台中烘焙坊（行號，8人）": {
        "needs": ["funding", "digital", "domestic_sales"],
        "registration_type": "business", "industry": "08", "county": "臺中市",
        "special_products": ["bakery"], "employees": 8, "employees_min_6m": 7,
        "paid_in_capital": 500_000, "operating_normally": True, "own_brand": True,
        "is_listed": False, "trade_registration": False, "prc_investment": False,
        "new_product_within_3_years": False, "registered_abroad": False,
        "transformation_activities": ["pos", "mobile_payment", "digital_marketing"],
        "trainees": 3, "raise_wages_by_2026_06_30": True, "wage_raise_verified": False,
        "loan_amount": 1_500_000, "loan_purpose": "equipment",
        "digital_tools": ["pos", "accounting"], "ai_use": "exploring",
    },
    "塑膠工廠（公司，120人）": {
        "needs": ["netzero", "ai", "export"],
        "registration_type": "company", "industry": "22", "county": "桃園市",
        "special_products": [], "employees": 120, "employees_min_6m": 115,
        "paid_in_capital": 80_000_000, "factory_registration": True, "factory_registration_certificate": True, "prc_investment": False,
        "operating_normally": True, "own_brand": False, "trade_registration": True,
        "export_record": True, "is_listed": False, "registered_abroad": False,
        "transformation_activities": ["erp", "energy_saving", "ghg_inventory"],
        "contract_capacity_kw": 800, "rd_expense": 2_000_000, "new_young_senior_hires": 3,
        "base_wage_raise_total": 1_200_000, "wage_raise_verified": False,
        "exhibitions_physical": 2, "digital_tools": ["accounting", "erp", "iot"],
        "ai_use": "pilot",
    },
    "餐廳（公司，25人）": {
        "needs": ["hiring", "training", "funding"],
        "registration_type": "company", "industry": "56", "county": "高雄市",
        "special_products": [], "employees": 25, "employees_min_6m": 22,
        "paid_in_capital": 6_000_000, "operating_normally": True, "own_brand": True,
        "trade_registration": False, "is_listed": False, "new_product_within_3_years": False,
        "registered_abroad": False, "transformation_activities": ["pos", "mobile_payment"],
        "trainees": 5, "raise_wages_by_2026_06_30": True, "new_young_senior_hires": 4,
        "base_wage_raise_total": 400_000, "wage_raise_verified": False,
        "digital_tools": ["pos", "accounting"], "ai_use": "none",
    },
    "網拍賣家（行號，1人）": {
        "needs": ["domestic_sales", "ai", "funding"],
        "registration_type": "business", "industry": "47", "county": "新北市",
        "special_products": [], "employees": 1, "paid_in_capital": 100_000,
        "operating_normally": True, "own_brand": False, "is_listed": False,
        "trade_registration": False, "registered_abroad": False,
        "transformation_activities": ["digital_marketing", "mobile_payment"], "trainees": 1,
        "digital_tools": ["ecommerce", "cloud"], "ai_use": "exploring",
    },
    "軟體新創（公司，4人）": {
        "needs": ["investment", "ai", "funding", "tax"],
        "registration_type": "company", "industry": "62", "county": "臺北市",
        "special_products": [], "employees": 4, "employees_min_6m": 4,
        "paid_in_capital": 2_000_000, "is_startup": True, "own_brand": True,
        "new_product_within_3_years": True, "product_is_software": True,
        "rd_or_manufacturing_in_taiwan": True, "is_listed": False, "trade_registration": False,
        "operating_normally": True, "registered_abroad": False,
        "transformation_activities": ["ai", "cloud"], "trainees": 4, "rd_expense": 1_500_000,
        "tax_payable": 0, "new_young_senior_hires": 0, "base_wage_raise_total": 0,
        "digital_tools": ["cloud", "crm", "data_analysis", "ai"], "ai_use": "production",
    },
    "民宿（行號，3人）": {
        "needs": ["domestic_sales", "netzero", "digital"],
        "registration_type": "business", "industry": "55", "county": "花蓮縣",
        "special_products": ["local_specialty"], "employees": 3, "paid_in_capital": 1_000_000,
        "operating_normally": True, "own_brand": True, "is_listed": False,
        "trade_registration": False, "transformation_activities": ["mobile_payment"],
        "contract_capacity_kw": 30, "energy_equipment_cost": 200_000,
    },
    "金屬零件廠（公司，45人）": {
        "needs": ["ai", "digital", "training"],
        "registration_type": "company", "industry": "25", "county": "彰化縣",
        "special_products": [], "employees": 45, "employees_min_6m": 44,
        "paid_in_capital": 30_000_000, "factory_registration": True, "factory_registration_certificate": True, "operating_normally": True,
        "own_brand": False, "trade_registration": True, "export_record": True,
        "is_listed": False, "transformation_activities": ["erp", "iot"],
        "disaster_tax_deferral": False,
    },
    "農產品出口商（公司，10人）": {
        "needs": ["export"],
        "registration_type": "company", "industry": "46", "county": "屏東縣",
        "special_products": ["local_specialty"], "employees": 10, "paid_in_capital": 5_000_000,
        "trade_registration": True, "export_record": False, "is_startup": False,
        "new_southbound_agri": True, "own_brand": False, "is_listed": False,
        "overseas_channel_cost": 2_000_000, "exhibitions_physical": 1,
    },
    "貨運行（行號，12人）": {
        "needs": ["netzero", "funding"],
        "registration_type": "business", "industry": "49", "county": "臺南市",
        "special_products": [], "employees": 12, "operating_normally": True,
        "transformation_activities": [], "is_listed": False,
    },
    "手工皂工作室（行號，2人）": {
        "needs": ["brand", "domestic_sales"],
        "registration_type": "business", "industry": "20", "county": "宜蘭縣",
        "special_products": ["local_specialty"], "employees": 2, "paid_in_capital": 200_000,
        "own_brand": True, "factory_registration": False, "operating_normally": True,
        "new_product_within_3_years": True, "rd_or_manufacturing_in_taiwan": True,
    },
    "境外登記的新創（6人）": {
        "needs": ["investment", "export"],
        "registration_type": "none", "registered_abroad": True,
        "main_operations_in_taiwan": True, "industry": "62", "employees": 6,
        "paid_in_capital": 15_000_000, "is_listed": False, "is_startup": True,
        "own_brand": True, "new_product_within_3_years": True, "product_is_software": True,
        "rd_or_manufacturing_in_taiwan": True, "trade_registration": False,
    },
}  # fmt: skip
