"""The catalogue of 配套1.1 (seed lines 404–530): providers, courses, sessions, software.

Blank text and null numbers mean *unknown* (the seed or the list is silent), never zero.
``is_approved`` says whether a record is on the official list now: an import with
``replace`` withdraws what the new list no longer names instead of deleting it, so history
and sessions stay. ``is_demo`` marks every record that the demo generator invented.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Self, TypeVar

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.expressions import Combinable

from smewindow.catalog import searchtext
from smewindow.catalog.regions import REGIONS
from smewindow.rules.taiwan import COUNTIES


class ProviderType(models.TextChoices):
    """The four kinds of provider in the official statistics (seed lines 461–467)."""

    ASSOCIATION = "association", "公協會"
    INSTITUTE = "institute", "法人"
    SCHOOL = "school", "學校"
    PRIVATE = "private", "民間單位"


REGION_CHOICES = list(REGIONS.items())
"""北 / 中 / 南 / 東 / 離島, by county (``regions.py`` gives the basis)."""


class Track(models.TextChoices):
    """Which subsidy site lists a course (seed lines 360–394): 製造業 or 服務業."""

    MANUFACTURING = "manufacturing", "製造業"
    SERVICES = "services", "服務業"


class Industry(models.TextChoices):
    """The industry categories of the manufacturing courses (seed lines 475–482)."""

    PLASTICS = "plastics", "塑膠製品"
    ELECTRICAL = "electrical", "電機電子"
    TEXTILES = "textiles", "紡織業"
    MACHINERY = "machinery", "機械設備"
    TRANSPORT = "transport", "運輸工具"
    METAL = "metal", "金屬製品"
    COMMON = "common", "共通性"


class SessionMode(models.TextChoices):
    """How a session is held."""

    IN_PERSON = "in_person", "實體"
    ONLINE = "online", "線上"
    HYBRID = "hybrid", "混成"


Record = TypeVar("Record", bound=models.Model)


class CatalogQuerySet(models.QuerySet[Record]):
    """Filters shared by the listed records."""

    def approved(self) -> Self:
        """Records on the official list now."""
        return self.filter(is_approved=True)

    def real(self) -> Self:
        """Records that are not demo data."""
        return self.filter(is_demo=False)


class CatalogRecord(models.Model):
    """Fields every catalogue record has: listing, demo mark, source, timestamps."""

    is_approved = models.BooleanField(
        "列於公告清單", default=True, help_text="on the official list (approved) now"
    )
    is_demo = models.BooleanField("示範資料", default=False, help_text="invented demo record")
    source = models.CharField(
        "出處", max_length=300, blank=True, help_text="seed lines or the imported file"
    )
    created_at = models.DateTimeField("建立時間", auto_now_add=True)
    updated_at = models.DateTimeField("更新時間", auto_now=True)

    # No ``objects`` here: each concrete model declares its own manager (of a CatalogQuerySet
    # or a subclass), since django-stubs cannot type a manager redeclared in a subclass.

    class Meta:
        abstract = True


SEARCH_FIELDS = ("search_text", "search_part2", "search_part3")


class SearchText(models.Model):
    """Text for search: ``searchtext.joined`` of up to three parts of a record, in the order
    they rank, and where parts 2 and 3 start; ``search.py`` matches the text and ranks a
    term by the part it is first found in."""

    search_text = models.TextField(editable=False, default="", help_text="normalised for search")
    search_part2 = models.PositiveIntegerField(editable=False, default=1)
    search_part3 = models.PositiveIntegerField(editable=False, default=1)

    class Meta:
        abstract = True

    def set_search_text(self, *parts: Sequence[str]) -> None:
        self.search_text, self.search_part2, self.search_part3 = searchtext.joined(*parts)


class OwnSearchTextQuerySet(CatalogQuerySet[Record]):
    """Records that keep their search text in their own columns (providers, software):
    ``bulk_create`` fills it (``save`` does it one by one; ``update()`` and ``bulk_update``
    do not)."""

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        objs = list(objs)
        for obj in objs:
            obj.fill_search_text()
        return super().bulk_create(objs, *args, **kwargs)


class OwnSearchText(SearchText):
    """A record with its search text in its own columns, filled again on every save."""

    class Meta:
        abstract = True

    def fill_search_text(self) -> None:
        """Set the search text from the record's fields (``set_search_text``)."""
        raise NotImplementedError

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fill_search_text()
        fields = kwargs.get("update_fields")
        if fields:
            kwargs["update_fields"] = {*fields, *SEARCH_FIELDS}
        super().save(*args, **kwargs)


class Provider(OwnSearchText, CatalogRecord):
    """A training provider (開課單位), as on the provider list (seed lines 447–455)."""

    name = models.CharField("機構名稱", max_length=200, unique=True)
    business_id = models.CharField(
        "統一編號", max_length=8, blank=True, help_text="blank when unknown"
    )
    type = models.CharField("機構類型", max_length=20, choices=ProviderType.choices, blank=True)
    address = models.CharField("連絡地址", max_length=200, blank=True)
    county = models.CharField("縣市", max_length=3, choices=[(c, c) for c in COUNTIES], blank=True)
    region = models.CharField("區域", max_length=10, choices=REGION_CHOICES, blank=True)

    objects = OwnSearchTextQuerySet.as_manager()

    class Meta:
        verbose_name = "開課單位 (provider)"
        verbose_name_plural = "開課單位 (providers)"
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(
                fields=("business_id",),
                condition=~Q(business_id=""),
                name="catalog_provider_business_id_unique",
            ),
        )
        indexes = (models.Index(fields=("type", "region"), name="catalog_provider_type_region"),)

    def __str__(self) -> str:
        return self.name

    def fill_search_text(self) -> None:
        """Search by name, then by 統一編號 and address."""
        self.set_search_text((self.name,), (self.business_id, self.address))

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if fields is None or "name" in fields:
            CourseSearch.refresh(self.courses.all())  # they are found by its name


def _hours(
    label: str,
) -> models.DecimalField[Decimal | float | str | Combinable | None, Decimal | None]:
    """Hours with one decimal, 0 or more; null when unknown."""
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )


class CourseQuerySet(CatalogQuerySet["Course"]):
    """Bulk writes that write the courses' search rows too (``save`` does it one by one;
    ``update()`` does not)."""

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        created: list[Any] = super().bulk_create(objs, *args, **kwargs)
        CourseSearch.refresh(course for course in created if course.pk is not None)
        return created

    def bulk_update(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> int:
        objs = list(objs)
        updated: int = super().bulk_update(objs, *args, **kwargs)
        CourseSearch.refresh(objs)
        return updated


class Course(CatalogRecord):
    """A course (課程), as in the course zone (seed lines 426–429), with its classification."""

    code = models.CharField("課程代碼", max_length=40, blank=True)
    name = models.CharField("課程名稱", max_length=200)
    provider = models.ForeignKey(
        Provider,
        verbose_name="開課單位",
        on_delete=models.PROTECT,
        related_name="courses",
        null=True,
        blank=True,
        help_text="null when the seed names a course without its provider",
    )
    physical_hours = _hours("實體時數")
    online_hours = _hours("線上時數")
    description = models.TextField("課程簡介", blank=True)
    url = models.URLField("網址", max_length=500, blank=True)
    track = models.CharField(
        "適用產業", max_length=20, choices=Track.choices, blank=True, help_text="blank: either"
    )
    industry = models.CharField("行業別", max_length=20, choices=Industry.choices, blank=True)
    topic = models.CharField(
        "類別", max_length=40, blank=True, help_text="e.g. 生產管理, or an AI-zone category"
    )
    zone = models.CharField(
        "專區", max_length=40, blank=True, help_text="e.g. AI主題 (中小企業網路大學校)"
    )

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = "課程 (course)"
        verbose_name_plural = "課程 (courses)"
        ordering = ("provider__name", "name")
        constraints = (
            models.UniqueConstraint(fields=("provider", "name"), name="catalog_course_unique"),
            models.UniqueConstraint(
                fields=("code",), condition=~Q(code=""), name="catalog_course_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(physical_hours__gte=0) | Q(physical_hours__isnull=True),
                name="catalog_course_physical_hours_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(online_hours__gte=0) | Q(online_hours__isnull=True),
                name="catalog_course_online_hours_not_negative",
            ),
        )
        indexes = (
            models.Index(fields=("track", "industry"), name="catalog_course_track_industry"),
            models.Index(fields=("zone", "topic"), name="catalog_course_zone_topic"),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def total_hours(self) -> Decimal | None:
        """Physical plus online hours; None when either is unknown."""
        if self.physical_hours is None or self.online_hours is None:
            return None
        return self.physical_hours + self.online_hours

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        CourseSearch.refresh([self])


class CourseSearch(SearchText):
    """A course's search text — its code and name, its provider's name, its description and
    URL — in a narrow table of its own, so that a search scans a few hundred bytes a course
    rather than whole records (twice as fast at 20,000 courses, on both databases)."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, primary_key=True, related_name="search"
    )
    code = models.CharField(max_length=40, blank=True, help_text="the course's, to sort by")

    class Meta:
        verbose_name = "課程搜尋文字 (course search text)"
        indexes = (models.Index(fields=("code", "course"), name="catalog_coursesearch_order"),)

    @classmethod
    def refresh(cls, courses: Iterable[Course]) -> None:
        """Write the search rows of saved ``courses``."""
        courses = list(courses)
        providers = {course.provider_id for course in courses if course.provider_id is not None}
        names = dict(Provider.objects.filter(pk__in=providers).values_list("pk", "name"))
        rows = []
        for course in courses:
            row = CourseSearch(course=course, code=course.code)
            provider = "" if course.provider_id is None else names.get(course.provider_id, "")
            row.set_search_text(
                (course.code, course.name), (provider,), (course.description, course.url)
            )
            rows.append(row)
        CourseSearch.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["course"],
            update_fields=["code", *SEARCH_FIELDS],
            batch_size=1000,
        )


class CourseSession(CatalogRecord):
    """One run of a course (開課日期), e.g. the 29 sessions of seed lines 495–530."""

    course = models.ForeignKey(
        Course, verbose_name="課程", on_delete=models.CASCADE, related_name="sessions"
    )
    starts_on = models.DateField("開課日期")
    ends_on = models.DateField("結束日期", null=True, blank=True)
    place = models.CharField("上課地點", max_length=200, blank=True)
    mode = models.CharField("上課方式", max_length=20, choices=SessionMode.choices, blank=True)

    objects = CatalogQuerySet.as_manager()

    class Meta:
        verbose_name = "開課場次 (session)"
        verbose_name_plural = "開課場次 (sessions)"
        ordering = ("starts_on", "course__name")
        constraints = (
            models.UniqueConstraint(fields=("course", "starts_on"), name="catalog_session_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="catalog_session_ends_after_start",
            ),
        )

    def __str__(self) -> str:
        return f"{self.course.name}（{self.starts_on.isoformat()}）"


class SoftwareProduct(OwnSearchText, CatalogRecord):
    """A product on the software list (軟體名單, seed line 365) that may go with a course."""

    name = models.CharField("軟體名稱", max_length=200)
    vendor = models.CharField("廠商名稱", max_length=200)
    vendor_business_id = models.CharField("廠商統一編號", max_length=8, blank=True)
    category = models.CharField("類別", max_length=40, blank=True)
    price = models.PositiveIntegerField("售價（新臺幣元）", null=True, blank=True)
    url = models.URLField("網址", max_length=500, blank=True)

    objects = OwnSearchTextQuerySet.as_manager()

    class Meta:
        verbose_name = "軟體 (software)"
        verbose_name_plural = "軟體 (software)"
        ordering = ("vendor", "name")
        constraints = (
            models.UniqueConstraint(fields=("vendor", "name"), name="catalog_software_unique"),
        )

    def __str__(self) -> str:
        return f"{self.name}（{self.vendor}）"

    def fill_search_text(self) -> None:
        """Search by name and category, then by vendor and its 統一編號, then by URL."""
        self.set_search_text(
            (self.name, self.category), (self.vendor, self.vendor_business_id), (self.url,)
        )
