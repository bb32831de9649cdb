"""Periodic mentoring work: session reminders (24 h and 1 h before) and the
mentors' daily digest. Both claim what they send with a conditional UPDATE
so a second tick never sends it again."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tandem.core.mail import queue_user_mail

from . import invitations, selectors
from .models import (
    GUIDE_ROLES,
    DigestSent,
    MentoringSession,
    Participant,
    RelationshipStatus,
    SessionStatus,
)

DIGEST_HOUR = time(7, 0)


def _remind(session: MentoringSession, *, soon: bool) -> None:
    participants = list(session.relationship.participants.select_related("user"))
    for p in participants:
        with_whom = ", ".join(str(o.user) for o in participants if o.user_id != p.user_id)
        queue_user_mail(
            user_id=p.user_id, template_prefix="mentoring/emails/session_reminder",
            context={"soon": soon, "starts_at": session.starts_at.isoformat(),
                     "minutes": session.duration_minutes, "medium": session.get_medium_display(),
                     "meeting_url": session.meeting_url, "agenda": session.agenda,
                     "with_whom": with_whom, "programme": session.relationship.programme.name,
                     "path": invitations.session_path(session)},
        )  # fmt: skip


def send_reminders(now: datetime) -> int:
    sent = 0
    upcoming = MentoringSession.objects.filter(
        status=SessionStatus.SCHEDULED,
        relationship__status=RelationshipStatus.ACTIVE,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=24),
    ).select_related("relationship__programme")
    for session in upcoming:
        soon = session.starts_at <= now + timedelta(hours=1)
        field = "reminded_hour_at" if soon else "reminded_day_at"
        if not soon and session.created_at > session.starts_at - timedelta(hours=23):
            continue  # booked less than a day ahead: the invitation was the reminder
        with transaction.atomic():
            claimed = MentoringSession.objects.filter(
                pk=session.pk, **{f"{field}__isnull": True}
            ).update(**{field: now})
            if claimed:
                _remind(session, soon=soon)
                sent += 1
    return sent


def send_digests(now: datetime) -> int:
    """Once a day, after 07:00 in each mentor's own zone, if anything is due."""
    guide_ids = (
        Participant.objects.filter(
            role__in=GUIDE_ROLES, relationship__status=RelationshipStatus.ACTIVE
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
    sent = 0
    users = get_user_model().objects.filter(
        pk__in=list(guide_ids), is_active=True, profile__notify_by_email=True
    )
    for user in users:
        try:
            zone = zoneinfo.ZoneInfo(user.time_zone)
        except (KeyError, ValueError):
            zone = zoneinfo.ZoneInfo("UTC")
        local = now.astimezone(zone)
        if local.time() < DIGEST_HOUR:
            continue
        rows = [row for row in selectors.caseload(user, now) if row.attention]
        day_end = datetime.combine(local.date(), time(23, 59), tzinfo=zone)
        sessions = list(
            MentoringSession.objects.filter(
                relationship__participants__user=user, status=SessionStatus.SCHEDULED,
                starts_at__gte=now, starts_at__lte=day_end,
            ).prefetch_related("relationship__participants__user")
        )  # fmt: skip
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, day=local.date())
        except IntegrityError:
            continue  # already sent today
        if not rows and not sessions:
            continue
        queue_user_mail(
            user_id=user.pk, template_prefix="mentoring/emails/digest",
            context={
                "count": len(rows), "path": reverse("mentoring:caseload"),
                "rows": [{"who": ", ".join(str(m) for m in row.mentees),
                          "programme": row.relationship.programme.name,
                          "items": [f"{a.reason} — {a.next_step}" for a in row.attention]}
                         for row in rows],
                "sessions": [{"when": timezone.localtime(s.starts_at, zone).strftime("%H:%M"),
                              "with_whom": ", ".join(str(p.user) for p in s.relationship.participants.all() if p.user_id != user.pk)}
                             for s in sessions],
            },
        )  # fmt: skip
        sent += 1
    return sent
