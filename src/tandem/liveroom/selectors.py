"""Reads of the live room: what it leaves in the session record."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tandem.mentoring.models import MentoringSession

from .models import Kind, RecordingStatus

#: one-tap prompts for live coaching: short, and readable at a glance across a classroom
QUICK_PROMPTS = [
    _("Wait time: count to five"),
    _("Check for understanding"),
    _("Praise that effort"),
    _("Move to the back row"),
    _("Ask a why question"),
    _("Slow down"),
    _("Name the success criteria"),
    _("Cold call, gently"),
]


def session_room_record(session: MentoringSession) -> dict[str, Any]:
    """Who came to the room, its chat, the coaching prompts and saved recordings."""
    lines = list(session.room_messages.select_related("author"))
    return {
        "visits": list(session.room_visits.select_related("user")),
        "chat": [line for line in lines if line.kind == Kind.CHAT],
        "prompts": [line for line in lines if line.kind == Kind.PROMPT],
        "recordings": list(
            session.recordings.filter(status=RecordingStatus.SAVED).select_related("requested_by")
        ),
    }
