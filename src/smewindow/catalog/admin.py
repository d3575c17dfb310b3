"""The catalogue in Django's admin, with an import page per list (匯入清單) that uploads a
file to the same ``catalog_import`` service as the command line."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from smewindow.catalog.importers import ImportRefused
from smewindow.catalog.lists import SPECS
from smewindow.catalog.models import (
    CatalogRecord,
    Course,
    CourseSession,
    Provider,
    SoftwareProduct,
    Track,
)
from smewindow.catalog.services import catalog_import


class ImportForm(forms.Form):
    """A list file and how to import it."""

    file = forms.FileField(
        label="檔案 (file)", help_text=".csv（UTF-8 或 Big5）或 .xlsx；第一列為標題"
    )
    replace = forms.BooleanField(
        label="以此檔為完整清單 (replace)",
        required=False,
        help_text="檔案中沒有的紀錄將移出清單 (records the file no longer names are withdrawn)",
    )


class CourseImportForm(ImportForm):
    """A course list also says which subsidy site lists it."""

    track = forms.ChoiceField(
        label="適用產業 (track)", choices=Track.choices, initial=Track.MANUFACTURING
    )


Record = TypeVar("Record", bound=CatalogRecord)


class ImportAdmin(admin.ModelAdmin[Record]):
    """A model admin with an import page for its list."""

    import_kind: str
    import_form: type[ImportForm] = ImportForm
    change_list_template = "catalog/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name=name), *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a file; on success back to the list with the counts, else every problem."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = self.import_form(request.POST or None, request.FILES or None)
        problems: list[str] = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            options: dict[str, Any] = {"replace": form.cleaned_data["replace"]}
            if "track" in form.cleaned_data:
                options["track"] = form.cleaned_data["track"]
            try:
                result = catalog_import(
                    kind=self.import_kind, data=upload.read(), filename=upload.name, **options
                )
            except ImportRefused as exc:
                problems = [str(exc), *map(str, exc.problems)]
            else:
                self.message_user(request, str(result), messages.SUCCESS)
                info = (self.opts.app_label, self.opts.model_name)
                return HttpResponseRedirect(reverse("admin:{}_{}_changelist".format(*info)))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"匯入{self.opts.verbose_name_plural}",
            "form": form,
            "problems": problems,
            "columns": SPECS[self.import_kind].columns,
        }
        return TemplateResponse(request, "catalog/import_form.html", context)


@admin.register(Provider)
class ProviderAdmin(ImportAdmin[Provider]):
    import_kind = "providers"
    list_display = ("name", "type", "region", "county", "business_id", "is_approved", "is_demo")
    list_filter = ("type", "region", "is_approved", "is_demo")
    search_fields = ("name", "business_id", "address")


@admin.register(Course)
class CourseAdmin(ImportAdmin[Course]):
    import_kind = "courses"
    import_form = CourseImportForm
    list_display = (
        "name",
        "provider",
        "physical_hours",
        "online_hours",
        "track",
        "industry",
        "topic",
        "is_approved",
        "is_demo",
    )
    list_filter = ("track", "industry", "zone", "is_approved", "is_demo")
    list_select_related = ("provider",)
    search_fields = ("code", "name", "description", "url", "provider__name")
    autocomplete_fields = ("provider",)


@admin.register(CourseSession)
class CourseSessionAdmin(ImportAdmin[CourseSession]):
    import_kind = "sessions"
    list_display = ("course", "starts_on", "ends_on", "place", "mode", "is_demo")
    list_filter = ("mode", "is_demo")
    list_select_related = ("course",)
    search_fields = ("course__name", "place")
    date_hierarchy = "starts_on"
    autocomplete_fields = ("course",)


@admin.register(SoftwareProduct)
class SoftwareProductAdmin(ImportAdmin[SoftwareProduct]):
    import_kind = "software"
    list_display = ("name", "vendor", "category", "price", "is_approved", "is_demo")
    list_filter = ("category", "is_approved", "is_demo")
    search_fields = ("name", "vendor", "vendor_business_id", "category")
