"""Blog posts in the search index (drafts too: only their author finds them)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tandem.search import index
from tandem.search.registry import Searchable

from .access import visible_ids
from .models import Post

KIND = "blog-post"


def describe(post: Post) -> dict[str, Any]:
    from .services import post_url

    return {
        "kind": KIND, "object_id": post.pk, "heading": post.title, "title": post.title,
        "body": post.body, "url": post_url(post),
        "created_at": post.published_at or post.created_at, "space_id": post.space_id,
        "author": post.author_id,
    }  # fmt: skip


def put(post: Post) -> None:
    index.entry_put(**describe(post))


def remove(post_id: int) -> None:
    index.entry_remove(kind=KIND, object_id=post_id)


SEARCHABLE = Searchable(
    KIND,
    _("Blog post"),
    visible_ids,
    lambda: Post.objects.select_related("author").iterator(),
    describe,
)
