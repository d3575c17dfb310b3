"""The agency's pages under /review/: the reviewer's queue and review page, finance's
payments and the dashboard. Every page is behind login and a role; an application outside
the user's tracks (or any page for a user without the role) answers 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from smewindow.applications import amounts, dashboard, eligibility, intake, roles, workflow
from smewindow.applications.models import Application, Budget, Round, Status
from smewindow.applications.refusals import ApplicationRefused
from smewindow.applications.roles import Actor
from smewindow.applications.selectors import checks_waiting, review_queue
from smewindow.catalog.labels import hours as hours_text
from smewindow.downloads import csv_response
from smewindow.finder.views import page_lang
from smewindow.formatting import taipei_minute, twd


def _tracks(request: HttpRequest) -> list[str]:
    """The tracks the user reviews; 404 for anyone who reviews none."""
    tracks = Actor.of(request.user).reviewed_tracks()
    if not tracks:
        raise Http404("not a reviewer")
    return tracks


def _require(request: HttpRequest, *groups: str) -> None:
    """404 unless the user is in one of ``groups``."""
    if not Actor.of(request.user).is_in(*groups):
        raise Http404("not allowed")


def _application(request: HttpRequest, pk: int) -> Application:
    """Application ``pk`` if the user may review it (``Actor.can_review``: its track, no
    drafts); else 404."""
    application = get_object_or_404(
        Application.objects.select_related("firm", "round", "claimed_by"), pk=pk
    )
    if not Actor.of(request.user).can_review(application):
        raise Http404("not yours to review")
    return application


def _when(moment: Any) -> str:
    """A moment to the minute in the page's language (ROC calendar in Chinese)."""
    return taipei_minute(moment, page_lang())


DASHBOARD_GROUPS = (roles.FINANCE, roles.ADMINISTRATOR, *roles.REVIEWER.values())


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """Render a staff page with the links (queue, payments, dashboard) the user may follow."""
    actor = Actor.of(request.user)
    context["nav"] = {
        "queue": actor.is_in(*roles.REVIEWER.values()),
        "payments": actor.is_in(roles.FINANCE),
        "dashboard": actor.is_in(*DASHBOARD_GROUPS),
    }
    return render(request, template, context, status=status)


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Per track: the queue of each round, the reviewer's claimed application."""
    tracks = _tracks(request)
    queues = [
        (track, round_, list(review_queue(round_, track)))
        for track in tracks
        for round_ in Round.objects.order_by("-opens_at")
    ]
    held = Application.objects.filter(claimed_by=roles.signed_in(request), status=Status.IN_REVIEW)
    context = {
        "queues": [q for q in queues if q[2]],
        "held": held,
        "checks": checks_waiting(tracks),
        "when": _when,
    }
    return _render(request, "applications/staff_queue.html", context)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """One application: firm, trainees with courses and hours, documents, history, actions."""
    return _review_page(request, _application(request, pk))


def _review_page(
    request: HttpRequest, application: Application, error: str = "", status: int = 200
) -> HttpResponse:
    listed, price = amounts.priced(application)  # on the case's pricing date
    trainees = [  # each with its hours as shown and whether it counts
        (trainee, hours_text(hours), price.counts(hours)) for trainee, hours in listed
    ]
    refusal = intake.intake_refusal(application.round, application.track)
    return _render(
        request,
        "applications/staff_review.html",
        {
            "application": application,
            "trainees": trainees,
            "min_hours": price.min_hours,
            "amount": price.amount,
            "check": eligibility.check(application, price.counted, page_lang()),
            "documents": application.documents.all(),
            "software": application.software.select_related("product"),
            "history": application.history.select_related("who").order_by("at", "id"),
            "actions": workflow.available_actions(application, Actor.of(request.user)),
            "budget": Budget.objects.filter(
                round=application.round, track=application.track
            ).first(),
            "intake_refusal": refusal.text(page_lang()) if refusal else "",
            "error": error,
            "twd": twd,
            "when": _when,
        },
        status=status,
    )


def _action(
    request: HttpRequest, pk: int, act: Callable[[Application, User], object]
) -> HttpResponse:
    """Run ``act`` through the workflow; a refusal is shown on the review page (422)."""
    application = _application(request, pk)
    try:
        act(application, roles.signed_in(request))
    except ApplicationRefused as refusal:
        application.refresh_from_db()  # as it is now, e.g. claimed by another reviewer
        return _review_page(request, application, error=refusal.text(page_lang()), status=422)
    return redirect("review:application", pk)


@require_POST
@login_required
def claim(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, lambda a, u: workflow.claim(application=a, reviewer=u))


def _int(value: str, zh: str, en: str) -> int:
    """A whole number typed in the field named ``zh``/``en`` (thousands commas allowed);
    refused naming the field when it is not one (or has more digits than Python reads)."""
    try:
        return int(value.replace(",", "").strip())
    except ValueError:
        raise ApplicationRefused(
            "amount", f"{zh}請填整數金額（新臺幣元）", f"{en}: a whole number of NT$"
        ) from None


def review_items(application: Application) -> dict[str, list[str]]:
    """What a reviewer checks one by one before approving, by kind: each trainee, document
    and software purchase (checkbox values ``t-<id>``, ``d-<id>``, ``s-<id>``)."""
    return {
        "trainees": [f"t-{pk}" for pk in application.trainees.values_list("pk", flat=True)],
        "documents": [f"d-{pk}" for pk in application.documents.values_list("pk", flat=True)],
        "software": [f"s-{pk}" for pk in application.software.values_list("pk", flat=True)],
    }


@require_POST
@login_required
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve once every item is ticked as checked; the history says what was checked."""
    ticked = set(request.POST.getlist("checked"))

    def act(application: Application, reviewer: User) -> None:
        amount = _int(request.POST.get("amount", ""), "核定金額", "approved amount")
        items = review_items(application)
        missing = [item for values in items.values() for item in values if item not in ticked]
        if missing:
            raise ApplicationRefused(
                "unchecked",
                f"請逐項查核後再核定（尚有 {len(missing)} 項未勾選）",
                f"check every item before approving ({len(missing)} not ticked)",
            )
        counts = {kind: len(values) for kind, values in items.items()}
        reason = (
            "已逐項查核：受訓員工 {trainees} 位、文件 {documents} 份、軟體 {software} 項"
            " (checked: {trainees} trainees, {documents} documents, {software} software)"
        ).format(**counts)
        workflow.approve(application=application, reviewer=reviewer, amount=amount, reason=reason)

    return _action(request, pk, act)


@require_POST
@login_required
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    reasons = request.POST.get("reasons", "").splitlines()
    return _action(
        request, pk, lambda a, u: workflow.reject(application=a, reviewer=u, reasons=reasons)
    )


@require_POST
@login_required
def documents(request: HttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _action(
        request,
        pk,
        lambda a, u: workflow.request_documents(application=a, reviewer=u, reason=reason),
    )


@require_POST
@login_required
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviewer has verified the certificates and invoices of an approved application."""
    return _action(request, pk, lambda a, u: workflow.complete(application=a, reviewer=u))


@require_POST
@login_required
def bonus_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """The evidence shows the raise: the bonus is reserved from the budget."""
    return _action(request, pk, lambda a, u: workflow.bonus_approve(application=a, reviewer=u))


@require_POST
@login_required
def bonus_reject(request: HttpRequest, pk: int) -> HttpResponse:
    reasons = request.POST.get("reasons", "").splitlines()
    return _action(
        request,
        pk,
        lambda a, u: workflow.bonus_reject(application=a, reviewer=u, reasons=reasons),
    )


@login_required
def payments(request: HttpRequest) -> HttpResponse:
    """Finance: approved and completed applications; payment for the completed ones."""
    _require(request, roles.FINANCE)
    return _payments_page(request)


PAYMENT_STATUSES = (
    Status.APPROVED,
    Status.COMPLETED,
    Status.PAID,
    Status.BONUS_CLAIMED,
    Status.BONUS_APPROVED,
    Status.BONUS_PAID,
)
"""What finance sees: approved cases (to come), and those to pay or to close."""


def _payments_page(request: HttpRequest, error: str = "", status: int = 200) -> HttpResponse:
    applications = (
        Application.objects.filter(status__in=PAYMENT_STATUSES)
        .select_related("firm", "round")
        .order_by("submitted_at", "id")
    )
    actor = Actor.of(request.user)
    rows = [(a, workflow.available_actions(a, actor)) for a in applications]
    context = {"rows": rows, "error": error, "twd": twd}
    return _render(request, "applications/staff_payments.html", context, status=status)


def _finance_action(
    request: HttpRequest, pk: int, act: Callable[[Application, User], object]
) -> HttpResponse:
    """Run ``act`` for finance; a refusal is shown on the payments page (422)."""
    _require(request, roles.FINANCE)
    application = get_object_or_404(Application.objects.exclude(status=Status.DRAFT), pk=pk)
    try:
        act(application, roles.signed_in(request))
    except ApplicationRefused as refusal:
        return _payments_page(request, refusal.text(page_lang()), status=422)
    return redirect("review:payments")


@require_POST
@login_required
def pay(request: HttpRequest, pk: int) -> HttpResponse:
    """Pay the actual cost (the workflow pays at most the approval)."""

    def act(application: Application, officer: User) -> None:
        cost = _int(request.POST.get("actual_cost", ""), "實際費用", "actual cost")
        workflow.record_payment(application=application, finance_officer=officer, actual_cost=cost)

    return _finance_action(request, pk, act)


@require_POST
@login_required
def pay_bonus(request: HttpRequest, pk: int) -> HttpResponse:
    return _finance_action(
        request, pk, lambda a, u: workflow.bonus_pay(application=a, finance_officer=u)
    )


@require_POST
@login_required
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return _finance_action(
        request, pk, lambda a, u: workflow.close(application=a, finance_officer=u)
    )


@login_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """The agency dashboard: each table with its chart and a CSV link."""
    _require(request, *DASHBOARD_GROUPS)
    tables = [build() for build in dashboard.TABLES.values()]
    return _render(request, "applications/staff_dashboard.html", {"tables": tables})


@login_required
def dashboard_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One dashboard table as CSV: UTF-8 with a BOM, so that Excel reads the Chinese."""
    _require(request, *DASHBOARD_GROUPS)
    build = dashboard.TABLES.get(table)
    if build is None:
        raise Http404(table)
    return csv_response(build().csv_rows(), f"smewindow-review-{table}.csv")
