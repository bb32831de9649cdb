"""Sessions: schedule, the record page (GROW, shared and private notes,
attendance), reschedule, cancel, and the .ics file."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.core import panels
from tandem.core.http import HtmxHttpRequest

from .. import invitations, selectors, services
from ..access import session_in
from ..forms import (
    ActionForm,
    CancelForm,
    OutcomeForm,
    PrivateNoteForm,
    RecordForm,
    RescheduleForm,
    SessionForm,
)
from ..models import GoalStatus, MentoringSession, Relationship, SessionStatus
from ..models.sessions import RECORD_FIELDS
from .base import errors_text, relationship_view


@relationship_view
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest, relationship: Relationship) -> HttpResponse:
    model = relationship.programme.programme_model
    form = SessionForm(request.POST or None, programme_model=model)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_schedule(
                actor=request.user, relationship=relationship, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The session is scheduled. Everyone has an invitation by e-mail.")
            )
            return redirect("mentoring:session", relationship.pk, session.pk)
    return render(
        request, "mentoring/session_form.html",
        {"relationship": relationship, "form": form, "title": _("Schedule a session")},
        status=400 if form.errors else 200,
    )  # fmt: skip


def _times_for_everyone(session: MentoringSession, participants: list[Any]) -> list[dict[str, Any]]:
    """The session's start in each participant's own time zone."""
    rows = []
    for p in participants:
        try:
            local = timezone.localtime(session.starts_at, zoneinfo.ZoneInfo(p.user.time_zone))
        except (KeyError, ValueError):
            local = session.starts_at
        rows.append({"user": p.user, "local": local, "zone": p.user.time_zone})
    return rows


def _session_page(
    request: HttpRequest,
    relationship: Relationship,
    session: MentoringSession,
    *,
    record_form: RecordForm | None = None,
    conflicts: dict[str, str] | None = None,
    conflict_by: str = "",
    status: int = 200,
) -> HttpResponse:
    participants = list(relationship.participants.select_related("user").order_by("role"))
    draft = selectors.draft_of(session, request.user)
    if record_form is None:
        if draft is not None:
            record_form = RecordForm(initial={**draft.fields, "base_version": draft.base_version})
        else:
            record_form = RecordForm(
                initial={**session.record(), "base_version": session.record_version}
            )
    note = selectors.private_note_of(session, request.user)
    goals = list(relationship.goals.filter(status=GoalStatus.ACTIVE))
    started = session.starts_at <= timezone.now()
    attended = {a.user_id for a in session.attendance.all() if a.attended}
    return render(
        request, "mentoring/session.html",
        {"relationship": relationship, "session": session, "participants": participants,
         "times": _times_for_everyone(session, participants),
         "record_form": record_form, "draft": draft,
         "draft_behind": bool(draft and draft.base_version < session.record_version),
         "conflicts": [(RECORD_FIELDS[k], text) for k, text in (conflicts or {}).items()],
         "conflict_by": conflict_by,
         "note_form": PrivateNoteForm(initial={"text": note.text if note else ""}, auto_id="note_%s"),
         "note_saved_at": note.updated_at if note else None,
         "outcome_form": OutcomeForm(participants=participants, auto_id="outcome_%s",
                                     initial={"attended": [str(i) for i in attended] or [str(p.user_id) for p in participants],
                                              "actual_minutes": session.actual_minutes or session.duration_minutes}),
         "can_record": started and session.status != SessionStatus.CANCELLED,
         "action_form": ActionForm(participants=participants, goals=goals, initial={"owner": request.user.pk}, auto_id="action_%s"),
         "actions": list(session.action_points.select_related("owner")),
         "goals": goals, "linked_goals": {g.pk for g in session.goals.all()},
         "revisions": list(session.revisions.select_related("author")[:10]),
         "changes": list(session.changes.select_related("by")),
         "panels": panels.render("session", request, relationship=relationship, session=session),
         "live": relationship.status in ("active", "paused")},
        status=status,
    )  # fmt: skip


@relationship_view
def session_detail(
    request: HttpRequest, relationship: Relationship, session_id: int
) -> HttpResponse:
    return _session_page(request, relationship, session_in(relationship, session_id))


@relationship_view
@require_POST
def record_save(request: HttpRequest, relationship: Relationship, session_id: int) -> HttpResponse:
    session = session_in(relationship, session_id)
    form = RecordForm(request.POST)
    if not form.is_valid():
        return _session_page(request, relationship, session, record_form=form, status=400)
    try:
        result = services.session_record_save(
            actor=request.user, session=session, fields=form.record(),
            base_version=form.cleaned_data["base_version"],
        )  # fmt: skip
    except ValidationError as error:
        form.add_error(None, error)
        return _session_page(request, relationship, session, record_form=form, status=400)
    if not result.saved:
        session.refresh_from_db()
        # Their text is on the page beside the form; the form keeps mine and now
        # builds on their version, so saving again stores the combined text.
        data = request.POST.copy()
        data["base_version"] = str(result.version)
        return _session_page(
            request, relationship, session, record_form=RecordForm(data),
            conflicts=result.conflicts, conflict_by=result.conflict_by, status=409,
        )  # fmt: skip
    if result.merged_fields:
        messages.success(
            request,
            _("Saved. Changes %(who)s made at the same time were merged into: %(f)s.")
            % {"who": result.conflict_by or _("someone"),
               "f": ", ".join(str(RECORD_FIELDS[k]).split(":")[0] for k in result.merged_fields)},
        )  # fmt: skip
    else:
        messages.success(request, _("The shared record is saved."))
    return redirect("mentoring:session", relationship.pk, session.pk)


@relationship_view
@require_POST
def record_draft(
    request: HtmxHttpRequest, relationship: Relationship, session_id: int
) -> HttpResponse:
    """Autosave (htmx) of what one person is typing into the shared record."""
    session = session_in(relationship, session_id)
    form = RecordForm(request.POST)
    context: dict[str, Any] = {}
    if form.is_valid():
        try:
            draft = services.record_draft_save(
                actor=request.user, session=session, fields=form.record(),
                base_version=form.cleaned_data["base_version"],
            )  # fmt: skip
            context["draft_saved_at"] = draft.updated_at
        except ValidationError as error:
            context["draft_error"] = " ".join(error.messages)
    else:
        context["draft_error"] = _("Not saved: a part is too long.")
    return render(request, "mentoring/session.html#draft-status", context)


@relationship_view
@require_POST
def private_note(
    request: HtmxHttpRequest, relationship: Relationship, session_id: int
) -> HttpResponse:
    session = session_in(relationship, session_id)
    form = PrivateNoteForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            return render(request, "mentoring/session.html#note-status",
                          {"note_error": _("Not saved: the note is too long.")})  # fmt: skip
        messages.error(request, _("Not saved: the note is too long."))
        return redirect("mentoring:session", relationship.pk, session.pk)
    note = services.private_note_save(
        actor=request.user, session=session, text=form.cleaned_data["text"]
    )
    if request.htmx:
        return render(
            request, "mentoring/session.html#note-status", {"note_saved_at": note.updated_at}
        )
    messages.success(request, _("Your private notes are saved."))
    return redirect("mentoring:session", relationship.pk, session.pk)


@relationship_view
@require_POST
def outcome(request: HttpRequest, relationship: Relationship, session_id: int) -> HttpResponse:
    session = session_in(relationship, session_id)
    participants = list(relationship.participants.select_related("user"))
    form = OutcomeForm(request.POST, participants=participants)
    if form.is_valid():
        try:
            services.session_record_outcome(
                actor=request.user, session=session, attended_ids=form.attended_ids(),
                actual_minutes=form.cleaned_data["actual_minutes"],
            )  # fmt: skip
            session.refresh_from_db()
            messages.success(
                request,
                _("Recorded as held; the time is in the log.")
                if session.status == SessionStatus.HELD
                else _("Recorded as missed."),
            )
            return redirect("mentoring:session", relationship.pk, session.pk)
        except ValidationError as error:
            form.add_error(None, error)
    messages.error(request, errors_text(form))
    return redirect("mentoring:session", relationship.pk, session.pk)


@relationship_view
@require_http_methods(["GET", "POST"])
def reschedule(request: HttpRequest, relationship: Relationship, session_id: int) -> HttpResponse:
    session = session_in(relationship, session_id)
    form = RescheduleForm(
        request.POST or None,
        initial={"starts_at": timezone.localtime(session.starts_at), "duration_minutes": session.duration_minutes},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.session_reschedule(actor=request.user, session=session, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The new time is saved and everyone has an updated invitation.")
            )
            return redirect("mentoring:session", relationship.pk, session.pk)
    return render(
        request, "mentoring/session_form.html",
        {"relationship": relationship, "session": session, "form": form, "title": _("Move the session")},
        status=400 if form.errors else 200,
    )  # fmt: skip


@relationship_view
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, relationship: Relationship, session_id: int) -> HttpResponse:
    session = session_in(relationship, session_id)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(
                actor=request.user, session=session, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session is cancelled and everyone is told."))
            return redirect("mentoring:relationship", relationship.pk)
    return render(
        request, "mentoring/session_form.html",
        {"relationship": relationship, "session": session, "form": form, "title": _("Cancel the session"),
         "danger": True},
        status=400 if form.errors else 200,
    )  # fmt: skip


@relationship_view
@require_POST
def link_goals(request: HttpRequest, relationship: Relationship, session_id: int) -> HttpResponse:
    session = session_in(relationship, session_id)
    wanted = {v for v in request.POST.getlist("goals") if v.isdigit() and len(v) < 18}
    goals = list(relationship.goals.filter(pk__in=wanted))
    services.session_link_goals(actor=request.user, session=session, goals=goals)
    messages.success(request, _("The session's goals are saved."))
    return redirect("mentoring:session", relationship.pk, session.pk)


@relationship_view
def session_ics(request: HttpRequest, relationship: Relationship, session_id: int) -> HttpResponse:
    session = session_in(relationship, session_id)
    response = HttpResponse(
        invitations.ics_for(session, user_id=request.user.pk),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="tandem-session-{session.pk}.ics"'
    return response
