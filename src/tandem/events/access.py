"""Who sees an event: whoever reads its space — the one rule the lists, the
event page, its .ics, its chat, search and the newsletter go through. Hosts
are the person who made the event and the space's moderators. Everything else
gets the 404 of an event that does not exist."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from tandem.community.access import moderated_spaces, readable_space_ids
from tandem.core.access import deny, object_or_404

from .models import ChatLine, Event, Registration


def visible_events(viewer: Any) -> QuerySet[Event]:
    if not getattr(viewer, "is_authenticated", False):
        return Event.objects.none()
    return Event.objects.filter(space__in=readable_space_ids(viewer))


def visible_ids(user: Any, ids: list[int]) -> Iterable[int]:
    """The ids among ``ids`` that ``user`` may see (search and notifications)."""
    return visible_events(user).filter(pk__in=ids).values_list("pk", flat=True)


def is_host(viewer: Any, event: Event) -> bool:
    return event.created_by_id == viewer.pk or (
        moderated_spaces(viewer).filter(pk=event.space_id).exists()
    )


def event_for(viewer: Any, pk: Any) -> Event:
    """An event ``viewer`` may see, with ``can_host`` and ``registration``
    (their row, or None)."""
    event = object_or_404(
        visible_events(viewer).select_related("space", "space__parent", "created_by"), pk=pk
    )
    event.can_host = is_host(viewer, event)  # type: ignore[attr-defined]
    event.registration = Registration.objects.filter(  # type: ignore[attr-defined]
        event=event, user_id=viewer.pk
    ).first()
    return event


def hosted_event(viewer: Any, pk: Any) -> Event:
    event = event_for(viewer, pk)
    if not event.can_host:  # type: ignore[attr-defined]
        raise deny()
    return event


def line_in(event: Event, pk: Any) -> ChatLine:
    return object_or_404(event.chat_lines.all(), pk=pk)
