"""Events in the search index: title, description and place."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.search import index
from tandem.search.registry import Searchable

from .access import visible_ids
from .models import Event

KIND = "event"


def describe(event: Event) -> dict[str, Any]:
    from .services import event_url

    heading = (
        _("Cancelled: %(title)s") % {"title": event.title} if event.is_cancelled else event.title
    )
    body = "\n\n".join(part for part in (event.description, event.place) if part)
    return {
        "kind": KIND, "object_id": event.pk, "heading": heading, "title": event.title,
        "body": body, "url": event_url(event), "created_at": event.starts_at,
        "space_id": event.space_id, "author": event.created_by_id,
    }  # fmt: skip


def put(event: Event) -> None:
    index.entry_put(**describe(event))


def remove(pk: int) -> None:
    index.entry_remove(kind=KIND, object_id=pk)


def _all() -> Iterator[Event]:
    return Event.objects.iterator(chunk_size=2000)


SEARCHABLE = Searchable(KIND, gettext_lazy("Event"), visible_ids, _all, describe)
