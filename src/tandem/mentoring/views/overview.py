"""Views across relationships: a mentor's caseload, time log and practice
reflections; a lead's programme view and time export."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.core.http import HtmxHttpRequest
from tandem.core.tables import table_response
from tandem.programmes.access import programme_view
from tandem.programmes.models import Programme, Role
from tandem.programmes.selectors import people_matching, programmes_of, roles_in

from .. import selectors, services
from ..access import own_reflection, own_time_entry
from ..cadence import Health
from ..forms import (
    MENTEE_ROLES,
    MENTOR_ROLES,
    SUPERVISOR_ROLES,
    ReflectionForm,
    StartRelationshipForm,
    SupervisionForm,
    TimeExportForm,
    TimeForm,
)
from ..models import TimeKind
from .base import errors_text


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    rows = selectors.caseload(request.user)
    return render(
        request, "mentoring/caseload.html",
        {"rows": rows, "attention": [r for r in rows if r.attention],
         "calm": [r for r in rows if not r.attention]},
    )  # fmt: skip


def _mentor_programmes(user: object) -> list[Programme]:
    return [
        p for p in programmes_of(user).order_by("name")
        if set(MENTOR_ROLES) & roles_in(user, p)
    ]  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def time_log(request: HttpRequest) -> HttpResponse:
    programmes = _mentor_programmes(request.user)
    form = TimeForm(request.POST or None, programmes=programmes,
                    initial={"on": timezone.localdate(), "kind": TimeKind.PREPARATION})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        programme = next(p for p in programmes if p.pk == form.cleaned_data["programme"])
        try:
            services.time_add(
                actor=request.user, programme=programme, kind=form.cleaned_data["kind"],
                on=form.cleaned_data["on"], minutes=form.cleaned_data["minutes"],
                note=form.cleaned_data["note"],
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Time logged."))
            return redirect("mentoring:time")
    entries = list(
        request.user.mentoring_time.select_related("programme").order_by("-on", "-pk")[:30]  # type: ignore[union-attr]
    )
    return render(
        request, "mentoring/time.html",
        {"form": form if programmes else None, "months": selectors.monthly_minutes(request.user),
         "kinds": TimeKind.choices, "entries": entries},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
@require_POST
def time_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = own_time_entry(request.user, entry_id)
    try:
        services.time_delete(actor=request.user, entry=entry)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("mentoring:time")


@login_required
@require_http_methods(["GET", "POST"])
def practice(request: HttpRequest) -> HttpResponse:
    """My reflections on my mentoring practice, and those my supervisees share."""
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.practice_reflection_save(actor=request.user, reflection=None, **form.cleaned_data)
        messages.success(request, _("Your reflection is saved."))
        return redirect("mentoring:practice")
    return render(
        request, "mentoring/practice.html",
        {"form": form, "reflections": selectors.reflections_for(request.user)[:50],
         "supervisees": selectors.supervisees_of(request.user)},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request: HttpRequest, reflection_id: int) -> HttpResponse:
    reflection = own_reflection(request.user, reflection_id)
    form = ReflectionForm(
        request.POST or None,
        initial={"title": reflection.title, "body": reflection.body, "shared": reflection.shared},
    )
    if request.method == "POST" and form.is_valid():
        services.practice_reflection_save(
            actor=request.user, reflection=reflection, **form.cleaned_data
        )
        messages.success(request, _("Your reflection is saved."))
        return redirect("mentoring:practice")
    return render(
        request, "mentoring/practice_edit.html", {"form": form, "reflection": reflection},
        status=400 if form.errors else 200,
    )  # fmt: skip


@programme_view(Role.PROGRAMME_LEAD)
def programme_relationships(request: HtmxHttpRequest, programme: Programme) -> HttpResponse:
    """Every live relationship's health, filterable, 50 to a page (constant queries)."""
    now = timezone.now()
    health = request.GET.get("health", "")
    if health not in {*Health.values, "untracked"}:
        health = ""
    search = (request.GET.get("q") or "").strip()[:80].replace("\x00", "")
    qs = selectors.programme_relationships(programme, now, health=health, search=search)
    counts = selectors.health_counts(programme, now)
    paginator = Paginator(qs.values_list("pk", flat=True), 50)
    if not search:  # the health counts already hold the length of the list
        paginator.count = counts["untracked" if health == "untracked" else health or "total"]
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "programme": programme, "counts": counts,
        "rows": selectors.rows_for_page(list(page.object_list), now), "page": page,
        "health": health, "search": search, "states": Health.choices,
        "export_form": TimeExportForm(initial={"start": date(now.year, 1, 1), "end": timezone.localdate(), "format": "xlsx"}),
    }  # fmt: skip
    if not request.htmx:
        context["start_form"], context["supervision_form"] = _arrange_forms(programme)
        context["supervisions"] = selectors.supervisions_in(programme)
    template = "mentoring/programme.html#rows" if request.htmx else "mentoring/programme.html"
    return render(request, template, context)


@programme_view(Role.PROGRAMME_LEAD)
def time_export(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = TimeExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("mentoring:programme", programme.slug)
    start, end, fmt = (
        form.cleaned_data["start"],
        form.cleaned_data["end"],
        form.cleaned_data["format"],
    )
    if (end - start) > timedelta(days=3 * 366):
        messages.error(request, _("Export at most three years at a time."))
        return redirect("mentoring:programme", programme.slug)
    rows = selectors.programme_time_totals(programme, start, end)
    kinds = dict(TimeKind.choices)
    header = [_("Mentor"), _("E-mail"), _("Month"), _("Kind"), _("Minutes"), _("Hours")]
    table = [
        [r["mentor__display_name"], r["mentor__email"], r["month"].strftime("%Y-%m"),
         str(kinds.get(r["kind"], r["kind"])), r["minutes"], round(r["minutes"] / 60, 2)]
        for r in rows
    ]  # fmt: skip
    return table_response(
        header=header, rows=table, fmt=fmt, sheet_title="Mentoring time",
        filename=f"mentoring-time-{programme.slug}-{start:%Y%m%d}-{end:%Y%m%d}",
    )  # fmt: skip


def _arrange_forms(programme: Programme, data: Any = None) -> tuple[Any, Any]:
    lookup = reverse("mentoring:people", args=[programme.slug])
    return (
        StartRelationshipForm(data, programme=programme, lookup_url=lookup, auto_id="start_%s"),
        SupervisionForm(data, programme=programme, lookup_url=lookup, auto_id="supervise_%s"),
    )


@programme_view(Role.PROGRAMME_LEAD)
def people_lookup(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Suggestions for a person field of the forms below: ``?mentor=``,
    ``?mentee=`` (only people free to start) or ``?supervisor=`` and some text."""
    roles = {"mentor": MENTOR_ROLES, "mentee": MENTEE_ROLES, "supervisor": SUPERVISOR_ROLES}
    field = next((name for name in roles if name in request.GET), "mentor")
    text = request.GET.get(field, "")[:80].replace("\x00", "")
    busy = selectors.mentees_in_live_relationships(programme) if field == "mentee" else ()
    people = people_matching(programme, roles[field], text, exclude=busy)
    return render(request, "mentoring/people_options.html", {"people": people})


@programme_view(Role.PROGRAMME_LEAD)
@require_POST
def relationship_start(request: HttpRequest, programme: Programme) -> HttpResponse:
    form, _supervision = _arrange_forms(programme, request.POST)
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("mentoring:programme", programme.slug)
    try:
        services.relationship_create(
            actor=request.user, programme=programme, kind=form.cleaned_data["kind"],
            mentors=[form.cleaned_data["mentor"]], mentees=[form.cleaned_data["mentee"]],
            origin=_("Started by a programme lead"),
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The relationship has started; both are asked to accept the agreement.")
        )
    return redirect("mentoring:programme", programme.slug)


@programme_view(Role.PROGRAMME_LEAD)
@require_POST
def supervision_add(request: HttpRequest, programme: Programme) -> HttpResponse:
    _start, form = _arrange_forms(programme, request.POST)
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("mentoring:programme", programme.slug)
    try:
        services.supervision_set(
            actor=request.user, programme=programme,
            supervisor=form.cleaned_data["supervisor"], mentor=form.cleaned_data["mentor"],
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Supervision saved; the supervisor now reads that mentor's shared reflections."),
        )
    return redirect("mentoring:programme", programme.slug)
