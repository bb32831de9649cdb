"""Forum posts as moderation sees them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tandem.moderation.registry import Facts, Flaggable

from .access import visible_posts
from .models import Post, State
from .services import FLAG_KEY, post_set_shown, post_url


def _find(viewer: Any, pk: Any) -> Post | None:
    return (
        visible_posts(viewer).filter(pk=pk, state=State.VISIBLE)
        .select_related("topic__space__programme", "author").first()
    )  # fmt: skip


def _find_for_review(pk: Any) -> Post | None:
    return Post.objects.filter(pk=pk).select_related("topic__space__programme", "author").first()


def _facts(post: Post) -> Facts:
    topic = post.topic
    title = (
        topic.title if post.number == 1 else _("a reply in “%(title)s”") % {"title": topic.title}
    )
    return Facts(
        space=topic.space, author=post.author, url=post_url(post), title=str(title),
        body=post.body, hidden=post.state != State.VISIBLE,
    )  # fmt: skip


FORUM_POST = Flaggable(
    key=FLAG_KEY,
    label=_("Discussion post"),
    find=_find,
    facts=_facts,
    show=post_set_shown,
    find_for_review=_find_for_review,
)
