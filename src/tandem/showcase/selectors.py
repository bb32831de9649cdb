"""Reads for the showcase: what a space's front page shows this viewer."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from tandem.community.access import readable_space_ids
from tandem.community.models import Space

from .models import Feature
from .registry import Featurable, featurable

SHOWN = 8


@dataclass
class Showcase:
    featured: list[Feature] = field(default_factory=list)
    celebrations: list[Feature] = field(default_factory=list)


def _current(now: datetime) -> Q:
    return Q(ends_at__isnull=True) | Q(ends_at__gt=now)


def _keep(
    features: list[Feature], check: Callable[[Featurable, list[int]], Iterable[int]]
) -> list[Feature]:
    """The features whose content passes ``check`` (one query per kind);
    celebrations without content always pass."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for f in features:
        if f.kind and f.object_id is not None:
            by_kind[f.kind].append(f.object_id)
    allowed = {
        kind: set(check(spec, ids)) if (spec := featurable(kind)) else set()
        for kind, ids in by_kind.items()
    }
    return [f for f in features if not f.kind or f.object_id in allowed.get(f.kind, set())]


def readable(viewer: Any, features: list[Feature]) -> list[Feature]:
    """The features whose content ``viewer`` may read."""
    return _keep(features, lambda spec, ids: spec.visible(viewer, ids))


def showcase_of(viewer: Any, space: Space, now: datetime | None = None) -> Showcase:
    now = now or timezone.now()
    features = readable(
        viewer,
        list(space.features.filter(_current(now)).select_related("author")[: SHOWN * 2]),
    )
    shown = Showcase()
    for f in features:
        (shown.celebrations if f.celebration else shown.featured).append(f)
    shown.featured, shown.celebrations = shown.featured[:SHOWN], shown.celebrations[:SHOWN]
    return shown


def history(viewer: Any, space: Space) -> list[Feature]:
    """Everything ever featured here that ``viewer`` may read, newest first."""
    return readable(viewer, list(space.features.select_related("author", "featured_by")[:200]))


def visible_ids(user: Any, ids: list[int]) -> list[int]:
    """Notification check: features in spaces ``user`` reads, of content they read."""
    features = list(
        Feature.objects.filter(pk__in=ids, space__in=readable_space_ids(user)).only(
            "kind", "object_id"
        )
    )
    return [f.pk for f in readable(user, features)]


def community_wide(community: Space, features: QuerySet[Feature]) -> list[Feature]:
    """The features every member of ``community`` may read (for the newsletter)."""
    return _keep(list(features), lambda spec, ids: spec.community_wide(community, ids))
