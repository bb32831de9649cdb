"""A relationship's page, its agreement, contact, action points, stages and ending."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.programmes.programme_models import AGREEMENT_SECTIONS

from .. import cadence, selectors, services
from ..access import action_in
from ..forms import (
    ActionForm,
    AdvanceForm,
    AgreementForm,
    BoundariesForm,
    ContactForm,
    EndForm,
    PauseForm,
)
from ..models import (
    GUIDE_ROLES,
    GoalStatus,
    Participant,
    ParticipantRole,
    Relationship,
    RelationshipStatus,
)
from ..services.relationships import current_stage, next_stage
from .base import back_with_error, errors_text, relationship_url, relationship_view


def _participants(relationship: Relationship) -> list[Participant]:
    return list(relationship.participants.select_related("user").order_by("role"))


def _my_role(participants: list[Participant], user: Any) -> str:
    return next((p.role for p in participants if p.user_id == user.pk), "")


@relationship_view
def relationship_detail(request: HttpRequest, relationship: Relationship) -> HttpResponse:
    now = timezone.now()
    participants = _participants(relationship)
    my_role = _my_role(participants, request.user)
    agreement = selectors.current_agreement(relationship)
    accepted = {a.user_id for a in agreement.acceptances.all()} if agreement else set()
    upcoming, past = selectors.sessions_of(relationship)
    goals = selectors.goals_of(relationship)
    annotated = selectors.with_attention_counts(
        type(relationship).objects.filter(pk=relationship.pk).select_related("programme"), now
    ).get()
    live = relationship.status in (RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED)
    active_goals = [g for g in goals if g.status == GoalStatus.ACTIVE]
    return render(
        request, "mentoring/relationship.html",
        {"relationship": relationship, "participants": participants, "my_role": my_role,
         "is_guide": my_role in GUIDE_ROLES, "is_mentee": my_role == ParticipantRole.MENTEE,
         "live": live, "agreement": agreement,
         "waiting": [p.user for p in participants if agreement and p.user_id not in accepted],
         "upcoming": upcoming, "past": past[:12], "past_count": len(past),
         "goals": goals, "actions": selectors.open_actions(relationship),
         "contacts": selectors.contacts_of(relationship),
         "milestones": selectors.milestones_of(relationship),
         "health": cadence.health_of(relationship, now),
         "attention": selectors.attention_for(annotated, now),
         "stage": current_stage(relationship), "next_stage": next_stage(relationship),
         "action_form": ActionForm(participants=participants, goals=active_goals,
                                   initial={"owner": request.user.pk}, auto_id="action_%s"),
         "contact_form": ContactForm(auto_id="contact_%s", initial={"occurred_at": timezone.localtime(now).replace(second=0, microsecond=0)}),
         "pause_form": PauseForm(auto_id="pause_%s"), "advance_form": AdvanceForm(auto_id="advance_%s")},
    )  # fmt: skip


@relationship_view
@require_http_methods(["GET", "POST"])
def agreement(request: HttpRequest, relationship: Relationship) -> HttpResponse:
    current = selectors.current_agreement(relationship)
    form = AgreementForm(initial=current.sections if current else {})
    boundaries: BoundariesForm | None = None
    if request.method == "POST":
        try:
            if "accept" in request.POST:
                if current is None or str(current.number) != request.POST.get("version"):
                    raise ValidationError(
                        _("The agreement changed while you were reading it; read the new version.")
                    )
                services.agreement_accept(actor=request.user, version=current)
                messages.success(request, _("You accepted version %(n)d.") % {"n": current.number})
                return redirect("mentoring:agreement", pk=relationship.pk)
            if "boundaries" in request.POST:
                boundaries = BoundariesForm(request.POST, auto_id="bound_%s")
                if boundaries.is_valid():
                    services.participant_boundaries_set(
                        actor=request.user, relationship=relationship, **boundaries.cleaned_data
                    )
                    messages.success(request, _("Your boundaries are saved."))
                    return redirect("mentoring:agreement", pk=relationship.pk)
            else:
                form = AgreementForm(request.POST)
            if form.is_bound and form.is_valid():
                version = services.agreement_amend(
                    actor=request.user, relationship=relationship,
                    sections=form.sections(), change_note=form.cleaned_data["change_note"],
                )  # fmt: skip
                messages.success(
                    request,
                    _("Version %(n)d is saved. Everyone accepts it again.") % {"n": version.number},
                )
                return redirect("mentoring:agreement", pk=relationship.pk)
        except ValidationError as error:
            if form.is_bound:
                form.add_error(None, error)
            else:
                return back_with_error(request, error, "mentoring:agreement", relationship.pk)
    accepted_ids = {a.user_id for a in current.acceptances.all()} if current else set()
    participants = _participants(relationship)
    mine = next((p for p in participants if p.user_id == request.user.pk), None)
    if boundaries is None:
        boundaries = BoundariesForm(
            auto_id="bound_%s",
            initial={"quiet_from": mine.quiet_from, "quiet_until": mine.quiet_until,
                     "reply_within_hours": mine.reply_within_hours} if mine else {},
        )  # fmt: skip
    history = relationship.agreement_versions.select_related("created_by").prefetch_related(
        "acceptances__user"
    )
    return render(
        request, "mentoring/agreement.html",
        {"relationship": relationship, "current": current, "form": form,
         "sections": [(label, (current.sections if current else {}).get(key, "")) for key, label in AGREEMENT_SECTIONS.items()],
         "i_accepted": request.user.pk in accepted_ids,
         "still_to_accept": [p.user for p in participants if p.user_id not in accepted_ids],
         "participants": participants, "boundaries": boundaries,
         "history": history},
        status=400 if form.errors else 200,
    )  # fmt: skip


@relationship_view
@require_POST
def contact_add(request: HttpRequest, relationship: Relationship) -> HttpResponse:
    form = ContactForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The contact was not logged: %(e)s") % {"e": errors_text(form)})
        return redirect(relationship_url(relationship, "#contact"))
    try:
        services.contact_log(actor=request.user, relationship=relationship, **form.cleaned_data)
    except ValidationError as error:
        return back_with_error(request, error, "mentoring:relationship", relationship.pk)
    messages.success(request, _("Contact logged."))
    return redirect(relationship_url(relationship, "#contact"))


@relationship_view
@require_POST
def action_add(request: HttpRequest, relationship: Relationship) -> HttpResponse:
    participants = _participants(relationship)
    goals = list(relationship.goals.filter(status=GoalStatus.ACTIVE))
    form = ActionForm(request.POST, participants=participants, goals=goals)
    session_id = request.POST.get("session") or ""
    session = (
        relationship.sessions.filter(pk=int(session_id)).first()
        if session_id.isdigit() and len(session_id) < 18
        else None
    )
    back = (
        redirect("mentoring:session", relationship.pk, session.pk)
        if session
        else redirect(relationship_url(relationship, "#actions"))
    )
    if not form.is_valid():
        messages.error(
            request, _("The action point was not added: %(e)s") % {"e": errors_text(form)}
        )
        return back
    owner = next(p.user for p in participants if p.user_id == form.cleaned_data["owner"])
    goal = next((g for g in goals if g.pk == form.cleaned_data["goal"]), None)
    try:
        services.action_add(
            actor=request.user, relationship=relationship, text=form.cleaned_data["text"],
            owner=owner, due_on=form.cleaned_data["due_on"], session=session, goal=goal,
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back
    messages.success(request, _("Action point added."))
    return back


@relationship_view
@require_POST
def action_toggle(request: HttpRequest, relationship: Relationship, action_id: int) -> HttpResponse:
    action = action_in(relationship, action_id)
    try:
        services.action_set_done(
            actor=request.user, action=action, done=request.POST.get("done") == "1"
        )
    except ValidationError as error:
        return back_with_error(request, error, "mentoring:relationship", relationship.pk)
    return redirect(relationship_url(relationship, "#actions"))


@relationship_view
@require_POST
def pause_resume(request: HttpRequest, relationship: Relationship) -> HttpResponse:
    try:
        if relationship.status == RelationshipStatus.PAUSED:
            services.relationship_resume(actor=request.user, relationship=relationship)
            messages.success(request, _("The relationship is active again."))
        else:
            form = PauseForm(request.POST)
            note = form.cleaned_data["note"] if form.is_valid() else ""
            services.relationship_pause(actor=request.user, relationship=relationship, note=note)
            messages.success(
                request, _("The relationship is paused; no reminders until it resumes.")
            )
    except ValidationError as error:
        return back_with_error(request, error, "mentoring:relationship", relationship.pk)
    return redirect("mentoring:relationship", relationship.pk)


@relationship_view
@require_http_methods(["GET", "POST"])
def end(request: HttpRequest, relationship: Relationship) -> HttpResponse:
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.relationship_end(
                actor=request.user, relationship=relationship,
                withdrawn=form.cleaned_data["outcome"] == "withdrawn",
                reason=form.cleaned_data["reason"], note=form.cleaned_data["note"],
            )  # fmt: skip
            messages.success(
                request, _("The relationship has ended. Thank you for the work you did together.")
            )
            return redirect("mentoring:relationship", relationship.pk)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request, "mentoring/end.html", {"relationship": relationship, "form": form},
        status=400 if form.errors else 200,
    )  # fmt: skip


@relationship_view
@require_POST
def advance(request: HttpRequest, relationship: Relationship) -> HttpResponse:
    form = AdvanceForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.relationship_advance(actor=request.user, relationship=relationship, note=note)
    except ValidationError as error:
        return back_with_error(request, error, "mentoring:relationship", relationship.pk)
    relationship.refresh_from_db()
    stage = current_stage(relationship)
    messages.success(request, _("Moved to: %(s)s.") % {"s": stage["label"] if stage else "—"})
    return redirect("mentoring:relationship", relationship.pk)


@relationship_view
@require_POST
def milestone(request: HttpRequest, relationship: Relationship, key: str) -> HttpResponse:
    try:
        services.milestone_mark(
            actor=request.user, relationship=relationship, key=key,
            done=request.POST.get("done") == "1",
        )  # fmt: skip
    except ValidationError as error:
        return back_with_error(request, error, "mentoring:relationship", relationship.pk)
    return redirect(relationship_url(relationship, "#milestones"))


@relationship_view
def search(request: HttpRequest, relationship: Relationship) -> HttpResponse:
    query = (request.GET.get("q") or "")[:200].replace("\x00", "")
    hits = selectors.search_relationship(relationship, request.user, query)
    return render(
        request, "mentoring/search.html",
        {"relationship": relationship, "query": query, "hits": hits},
    )  # fmt: skip


@relationship_view
def export(request: HttpRequest, relationship: Relationship) -> HttpResponse:
    """Our record as JSON: shared content, and only the requester's own private notes."""
    data = selectors.record_export(relationship, request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="tandem-relationship-{relationship.pk}.json"'
    )
    return response
