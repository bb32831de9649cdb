"""Goals: create, refine (every version kept), change status, check in,
comment, interim goals."""

from __future__ import annotations

import difflib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import services
from ..access import goal_in, step_in
from ..forms import GoalForm, GoalNoteForm, GoalStatusForm, GoalStepForm
from ..models import GUIDE_ROLES, Goal, GoalStatus, ParticipantRole, Relationship
from ..models.goals import GOAL_FIELDS, GOAL_MOVES
from ..services.relationships import role_in
from .base import back_with_error, relationship_view


def _fields(form: GoalForm) -> dict[str, str]:
    return {key: form.cleaned_data[key] for key in GOAL_FIELDS}


@relationship_view
@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest, relationship: Relationship) -> HttpResponse:
    if role_in(relationship, request.user) != ParticipantRole.MENTEE:
        messages.error(request, _("Goals belong to the mentee; as a mentor you comment on them."))
        return redirect("mentoring:relationship", relationship.pk)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(
                actor=request.user, relationship=relationship, fields=_fields(form),
                activate="save_draft" not in request.POST,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your goal is saved."))
            return redirect("mentoring:goal", relationship.pk, goal.pk)
    return render(
        request, "mentoring/goal_form.html",
        {"relationship": relationship, "form": form, "title": _("A new goal")},
        status=400 if form.errors else 200,
    )  # fmt: skip


def _history(goal: Goal) -> list[dict[str, object]]:
    """Every revision, oldest first, with what changed from the one before."""
    revisions = list(goal.revisions.select_related("author").order_by("created_at", "pk"))
    rows: list[dict[str, object]] = []
    previous: dict[str, str] = {}
    for revision in revisions:
        changes = []
        for key in GOAL_FIELDS:
            before, after = previous.get(key, ""), revision.fields.get(key, "")
            if previous and before != after:
                changes.append(
                    {"field": GoalForm.base_fields[key].label, "before": before, "after": after,
                     "ratio": round(difflib.SequenceMatcher(None, before, after).ratio() * 100)}
                )  # fmt: skip
        rows.append({"revision": revision, "changes": changes})
        previous = revision.fields
    return list(reversed(rows))


def _goal_page(
    request: HttpRequest,
    relationship: Relationship,
    goal: Goal,
    *,
    edit_form: GoalForm | None = None,
    note_form: GoalNoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    is_owner = goal.owner_id == request.user.pk
    note_form = note_form or GoalNoteForm(auto_id="goalnote_%s")
    if not is_owner:  # a mentor comments; evidence and progress are the mentee's check-in
        for name in ("evidence", "progress"):
            note_form.fields.pop(name, None)
    moves = [
        (s, GoalStatus(s).label)
        for s in GOAL_MOVES.get(goal.status, set())
        if s != GoalStatus.REVISED
    ]
    return render(
        request, "mentoring/goal.html",
        {"relationship": relationship, "goal": goal, "is_owner": is_owner,
         "is_guide": role_in(relationship, request.user) in GUIDE_ROLES,
         "edit_form": edit_form or GoalForm(initial=goal.snapshot(), auto_id="goal_%s"),
         "status_form": GoalStatusForm(moves=moves, auto_id="status_%s") if moves else None,
         "note_form": note_form,
         "step_form": GoalStepForm(auto_id="step_%s"),
         "history": _history(goal), "notes": list(goal.notes.select_related("author")),
         "steps": list(goal.steps.all()),
         "sessions": list(goal.sessions.order_by("-starts_at")[:10]),
         "actions": list(goal.action_points.select_related("owner")),
         "live": relationship.status in ("active", "paused")},
        status=status,
    )  # fmt: skip


@relationship_view
def goal_detail(request: HttpRequest, relationship: Relationship, goal_id: int) -> HttpResponse:
    return _goal_page(request, relationship, goal_in(relationship, goal_id))


@relationship_view
@require_POST
def goal_edit(request: HttpRequest, relationship: Relationship, goal_id: int) -> HttpResponse:
    goal = goal_in(relationship, goal_id)
    if goal.owner_id != request.user.pk:
        return back_with_error(
            request, ValidationError(_("Only the mentee whose goal it is can change it.")),
            "mentoring:goal", relationship.pk, goal.pk,
        )  # fmt: skip
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            if "replace" in request.POST:
                successor = services.goal_replace(
                    actor=request.user,
                    goal=goal,
                    fields=_fields(form),
                    note=form.cleaned_data["note"],
                )
                messages.success(
                    request, _("The new goal replaces the old one, which stays in the history.")
                )
                return redirect("mentoring:goal", relationship.pk, successor.pk)
            services.goal_revise(
                actor=request.user, goal=goal, fields=_fields(form), note=form.cleaned_data["note"]
            )
            messages.success(
                request, _("Version %(n)d of your goal is saved.") % {"n": goal.version}
            )
            return redirect("mentoring:goal", relationship.pk, goal.pk)
        except ValidationError as error:
            form.add_error(None, error)
    return _goal_page(request, relationship, goal, edit_form=form, status=400)


@relationship_view
@require_POST
def goal_status(request: HttpRequest, relationship: Relationship, goal_id: int) -> HttpResponse:
    goal = goal_in(relationship, goal_id)
    form = GoalStatusForm(request.POST, moves=[(s, s) for s in GoalStatus.values])
    if not form.is_valid():
        return back_with_error(
            request,
            ValidationError(_("Choose a status.")),
            "mentoring:goal",
            relationship.pk,
            goal.pk,
        )
    try:
        services.goal_set_status(actor=request.user, goal=goal, **form.cleaned_data)
    except ValidationError as error:
        return back_with_error(request, error, "mentoring:goal", relationship.pk, goal.pk)
    messages.success(request, _("The goal is now: %(s)s.") % {"s": goal.get_status_display()})
    return redirect("mentoring:goal", relationship.pk, goal.pk)


@relationship_view
@require_POST
def goal_note(request: HttpRequest, relationship: Relationship, goal_id: int) -> HttpResponse:
    goal = goal_in(relationship, goal_id)
    form = GoalNoteForm(request.POST)
    if form.is_valid():
        try:
            services.goal_note_add(actor=request.user, goal=goal, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("mentoring:goal", relationship.pk, goal.pk)
    return _goal_page(request, relationship, goal, note_form=form, status=400)


@relationship_view
@require_POST
def goal_step(request: HttpRequest, relationship: Relationship, goal_id: int) -> HttpResponse:
    goal = goal_in(relationship, goal_id)
    form = GoalStepForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the interim goal a title (and a valid date, if any)."))
        services.goal_step_add(actor=request.user, goal=goal, **form.cleaned_data)
    except ValidationError as error:
        return back_with_error(request, error, "mentoring:goal", relationship.pk, goal.pk)
    return redirect("mentoring:goal", relationship.pk, goal.pk)


@relationship_view
@require_POST
def goal_step_toggle(
    request: HttpRequest, relationship: Relationship, goal_id: int, step_id: int
) -> HttpResponse:
    goal = goal_in(relationship, goal_id)
    step = step_in(goal, step_id)
    try:
        services.goal_step_set_done(
            actor=request.user, step=step, done=request.POST.get("done") == "1"
        )
    except ValidationError as error:
        return back_with_error(request, error, "mentoring:goal", relationship.pk, goal.pk)
    return redirect("mentoring:goal", relationship.pk, goal.pk)
