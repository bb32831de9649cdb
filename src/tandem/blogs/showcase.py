"""Reflective blog posts as the showcase sees them: only posts shared beyond
the author and their mentors can be featured."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tandem.community.access import community_wide_spaces
from tandem.community.selectors import community_id_of
from tandem.core.visibility import Visibility
from tandem.showcase.registry import Facts, Featurable

from .access import visible_ids, visible_posts
from .models import Post
from .selectors import SHARED_IN_COMMUNITY
from .services import post_url


def _find(viewer: Any, pk: Any) -> Post | None:
    return (
        visible_posts(viewer).filter(pk=pk, visibility__in=SHARED_IN_COMMUNITY)
        .select_related("author").first()
    )  # fmt: skip


def _facts(post: Post) -> Facts:
    home = post.space_id
    if home is None and post.programme_id is not None:
        home = community_id_of(post.programme_id)
    return Facts(post.title, post_url(post), post.author, home)


def _community_wide(community: Any, ids: list[int]) -> Iterable[int]:
    return Post.objects.filter(
        Q(visibility=Visibility.PUBLIC)
        | Q(visibility=Visibility.COMMUNITY, programme_id=community.programme_id)
        | Q(visibility=Visibility.GROUP, space__in=community_wide_spaces(community)),
        pk__in=ids,
    ).values_list("pk", flat=True)


POST = Featurable("blog-post", _("Reflection"), _find, _facts, visible_ids, _community_wide)
