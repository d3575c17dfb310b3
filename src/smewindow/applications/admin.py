"""The applications in Django's admin (``/admin/``).

An administrator configures rounds, deadlines and budgets: of a budget only the total is
edited; committed and paid change only through the services. Applications, their history
and firms are shown read-only (the services are their only writers; the history is
append-only). Staff accounts are made in the admin's user pages. An administrator is a user
with ``is_staff`` (without it Django's admin lets nobody in) in the group ``administrator``,
whose permissions migration 0005 grants; only a superuser can make superusers, give
permissions one by one or grant the roles that approve and pay money (``StaffUserAdmin``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME
from django.http import HttpRequest

from smewindow.applications import roles
from smewindow.applications.models import Application, Budget, Firm, Round, StatusChange
from smewindow.catalog.models import Track
from smewindow.formatting import taipei_minute, twd


class RoundForm(forms.ModelForm[Round]):
    """A round's window, checked with a clear message (the database would refuse too)."""

    class Meta:
        model = Round
        fields = ("name", "opens_at", "deadline", "raise_deadline", "is_demo")

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        opens_at, deadline = cleaned.get("opens_at"), cleaned.get("deadline")
        raise_deadline = cleaned.get("raise_deadline")
        if opens_at and deadline and deadline <= opens_at:
            self.add_error(
                "deadline",
                "截止時間須晚於開始受理時間 (the deadline must be after the opening time)",
            )
        if deadline and raise_deadline and raise_deadline < deadline:
            self.add_error(
                "raise_deadline",
                "加碼申請截止不可早於截止時間 (the raise-bonus deadline cannot be before the deadline)",
            )
        return cleaned


def _locked_committed(budget: Budget) -> int:
    """What the budget has committed now, its row locked (``SELECT … FOR UPDATE``) until
    the admin's transaction ends, so that no approval slips in before the save."""
    committed = (
        Budget.objects.select_for_update()
        .filter(pk=budget.pk)
        .values_list("committed", flat=True)
        .first()
    )
    return committed or 0


class BudgetForm(forms.ModelForm[Budget]):
    """A track's total. An existing budget keeps its track, and its total cannot go below
    what is committed (checked on the locked row); only ``total`` is written back, never
    the committed and paid amounts the services keep."""

    class Meta:
        model = Budget
        fields = ("track", "total")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["track"].disabled = True

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        total = cleaned.get("total")
        if total is not None and total < 0:
            self.add_error("total", "預算總額不可為負數 (the total cannot be negative)")
        if self.instance.pk is None:
            return cleaned
        committed = _locked_committed(self.instance)
        if total is not None and total < committed:
            self.add_error(
                "total",
                f"預算總額 {twd(total)} 低於已核定金額 {twd(committed)} "
                f"(the total is below the NT${committed:,} already committed)",
            )
        return cleaned

    def save(self, commit: bool = True) -> Budget:
        """A new budget is inserted whole; an existing one updates its total only."""
        budget: Budget = super().save(commit=False)
        if commit:
            if budget.pk is None:
                budget.save()
            else:
                budget.save(update_fields=["total"])
        return budget


class BudgetFormSet(forms.BaseInlineFormSet[Budget, Round, forms.ModelForm[Budget]]):
    """A round's budgets: one with anything committed cannot be deleted."""

    def add_fields(self, form: forms.ModelForm[Budget], index: int | None) -> None:
        super().add_fields(form, index)
        budget = form.instance
        if budget.pk is not None and budget.committed > 0 and DELETION_FIELD_NAME in form.fields:
            form.fields[DELETION_FIELD_NAME].disabled = True

    def clean(self) -> None:
        """Refuse deleting a budget that committed money since the page was shown."""
        super().clean()
        for form in self.forms:
            budget = form.instance
            if not (budget.pk and form.cleaned_data.get(DELETION_FIELD_NAME, False)):
                continue
            committed = _locked_committed(budget)
            if committed > 0:
                raise ValidationError(
                    f"{budget.get_track_display()}已核定 {twd(committed)}，不能刪除此預算 "
                    f"(NT${committed:,} is committed: the budget cannot be deleted)"
                )


class BudgetInline(admin.TabularInline[Budget, Round]):
    model = Budget
    form = BudgetForm
    formset = BudgetFormSet
    fields = ("track", "total", "committed_display", "paid_display", "left_display")
    readonly_fields = ("committed_display", "paid_display", "left_display")
    max_num = len(Track.values)

    def get_extra(self, request: HttpRequest, obj: Round | None = None, **kwargs: Any) -> int:
        """A blank row per track without a budget (no JavaScript needed to add one)."""
        return len(Track.values) - (obj.budgets.count() if obj else 0)

    @admin.display(description="已核定 (committed)")
    def committed_display(self, budget: Budget) -> str:
        return twd(budget.committed) if budget.pk else "—"

    @admin.display(description="已撥款 (paid)")
    def paid_display(self, budget: Budget) -> str:
        return twd(budget.paid) if budget.pk else "—"

    @admin.display(description="剩餘 (left)")
    def left_display(self, budget: Budget) -> str:
        return twd(budget.left) if budget.pk else "—"


def _track_column(track: Track) -> Callable[[Round], str]:
    """A list column: the track's total, committed, paid and left in the round."""

    @admin.display(description=f"{track.label} 總額／已核定／已撥款／剩餘 ({track.value})")
    def column(round_: Round) -> str:
        budget = next((b for b in round_.budgets.all() if b.track == track), None)
        if budget is None:
            return "未設定 (none)"
        amounts = (budget.total, budget.committed, budget.paid, budget.left)
        return "／".join(twd(a) for a in amounts)

    column.__name__ = f"budget_{track.value}"
    return column


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin[Round]):
    form = RoundForm
    inlines = (BudgetInline,)
    list_display = (
        "name",
        "window",
        "raise_deadline_display",
        "is_demo",
        *(_track_column(track) for track in Track),
    )
    list_filter = ("is_demo",)
    search_fields = ("name",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("budgets")

    @admin.display(description="受理期間 (window)", ordering="opens_at")
    def window(self, round_: Round) -> str:
        return f"{taipei_minute(round_.opens_at)} – {taipei_minute(round_.deadline)}"

    @admin.display(description="加碼申請截止 (raise deadline)", ordering="raise_deadline")
    def raise_deadline_display(self, round_: Round) -> str:
        return taipei_minute(round_.raise_deadline)


class ReadOnly:
    """Shown only: nothing is added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin[Any]):
    """A model shown only."""


class HistoryInline(ReadOnly, admin.TabularInline[StatusChange, Application]):
    """An application's history, read-only (append-only)."""

    model = StatusChange
    fields = ("at", "who", "from_status", "to_status", "from_amount", "to_amount", "reason")
    readonly_fields = fields
    extra = 0


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "firm",
        "round",
        "track",
        "status",
        "submitted_at",
        "requested_amount",
        "approved_amount",
        "paid_amount",
        "claimed_by",
    )
    list_filter = ("round", "track", "status")
    list_select_related = ("firm", "round", "claimed_by")
    search_fields = ("firm__name", "firm__business_id")
    inlines = (HistoryInline,)


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = ("application", "at", "who", "from_status", "to_status", "to_amount")
    list_filter = ("to_status",)
    list_select_related = ("application__firm", "application__round", "who")


@admin.register(Firm)
class FirmAdmin(ReadOnlyAdmin):
    list_display = ("business_id", "name", "county", "industry", "user", "created_at")
    list_filter = ("county",)
    list_select_related = ("user",)
    search_fields = ("business_id", "name")


SUPERUSER_ONLY = ("is_superuser", "user_permissions")
"""User fields only a superuser may set: an administrator could otherwise raise itself."""


class StaffUserAdmin(UserAdmin[User]):
    """Django's user pages, with separation of duties. An administrator who is not a
    superuser makes staff accounts and puts them in groups other than the money roles
    (``roles.MONEY_ROLES``: reviewers, finance); it cannot change its own groups, touch a
    superuser or an account holding a money role (nor its password), make a superuser or give
    permissions one by one. Firm accounts are read-only for everyone: a firm changes its own
    password and e-mail on the site."""

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        hidden = (*SUPERUSER_ONLY, "groups") if obj == request.user else SUPERUSER_ONLY
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.exclude(name__in=roles.MONEY_ROLES)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_edit(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_edit(request, obj) and super().has_delete_permission(request, obj)

    @staticmethod
    def _may_edit(request: HttpRequest, obj: Any) -> bool:
        """Nobody edits a firm's account here; only a superuser edits a superuser or a
        holder of a money role."""
        if obj is None:
            return True
        if Firm.objects.filter(user=obj).exists():
            return False
        if request.user.is_superuser:
            return True
        return not obj.is_superuser and not obj.groups.filter(name__in=roles.MONEY_ROLES).exists()


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
