"""The courses that count toward a firm's 12 hours (配套1.1): the course zone's filters for
what the finder knows of the firm; and the software list that may go with them.

The subsidy pays for listed courses of approved providers (seed lines 404–416) in the
firm's track: manufacturing (section C) or services (sections G–S but O,
``rules.predicates.SERVICES_TRACK``: also those whose taking part the agency decides). A manufacturer's courses are those of its industry
category and the common ones (共通性); the seed's categories (塑膠製品, 電機電子, 紡織業,
機械設備, 運輸工具, 金屬製品, 共通性; course table, seed lines 471–482) are matched to TSIC
rev. 11 divisions in ``CATEGORY_OF_DIVISION`` — this project's reading, docs/catalog.md.
The region is the firm's county's (``regions.py``). Whatever is unknown is not filtered on:
an unknown industry shows both tracks, an unknown county every region.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from smewindow.catalog.models import Industry, Track
from smewindow.catalog.regions import region_of_county
from smewindow.rules.predicates import SERVICES_TRACK
from smewindow.rules.taiwan import divisions_of

CATEGORY_OF_DIVISION: dict[str, str] = {
    "11": Industry.TEXTILES,  # 紡織業
    "12": Industry.TEXTILES,  # 成衣及服飾品製造業: 紡織 in Taiwan's industry statistics
    "22": Industry.PLASTICS,  # 塑膠製品製造業
    "24": Industry.METAL,  # 基本金屬製造業
    "25": Industry.METAL,  # 金屬製品製造業
    "26": Industry.ELECTRICAL,  # 電子零組件
    "27": Industry.ELECTRICAL,  # 電腦、電子產品及光學製品
    "28": Industry.ELECTRICAL,  # 電力設備及配備
    "29": Industry.MACHINERY,  # 機械設備製造業
    "34": Industry.MACHINERY,  # 產業用機械設備維修及安裝業
    "30": Industry.TRANSPORT,  # 汽車及其零件
    "31": Industry.TRANSPORT,  # 其他運輸工具及其零件
}
"""The seed's industry category of a manufacturing division; other divisions of C take
the common courses only."""

TRAINING_PROGRAM = "digital-training-subsidy"
"""The program whose hours the course zone's courses count toward (配套1.1)."""
MANUFACTURING = divisions_of("C")


def course_filters(answers: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The course zone's query parameters for a firm's answers (``industry``, ``county``):
    approved courses of its track, industry category and region, as far as they are known."""
    params = [("approved", "1")]
    industry = answers.get("industry")
    if industry in MANUFACTURING:
        params.append(("track", Track.MANUFACTURING))
        if industry in CATEGORY_OF_DIVISION:
            params.append(("industry", CATEGORY_OF_DIVISION[industry]))
        params.append(("industry", Industry.COMMON))
    elif industry in SERVICES_TRACK:
        params.append(("track", Track.SERVICES))
    county = answers.get("county")
    region = region_of_county(county) if county else None
    if region:
        params.append(("region", region))
    return params


def course_zone_url(answers: Mapping[str, Any]) -> str:
    """The course zone filtered for the firm (see ``course_filters``)."""
    return f"{reverse('catalog:courses')}?{urlencode(course_filters(answers))}"


def software_list_url() -> str:
    """The published software list (軟體名單) that may go with the courses: the listed
    products (the list has no track, industry or region to filter a firm's by)."""
    return f"{reverse('catalog:software')}?{urlencode([('approved', '1')])}"
