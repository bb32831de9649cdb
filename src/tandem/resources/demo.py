"""Demo libraries: links, a checklist and a captioned video, in several spaces."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone

from tandem.core.models import AuditEntry
from tandem.notifications.services import no_email

from . import search, services
from .models import Resource

MEDIA = Path(__file__).resolve().parent / "demo_media"

# (space, who, days ago, kind, title, address or file, tags, description)
RESOURCES = [
    ("Maths across the distance", "mentor", 30, "video", "Wait time in a video lesson",
     "wait-time.webm", "wait time, questioning, maths",
     "Sixteen seconds, three habits. I made this for my mentees after we noticed how "
     "quickly we all fill the silence on a call. Captions included."),
    ("Maths across the distance", "outsider", 26, "link", "NRICH: low threshold, high ceiling tasks",
     "https://nrich.maths.org/", "problem solving, maths, task design",
     "Tasks every learner can start and nobody finishes too soon — good for mixed-age "
     "classes. Many work with paper and a pencil, so they survive a dropped connection."),
    ("Maths across the distance", "kiri", 8, "link", "Number talk prompts I use on Mondays",
     "https://www.youcubed.org/resource/number-talks/", "number talks, maths",
     "Dot cards and quick images that work well on a shared screen. I hold them up to "
     "the camera when the screen share is too slow."),
    ("Early-career teachers", "facilitator", 21, "file", "Before your first video call with a new class",
     "first-call-checklist.txt", "first weeks, video calls, checklist",
     "A one-page checklist the group wrote together in Term 2. Print it; add your own."),
    ("Te reo Māori in every classroom", "mentor3", 14, "link", "Kupu o te rā — a word a day",
     "https://www.maoridictionary.co.nz/", "te reo, vocabulary",
     "We pick one word each morning and use it all day. The dictionary has audio for "
     "pronunciation."),
    ("Remote Teachers' Community", "facilitator", 45, "link",
     "England's Teachers' Standards (Department for Education)",
     "https://www.gov.uk/government/publications/teachers-standards", "standards, evidence",
     "The framework several of our programmes use for evidence of practice. Published "
     "under the Open Government Licence."),
    ("Remote Teachers' Community", "outsider", 5, "link", "Teaching when the bandwidth is low",
     "https://www.edutopia.org/", "low bandwidth, planning",
     "Articles from teachers in rural schools. Our virtual school shares the ones on "
     "asynchronous discussion with new staff."),
]  # fmt: skip


def seed(context: dict[str, Any]) -> None:
    with no_email():
        _seed(context)


def _file(name: str, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (MEDIA / name).read_bytes(), content_type=content_type)


def _seed(context: dict[str, Any]) -> None:
    people, mentees, spaces = context["people"], context["mentees"], context["spaces"]
    who = {"kiri": next(m for m in mentees if m.email.startswith("mentee@")), **people}
    places = {**spaces, context["community"].name: context["community"]}
    now = timezone.now()
    for place, key, days, kind, title, target, tags, description in RESOURCES:
        extra: dict[str, Any] = {}
        if kind == "link":
            extra["url"] = target
        elif kind == "video":
            extra["upload"] = _file(target, "video/webm")
            extra["captions"] = _file(target.replace(".webm", ".vtt"), "text/vtt")
            extra["captions_language"] = "en"
        else:
            extra["upload"] = _file(target, "text/plain")
        before = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
        resource = services.resource_add(
            actor=who[key], space=places[place], kind=kind, title=title,
            description=description, tags=tags, **extra,
        )  # fmt: skip
        when = now - timedelta(days=days)
        Resource.objects.filter(pk=resource.pk).update(created_at=when)
        AuditEntry.objects.filter(pk__gt=before).update(created_at=when)  # history in order
        resource.refresh_from_db()
        search.put(resource)  # with its date
