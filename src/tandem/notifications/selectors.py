"""Reads: a person's notifications, filtered through each kind's visibility check."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet

from . import kinds
from .kinds import VisibleIds
from .models import Channel, Notification, Setting


def unread_count(user: Any) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def still_visible(user: Any, notifications: list[Notification]) -> list[Notification]:
    """Only those whose target the person may still see (one query per kind present)."""
    wanted: dict[str, list[int]] = defaultdict(list)
    checks: dict[str, VisibleIds] = {}
    for n in notifications:
        kind = kinds.get(n.kind)
        if kind is not None and kind.visible is not None and n.target_id is not None:
            wanted[n.kind].append(n.target_id)
            checks[n.kind] = kind.visible
    allowed = {key: set(checks[key](user, ids)) for key, ids in wanted.items()}
    return [
        n for n in notifications
        if kinds.get(n.kind) is not None
        and (n.kind not in allowed or n.target_id in allowed[n.kind])
    ]  # fmt: skip


def page_of(user: Any, *, unread_only: bool = False, limit: int = 50) -> list[Notification]:
    qs: QuerySet[Notification] = Notification.objects.filter(recipient_id=user.pk).select_related(
        "actor"
    )
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return still_visible(user, list(qs[:limit]))


def channels_for(user: Any) -> dict[str, Channel]:
    """Every registered kind → the channel this person chose (or its default)."""
    chosen = dict(Setting.objects.filter(user_id=user.pk).values_list("kind", "channel"))
    return {k.key: Channel(chosen.get(k.key, k.default)) for k in kinds.all_kinds()}
