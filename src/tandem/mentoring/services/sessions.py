"""Writes for sessions: schedule, reschedule, cancel, the shared record with
conflict detection, private notes, attendance and action points."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import log_action
from tandem.core.mail import queue_user_mail

from .. import invitations
from ..merge import merge3
from ..models import (
    ActionPoint,
    Attendance,
    Goal,
    Medium,
    MentoringSession,
    ParticipantRole,
    PrivateNote,
    RecordDraft,
    RecordRevision,
    Relationship,
    SessionChange,
    SessionStatus,
    TimeEntry,
    TimeKind,
)
from ..models.sessions import RECORD_FIELDS
from .relationships import _require_live, relationship_record_contact, save_cadence

#: saves by the same person within this time, with nobody else saving between,
#: update their last revision instead of adding one
REVISION_COALESCE = timedelta(minutes=10)
MAX_SESSION_MINUTES = 480


def _participant_ids(relationship: Relationship) -> list[int]:
    return list(relationship.participants.values_list("user_id", flat=True))


def _refresh_schedule(relationship: Relationship) -> None:
    """Next scheduled session and last held one, then the deadlines."""
    sessions = relationship.sessions
    relationship.next_session_at = sessions.filter(status=SessionStatus.SCHEDULED).aggregate(
        m=Min("starts_at")
    )["m"]
    relationship.last_session_at = sessions.filter(status=SessionStatus.HELD).aggregate(
        m=Max("starts_at")
    )["m"]
    save_cadence(relationship, "next_session_at", "last_session_at")


def _check_time(starts_at: datetime, duration_minutes: int) -> None:
    if timezone.is_naive(starts_at):
        raise ValidationError(_("A session time needs a time zone."))
    if not 5 <= duration_minutes <= MAX_SESSION_MINUTES:
        raise ValidationError(
            _("A session lasts between 5 and %(max)d minutes.") % {"max": MAX_SESSION_MINUTES}
        )


def _check_medium(medium: str, meeting_url: str) -> None:
    if medium not in Medium.values:
        raise ValidationError(_("Choose where you will meet."))
    if medium == Medium.LINK and not meeting_url:
        raise ValidationError(_("Give the link to the meeting."))


def _invite(session: MentoringSession, *, actor: Any, kind: str, reason: str = "") -> None:
    """E-mail every participant (the actor too: it puts the session in their calendar)."""
    method = "CANCEL" if kind == "cancelled" else "REQUEST"
    ics = invitations.ics_for(session, method=method)
    for user_id in _participant_ids(session.relationship):
        queue_user_mail(
            user_id=user_id, template_prefix=f"mentoring/emails/session_{kind}",
            context={"by": str(actor), "programme": session.relationship.programme.name,
                     "starts_at": session.starts_at.isoformat(),
                     "minutes": session.duration_minutes, "medium": session.get_medium_display(),
                     "meeting_url": session.meeting_url, "reason": reason,
                     "path": invitations.session_path(session)},
            attachments=[["session.ics", ics, f"text/calendar; method={method}"]],
        )  # fmt: skip


def session_schedule(
    *,
    actor: Any,
    relationship: Relationship,
    starts_at: datetime,
    duration_minutes: int,
    medium: str = Medium.ROOM,
    meeting_url: str = "",
    phone_note: str = "",
    milestone: str = "",
    agenda: str = "",
) -> MentoringSession:
    _require_live(relationship)
    _check_time(starts_at, duration_minutes)
    _check_medium(medium, meeting_url)
    keys = {m["key"] for m in relationship.programme.programme_model.get("milestones") or []}
    if milestone and milestone not in keys:
        raise ValidationError(_("That milestone is not part of this programme."))
    with transaction.atomic():
        session = MentoringSession.objects.create(
            relationship=relationship, starts_at=starts_at, duration_minutes=duration_minutes,
            medium=medium, meeting_url=meeting_url if medium == Medium.LINK else "",
            phone_note=phone_note if medium == Medium.PHONE else "", milestone=milestone,
            agenda=agenda.strip(), created_by=actor,
        )  # fmt: skip
        _refresh_schedule(relationship)
        log_action(actor, "session.scheduled", relationship,
                   {"starts_at": starts_at.isoformat(timespec="minutes")},
                   scope=relationship.programme)  # fmt: skip
        _invite(session, actor=actor, kind="scheduled")
    return session


def _require_scheduled(session: MentoringSession) -> None:
    _require_live(session.relationship)
    if session.status != SessionStatus.SCHEDULED:
        raise ValidationError(_("Only a scheduled session can be changed this way."))


def session_reschedule(
    *,
    actor: Any,
    session: MentoringSession,
    starts_at: datetime,
    duration_minutes: int,
    reason: str,
) -> MentoringSession:
    _require_scheduled(session)
    _check_time(starts_at, duration_minutes)
    if not reason.strip():
        raise ValidationError(_("Say briefly why the time changes."))
    with transaction.atomic():
        SessionChange.objects.create(
            session=session, kind="rescheduled", previous_starts_at=session.starts_at,
            new_starts_at=starts_at, reason=reason.strip(), by=actor,
        )  # fmt: skip
        session.starts_at, session.duration_minutes = starts_at, duration_minutes
        session.sequence += 1
        session.reminded_day_at = session.reminded_hour_at = None
        session.save()
        _refresh_schedule(session.relationship)
        log_action(actor, "session.rescheduled", session.relationship,
                   {"starts_at": starts_at.isoformat(timespec="minutes")},
                   scope=session.relationship.programme)  # fmt: skip
        _invite(session, actor=actor, kind="rescheduled", reason=reason.strip())
    return session


def session_cancel(*, actor: Any, session: MentoringSession, reason: str) -> None:
    _require_scheduled(session)
    if not reason.strip():
        raise ValidationError(_("Say briefly why the session is cancelled."))
    with transaction.atomic():
        SessionChange.objects.create(
            session=session, kind="cancelled", previous_starts_at=session.starts_at,
            reason=reason.strip(), by=actor,
        )  # fmt: skip
        session.status = SessionStatus.CANCELLED
        session.cancel_reason = reason.strip()
        session.sequence += 1
        session.save()
        _refresh_schedule(session.relationship)
        log_action(actor, "session.cancelled", session.relationship, {},
                   scope=session.relationship.programme)  # fmt: skip
        _invite(session, actor=actor, kind="cancelled", reason=reason.strip())


def session_record_outcome(
    *,
    actor: Any,
    session: MentoringSession,
    attended_ids: set[int],
    actual_minutes: int | None,
) -> None:
    """Held (someone other than nobody attended) or missed; logs time and contact."""
    _require_live(session.relationship)
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("A cancelled session cannot be recorded as held."))
    if session.starts_at > timezone.now():
        raise ValidationError(_("A session can be recorded once it has started."))
    participants = dict(session.relationship.participants.values_list("user_id", "role"))
    if not attended_ids <= set(participants):
        raise ValidationError(_("Only participants can be marked present."))
    if actual_minutes is not None and not 1 <= actual_minutes <= MAX_SESSION_MINUTES:
        raise ValidationError(_("Give the length in minutes, up to 480."))
    held = len(attended_ids) >= 2
    with transaction.atomic():
        session.status = SessionStatus.HELD if held else SessionStatus.MISSED
        session.actual_minutes = actual_minutes if held else None
        session.save(update_fields=["status", "actual_minutes", "updated_at"])
        Attendance.objects.filter(session=session).delete()
        Attendance.objects.bulk_create(
            [Attendance(session=session, user_id=uid, attended=uid in attended_ids)
             for uid in participants]
        )  # fmt: skip
        TimeEntry.objects.filter(session=session).delete()
        if held:
            minutes = actual_minutes or session.duration_minutes
            TimeEntry.objects.bulk_create(
                [TimeEntry(mentor_id=uid, programme=session.relationship.programme,
                           relationship=session.relationship, session=session,
                           kind=TimeKind.SESSION, on=timezone.localdate(session.starts_at),
                           minutes=minutes)
                 for uid, role in participants.items()
                 if role != ParticipantRole.MENTEE and uid in attended_ids]
            )  # fmt: skip
            relationship = session.relationship
            if session.milestone and session.milestone not in (relationship.milestones_done or {}):
                relationship.milestones_done = {
                    **(relationship.milestones_done or {}),
                    session.milestone: timezone.localdate(session.starts_at).isoformat(),
                }
                relationship.save(update_fields=["milestones_done"])
            relationship_record_contact(relationship=relationship, at=session.starts_at)
        _refresh_schedule(session.relationship)
        log_action(actor, "session.held" if held else "session.missed", session.relationship,
                   {"minutes": actual_minutes or "—"},
                   scope=session.relationship.programme)  # fmt: skip
        if held and session.reflection_prompted_at is None:
            session.reflection_prompted_at = timezone.now()
            session.save(update_fields=["reflection_prompted_at"])
            for uid, role in participants.items():
                if role == ParticipantRole.MENTEE:
                    queue_user_mail(
                        user_id=uid, template_prefix="mentoring/emails/reflection_prompt",
                        context={"programme": session.relationship.programme.name,
                                 "starts_at": session.starts_at.isoformat(),
                                 "path": invitations.session_path(session)},
                    )  # fmt: skip


@dataclass
class SaveResult:
    """What happened to a save of the shared record."""

    saved: bool
    merged_fields: list[str] = field(default_factory=list)
    #: field -> the other person's text, for fields both changed
    conflicts: dict[str, str] = field(default_factory=dict)
    conflict_by: str = ""
    version: int = 0


def _clean_fields(fields: dict[str, str]) -> dict[str, str]:
    unknown = set(fields) - set(RECORD_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown parts of the record: %(f)s") % {"f": ", ".join(unknown)})
    return {key: str(fields.get(key, "")).replace("\x00", "").replace("\r\n", "\n")
            for key in RECORD_FIELDS}  # fmt: skip


def session_record_save(
    *, actor: Any, session: MentoringSession, fields: dict[str, str], base_version: int
) -> SaveResult:
    """Save the shared record typed from ``base_version``.

    If someone saved since, each part both people changed is merged line by
    line; when the same lines were changed differently nothing is saved and
    both texts come back (``conflicts``) while the draft keeps what was typed.
    """
    _require_live(session.relationship)
    mine = _clean_fields(fields)
    with transaction.atomic():
        current = MentoringSession.objects.select_for_update().get(pk=session.pk)
        if base_version > current.record_version or base_version < 0:
            raise ValidationError(_("That version of the record does not exist."))
        theirs = current.record()
        result = SaveResult(saved=True)
        if base_version != current.record_version:
            base_revision = current.revisions.filter(number=base_version).first()
            base = base_revision.fields if base_revision else dict.fromkeys(RECORD_FIELDS, "")
            latest = current.revisions.select_related("author").first()
            result.conflict_by = str(latest.author) if latest and latest.author else ""
            merged: dict[str, str] = {}
            for key in RECORD_FIELDS:
                was = base.get(key, "")
                text = merge3(was, mine[key], theirs[key])
                if text is None:
                    result.conflicts[key] = theirs[key]
                    continue
                merged[key] = text
                if was not in (mine[key], theirs[key]) and mine[key] != theirs[key]:
                    result.merged_fields.append(key)
            if result.conflicts:
                result.saved = False
                result.version = current.record_version
                RecordDraft.objects.update_or_create(
                    session=current, user=actor,
                    defaults={"fields": mine, "base_version": base_version},
                )  # fmt: skip
                return result
            mine = merged
        if mine == theirs:
            RecordDraft.objects.filter(session=current, user=actor).delete()
            result.version = current.record_version
            return result
        for key, value in mine.items():
            setattr(current, key, value)
        current.record_version += 1
        current.save()
        latest = current.revisions.first()
        if (
            latest is not None
            and latest.author_id == actor.pk
            and latest.number == base_version
            and timezone.now() - latest.created_at < REVISION_COALESCE
        ):
            # The same person still writing (e.g. live in the room): one revision
            # and one audit entry for the burst, not one per pause in typing.
            latest.number, latest.fields = current.record_version, mine
            latest.save(update_fields=["number", "fields"])
        else:
            RecordRevision.objects.create(
                session=current, number=current.record_version, fields=mine, author=actor
            )
            log_action(actor, "session.record_saved", current.relationship,
                       {"version": current.record_version},
                       scope=current.relationship.programme)  # fmt: skip
        RecordDraft.objects.filter(session=current, user=actor).delete()
        session.refresh_from_db()
        result.version = current.record_version
    return result


def record_draft_save(
    *, actor: Any, session: MentoringSession, fields: dict[str, str], base_version: int
) -> RecordDraft:
    """Autosave of what one person is typing into the shared record."""
    _require_live(session.relationship)
    draft, _created = RecordDraft.objects.update_or_create(
        session=session, user=actor,
        defaults={"fields": _clean_fields(fields), "base_version": max(0, base_version)},
    )  # fmt: skip
    return draft


def private_note_save(*, actor: Any, session: MentoringSession, text: str) -> PrivateNote:
    note, _created = PrivateNote.objects.update_or_create(
        session=session, author=actor, defaults={"text": text.replace("\x00", "")}
    )
    return note


def session_link_goals(*, actor: Any, session: MentoringSession, goals: list[Goal]) -> None:
    if any(goal.relationship_id != session.relationship_id for goal in goals):
        raise ValidationError(_("Only this relationship's goals can be linked."))
    session.goals.set(goals)


def action_add(
    *,
    actor: Any,
    relationship: Relationship,
    text: str,
    owner: Any,
    due_on: date | None = None,
    session: MentoringSession | None = None,
    goal: Goal | None = None,
) -> ActionPoint:
    _require_live(relationship)
    if not relationship.participants.filter(user_id=owner.pk).exists():
        raise ValidationError(_("The owner of an action point must be in the relationship."))
    if goal is not None and goal.relationship_id != relationship.pk:
        raise ValidationError(_("Only this relationship's goals can be linked."))
    with transaction.atomic():
        action = ActionPoint.objects.create(
            relationship=relationship, session=session, goal=goal, text=text.strip(),
            owner=owner, due_on=due_on, created_by=actor,
        )  # fmt: skip
        log_action(actor, "action.added", relationship, {},
                   scope=relationship.programme)  # fmt: skip
    return action


def action_set_done(*, actor: Any, action: ActionPoint, done: bool) -> ActionPoint:
    _require_live(action.relationship)
    with transaction.atomic():
        action.done_at = timezone.now() if done else None
        action.save(update_fields=["done_at"])
        log_action(actor, "action.done" if done else "action.reopened", action.relationship,
                   {}, scope=action.relationship.programme)  # fmt: skip
    return action
