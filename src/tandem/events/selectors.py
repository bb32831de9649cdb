"""Reads for events: the lists (everything a person may see, a space's
events), the panel on a space's front page, registrants, the chat, the
calendar feed and the newsletter's "Coming up"."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tandem.community.access import community_wide_spaces
from tandem.community.models import Space
from tandem.core.calendar import CalendarItem
from tandem.newsletter.highlights import Highlight, Section

from .access import visible_events
from .models import ChatLine, Event, Registration

PER_PAGE = 20
PANEL = 3
CHAT_PAGE = 200


def _annotated(viewer: Any, events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related("space").annotate(
        registered=Count("registrations"),
        mine=Exists(Registration.objects.filter(event=OuterRef("pk"), user_id=viewer.pk)),
    )


def events_for(
    viewer: Any, *, space: Space | None = None, when: str = "upcoming", mine: bool = False
) -> QuerySet[Event]:
    """Upcoming (not yet ended, soonest first) or past (latest first)."""
    now = timezone.now()
    events = visible_events(viewer)
    if space is not None:
        events = events.filter(space=space)
    if mine:
        events = events.filter(registrations__user_id=viewer.pk)
    if when == "past":
        events = events.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    else:
        events = events.filter(ends_at__gt=now).order_by("starts_at", "pk")
    return _annotated(viewer, events)


def panel(viewer: Any, space: Space) -> list[Event]:
    """The next few events of a space (not cancelled ones)."""
    return list(events_for(viewer, space=space).filter(cancelled_at__isnull=True)[:PANEL])


def registrants(event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related("user").order_by("user__display_name", "pk")


def chat_lines(event: Event, *, after: int = 0, limit: int | None = CHAT_PAGE) -> list[ChatLine]:
    """The lines after ``after`` (a poll: at most a page of them; the page: all)."""
    return list(event.chat_lines.filter(pk__gt=after).select_related("author")[:limit])


def feed_items(user: Any) -> list[CalendarItem]:
    """What the person registered for: the last 60 days and everything ahead."""
    from .services import calendar_item

    events = (
        visible_events(user)
        .filter(registrations__user_id=user.pk, ends_at__gte=timezone.now() - timedelta(days=60))
        .select_related("space")
    )
    return [calendar_item(event) for event in events]


def coming_up(community: Space, start: datetime, end: datetime) -> Section | None:
    """The newsletter's events: those ahead, for the next six weeks, in spaces
    every member reads; shown in the zone of the person drafting."""
    from .services import event_url

    first = max(timezone.now(), start)
    events = Event.objects.filter(
        space__in=community_wide_spaces(community), cancelled_at__isnull=True,
        starts_at__gte=first, starts_at__lt=max(end, first) + timedelta(weeks=6),
    ).select_related("space")[:8]  # fmt: skip
    items = [
        Highlight(
            e.title,
            event_url(e),
            f"{date_format(timezone.localtime(e.starts_at), 'D j M, H:i T')} · {e.format_label}",
        )
        for e in events
    ]
    return Section(_("Coming up"), items) if items else None
