"""Reminders to registrants, the day before and an hour before. Each event
claims its reminder with a conditional UPDATE, so a second tick — or a second
server — never sends it again."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from .models import Event
from .services import mail_about


def send_reminders(now: datetime) -> int:
    """How many events had a reminder sent."""
    sent = 0
    upcoming = Event.objects.filter(
        cancelled_at__isnull=True, starts_at__gt=now, starts_at__lte=now + timedelta(hours=24)
    ).select_related("space")
    for event in upcoming:
        soon = event.starts_at <= now + timedelta(hours=1)
        field = "reminded_hour_at" if soon else "reminded_day_at"
        with transaction.atomic():
            claimed = Event.objects.filter(pk=event.pk, **{f"{field}__isnull": True}).update(
                **{field: now}
            )
            if not claimed:
                continue
            if soon:  # an hourly reminder makes the daily one pointless now
                Event.objects.filter(pk=event.pk, reminded_day_at__isnull=True).update(
                    reminded_day_at=now
                )
            registrations = event.registrations.all()
            if not soon:  # who registered within the hour has the invitation fresh in hand
                registrations = registrations.filter(registered_at__lt=now - timedelta(hours=1))
            for user_id in registrations.values_list("user_id", flat=True):
                mail_about(event, user_id, "reminder", soon=soon)
            sent += 1
    return sent
