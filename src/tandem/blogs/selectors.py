"""Reads about blogs, all through :func:`access.visible_posts`."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from tandem.community.access import member_space_ids
from tandem.community.models import Space
from tandem.core.visibility import Visibility

from .access import visible_posts
from .models import Comment, Post, Reaction

PAGE = 20


def _listing(qs: QuerySet[Post]) -> QuerySet[Post]:
    return (
        qs.exclude(visibility=Visibility.PRIVATE)
        .select_related("author__handle", "space")
        .annotate(
            comment_count=Count("comments", filter=Q(comments__removed_at__isnull=True)),
        )
        .order_by("-published_at", "-pk")
    )


def recent_posts(viewer: Any, *, space: Space | None = None, limit: int = PAGE) -> list[Post]:
    qs = visible_posts(viewer)
    if space is not None:
        qs = (
            qs.filter(space=space)
            if not space.is_community
            else qs.filter(programme_id=space.programme_id, visibility=Visibility.COMMUNITY)
        )
    return list(_listing(qs)[:limit])


def posts_by(viewer: Any, author: Any) -> QuerySet[Post]:
    qs = visible_posts(viewer).filter(author=author)
    if getattr(viewer, "pk", None) == author.pk:  # one's own drafts too
        return qs.select_related("space").order_by("-updated_at")
    return _listing(qs)


def drafts_of(user: Any) -> QuerySet[Post]:
    return Post.objects.filter(author=user, visibility=Visibility.PRIVATE).order_by("-updated_at")


def post_detail(post: Post, viewer: Any) -> dict[str, Any]:
    comments = list(
        Comment.objects.filter(post=post).select_related("author__handle").order_by("created_at")
    )
    counts = Counter(Reaction.objects.filter(post=post).values_list("kind", flat=True))
    mine: set[str] = set()
    if getattr(viewer, "is_authenticated", False):
        mine = set(
            Reaction.objects.filter(post=post, user_id=viewer.pk).values_list("kind", flat=True)
        )
    return {"comments": comments, "reaction_counts": counts, "my_reactions": mine}


def share_options(user: Any) -> list[tuple[str, str]]:
    """Where this person may share a post: each value encodes visibility and place."""
    spaces = list(
        Space.objects.filter(pk__in=member_space_ids(user)).select_related("programme")
        .order_by("parent_id", "name")
    )  # fmt: skip
    options = [
        (Visibility.PRIVATE.value, _("Only me (a draft)")),
        (Visibility.MY_MENTORS.value, _("Me and my mentors")),
    ]
    options += [
        (f"community:{s.pk}", _("Everyone in %(name)s") % {"name": s.name})
        for s in spaces if s.is_community
    ]  # fmt: skip
    options += [
        (f"group:{s.pk}", _("Members of the space %(name)s") % {"name": s.name})
        for s in spaces if not s.is_community
    ]  # fmt: skip
    options.append((Visibility.PUBLIC.value, str(Visibility.PUBLIC.label)))
    return options


def public_posts_of(author: Any) -> QuerySet[Post]:
    return Post.objects.filter(author=author, visibility=Visibility.PUBLIC).order_by(
        "-published_at"
    )


def contributions(user: Any, since: Any = None) -> int:
    """Shared posts and comments: ever (taking part), or since a moment (the daily limit)."""
    posts = Post.objects.filter(author_id=user.pk).exclude(visibility=Visibility.PRIVATE)
    comments = Comment.objects.filter(author_id=user.pk, removed_at__isnull=True)
    if since is not None:
        posts, comments = (
            posts.filter(published_at__gte=since),
            comments.filter(created_at__gte=since),
        )
    return posts.count() + comments.count()


SHARED_IN_COMMUNITY = [Visibility.GROUP, Visibility.COMMUNITY, Visibility.PUBLIC]


def posts_in_community(community: Any) -> QuerySet[Post]:
    """Reflections shared in ``community`` or its spaces (community figures)."""
    return Post.objects.filter(
        programme_id=community.programme_id, published_at__isnull=False,
        visibility__in=SHARED_IN_COMMUNITY,
    )  # fmt: skip


def comments_in_community(community: Any) -> QuerySet[Comment]:
    return Comment.objects.filter(post__in=posts_in_community(community), removed_at__isnull=True)
