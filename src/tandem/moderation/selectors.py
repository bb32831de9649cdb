"""Reads for the review queue."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q

from tandem.community.models import Space

from .access import open_items
from .models import Flag
from .registry import flaggable


def queue(user: Any, *, space_id: int | None = None) -> list[dict[str, Any]]:
    """Open review items the person moderates, oldest first, each with the
    content as a moderator sees it and the flags raised."""
    items = open_items(user).prefetch_related(
        Prefetch("flags", queryset=Flag.objects.select_related("reporter"))
    )
    if space_id is not None:
        items = items.filter(space_id=space_id)
    rows = []
    for item in items[:100]:
        kind = flaggable(item.kind)
        target = kind.find_for_review(item.target_id) if kind else None
        if kind is None or target is None:
            continue
        rows.append({"item": item, "kind": kind, "facts": kind.facts(target)})
    return rows


def queue_counts(user: Any) -> list[Space]:
    """The spaces the person moderates that have something waiting, with how much."""
    return list(
        Space.objects.filter(
            pk__in=open_items(user).values("space_id")
        ).annotate(waiting=Count("review_items", filter=Q(review_items__resolved_at__isnull=True)))
        .order_by("name")
    )  # fmt: skip


def waiting_count(user: Any) -> int:
    return open_items(user).count()
