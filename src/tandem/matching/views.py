"""The committee's matching page for a cohort."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.core.access import deny, object_or_404
from tandem.intake.access import cohort_for_reviewer
from tandem.intake.models import ApplicantKind, ApplicationStatus, Cohort
from tandem.programmes.access import programme_view
from tandem.programmes.models import Programme, Role
from tandem.programmes.selectors import roles_in

from . import services
from .models import MatchRun, Rule, RunStatus


def _people(cohort: Cohort) -> dict[int, Any]:
    ids = set(
        cohort.applications.filter(status=ApplicationStatus.ACCEPTED).values_list(
            "applicant_id", flat=True
        )
    )
    ids |= set(cohort.pair_rules.values_list("mentee_id", flat=True))
    ids |= set(cohort.pair_rules.values_list("mentor_id", flat=True))
    return get_user_model().objects.in_bulk(list(ids))


def _compare(run: MatchRun, previous: MatchRun | None) -> dict[str, Any] | None:
    if previous is None:
        return None
    now = {(p["mentee"], p["mentor"]) for p in run.result["pairs"]}
    before = {(p["mentee"], p["mentor"]) for p in previous.result["pairs"]}
    return {"previous": previous, "delta": round(run.total_score - previous.total_score, 2),
            "new_pairs": len(now - before), "dropped_pairs": len(before - now)}  # fmt: skip


@programme_view()
@require_http_methods(["GET", "POST"])
def cohort_matching(request: HttpRequest, programme: Programme, cohort_id: int) -> HttpResponse:
    cohort = cohort_for_reviewer(request.user, programme, cohort_id)
    if request.method == "POST":
        try:
            services.match_run_create(actor=request.user, cohort=cohort)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("A new proposal is ready."))
        return redirect("matching:cohort", slug=programme.slug, cohort_id=cohort.pk)
    runs = list(cohort.match_runs.all()[:2])
    run = runs[0] if runs else None
    people = _people(cohort)
    name = lambda pk: people.get(pk) or _("Former member")  # noqa: E731
    rules = {(r.mentee_id, r.mentor_id): r.rule for r in cohort.pair_rules.all()}
    accepted = cohort.applications.filter(status=ApplicationStatus.ACCEPTED)
    model = programme.programme_model
    context: dict[str, Any] = {
        "programme": programme, "cohort": cohort, "run": run,
        "matching_enabled": (model.get("matching") or {}).get("enabled", False),
        "is_lead": Role.PROGRAMME_LEAD in roles_in(request.user, programme),
        "mentee_count": accepted.filter(kind=ApplicantKind.MENTEE).count(),
        "pool": [a.applicant for a in accepted.filter(kind=ApplicantKind.MENTOR).select_related("applicant")],
        "rules": [{"mentee": name(a), "mentor": name(b), "mentee_id": a, "mentor_id": b,
                   "label": Rule(r).label} for (a, b), r in rules.items()],
    }  # fmt: skip
    if run:
        context["pairs"] = [
            {**p, "mentee_user": name(p["mentee"]), "mentor_user": name(p["mentor"]),
             "rule": rules.get((p["mentee"], p["mentor"]), "")}
            for p in sorted(run.result["pairs"], key=lambda p: str(name(p["mentee"])))
        ]  # fmt: skip
        context["unmatched"] = [{**u, "user": name(u["mentee"])} for u in run.result["unmatched"]]
        context["co_mentors"] = [
            {**c, "mentee_user": name(c["mentee"]), "mentor_user": name(c["mentor"])}
            for c in run.result["co_mentors"]
        ]
        context["under_min"] = [name(pk) for pk in run.result.get("under_min_caseload", [])]
        context["comparison"] = _compare(run, runs[1] if len(runs) > 1 else None)
    return render(request, "matching/cohort.html", context)


@programme_view()
@require_POST
def pair_rule(request: HttpRequest, programme: Programme, cohort_id: int) -> HttpResponse:
    cohort = cohort_for_reviewer(request.user, programme, cohort_id)
    try:
        mentee_id, mentor_id = (
            int(request.POST.get("mentee", "")),
            int(request.POST.get("mentor", "")),
        )
        services.pair_rule_set(
            actor=request.user, cohort=cohort, mentee_id=mentee_id, mentor_id=mentor_id,
            rule=request.POST.get("rule", ""),
        )  # fmt: skip
    except (ValueError, ValidationError) as error:
        text = (
            " ".join(error.messages)
            if isinstance(error, ValidationError)
            else _("Choose a pair from the proposal.")
        )
        messages.error(request, text)
    else:
        messages.success(request, _("Saved. Run matching again to see its effect."))
    return redirect("matching:cohort", slug=programme.slug, cohort_id=cohort.pk)


@programme_view(Role.PROGRAMME_LEAD)
@require_POST
def approve(
    request: HttpRequest, programme: Programme, cohort_id: int, run_id: int
) -> HttpResponse:
    cohort = cohort_for_reviewer(request.user, programme, cohort_id)
    run = object_or_404(cohort.match_runs.all(), pk=run_id)
    if run.status == RunStatus.SUPERSEDED:
        raise deny()
    try:
        count = services.match_run_approve(actor=request.user, run=run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "%(n)d relationships started. Mentors and mentees now see each other on their home page."
            )
            % {"n": count},
        )
    return redirect("matching:cohort", slug=programme.slug, cohort_id=cohort.pk)
