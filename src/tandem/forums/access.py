"""Who reads a discussion: everyone who reads its space (the community rule in
:mod:`tandem.community.access`). A post a moderator hid, or one waiting for
approval, is read only by its writer and the space's moderators. Everything
else is the same 404 as a topic that does not exist."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from tandem.community.access import (
    moderated_spaces,
    readable_space_ids,
    runs_community,
    takes_part,
)
from tandem.core.access import deny, object_or_404

from .models import Post, State, Topic


def _topic_rule(viewer: Any, prefix: str = "") -> Q:
    """Readable space; and shown, or the viewer's own, or a space they moderate."""
    space = f"{prefix}space__in"
    return Q(**{space: readable_space_ids(viewer)}) & (
        Q(**{f"{prefix}state": State.VISIBLE})
        | Q(**{f"{prefix}author_id": viewer.pk})
        | Q(**{space: moderated_spaces(viewer).values("pk")})
    )


def visible_topics(viewer: Any) -> QuerySet[Topic]:
    if not getattr(viewer, "is_authenticated", False):
        return Topic.objects.none()
    return Topic.objects.filter(_topic_rule(viewer))


def visible_posts(viewer: Any) -> QuerySet[Post]:
    """Posts ``viewer`` may read in full (notifications and search use this).
    The topic's rule is joined, not a subquery of every visible topic, so
    checking a few hundred posts stays cheap in a community of millions."""
    if not getattr(viewer, "is_authenticated", False):
        return Post.objects.none()
    return Post.objects.filter(_topic_rule(viewer, "topic__")).filter(
        Q(state=State.VISIBLE)
        | Q(author_id=viewer.pk, state__in=[State.PENDING, State.HIDDEN])
        | Q(topic__space__in=moderated_spaces(viewer), state__in=[State.PENDING, State.HIDDEN])
    )


def topic_for(viewer: Any, pk: Any) -> Topic:
    """The topic, with ``can_moderate``, ``can_post`` and ``runs_community`` set."""
    topic = object_or_404(
        visible_topics(viewer).select_related("space", "space__parent", "author__handle"), pk=pk
    )
    topic.can_moderate = moderated_spaces(viewer).filter(pk=topic.space_id).exists()  # type: ignore[attr-defined]
    topic.can_post = takes_part(viewer, topic.space_id)  # type: ignore[attr-defined]
    topic.runs_community = topic.can_moderate and runs_community(viewer, topic.space.programme_id)  # type: ignore[attr-defined]
    return topic


def post_in(topic: Topic, viewer: Any, pk: Any) -> Post:
    """A post of an open topic, readable by ``viewer``."""
    post = object_or_404(visible_posts(viewer).filter(topic=topic), pk=pk)
    post.topic = topic
    return post


def can_read(user: Any, post: Post) -> bool:
    return visible_posts(user).filter(pk=post.pk).exists()


def moderated_topic(viewer: Any, pk: Any) -> Topic:
    topic = topic_for(viewer, pk)
    if not topic.can_moderate:  # type: ignore[attr-defined]
        raise deny()
    return topic


def visible_ids(user: Any, ids: list[int]) -> Iterable[int]:
    """The ids among ``ids`` that ``user`` may read (notification and search checks)."""
    return visible_posts(user).filter(pk__in=ids).values_list("pk", flat=True)
