"""Who reads a post: the one visibility rule, shared by every list, feed,
notification and page. A post one may not read is a 404, like no post."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from tandem.core.access import deny, object_or_404
from tandem.core.visibility import filter_visible

from .models import Post


def visible_posts(viewer: Any) -> QuerySet[Post]:
    return filter_visible(
        Post.objects.all(), viewer, owner_field="author", programme_field="programme",
        group_field="space",
    )  # fmt: skip


def post_for(viewer: Any, handle: str, slug: str) -> Post:
    return object_or_404(
        visible_posts(viewer).select_related("author", "space", "programme"),
        author__handle__handle=handle, slug=slug,
    )  # fmt: skip


def own_post(user: Any, pk: Any) -> Post:
    if not getattr(user, "is_authenticated", False):
        raise deny()
    return object_or_404(Post.objects.filter(author_id=user.pk), pk=pk)


def can_see(user: Any, post: Post) -> bool:
    return visible_posts(user).filter(pk=post.pk).exists()


def visible_ids(user: Any, ids: list[int]) -> Iterable[int]:
    """The ids among ``ids`` that ``user`` may read (notification and search checks)."""
    return visible_posts(user).filter(pk__in=ids).values_list("pk", flat=True)
