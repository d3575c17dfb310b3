"""The firm's pages under /apply/: its applications, a draft prefilled from the finder, the
application page (live eligibility, trainees and courses, amount, documents, submission,
timeline). Every page is behind login and finds only the firm's own rows (else 404)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from smewindow.applications import amounts, eligibility, intake, roles, uploads, workflow
from smewindow.applications.forms import DocumentForm, SoftwareForm, TraineeForm
from smewindow.applications.models import (
    PURPOSE_OF_STATUS,
    Application,
    Document,
    Firm,
    Round,
    SoftwarePurchase,
    Status,
    Trainee,
)
from smewindow.applications.parameters import parameter
from smewindow.applications.refusals import ApplicationRefused, no_track
from smewindow.applications.roles import Actor
from smewindow.applications.selectors import unsent_documents
from smewindow.applications.workflow import Action
from smewindow.catalog.labels import hours as hours_text
from smewindow.catalog.search import CourseFilters, search_courses
from smewindow.finder.answers import AnswerError
from smewindow.finder.state import InterviewState, StateError
from smewindow.finder.views import page_lang
from smewindow.formatting import taipei_minute, twd

COURSES_PER_PAGE = 10


class NoFirm(Exception):
    """Raised by the firm's pages (``_firm``) for a user without a firm; the accounts'
    middleware (``accounts.middleware.NoFirmPage``) answers it with a page that says so."""


def _firm(request: HttpRequest) -> Firm:
    """The logged-in user's firm; a user without one (staff) is sent to a page that says so
    (``accounts.middleware``)."""
    firm = Firm.objects.filter(user=roles.signed_in(request)).first()
    if firm is None:
        raise NoFirm
    return firm


def _application(request: HttpRequest, pk: int) -> Application:
    """The firm's own application ``pk`` (another firm's answers 404)."""
    return get_object_or_404(
        Application.objects.select_related("round", "firm"), pk=pk, firm=_firm(request)
    )


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    """The firm's applications."""
    firm = _firm(request)
    applications = firm.applications.select_related("round").order_by("-created_at")
    return render(
        request, "applications/firm_list.html", {"firm": firm, "applications": applications}
    )


def _open_round(firm: Firm) -> Round | None:
    """The open round the firm has not applied in yet (the one closing first)."""
    now = timezone.now()
    return (
        Round.objects.filter(opens_at__lte=now, deadline__gt=now)
        .exclude(applications__firm=firm)
        .order_by("deadline")
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_new(request: HttpRequest) -> HttpResponse:
    """Start a draft in the open round, prefilled from the finder's answers (?state=)."""
    firm = _firm(request)
    round_ = _open_round(firm)
    state_text = request.GET.get("state") or request.POST.get("state") or ""
    try:
        answers = InterviewState.decode(state_text).answers
        error = ""
    except StateError as exc:
        answers, state_text, error = {}, "", str(exc)
    if request.method == "POST" and round_ is not None and _new_refusal(firm, round_) is None:
        try:
            application = intake.application_create(
                firm=firm,
                round=round_,
                priority_group=request.POST.get("priority_group") == "1",
                answers=answers,
            )
        except ApplicationRefused as refused:
            error = refused.text(page_lang())
        else:
            return redirect("apply:detail", application.pk)
    refusal = _new_refusal(firm, round_)
    context = {
        "firm": firm,
        "round": round_,
        "refusal": refusal.text(page_lang()) if refusal else "",
        "state": state_text,
        "answers": answers,
        "priority_group": bool(answers.get("employs_priority_groups")),
        "error": error,
    }
    return render(request, "applications/firm_new.html", context, status=422 if error else 200)


def _new_refusal(firm: Firm, round_: Round | None) -> ApplicationRefused | None:
    """Why the firm cannot apply in ``round_`` now: outside both tracks, or intake closed in
    its track (the budget cannot pay the smallest award) — said before a draft is made."""
    if round_ is None:
        return None
    if firm.track is None:
        return no_track()
    return intake.intake_refusal(round_, firm.track)


def _detail(
    request: HttpRequest,
    application: Application,
    *,
    trainee_form: TraineeForm | None = None,
    document_form: DocumentForm | None = None,
    software_form: SoftwareForm | None = None,
    answer_error: str = "",
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    listed, price = amounts.priced(application)  # on the case's pricing date
    trainees = [
        {
            "trainee": trainee,
            "courses": [link.course for link in trainee.courses.all()],
            "hours": hours_text(hours),
            "short": not price.counts(hours),
            "subsidy": twd(subsidy),
        }
        for (trainee, hours), subsidy in zip(listed, price.per_trainee, strict=True)
    ]
    q = request.GET.get("q", "")[:100]
    courses = search_courses(
        q, CourseFilters(approved=True, track=application.track), per_page=COURSES_PER_PAGE
    )
    refusal = intake.intake_refusal(application.round, application.track)
    unsent = set(unsent_documents(application).values_list("pk", flat=True))
    actions = workflow.available_actions(application, Actor.of(request.user))
    context = {
        "application": application,
        "actions": actions,
        "trainees": trainees,
        "min_hours": price.min_hours,
        "amount": twd(price.amount),
        "amounts": [
            (label, twd(value))
            for label, value in (
                (_("申請金額"), application.requested_amount),
                (_("核定金額"), application.approved_amount),
                (_("撥款金額"), application.paid_amount),
                (_("加碼金額"), application.bonus_amount),
            )
            if value is not None
        ],
        "check": eligibility.check(application, price.counted, page_lang()),
        "answer_error": answer_error,
        "q": q,
        "courses": [
            (
                c,
                c.total_hours is not None and hours_text(c.total_hours),
                amounts.course_in_window(c, application.round),
            )
            for c in courses.items
        ],
        "window": amounts.training_window(application.round),
        "trainee_form": trainee_form or TraineeForm(),
        "software": application.software.select_related("product"),
        "software_form": software_form or SoftwareForm(),
        "document_form": document_form or DocumentForm(),
        "documents": [(d, d.pk in unsent) for d in application.documents.all()],
        "purpose": PURPOSE_OF_STATUS.get(Status(application.status))
        if Action.UPLOAD in actions
        else None,
        "max_documents": uploads.MAX_DOCUMENTS,
        "request_reason": _latest_reason(application, Status.NEEDS_DOCUMENTS),
        "bonus": _bonus(application, actions),
        "intake_refusal": refusal.text(page_lang()) if refusal else "",
        "history": [
            (
                taipei_minute(h.at, page_lang()),
                h,
                twd(h.to_amount) if h.to_amount is not None else "",
            )
            for h in application.history.all()
        ],
        "error": error,
    }
    return render(request, "applications/firm_detail.html", context, status=status)


def _latest_reason(application: Application, status: str) -> str:
    """Why the application last entered ``status`` (e.g. the documents asked for)."""
    if application.status != status:
        return ""
    change = application.history.filter(to_status=status).order_by("-at", "-id").first()
    return change.reason if change else ""


def _bonus(application: Application, actions: frozenset[Action]) -> dict[str, Any] | None:
    """The raise bonus of a paid case: whether the firm can claim it now, what it would get
    (nothing when nothing was paid) and until when; None for a case that never reached it."""
    claimable = Action.CLAIM_BONUS in actions
    if not claimable and not application.history.filter(to_status=Status.BONUS_CLAIMED).exists():
        return None
    amount = amounts.bonus_for(application)
    return {
        "claimable": claimable,
        "due": amount > 0,
        "amount": twd(amount),
        "rate": parameter("digital_training.raise_bonus_rate", amounts.pricing_date(application)),
        "deadline": taipei_minute(application.round.raise_deadline, page_lang()),
        "open": timezone.now() < application.round.raise_deadline,
    }


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _application(request, pk))


def _act(request: HttpRequest, pk: int, act: Callable[[Application], object]) -> HttpResponse:
    """Run ``act`` on the firm's application; a refusal is shown on its page (422)."""
    application = _application(request, pk)
    try:
        act(application)
    except ApplicationRefused as refusal:
        application.refresh_from_db()  # as it is now, e.g. claimed by another reviewer
        return _detail(request, application, error=refusal.text(page_lang()), status=422)
    return redirect("apply:detail", application.pk)


@login_required
@require_POST
def application_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the draft's priority-group declaration."""
    priority_group = request.POST.get("priority_group") == "1"
    return _act(
        request, pk, lambda a: intake.draft_update(application=a, priority_group=priority_group)
    )


@login_required
@require_POST
def answers_save(request: HttpRequest, pk: int) -> HttpResponse:
    """The answers to the eligibility questions still open (不確定 keeps one unknown)."""
    application = _application(request, pk)
    try:
        intake.answers_update(
            application=application, answers=eligibility.read(request.POST, page_lang())
        )
    except AnswerError as problem:
        return _detail(request, application, answer_error=str(problem), status=422)
    except ApplicationRefused as refusal:
        return _detail(request, application, error=refusal.text(page_lang()), status=422)
    return redirect(f"{reverse('apply:detail', args=[application.pk])}#check")


@login_required
@require_POST
def trainee_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = TraineeForm(request.POST)
    if form.is_valid():
        try:
            intake.trainee_add(application=application, **form.cleaned_data)
        except ApplicationRefused as refusal:
            field = "national_id" if refusal.code in ("national_id", "trainee_twice") else None
            form.add_error(field, refusal.text(page_lang()))
        else:
            return redirect("apply:detail", application.pk)
    return _detail(request, application, trainee_form=form, status=422)


@login_required
@require_POST
def trainee_remove(request: HttpRequest, pk: int, trainee_pk: int) -> HttpResponse:
    def remove(application: Application) -> None:
        intake.trainee_remove(
            trainee=get_object_or_404(Trainee, pk=trainee_pk, application=application)
        )

    return _act(request, pk, remove)


@login_required
@require_POST
def software_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = SoftwareForm(request.POST)
    if form.is_valid():
        try:
            intake.software_add(application=application, **form.cleaned_data)
        except ApplicationRefused as refusal:
            form.add_error(None, refusal.text(page_lang()))
        else:
            return redirect("apply:detail", application.pk)
    return _detail(request, application, software_form=form, status=422)


@login_required
@require_POST
def software_remove(request: HttpRequest, pk: int, software_pk: int) -> HttpResponse:
    def remove(application: Application) -> None:
        intake.software_remove(
            purchase=get_object_or_404(SoftwarePurchase, pk=software_pk, application=application)
        )

    return _act(request, pk, remove)


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit: the workflow's refusals (deadline, intake closed, no trainee) are shown."""
    return _act(request, pk, lambda a: workflow.submit(application=a))


@login_required
@require_POST
def application_resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    """The documents asked for are uploaded: back to the queue at the original place."""
    return _act(request, pk, lambda a: workflow.resubmit(application=a))


@login_required
@require_POST
def bonus_claim(request: HttpRequest, pk: int) -> HttpResponse:
    """Claim the raise bonus with the evidence uploaded."""
    return _act(request, pk, lambda a: workflow.bonus_claim(application=a))


@login_required
@require_POST
def document_delete(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    def delete(application: Application) -> None:
        uploads.document_delete(
            document=get_object_or_404(Document, pk=document_pk, application=application)
        )

    return _act(request, pk, delete)


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            uploads.document_store(
                application=application,
                upload=form.cleaned_data["file"],
                user=roles.signed_in(request),
            )
        except ApplicationRefused as refusal:
            form.add_error("file", refusal.text(page_lang()))
        else:
            return redirect("apply:detail", application.pk)
    return _detail(request, application, document_form=form, status=422)


@login_required
def document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    """A document, to the firm that uploaded it and the reviewers of its track only."""
    found = get_object_or_404(
        Document.objects.select_related("application__firm"), pk=document_pk, application_id=pk
    )
    application = found.application
    actor = Actor.of(request.user)
    if not actor.owns(application) and not actor.can_review(application):
        raise Http404("not yours")
    path = uploads.path_of(found)
    if not path.is_file():
        raise Http404("file gone")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )
