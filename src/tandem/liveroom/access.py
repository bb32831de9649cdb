"""The doors to a session's live room: the relationship's participants only,
through the mentoring door for pages; the socket asks :func:`seat_for` on
connect and :func:`still_seated` on every frame. Everyone else — and a
session that does not exist — gets the same refusal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from tandem.core.access import object_or_404
from tandem.mentoring.models import (
    GUIDE_ROLES,
    MentoringSession,
    Participant,
    ParticipantRole,
    RelationshipStatus,
    SessionStatus,
)
from tandem.mentoring.models.sessions import Medium

from .models import Recording, RecordingStatus

LIVE_RELATIONSHIP = (RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED)
#: the room opens this long before the session starts and stays open this long after it ends
OPENS_BEFORE = timedelta(minutes=30)
CLOSES_AFTER = timedelta(minutes=60)


@dataclass(frozen=True)
class Seat:
    """Someone's place in a session's room."""

    session: MentoringSession
    role: str
    coaching: bool

    @property
    def guide(self) -> bool:
        return self.role in GUIDE_ROLES

    @property
    def teacher(self) -> bool:
        """In live coaching, the mentee is the teacher being observed."""
        return self.coaching and self.role == ParticipantRole.MENTEE


def room_state(session: MentoringSession, now: Any = None) -> str:
    """``open``, or why not: ``elsewhere`` (not in Tandem's room), ``cancelled``,
    ``ended`` (the relationship), ``early`` or ``closed`` (outside its time)."""
    now = now or timezone.now()
    if not session.in_live_room:
        return "elsewhere"
    if session.status == SessionStatus.CANCELLED:
        return "cancelled"
    if session.relationship.status not in LIVE_RELATIONSHIP:
        return "ended"
    if now < session.starts_at - OPENS_BEFORE:
        return "early"
    if now > session.starts_at + timedelta(minutes=session.duration_minutes) + CLOSES_AFTER:
        return "closed"
    return "open"


def seat_for(user: Any, session_id: Any) -> Seat | None:
    """The user's seat in an open room, or None (not a participant, no such
    session, or the room is not open)."""
    if user is None or not user.is_authenticated:
        return None
    try:
        session = (
            MentoringSession.objects.select_related("relationship__programme")
            .filter(relationship__participants__user_id=user.pk)
            .get(pk=int(session_id))
        )
    except (MentoringSession.DoesNotExist, TypeError, ValueError, OverflowError):
        return None
    return seat_at(session, user)


def seat_at(session: MentoringSession, user: Any) -> Seat | None:
    """The seat of a participant whose session is already loaded (the page's
    door has checked it), or None while the room is not open."""
    if room_state(session) != "open":
        return None
    role = (
        Participant.objects.filter(relationship_id=session.relationship_id, user_id=user.pk)
        .values_list("role", flat=True)
        .first()
    )
    if role is None:
        return None
    return Seat(session=session, role=role, coaching=session.medium == Medium.COACHING)


def still_seated(user_id: int, session_id: int) -> bool:
    """One query, run on every frame: still a participant, the relationship
    still live and the session not cancelled."""
    return Participant.objects.filter(
        user_id=user_id,
        relationship__status__in=LIVE_RELATIONSHIP,
        relationship__sessions__pk=session_id,
        relationship__sessions__status__in=[SessionStatus.SCHEDULED, SessionStatus.HELD,
                                            SessionStatus.MISSED],
    ).exists()  # fmt: skip


def recording_in(session: MentoringSession, pk: Any) -> Recording:
    """A recording of a session whose page the user may see (the mentoring door
    has checked the session): only saved ones are ever served."""
    return object_or_404(session.recordings.filter(status=RecordingStatus.SAVED), pk=pk)


def recording_to_upload(session: MentoringSession, user: Any, pk: Any) -> Recording:
    """A recording this user's browser was asked to make."""
    return object_or_404(session.recordings.filter(requested_by_id=user.pk), pk=pk)
