"""Writes to the search index. Content apps call :func:`entry_put` when
something is created or changed and :func:`entry_remove` when it goes; the
index never decides who may read a hit (the app's own check does, at query
time)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value

from tandem.core.richtext import plain_text

from .models import SearchEntry

BODY_CHARS = 20_000


def config() -> str:
    """The PostgreSQL text-search configuration (stemming language)."""
    return getattr(settings, "TANDEM_SEARCH_CONFIG", "english")


def entry_put(
    *,
    kind: str,
    object_id: int,
    heading: str,
    url: str,
    created_at: datetime,
    title: str = "",
    body: str = "",
    space_id: int | None = None,
    author: Any = None,
) -> None:
    text = plain_text(body, limit=BODY_CHARS)
    values = {
        "space_id": space_id, "author_id": getattr(author, "pk", author), "title": title[:200],
        "heading": heading[:200], "body": text, "url": url[:400], "created_at": created_at,
    }  # fmt: skip
    entry, _made = SearchEntry.objects.update_or_create(
        kind=kind, object_id=object_id, defaults=values
    )
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(pk=entry.pk).update(vector=vector_of(title, text))


def vector_of(title: str, body: str) -> Any:
    return SearchVector(Value(title), weight="A", config=config()) + SearchVector(
        Value(body), weight="B", config=config()
    )


def entry_remove(*, kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def entries_move(*, kind: str, object_ids: Any, space_id: int | None) -> None:
    SearchEntry.objects.filter(kind=kind, object_id__in=object_ids).update(space_id=space_id)


def entries_set_heading(*, kind: str, object_ids: Any, heading: str) -> None:
    SearchEntry.objects.filter(kind=kind, object_id__in=object_ids).update(heading=heading[:200])


def entries_remove(*, kind: str, object_ids: Any) -> None:
    SearchEntry.objects.filter(kind=kind, object_id__in=object_ids).delete()
