"""Demo events: a community webinar with its recording and register, a past
#MathsChat with its transcript, live chats and a webinar coming up, a regional
hui in person, a cancelled clinic, and a meeting only the mentors' room sees.

Times are set in New Zealand (where the hosts are), so members in Alberta,
Scotland or Alaska see them at their own hour."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from tandem.core.audit import log_action
from tandem.core.models import AuditEntry
from tandem.notifications.services import no_email
from tandem.resources.models import Resource

from . import search, services
from .models import ChatLine, Event, Registration

NZ = zoneinfo.ZoneInfo("Pacific/Auckland")

# key, where, host, days from today (negative: past), NZ start, minutes, format, title,
# link or place, capacity, description
EVENTS = [
    ("wait-time", "community", "facilitator", -33, time(19, 0), 60, "online",
     "Term 3 webinar: wait time on a video call",
     "https://meet.jit.si/connected-classrooms-wait-time", None,
     "Mereana and two of her mentees showed what happened when they waited ten seconds "
     "after a question on a call — and what the students did with the silence.\n\n"
     "- the three habits from the library video\n- questions that work with the camera off\n"
     "- what to do when a student's connection drops mid-answer"),
    ("maths-chat", "Maths across the distance", "facilitator", -12, time(19, 30), 45, "chat",
     "#MathsChat: questioning on a slow connection", "", None,
     "A written chat for 45 minutes — no video, so it works on any connection.\n\n"
     "**Q1** What question got your class talking this week?\n\n"
     "**Q2** How do you hear from the quiet ones when cameras are off?\n\n"
     "**Q3** One thing you will try next week."),
    ("check-in", "Early-career teachers", "facilitator", -20, time(16, 0), 45, "online",
     "First-term check-in for new teachers", "https://meet.jit.si/connected-classrooms-ect", 20,
     "Forty-five minutes to compare notes on the first term: what surprised you, what you "
     "would tell yourself in February, and who to ask when the term gets heavy."),
    ("number-talks", "Maths across the distance", "mentor", 2, time(19, 30), 60, "chat",
     "#MathsChat: number talks across year levels", "", None,
     "Bring a dot card or a quick image that worked. We will trade them for an hour.\n\n"
     "**Q1** Your favourite opening image, and why.\n\n**Q2** How do you record strategies "
     "when students are in five different places?\n\n**Q3** Which one will you try next?"),
    ("te-reo", "Te reo Māori in every classroom", "mentor3", 5, time(17, 0), 45, "chat",
     "Kōrero: te reo in the daily routine",
     "", None,
     "A gentle written kōrero for every level of te reo. Share one routine — a greeting, "
     "a karakia, a word of the day — and how your learners at home take part."),
    ("planning", "community", "facilitator", 8, time(19, 0), 75, "online",
     "Planning Term 1 when your class is spread across a region",
     "https://meet.jit.si/connected-classrooms-term-1", 60,
     "Sione and Mereana walk through a term plan built for learners on three different "
     "timetables and two kinds of connection. Bring your own draft; we will work in small "
     "groups for the last half-hour.\n\nThe recording will be shared here afterwards."),
    ("mentors", "Mentors' room", "facilitator", 6, time(15, 30), 60, "online",
     "Mentors' moderation meeting: end-of-year appraisals",
     "https://meet.jit.si/connected-classrooms-mentors", None,
     "For mentors only: we moderate three anonymised appraisal summaries together."),
    ("hui", "community", "lead", 24, time(9, 30), 240, "place",
     "Manawatū–Whanganui regional hui",
     "Feilding Intermediate School library, Manchester Street, Feilding", 30,
     "A morning together in person for those within driving distance: morning tea at 9:30, "
     "a mentoring circle, and lunch. Ruth will bring the programme's mid-year figures."),
    ("clinic", "Early-career teachers", "facilitator", 10, time(16, 0), 45, "online",
     "Report-writing clinic", "https://meet.jit.si/connected-classrooms-reports", None,
     "Short, kind, specific: writing end-of-year comments for learners you mostly see "
     "on screen."),
]  # fmt: skip

# key -> (who registered, who came); names are staff keys or mentee first names
REGISTERED = {
    "wait-time": (["kiri", "mentor", "mentor2", "mentor3", "outsider", "Liam", "Anahera", "Priya",
                   "Ben", "Ngaio"], ["kiri", "mentor", "mentor2", "outsider", "Liam", "Priya",
                                     "Ngaio"]),
    "check-in": (["kiri", "Liam", "Anahera", "Ben"], ["kiri", "Liam", "Ben"]),
    "maths-chat": (["kiri", "mentor", "outsider", "Priya", "Ben"], []),
    "number-talks": (["kiri", "outsider", "Priya"], []),
    "te-reo": (["kiri", "Anahera", "mentor"], []),
    "planning": (["kiri", "mentor", "mentor2", "Liam", "Ngaio", "Ethan", "Sophie", "Chloé"], []),
    "mentors": (["mentor", "mentor2", "mentor3"], []),
    "hui": (["lead", "mentor", "Liam", "Anahera"], []),
    "clinic": (["Liam", "Ben"], []),
}  # fmt: skip

# the #MathsChat transcript: (minutes after the start, who, line)
TRANSCRIPT = [
    (0, "facilitator", "Kia ora koutou! Welcome to #MathsChat. Say hello and where you are "
     "teaching from tonight."),
    (1, "kiri", "Kia ora from Tolaga Bay — the wifi is holding, for now (fingers crossed)"),
    (1, "outsider", "Hello from Medicine Hat, Alberta. It is 11:30 pm here, worth it."),
    (2, "Priya", "Hi all, Priya from a virtual school in Christchurch."),
    (4, "facilitator", "Q1 What question got your class talking this week?"),
    (6, "kiri", "A1 \"How many ways can you make 24?\" — they kept finding more after the call "
     "ended and sent photos."),
    (7, "mentor", "A1 Love that. Open questions survive a bad connection: they don't need "
     "the next slide to load."),
    (9, "Ben", "A1 \"Which one doesn't belong?\" with four numbers. Even my quietest Year 7 "
     "had an opinion."),
    (14, "facilitator", "Q2 How do you hear from the quiet ones when cameras are off?"),
    (16, "Priya", "A2 Thumbs in the chat first, words second. Nobody has to unmute to start."),
    (17, "outsider", "A2 I give them the question the day before by text message. They arrive "
     "with an answer already."),
    (19, "kiri", "A2 Wait time! Counting to ten in my head felt endless but it works — "
     "see the video in our library."),
    (28, "facilitator", "Q3 One thing you will try next week."),
    (30, "Ben", "A3 Sending the question the day before. Thanks Tomás."),
    (31, "kiri", "A3 A \"which one doesn't belong\" on Monday."),
    (33, "mentor", "A3 Recording a 30-second voice note of the question for the learners "
     "without data for video."),
    (43, "facilitator", "Ngā mihi nui, everyone. The transcript stays on this page. "
     "Next #MathsChat: number talks."),
]  # fmt: skip


def seed(context: dict[str, Any]) -> None:
    with no_email():
        _seed(context)


def _people(context: dict[str, Any]) -> dict[str, Any]:
    mentees = context["mentees"]
    who = {m.display_name.split()[0]: m for m in mentees}
    return {"kiri": next(m for m in mentees if m.email.startswith("mentee@")), **who,
            **context["people"]}  # fmt: skip


def _seed(context: dict[str, Any]) -> None:
    who = _people(context)
    places = {**context["spaces"], "community": context["community"]}
    today = timezone.now().astimezone(NZ).date()
    before = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
    made: dict[str, Event] = {}
    for key, where, host, days, start, minutes, fmt, title, target, capacity, text in EVENTS:
        when = datetime.combine(today + timedelta(days=days), start, tzinfo=NZ)
        planned = when - timedelta(days=21)
        event = services.event_create(
            actor=who[host], space=places[where], title=title, format=fmt,
            starts_at=max(when, timezone.now() + timedelta(days=1)), minutes=minutes,
            description=text, join_url=target if fmt == "online" else "",
            place=target if fmt == "place" else "", capacity=capacity,
        )  # fmt: skip
        Event.objects.filter(pk=event.pk).update(
            starts_at=when, ends_at=when + timedelta(minutes=minutes), created_at=planned
        )
        event.refresh_from_db()
        made[key] = event
        registered, came = REGISTERED[key]
        for i, name in enumerate(registered):
            joined = when + timedelta(minutes=i % 4) if name in came else None
            Registration.objects.create(
                event=event, user=who[name], registered_at=planned + timedelta(days=1 + i % 9),
                joined_at=joined, attended=joined is not None,
            )  # fmt: skip
        AuditEntry.objects.filter(pk__gt=before).update(created_at=planned)
        before = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
    chat = made["maths-chat"]
    for minute, name, text in TRANSCRIPT:
        ChatLine.objects.create(
            event=chat, author=who[name], text=text, by_host=name == "facilitator",
            created_at=chat.starts_at + timedelta(minutes=minute, seconds=len(text) % 50),
        )  # fmt: skip
    Registration.objects.filter(event=chat).update(attended=True, joined_at=chat.starts_at)
    video = Resource.objects.filter(title="Wait time in a video lesson").first()
    webinar = made["wait-time"]
    Event.objects.filter(pk=webinar.pk).update(
        recording_url=reverse("resources:resource", args=[video.pk]) if video else ""
    )
    clinic = made["clinic"]  # cancelled two days ago (written directly: demo data e-mails nobody)
    Event.objects.filter(pk=clinic.pk).update(
        cancelled_at=timezone.now() - timedelta(days=2), sequence=1,
        cancel_reason="Folded into the Term 1 planning webinar — come to that one instead.",
    )  # fmt: skip
    log_action(who["facilitator"], "event.cancelled", clinic, scope=clinic.space.programme)
    AuditEntry.objects.filter(pk__gt=before).update(created_at=timezone.now() - timedelta(days=2))
    for event in made.values():
        event.refresh_from_db()
        search.put(event)
