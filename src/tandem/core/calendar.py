"""Calendars: one private iCalendar feed per person, and .ics files.

Feature apps register a provider returning :class:`CalendarItem` for a user
(sessions now; events later); the feed at ``/calendar/<token>.ics`` joins them.
The token is secret and replaceable: revoking gives a new address and the old
one answers 404.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar, Event

from .audit import log_action
from .models import CalendarFeed


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str = ""
    url: str = ""
    location: str = ""
    sequence: int = 0
    cancelled: bool = False
    updated_at: datetime | None = None


CalendarProvider = Callable[[Any], Iterable[CalendarItem]]
_PROVIDERS: list[CalendarProvider] = []


def register(provider: CalendarProvider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def items_for(user: Any) -> list[CalendarItem]:
    return sorted(
        (item for provider in _PROVIDERS for item in provider(user)), key=lambda i: i.starts_at
    )


def to_ics(items: Iterable[CalendarItem], *, method: str | None = None, name: str = "") -> str:
    """An iCalendar document (RFC 5545); ``method`` is REQUEST/CANCEL for e-mail invitations."""
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//Tandem//EN")
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    now = timezone.now()
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", now)
        event.add("dtstart", item.starts_at.astimezone(UTC))
        event.add("dtend", item.ends_at.astimezone(UTC))
        event.add("summary", item.summary)
        event.add("sequence", item.sequence)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", item.url)
        if item.location:
            event.add("location", item.location)
        if item.updated_at:
            event.add("last-modified", item.updated_at.astimezone(UTC))
        cal.add_component(event)
    return cal.to_ical().decode()


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def feed_token(user: Any) -> str:
    feed, _created = CalendarFeed.objects.get_or_create(user=user, defaults={"token": _new_token()})
    return feed.token


def feed_revoke(*, actor: Any) -> str:
    """Replace the address: calendars subscribed to the old one stop updating."""
    with transaction.atomic():
        token = _new_token()
        CalendarFeed.objects.update_or_create(user=actor, defaults={"token": token})
        log_action(actor, "calendar.revoked", actor)
    return token


def user_for_token(token: str) -> Any | None:
    if not token or len(token) > 64:
        return None
    feed = (
        CalendarFeed.objects.filter(token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    return feed.user if feed else None
