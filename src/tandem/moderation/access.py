"""Doors for moderation: a review item is opened only by the moderators of its
space; flagging opens only content the flagger may read."""

from __future__ import annotations

from typing import Any

from tandem.community.access import moderated_spaces
from tandem.core.access import deny, object_or_404

from .models import ReviewItem
from .registry import Flaggable, flaggable


def open_items(user: Any) -> Any:
    return ReviewItem.objects.filter(
        resolved_at__isnull=True, space__in=moderated_spaces(user)
    ).select_related("space", "author")


def review_item_for(user: Any, pk: Any) -> tuple[ReviewItem, Flaggable, Any]:
    item = object_or_404(open_items(user), pk=pk)
    kind = flaggable(item.kind)
    target = kind.find_for_review(item.target_id) if kind else None
    if kind is None or target is None:
        raise deny()
    return item, kind, target


def flaggable_for(user: Any, key: str, pk: Any) -> tuple[Flaggable, Any]:
    kind = flaggable(key)
    if kind is None or not getattr(user, "is_authenticated", False):
        raise deny()
    try:
        target = kind.find(user, int(pk))
    except (TypeError, ValueError, OverflowError):
        target = None
    if target is None:
        raise deny()
    return kind, target
