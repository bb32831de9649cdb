"""Reads for a space's library, already narrowed to what the viewer may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from tandem.community.models import Space

from .access import visible_resources
from .models import Resource, ResourceKind, Tag

PER_PAGE = 20


def library(
    viewer: Any, space: Space, *, kind: str = "", tag: str = "", words: str = ""
) -> QuerySet[Resource]:
    """The resources of ``space``, newest first, filtered by kind, tag and words
    (every word must appear in the title, description or file name)."""
    qs = visible_resources(viewer).filter(space=space)
    if kind in ResourceKind.values:
        qs = qs.filter(kind=kind)
    if tag:
        qs = qs.filter(tags__slug=tag)
    for word in words.split()[:8]:
        qs = qs.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(filename__icontains=word)
        )
    return qs.select_related("added_by").prefetch_related("tags")


def tags_in(space: Space) -> QuerySet[Tag]:
    """The tags used in ``space``'s library, with how many resources carry each."""
    return (
        Tag.objects.filter(resources__space=space)
        .annotate(uses=Count("resources"))
        .order_by("-uses", "name")
    )


def latest(viewer: Any, space: Space, limit: int = 5) -> list[Resource]:
    return list(library(viewer, space)[:limit])


def videos_in_community(community: Any) -> QuerySet[Resource]:
    """Videos shared in any space of ``community`` (community figures)."""
    return Resource.objects.filter(
        space__programme_id=community.programme_id, kind=ResourceKind.VIDEO
    )


def other_resources_in_community(community: Any) -> QuerySet[Resource]:
    return Resource.objects.filter(space__programme_id=community.programme_id).exclude(
        kind=ResourceKind.VIDEO
    )
