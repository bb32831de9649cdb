"""Demo of the live room for Kiri and Mereana: a call that opens in a few
minutes (so the room can be tried at once), the chat of their last session,
and a lesson Mereana coached live with the prompts she gave."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tandem.mentoring.models import MentoringSession, Relationship, SessionStatus
from tandem.mentoring.models.sessions import Medium

from .models import Kind, RoomMessage, Visit

LAST_SESSION_CHAT = [
    ("mentee", 2, "Sorry — the video froze, I've switched to audio only."),
    ("mentor", 3, "No problem, I can hear you well. Is the planning doc the one from Tuesday?"),
    ("mentee", 4, "Yes, the version with the fractions wall. Page 2."),
    ("mentor", 31, "Link to the wait-time article I mentioned: https://example.org/wait-time"),
    ("mentee", 52, "Thank you! Same time in four weeks?"),
]

COACHED_LESSON_PROMPTS = [
    (4, "Wait time: count to five"),
    (9, "Hemi has his hand up"),
    (13, "Praise that effort"),
    (21, "Check for understanding"),
    (26, "Ask Aroha to explain her diagram"),
    (34, "Slow down"),
    (41, "Name the success criteria"),
]


def seed(context: dict[str, Any]) -> None:
    mentor = context["people"]["mentor"]
    mentee = next((m for m in context["mentees"] if m.email == "mentee@demo.test"), None)
    if mentee is None:
        return
    rel = (
        Relationship.objects.filter(participants__user=mentee)
        .filter(participants__user=mentor)
        .first()
    )
    if rel is None:
        return
    now = timezone.now()
    drop_in = MentoringSession.objects.create(
        relationship=rel, starts_at=now + timedelta(minutes=10), duration_minutes=30,
        medium=Medium.ROOM, created_by=mentor,
        agenda="Drop-in: the fractions assessment before Friday",
    )  # fmt: skip
    Relationship.objects.filter(pk=rel.pk).update(next_session_at=drop_in.starts_at)
    who = {"mentee": mentee, "mentor": mentor}
    last = rel.sessions.filter(status=SessionStatus.HELD).order_by("-starts_at").first()
    if last is not None:
        for role, minute, text in LAST_SESSION_CHAT:
            RoomMessage.objects.create(session=last, author=who[role], kind=Kind.CHAT, text=text,
                                       created_at=last.starts_at + timedelta(minutes=minute))  # fmt: skip
        for person in (mentor, mentee):
            Visit.objects.create(session=last, user=person, first_joined_at=last.starts_at,
                                 last_left_at=last.starts_at + timedelta(minutes=58))  # fmt: skip
    lesson_at = (now - timedelta(days=5)).replace(hour=21, minute=15, second=0, microsecond=0)
    lesson = MentoringSession.objects.create(
        relationship=rel, starts_at=lesson_at, duration_minutes=50, medium=Medium.COACHING,
        status=SessionStatus.HELD, actual_minutes=48, created_by=mentor,
        agenda="Live coaching: Year 7 number talk (online class)",
        shared_notes="Watched the whole number talk. Wait time held in the first half; the "
                     "pace picked up after the break. Talk about the diagram moment next time.",
        record_version=1,
    )  # fmt: skip
    for person in (mentor, mentee):
        Visit.objects.create(session=lesson, user=person, first_joined_at=lesson_at,
                             last_left_at=lesson_at + timedelta(minutes=48))  # fmt: skip
    for minute, text in COACHED_LESSON_PROMPTS:
        RoomMessage.objects.create(session=lesson, author=mentor, kind=Kind.PROMPT, text=text,
                                   created_at=lesson_at + timedelta(minutes=minute))  # fmt: skip
