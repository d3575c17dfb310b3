"""Partners and their staff in Django's admin (``/admin/``): an administrator adds the
organisations the desk refers firms to, the counties each serves, and the accounts that
work for each (those see only their partner's referrals). Cases are not shown here: they
hold personal data, read on the desk's own pages by those who work them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from smewindow.applications.models import Firm
from smewindow.desk.models import Partner, PartnerStaff
from smewindow.rules.taiwan import COUNTIES


class PartnerForm(forms.ModelForm[Partner]):
    """The counties served as ticks (none ticked: the whole country)."""

    counties = forms.MultipleChoiceField(
        label="服務縣市",
        choices=[(c, c) for c in COUNTIES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="不勾選表示服務全國 (none ticked: the whole country)",
    )

    class Meta:
        model = Partner
        fields = (
            "name", "kind", "counties", "contact_name", "contact_phone", "contact_email",
            "active", "is_demo",
        )  # fmt: skip

    def clean_counties(self) -> list[str]:
        chosen = set(self.cleaned_data.get("counties") or [])
        return [c for c in COUNTIES if c in chosen]


class PartnerStaffForm(forms.ModelForm[PartnerStaff]):
    class Meta:
        model = PartnerStaff
        fields = ("user",)

    def clean_user(self) -> Any:
        user = self.cleaned_data["user"]
        if Firm.objects.filter(user=user).exists():
            raise forms.ValidationError(
                "這是企業的帳號，不能擔任合作單位人員 (a firm's account cannot work for a partner)"
            )
        return user


class PartnerStaffInline(admin.TabularInline[PartnerStaff, Partner]):
    model = PartnerStaff
    form = PartnerStaffForm
    raw_id_fields = ("user",)
    extra = 1


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin[Partner]):
    form = PartnerForm
    list_display = ("name", "kind", "counties_display", "active", "is_demo")
    list_filter = ("kind", "active", "is_demo")
    search_fields = ("name",)
    inlines = (PartnerStaffInline,)

    @admin.display(description="服務縣市")
    def counties_display(self, partner: Partner) -> str:
        return "、".join(partner.counties) or "全國"


@admin.register(PartnerStaff)
class PartnerStaffAdmin(admin.ModelAdmin[PartnerStaff]):
    form = PartnerStaffForm
    list_display = ("user", "partner", "created_at")
    list_filter = ("partner",)
    raw_id_fields = ("user",)
    search_fields = ("user__username", "user__email", "partner__name")
