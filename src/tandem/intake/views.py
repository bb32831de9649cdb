"""Applying to a programme, and the committee's review."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.core.access import object_or_404
from tandem.core.http import HtmxHttpRequest
from tandem.programmes.access import programme_view
from tandem.programmes.models import Programme, ProgrammeStatus, Role
from tandem.programmes.selectors import roles_in

from . import availability, selectors, services
from .access import application_for_reviewer, cohort_for_reviewer, cohort_to_apply, on_a_committee
from .forms import ApplicationFilterForm, ApplicationForm, CohortForm, CommentForm, DecisionForm
from .models import ApplicantKind, Application, ApplicationStatus


def _public_programme(slug: str) -> Programme:
    return object_or_404(
        Programme.objects.filter(status=ProgrammeStatus.ACTIVE).select_related("organisation"),
        slug=slug,
    )


def open_programmes(request: HttpRequest) -> HttpResponse:
    """Public: every running programme that takes applications now."""
    return render(
        request, "intake/open.html", {"programmes": selectors.programmes_taking_applications()}
    )


def apply_landing(request: HttpRequest, slug: str) -> HttpResponse:
    """Public: what the programme is and which cohorts take applications now."""
    programme = _public_programme(slug)
    mine = (
        {
            (a.cohort_id, a.kind): a
            for a in selectors.applications_of(request.user).filter(cohort__programme=programme)
        }
        if request.user.is_authenticated
        else {}
    )
    cohorts = [
        {"cohort": c, "mentee": mine.get((c.pk, "mentee")), "mentor": mine.get((c.pk, "mentor"))}
        for c in selectors.open_cohorts(programme)
    ]
    matching = (programme.programme_model.get("matching") or {}).get("enabled", False)
    return render(
        request, "intake/landing.html",
        {"programme": programme, "cohorts": cohorts, "takes_mentors": matching},
    )  # fmt: skip


def _prefill(user: Any) -> dict[str, Any]:
    profile = user.profile
    return {
        "interests": profile.interests, "subjects": profile.subjects, "sector": profile.sector,
        "role": profile.position, "region": profile.region, "country": profile.country,
        "time_zone": user.time_zone,
    }  # fmt: skip


def _application_context(
    request: HttpRequest, slug: str, cohort_id: int, kind: str
) -> dict[str, Any]:
    programme = _public_programme(slug)
    if kind not in ApplicantKind.values or not programme.programme_model:
        raise Http404
    cohort = cohort_to_apply(programme, cohort_id)
    application = Application.objects.filter(
        cohort=cohort, applicant_id=request.user.pk, kind=kind
    ).first()
    return {"programme": programme, "cohort": cohort, "kind": kind, "application": application,
            "kind_label": ApplicantKind(kind).label}  # fmt: skip


def _cleaned_answers(form: ApplicationForm) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k != "research_consent"}


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, slug: str, cohort_id: int, kind: str) -> HttpResponse:
    context = _application_context(request, slug, cohort_id, kind)
    cohort, application = context["cohort"], context["application"]
    model = context["programme"].programme_model
    if application and application.status != ApplicationStatus.DRAFT:
        return render(request, "intake/apply_sent.html", context)
    if not cohort.is_open():
        return render(request, "intake/apply_closed.html", context)
    if request.method == "POST":
        form = ApplicationForm(request.POST, model=model, kind=kind)
        if "save_draft" in request.POST:
            services.application_save_draft(
                applicant=request.user, cohort=cohort, kind=kind,
                answers=form.draft_answers(request.POST),
            )  # fmt: skip
            messages.success(request, _("Your draft is saved. Come back to it at any time."))
            return redirect("intake:apply", slug=slug, cohort_id=cohort.pk, kind=kind)
        if form.is_valid():
            consent = {"yes": True, "no": False}.get(form.cleaned_data.get("research_consent", ""))
            try:
                services.application_submit(
                    applicant=request.user, cohort=cohort, kind=kind,
                    answers=_cleaned_answers(form), research_consent=consent,
                )  # fmt: skip
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Your application is sent. We have e-mailed you a copy.")
                )
                return redirect("intake:apply", slug=slug, cohort_id=cohort.pk, kind=kind)
        # Keep what was typed even when it is not valid yet.
        services.application_save_draft(
            applicant=request.user,
            cohort=cohort,
            kind=kind,
            answers=form.draft_answers(request.POST),
        )
    else:
        # The profile fills what the draft does not say yet.
        initial = {**_prefill(request.user), **(application.answers if application else {})}
        form = ApplicationForm(model=model, kind=kind, initial=initial)
    context.update(form=form, draft_saved_at=application.updated_at if application else None)
    return render(request, "intake/apply.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def apply_draft(request: HtmxHttpRequest, slug: str, cohort_id: int, kind: str) -> HttpResponse:
    """Autosave while typing (htmx); answers a small status line."""
    context = _application_context(request, slug, cohort_id, kind)
    form = ApplicationForm(model=context["programme"].programme_model, kind=kind)
    try:
        application = services.application_save_draft(
            applicant=request.user, cohort=context["cohort"], kind=kind,
            answers=form.draft_answers(request.POST),
        )  # fmt: skip
    except ValidationError as error:
        return render(
            request, "intake/apply.html#draft-status", {"draft_error": " ".join(error.messages)}
        )
    return render(
        request, "intake/apply.html#draft-status", {"draft_saved_at": application.updated_at}
    )


# --- Committee ---------------------------------------------------------------


@programme_view()
def review_home(request: HttpRequest, programme: Programme) -> HttpResponse:
    is_lead = Role.PROGRAMME_LEAD in roles_in(request.user, programme)
    if not is_lead and not on_a_committee(request.user, programme):
        raise Http404
    return render(
        request, "intake/review_home.html",
        {"programme": programme, "is_lead": is_lead,
         "cohorts": selectors.cohorts_reviewed_by(request.user, programme, is_lead=is_lead)},
    )  # fmt: skip


@programme_view(Role.PROGRAMME_LEAD)
@require_http_methods(["GET", "POST"])
def cohort_new(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = CohortForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_create(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The cohort is ready."))
            return redirect("intake:review_home", slug=programme.slug)
    return render(request, "intake/cohort_form.html", {"programme": programme, "form": form},
                  status=400 if form.errors else 200)  # fmt: skip


@programme_view()
def review_list(request: HtmxHttpRequest, programme: Programme, cohort_id: int) -> HttpResponse:
    cohort = cohort_for_reviewer(request.user, programme, cohort_id)
    form = ApplicationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(
        selectors.applications_for_review(
            cohort,
            status=filters.get("status", ""),
            kind=filters.get("kind", ""),
            q=filters.get("q", ""),
        ),
        40,
    ).get_page(request.GET.get("page"))
    context = {"programme": programme, "cohort": cohort, "form": form, "page": page,
               "matching_enabled": (programme.programme_model.get("matching") or {}).get("enabled")}  # fmt: skip
    template = "intake/review_list.html#rows" if request.htmx else "intake/review_list.html"
    return render(request, template, context)


def _answers_for_display(application: Application) -> list[tuple[str, Any]]:
    model = application.cohort.programme.programme_model
    form = ApplicationForm(model=model, kind=application.kind)
    labels = dict(availability.choices())
    rows = []
    for name, field in form.fields.items():
        if name == "research_consent":
            continue  # never part of the decision
        value = application.answers.get(name)
        if name == "availability" and value:
            value = [labels.get(v, v) for v in value]
        if isinstance(field, django_forms.ChoiceField) and not isinstance(value, list):
            value = dict(field.choices).get(value, value)  # type: ignore[arg-type]
        rows.append((str(field.label), _as_text(value)))
    return rows


def _as_text(value: Any) -> str:
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return str(value) if value not in (None, "") else "—"


@programme_view()
@require_http_methods(["GET", "POST"])
def review_application(
    request: HttpRequest, programme: Programme, cohort_id: int, application_id: int
) -> HttpResponse:
    cohort = cohort_for_reviewer(request.user, programme, cohort_id)
    application = application_for_reviewer(cohort, application_id)
    comment_form, decision_form = CommentForm(), DecisionForm()
    if request.method == "POST":
        try:
            if "comment" in request.POST:
                comment_form = CommentForm(request.POST)
                if comment_form.is_valid():
                    services.application_comment(
                        actor=request.user,
                        application=application,
                        body=comment_form.cleaned_data["body"],
                    )
                    messages.success(request, _("Comment added."))
                    return redirect(request.path)
            else:
                decision_form = DecisionForm(request.POST)
                if decision_form.is_valid():
                    services.application_decide(
                        actor=request.user, application=application,
                        decision=decision_form.cleaned_data["decision"],
                        reason=decision_form.cleaned_data["reason"],
                    )  # fmt: skip
                    messages.success(
                        request,
                        _("Decision saved; %(name)s has been e-mailed.")
                        % {"name": application.applicant},
                    )
                    return redirect("intake:review_list", slug=programme.slug, cohort_id=cohort.pk)
        except ValidationError as error:
            decision_form.add_error(None, error)
    bound = [f for f in (comment_form, decision_form) if f.is_bound]
    return render(
        request, "intake/review_application.html",
        {"programme": programme, "cohort": cohort, "application": application,
         "answers": _answers_for_display(application),
         "comments": application.comments.select_related("author"),
         "comment_form": comment_form, "decision_form": decision_form, "now": timezone.now()},
        status=400 if any(f.errors for f in bound) else 200,
    )  # fmt: skip
