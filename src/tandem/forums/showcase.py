"""Discussions as the showcase sees them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from tandem.community.access import community_wide_spaces
from tandem.showcase.registry import Facts, Featurable

from .access import visible_topics
from .models import State, Topic
from .services import topic_url


def _find(viewer: Any, pk: Any) -> Topic | None:
    return (
        visible_topics(viewer).filter(pk=pk, state=State.VISIBLE)
        .select_related("author").first()
    )  # fmt: skip


def _facts(topic: Topic) -> Facts:
    return Facts(topic.title, topic_url(topic), topic.author, topic.space_id)


def _visible(viewer: Any, ids: list[int]) -> Iterable[int]:
    return visible_topics(viewer).filter(pk__in=ids).values_list("pk", flat=True)


def _community_wide(community: Any, ids: list[int]) -> Iterable[int]:
    return Topic.objects.filter(
        pk__in=ids, state=State.VISIBLE, space__in=community_wide_spaces(community)
    ).values_list("pk", flat=True)


TOPIC = Featurable("forum-topic", _("Discussion"), _find, _facts, _visible, _community_wide)
