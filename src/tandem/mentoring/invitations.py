"""Sessions as calendar entries: .ics invitations and the personal feed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.calendar import CalendarItem, to_ics

from .models import Medium, MentoringSession, SessionStatus


def session_path(session: MentoringSession) -> str:
    return reverse("mentoring:session", args=[session.relationship_id, session.pk])


def _others(session: MentoringSession, user_id: int | None) -> str:
    return ", ".join(
        str(p.user) for p in session.relationship.participants.all() if p.user_id != user_id
    )


def item_for(session: MentoringSession, user_id: int | None = None) -> CalendarItem:
    """The session as seen by ``user_id`` (the title names the other people).
    Never carries notes: only time, place and a link back to Tandem."""
    url = settings.TANDEM_SITE_URL + session_path(session)
    with_whom = _others(session, user_id)
    summary = (
        _("Mentoring session with %(who)s") % {"who": with_whom}
        if with_whom
        else _("Mentoring session")
    )
    location = {
        Medium.ROOM: _("Tandem live room: %(url)s") % {"url": url},
        Medium.COACHING: _("Live coaching in Tandem's live room: %(url)s") % {"url": url},
        Medium.LINK: session.meeting_url,
        Medium.PHONE: session.phone_note or _("Phone"),
    }[Medium(session.medium)]
    return CalendarItem(
        uid=f"session-{session.uid}@tandem",
        starts_at=session.starts_at,
        ends_at=session.starts_at + timedelta(minutes=session.duration_minutes),
        summary=summary,
        description=_("%(programme)s. Open the session in Tandem: %(url)s")
        % {"programme": session.relationship.programme.name, "url": url},
        url=url,
        location=location,
        sequence=session.sequence,
        cancelled=session.status == SessionStatus.CANCELLED,
        updated_at=session.updated_at,
    )


def ics_for(
    session: MentoringSession, *, method: str | None = None, user_id: int | None = None
) -> str:
    return to_ics([item_for(session, user_id)], method=method)


def feed_items(user: Any) -> list[CalendarItem]:
    """Sessions of the last 60 days and everything ahead, for the calendar feed."""
    sessions = (
        MentoringSession.objects.filter(
            relationship__participants__user=user,
            starts_at__gte=timezone.now() - timedelta(days=60),
        )
        .select_related("relationship__programme")
        .prefetch_related("relationship__participants__user")
        .distinct()
    )
    return [item_for(session, user.pk) for session in sessions]
