"""Reads about discussions, all through :mod:`access`: a space's topic list
(pins first), a topic page (threads of replies, a page at a time), unread
counts and each person's watch level."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Case,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from tandem.community.access import moderated_spaces
from tandem.community.models import Space

from .access import visible_topics
from .models import PinScope, Post, ReadState, State, Topic, TopicKind, Watch, WatchLevel

TOPICS_PER_PAGE = 30
THREADS_PER_PAGE = 25


def _active_pin(scope: str) -> Q:
    return Q(pin_scope=scope) & (Q(pinned_until__isnull=True) | Q(pinned_until__gt=timezone.now()))


def topics_in(viewer: Any, space: Space, *, show: str = "latest") -> QuerySet[Topic]:
    """A space's discussions for ``viewer``: global pins of the community, then
    the space's own pins, then the latest; with how much is unread."""
    community_id = space.parent_id or space.pk
    here = Q(space=space) | (Q(community_id=community_id) & _active_pin(PinScope.GLOBAL))
    qs = (
        visible_topics(viewer)
        .filter(here)
        .exclude(Q(state__in=[State.HIDDEN, State.PENDING]) & ~Q(author_id=viewer.pk))
    )
    if show == "unanswered":
        qs = qs.filter(kind=TopicKind.QUESTION, answer__isnull=True)
    elif show == "watching":
        qs = qs.filter(
            pk__in=Watch.objects.filter(user_id=viewer.pk, level=WatchLevel.WATCHING).values(
                "topic_id"
            )
        )
    return (
        qs.select_related("author__handle", "space")
        .annotate(
            pinned=Case(
                When(_active_pin(PinScope.GLOBAL), then=Value(2)),
                When(_active_pin(PinScope.SPACE) & Q(space=space), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            last_read=Subquery(
                ReadState.objects.filter(user_id=viewer.pk, topic=OuterRef("pk")).values(
                    "last_read"
                )[:1]
            ),
            answered=Case(
                When(answer__isnull=False, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("-pinned", "-last_posted_at", "-pk")
    )


def unread_of(topic: Topic) -> int:
    last_read = getattr(topic, "last_read", None)
    return 0 if last_read is None else max(topic.last_number - last_read, 0)


@dataclass
class Thread:
    post: Post
    replies: list[Post] = field(default_factory=list)


@dataclass
class TopicPage:
    page: Page[Post]
    threads: list[Thread]
    answer: Post | None
    last_read: int
    watch_level: str
    highest_shown: int


def _hide_from(viewer: Any, topic: Topic, post: Post) -> None:
    """Others see that a hidden, pending or deleted post was there, not its words."""
    mine = post.author_id == getattr(viewer, "pk", None)
    post.shows_words = post.state == State.VISIBLE or (  # type: ignore[attr-defined]
        post.state in (State.HIDDEN, State.PENDING)
        and (mine or getattr(topic, "can_moderate", False))
    )


def _posts(topic: Topic, viewer: Any) -> QuerySet[Post]:
    qs = Post.objects.filter(topic=topic).select_related("author__handle")
    if not getattr(topic, "can_moderate", False):
        # Pending posts are invisible to everyone but their writer.
        qs = qs.exclude(Q(state=State.PENDING) & ~Q(author_id=viewer.pk))
    return qs


def topic_page(topic: Topic, viewer: Any, page_number: Any = 1) -> TopicPage:
    """One page of top-level posts with all their replies: a constant number of
    queries whatever the length of the discussion."""
    tops = _posts(topic, viewer).filter(parent__isnull=True).order_by("number")
    page = Paginator(tops, THREADS_PER_PAGE).get_page(page_number)
    threads = {post.pk: Thread(post) for post in page.object_list}
    if threads:
        for reply in _posts(topic, viewer).filter(parent_id__in=list(threads)).order_by("number"):
            threads[reply.parent_id].replies.append(reply)  # type: ignore[index]
    shown = [t.post for t in threads.values()] + [r for t in threads.values() for r in t.replies]
    for post in shown:
        _hide_from(viewer, topic, post)
    answer = None
    if topic.answer_id:
        answer = (
            Post.objects.filter(pk=topic.answer_id, state=State.VISIBLE)
            .select_related("author__handle")
            .first()
        )
    read = (
        ReadState.objects.filter(user_id=viewer.pk, topic=topic)
        .values_list("last_read", flat=True)
        .first()
    )
    return TopicPage(
        page=page, threads=list(threads.values()), answer=answer, last_read=read or 0,
        watch_level=watch_level(viewer, topic),
        highest_shown=max((p.number for p in shown), default=0),
    )  # fmt: skip


def watch_level(viewer: Any, topic: Topic) -> str:
    """The topic's own choice, else the space's, else normal."""
    levels = dict(
        Watch.objects.filter(user_id=viewer.pk)
        .filter(Q(topic=topic) | Q(space_id=topic.space_id))
        .annotate(is_topic=Case(When(topic__isnull=False, then=Value(True)), default=Value(False),
                                output_field=BooleanField()))
        .values_list("is_topic", "level")
    )  # fmt: skip
    return levels.get(True) or levels.get(False) or WatchLevel.NORMAL


def space_watch_level(viewer: Any, space: Space) -> str:
    return (
        Watch.objects.filter(user_id=viewer.pk, space=space).values_list("level", flat=True).first()
        or WatchLevel.NORMAL
    )


def post_numbered(topic: Topic, raw: Any) -> Post | None:
    """The topic's post with this number (as typed in a form or address), if any."""
    text = str(raw or "")
    if not text.isdigit() or len(text) > 9:
        return None
    return (
        Post.objects.filter(topic=topic, number=int(text)).select_related("author__handle").first()
    )


def page_of_post(topic: Topic, viewer: Any, number: int) -> int:
    """Which page shows post ``number`` (its thread's page)."""
    post = _posts(topic, viewer).filter(number=number).first()
    if post is None:
        return 1
    top_number = (
        Post.objects.filter(pk=post.parent_id).values_list("number", flat=True).first()
        if post.parent_id
        else post.number
    ) or post.number
    before = _posts(topic, viewer).filter(parent__isnull=True, number__lt=top_number).count()
    return before // THREADS_PER_PAGE + 1


def first_unread(topic: Topic, viewer: Any) -> int:
    read = (
        ReadState.objects.filter(user_id=viewer.pk, topic=topic)
        .values_list("last_read", flat=True)
        .first()
    )
    if read is None:
        return 1
    nxt = (
        _posts(topic, viewer)
        .filter(number__gt=read)
        .order_by("number")
        .values_list("number", flat=True)
        .first()
    )
    return nxt or topic.last_number


def history_of(post: Post) -> list[Any]:
    return list(post.revisions.select_related("edited_by"))


def move_targets(viewer: Any, topic: Topic) -> QuerySet[Space]:
    return (
        moderated_spaces(viewer)
        .filter(Q(pk=topic.community_id) | Q(parent_id=topic.community_id))
        .exclude(pk=topic.space_id)
        .order_by("parent_id", "name")
    )


def contributions(user: Any, since: Any = None) -> int:
    """Shown posts ever (taking part), or any posts since a moment (the daily limit)."""
    qs = Post.objects.filter(author_id=user.pk)
    if since is None:
        return qs.filter(state=State.VISIBLE).count()
    return qs.filter(created_at__gte=since).exclude(state=State.DELETED).count()


def annotate_unread(topics: list[Topic]) -> list[Topic]:
    for topic in topics:
        topic.unread = unread_of(topic)  # type: ignore[attr-defined]
    return topics


def topics_in_community(community: Any) -> QuerySet[Topic]:
    """Discussions started in any space of ``community`` (community figures)."""
    return Topic.objects.filter(space__programme_id=community.programme_id, state=State.VISIBLE)


def replies_in_community(community: Any) -> QuerySet[Post]:
    """Replies in any space of ``community`` (community figures)."""
    return Post.objects.filter(
        topic__space__programme_id=community.programme_id, number__gt=1, state=State.VISIBLE
    )
