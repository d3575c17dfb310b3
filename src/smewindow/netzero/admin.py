"""The ESCO directory in Django's admin: counties, services and certifications as
checkboxes, and an import page (匯入清單) that uploads a file to ``esco_import``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from smewindow.catalog import cells
from smewindow.catalog.admin import ImportForm
from smewindow.catalog.importers import ImportRefused
from smewindow.netzero.lists import ESCOS
from smewindow.netzero.models import Certification, Esco, EstimateShare, Service, pack, unpack
from smewindow.netzero.services import esco_import
from smewindow.rules.taiwan import COUNTIES

SETS: dict[str, tuple[str, ...]] = {
    "counties": COUNTIES,
    "services": tuple(Service.values),
    "certifications": tuple(Certification.values),
}
"""The fields that hold a set of values, and the values in their order."""


class EscoForm(forms.ModelForm[Esco]):
    """An ESCO with its sets as checkboxes (no county ticked: every county)."""

    counties = forms.MultipleChoiceField(
        label="服務縣市 (counties)",
        choices=[(c, c) for c in COUNTIES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="都不勾選：全國 (none ticked: every county)",
    )
    services = forms.MultipleChoiceField(
        label="服務項目 (services)",
        choices=Service.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    certifications = forms.MultipleChoiceField(
        label="登錄與驗證 (certifications)",
        choices=Certification.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    url = forms.URLField(label="網址 (web)", required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Esco
        fields = (
            "name",
            "business_id",
            "counties",
            "services",
            "certifications",
            "address",
            "phone",
            "email",
            "url",
            "is_approved",
            "is_demo",
            "source",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in SETS:
            self.initial[name] = unpack(getattr(self.instance, name, "") or "")

    def clean_business_id(self) -> str:
        value: str = self.cleaned_data["business_id"]
        if value:
            try:
                return str(cells.business_id(value))
            except cells.CellError as exc:
                raise forms.ValidationError(str(exc)) from None
        return value

    def clean(self) -> dict[str, Any]:
        """The sets as stored (``pack``), before the model is built from them."""
        data = super().clean() or self.cleaned_data
        for name, order in SETS.items():
            if name in data:
                data[name] = pack(data[name], order)
        return data


@admin.register(Esco)
class EscoAdmin(admin.ModelAdmin[Esco]):
    form = EscoForm
    change_list_template = "catalog/change_list.html"
    list_display = ("name", "business_id", "services", "counties", "is_approved", "is_demo")
    list_filter = ("is_approved", "is_demo")
    search_fields = ("name", "business_id", "address", "services", "counties")

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="netzero_esco_import"), *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a list; on success back to the list with the counts, else every problem."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        problems: list[str] = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = esco_import(
                    data=upload.read(), filename=upload.name, replace=form.cleaned_data["replace"]
                )
            except ImportRefused as exc:
                problems = [str(exc), *map(str, exc.problems)]
            else:
                self.message_user(request, str(result), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:netzero_esco_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"匯入{self.opts.verbose_name_plural}",
            "form": form,
            "problems": problems,
            "columns": ESCOS.columns,
        }
        return TemplateResponse(request, "catalog/import_form.html", context)


@admin.register(EstimateShare)
class EstimateShareAdmin(admin.ModelAdmin[EstimateShare]):
    """What firms sent on from the net-zero tool: a record, read only (the case is the
    desk's to handle)."""

    list_display = ("consultation", "total_kg", "created_at")
    readonly_fields = ("consultation", "link", "total_kg", "escos", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
