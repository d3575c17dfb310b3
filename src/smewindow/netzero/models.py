"""The ESCO directory (能源技術服務業者, seed 策略2 淨零轉型: 「媒合386家ESCO業者進場服務」,
「能源技術服務業資訊網-服務能量登錄平台」 https://escoinfo.tgpf.org.tw/Page/Company.aspx).

An ``Esco`` is a catalogue record (``catalog.models.CatalogRecord``: ``is_approved`` = on
the imported registry list now, ``is_demo``, ``source``, timestamps) with its search text
in its own columns (``OwnSearchText``), so it is imported and searched as the catalogue's
lists are. Counties, services and certifications are sets of fixed values, stored as
``|a|b|`` text (the same SQL on SQLite and PostgreSQL: ``contains "|a|"``); ``counties``
blank means every county, ``services`` and ``certifications`` blank mean none known.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import Q

from smewindow.catalog.models import CatalogRecord, OwnSearchText, OwnSearchTextQuerySet


class Service(models.TextChoices):
    """What an ESCO does, the equipment of the plan's two subsidies and its ESCO services.

    Sources (``SERVICE_SOURCES``): the seed's 策略2 (動力與公用設備補助 「空氣壓縮機、風機等」;
    服務業高效率設備補助 「一級能效標章之空調、電冰箱、瓦斯爐，及具節能標章之照明燈具、冷凍櫃(箱)、
    空氣源式熱泵熱水器」; 「由ESCO整合中小型用戶(用電契約容量100瓩)提出申請」; 「節能服務諮詢輔導
    提供專家諮詢與診斷輔導」) and its table of 配套 (深度節能診斷→耗能設施盤點(ESCO); 系統節能專案
    累計契約容量須達100瓩). Boilers (鍋爐) are added to heat as the brief asks: no source
    of the plan names them (an interpretation, docs/escos.md).
    """

    AIR_COMPRESSOR = "air_compressor", "空氣壓縮機"
    FAN_PUMP_MOTOR = "fan_pump_motor", "風機、泵浦與馬達"
    AIR_CONDITIONING = "air_conditioning", "空調"
    REFRIGERATION = "refrigeration", "冷凍冷藏"
    LIGHTING = "lighting", "照明"
    HEAT = "heat", "熱能（鍋爐、熱泵熱水器）"
    SYSTEM_PROJECT = "system_project", "系統節能專案（契約容量100瓩以上）"
    ENERGY_MANAGEMENT = "energy_management", "能源管理系統"
    DIAGNOSIS = "diagnosis", "節能診斷"


SERVICE_EN: dict[str, str] = {
    "air_compressor": "air compressors",
    "fan_pump_motor": "fans, pumps and motors",
    "air_conditioning": "air-conditioning",
    "refrigeration": "refrigeration and freezers",
    "lighting": "lighting",
    "heat": "heat (boilers, heat-pump water heaters)",
    "system_project": "system energy-saving projects (contract capacity 100 kW or more)",
    "energy_management": "energy-management systems",
    "diagnosis": "energy-saving diagnosis",
}
"""Each service in English (the API's and pages' second language)."""

SEED = "seed: 策略2 淨零轉型-推動節能改善"
SERVICE_SOURCES: dict[str, str] = {
    "air_compressor": f"{SEED}・動力與公用設備補助",
    "fan_pump_motor": f"{SEED}・動力與公用設備補助; https://www.casting.org.tw/zh-TW/News/Detail/1087",
    "air_conditioning": f"{SEED}・服務業高效率設備補助",
    "refrigeration": f"{SEED}・服務業高效率設備補助",
    "lighting": f"{SEED}・服務業高效率設備補助",
    "heat": f"{SEED}・服務業高效率設備補助 (空氣源式熱泵熱水器); boilers: interpretation",
    "system_project": f"{SEED}・創市場 (用電契約容量100瓩); seed: 商業服務業節能設備補助 系統節能專案",
    "energy_management": "https://cna.com.tw/news/afe/202503060094.aspx (系統節能專案：能源管理系統)",
    "diagnosis": f"{SEED}・節能服務諮詢輔導; seed: 深度節能診斷→耗能設施盤點(ESCO)",
}
"""Where each service comes from (docs/escos.md lists them with the seed's words)."""


class Certification(models.TextChoices):
    """What an ESCO's listing or certification says about it.

    - ``registered``: on the Energy Administration's 能源技術服務業資訊網 服務能量登錄平台
      (seed 策略2, https://escoinfo.tgpf.org.tw/Page/Company.aspx), the registry the
      plan's 386 ESCOs come from.
    - ``iso50001``: an ISO 50001 energy-management system certificate
      (https://www.iso.org/standard/69426.html), which the system projects' energy
      management presupposes (UNCONFIRMED that the registry records it).
    """

    REGISTERED = "registered", "能源技術服務業服務能量登錄"
    ISO50001 = "iso50001", "ISO 50001 能源管理系統驗證"


CERTIFICATION_EN: dict[str, str] = {
    "registered": "registered on the ESCO service-capacity platform",
    "iso50001": "ISO 50001 energy-management certificate",
}
CERTIFICATION_SOURCES: dict[str, str] = {
    "registered": "https://escoinfo.tgpf.org.tw/Page/Company.aspx",
    "iso50001": "https://www.iso.org/standard/69426.html",
}


def pack(values: Iterable[str], order: Iterable[str]) -> str:
    """A set of values as stored: ``|a|b|`` in ``order``'s order, blank for none."""
    chosen = set(values)
    kept = [value for value in order if value in chosen]
    return f"|{'|'.join(kept)}|" if kept else ""


def unpack(stored: str) -> list[str]:
    """The values of a stored set (``pack``), in their order."""
    return [value for value in stored.split("|") if value]


class Esco(OwnSearchText, CatalogRecord):
    """An energy service company (能源技術服務業者) as its registry lists it."""

    name = models.CharField("公司名稱", max_length=200, unique=True)
    business_id = models.CharField(
        "統一編號", max_length=8, blank=True, help_text="blank when unknown"
    )
    counties = models.CharField(
        "服務縣市",
        max_length=200,
        blank=True,
        help_text="|臺北市|新北市|; blank: every county (全國)",
    )
    services = models.CharField(
        "服務項目", max_length=300, blank=True, help_text="|air_compressor|lighting|"
    )
    certifications = models.CharField(
        "登錄與驗證", max_length=100, blank=True, help_text="|registered|iso50001|"
    )
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("聯絡電話", max_length=40, blank=True)
    email = models.EmailField("電子郵件", max_length=254, blank=True)
    url = models.URLField("網址", max_length=500, blank=True)

    objects = OwnSearchTextQuerySet.as_manager()

    class Meta:
        verbose_name = "能源技術服務業者 (ESCO)"
        verbose_name_plural = "能源技術服務業者 (ESCOs)"
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(
                fields=("business_id",),
                condition=~Q(business_id=""),
                name="netzero_esco_business_id_unique",
            ),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def county_list(self) -> list[str]:
        """The counties it serves; empty: every county."""
        return unpack(self.counties)

    @property
    def service_list(self) -> list[str]:
        """Its ``Service`` values."""
        return unpack(self.services)

    @property
    def certification_list(self) -> list[str]:
        """Its ``Certification`` values."""
        return unpack(self.certifications)

    def fill_search_text(self) -> None:
        """Search by name, then 統一編號 and address, then web and e-mail."""
        self.set_search_text((self.name,), (self.business_id, self.address), (self.url, self.email))


class EstimateShare(models.Model):
    """A firm's carbon and energy-saving results sent on (``netzero.sharing``): the desk
    case it made, the link that reproduces the results, and the ESCOs it was sent to."""

    consultation = models.OneToOneField(
        "desk.Consultation",
        on_delete=models.CASCADE,
        related_name="estimate_share",
        verbose_name="諮詢案件",
    )
    link = models.URLField("試算連結", max_length=5000)
    total_kg = models.FloatField("全年排放（公斤CO2e）", null=True, blank=True)
    escos = models.ManyToManyField(
        Esco, blank=True, related_name="shares", verbose_name="提供給的業者"
    )
    created_at = models.DateTimeField("送出時間", auto_now_add=True)

    class Meta:
        verbose_name = "試算結果轉送"
        verbose_name_plural = "試算結果轉送"

    def __str__(self) -> str:
        return f"案件 {self.consultation_id}"
