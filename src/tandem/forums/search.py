"""Discussions in the search index: openings (with the topic's title) and replies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from tandem.search import index
from tandem.search.registry import Searchable

from .access import visible_ids
from .models import Post, State, Topic

TOPIC, REPLY = "forum-topic", "forum-reply"


def kind_of(post: Post) -> str:
    return TOPIC if post.number == 1 else REPLY


def describe(post: Post) -> dict[str, Any]:
    from .services import post_url

    topic = post.topic
    return {
        "kind": kind_of(post), "object_id": post.pk, "heading": topic.title,
        "title": topic.title if post.number == 1 else "", "body": post.body,
        "url": post_url(post), "created_at": post.created_at, "space_id": topic.space_id,
        "author": post.author_id,
    }  # fmt: skip


def put(post: Post) -> None:
    if post.state == State.DELETED:
        index.entry_remove(kind=kind_of(post), object_id=post.pk)
    else:
        index.entry_put(**describe(post))


def topic_changed(topic: Topic) -> None:
    """After a move or a new title: every post follows its topic."""
    ids = list(topic.posts.values_list("pk", flat=True))
    for kind in (TOPIC, REPLY):
        index.entries_move(kind=kind, object_ids=ids, space_id=topic.space_id)
        index.entries_set_heading(kind=kind, object_ids=ids, heading=topic.title)


def topic_gone(post_ids: list[int]) -> None:
    for kind in (TOPIC, REPLY):
        index.entries_remove(kind=kind, object_ids=post_ids)


def _all(number_one: bool) -> Iterator[Post]:
    qs = Post.objects.exclude(state=State.DELETED).select_related("topic")
    qs = qs.filter(number=1) if number_one else qs.exclude(number=1)
    return qs.iterator(chunk_size=2000)


SEARCHABLE = [
    Searchable(TOPIC, _("Discussion"), visible_ids, lambda: _all(True), describe),
    Searchable(REPLY, _("Reply in a discussion"), visible_ids, lambda: _all(False), describe),
]
