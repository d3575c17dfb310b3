"""Sending a firm's carbon and energy-saving results on: to the desk, as a consultation the
firm follows by its private link (``desk.services.consultation_create``), and to the ESCOs
it chose, each by a mail in the outbox with the results and the firm's contact.

Nothing goes to an ESCO without the firm's own consent to share with the ESCOs it ticked
(``share_given``), beside the desk's consent to collect the data. The case, the record of
what was sent (``EstimateShare``) and the mails are written in one transaction: all of
them, or nothing. An ESCO with no e-mail is named in the case, for the desk to call.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from smewindow.desk import services as desk
from smewindow.desk.services import DeskRefused
from smewindow.netzero.models import Esco, EstimateShare
from smewindow.netzero.results import ESCOS_SHOWN, Results, kind_label
from smewindow.netzero.toolform import Tool
from smewindow.outbox.services import queue
from smewindow.rules.texts import twd

CONTACT_FIELDS = ("firm_name", "contact_name", "contact_phone", "contact_email", "message")
"""The send form's own fields."""

PROGRAM_OF = {
    "service": "service-energy-equipment-subsidy",
    "manufacturing": "power-equipment-subsidy",
}
"""The equipment program a path's case is about."""


def _tonnes(kg: float | None) -> str:
    return "—" if kg is None else f"{kg / 1000:,.1f}"


def summary(tool: Tool, results: Results, link: str) -> str:
    """The results in a few lines of Chinese, for the desk's case and the ESCOs' mail."""
    found = results.estimate
    lines = [
        f"碳排與節能試算（{found['year']}年）",
        f"全年排放約 {_tonnes(found['total_kg'])} 公噸CO2e"
        f"（範疇一 {_tonnes(found['scope1_kg'])}、範疇二 {_tonnes(found['scope2_kg'])}）",
    ]
    for source in found["by_source"]:
        lines.append(
            f"・{source['label']}：{source['quantity']:,.0f} {source['unit']}，"
            f"{source['kg']:,.0f} 公斤CO2e"
        )
    if results.savings is not None:
        lines.append("設備：")
        for row, item in zip(tool.rows, results.savings["items"], strict=True):
            units = row.item.get("units", 1)
            kw = row.item.get("kw")
            subsidy = "不確定" if item["subsidy"] is None else twd(item["subsidy"])
            lines.append(
                f"・{kind_label(item['kind'], 'zh')} {units}台"
                + (f"，每台 {kw:g} 瓩" if kw is not None else "")
                + f"，估計補助 {subsidy}"
            )
    if tool.county:
        lines.append(f"縣市：{tool.county}")
    lines.append(f"完整試算：{link}")
    return "\n".join(lines)


def send(
    *,
    tool: Tool,
    results: Results,
    link: str,
    escos: Sequence[str],
    consent_given: bool,
    share_given: bool,
    contact: Mapping[str, str],
    user: Any,
    site: str,
) -> str:
    """The desk case (its private link's token) made from the results, with the chosen
    ESCOs mailed; ``DeskRefused`` naming what is wrong, and nothing written, otherwise."""
    chosen = _chosen(escos)
    if chosen and not share_given:
        raise DeskRefused(
            "share",
            "請勾選同意將試算結果與聯絡資料提供給您勾選的業者，或取消勾選業者",
            "tick the consent to share the results and your contact with the companies you"
            " chose, or untick them",
        )
    text = summary(tool, results, link)
    names = "、".join(e.name for e in chosen)
    question = "\n\n".join(
        part
        for part in (
            contact.get("message", "").strip(),
            text,
            f"已同意提供給：{names}" if chosen else "請服務中心協助轉介能源技術服務業者（ESCO）",
        )
        if part
    )
    with transaction.atomic():
        case, token = desk.consultation_create(
            channel="web",
            consent_given=consent_given,
            firm_name=contact.get("firm_name", ""),
            contact_name=contact.get("contact_name", ""),
            contact_phone=contact.get("contact_phone", ""),
            contact_email=contact.get("contact_email", ""),
            county=tool.county,
            needs=["netzero"],
            program_id=PROGRAM_OF[tool.sector] if tool.rows else "esco-energy-saving",
            question=question,
            user=user if user is not None and user.is_authenticated else None,
            site=site,
        )
        share = EstimateShare.objects.create(
            consultation=case, link=link, total_kg=results.estimate["total_kg"]
        )
        share.escos.set(chosen)
        for esco in chosen:
            if esco.email:
                queue(
                    f"中小微企業單一窗口：{case.firm_name}的節能諮詢（案件 {case.pk}）",
                    _mail(case.firm_name, case.contact_name, case.contact_phone,
                          case.contact_email, text),
                    [esco.email],
                )  # fmt: skip
    return token


def _chosen(values: Sequence[str]) -> list[Esco]:
    """The ESCOs ticked: approved ones, at most ``ESCOS_SHOWN``."""
    if len(values) > ESCOS_SHOWN:
        raise DeskRefused(
            "escos",
            f"最多勾選 {ESCOS_SHOWN} 家業者",
            f"choose at most {ESCOS_SHOWN} companies",
        )
    if not all(v.isdigit() and len(v) <= 12 for v in values):
        raise DeskRefused("escos", "勾選的業者不正確", "the companies chosen are not valid")
    chosen = list(Esco.objects.filter(pk__in=[int(v) for v in values], is_approved=True))
    if len(chosen) != len(set(values)):
        raise DeskRefused(
            "escos",
            "勾選的業者已不在名單上，請重新整理頁面再選",
            "a company chosen is no longer listed; reload the page and choose again",
        )
    return chosen


def _mail(firm: str, name: str, phone: str, email: str, text: str) -> str:
    contact = "、".join(part for part in (name, phone, email) if part)
    return (
        f"您好：\n\n{firm}透過經濟部「中小微企業單一窗口」的碳排與節能試算，"
        f"同意將試算結果與聯絡資料提供給貴公司，希望洽詢節能改善。\n\n"
        f"聯絡人：{contact}\n\n{text}\n\n"
        "請直接與企業聯絡；本信由系統寄出，請勿回覆。如有疑問請洽經濟部馬上辦服務中心"
        " 0800-056-476。\n\n"
        f"{firm} shared its carbon and energy-saving estimate from the SME Window with your"
        " company and asks to be contacted about saving energy (contact above)."
    )
