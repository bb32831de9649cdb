"""Writes for discussions. New posts are numbered under a lock on their topic;
a post becomes public once (at once, or when a moderator approves it), and
only then are watchers, the person replied to and anyone mentioned told —
each once, and only if they may read it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.community.access import member_space_ids, moderated_spaces, runs_community
from tandem.community.handles import users_mentioned
from tandem.community.models import Space
from tandem.core.audit import log_action
from tandem.core.richtext import render
from tandem.moderation.limits import check_new_account
from tandem.moderation.registry import flaggable
from tandem.moderation.services import approval_request
from tandem.notifications.services import notify

from . import search
from .access import can_read
from .models import PinScope, Post, ReadState, Revision, State, Topic, TopicKind, Watch, WatchLevel

FLAG_KEY = "forum-post"


def topic_url(topic: Topic) -> str:
    return reverse("forums:topic", args=[topic.pk])


def post_url(post: Post) -> str:
    return reverse("forums:post", args=[post.topic_id, post.number])


def _moderates(user: Any, space: Space) -> bool:
    return moderated_spaces(user).filter(pk=space.pk).exists()


def _check_can_post(actor: Any, space: Space) -> None:
    if not Space.objects.filter(pk=space.pk, pk__in=member_space_ids(actor)).exists():
        raise ValidationError(_("Join the space to take part in its discussions."))


def _needs_approval(actor: Any, space: Space) -> bool:
    """Spaces that approve new members' posts hold back posts by anyone without
    a shown post there yet (moderators excepted)."""
    if not space.approve_new_posts or _moderates(actor, space):
        return False
    return not Post.objects.filter(
        topic__space=space, author_id=actor.pk, state=State.VISIBLE
    ).exists()


def _clean(body: str, limit: int = 30_000) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write something first."))
    if len(body) > limit:
        raise ValidationError(_("That is too long; split it into several posts."))
    return body


def _watch_default(user_id: int, topic: Topic) -> None:
    """Writers watch the topics they take part in, unless they chose otherwise."""
    Watch.objects.get_or_create(
        user_id=user_id, topic=topic, defaults={"level": WatchLevel.WATCHING}
    )


def topic_start(
    *, actor: Any, space: Space, title: str, body: str, kind: str = TopicKind.DISCUSSION
) -> Topic:
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the discussion a title."))
    if kind not in TopicKind.values:
        raise ValidationError(_("Choose whether this is a discussion or a question."))
    body = _clean(body)
    _check_can_post(actor, space)
    check_new_account(actor, text=f"{title}\n{body}")
    pending = _needs_approval(actor, space)
    state = State.PENDING if pending else State.VISIBLE
    now = timezone.now()
    with transaction.atomic():
        topic = Topic.objects.create(
            space=space, community_id=space.parent_id or space.pk, author=actor,
            title=title[:160], kind=kind, state=state, last_posted_at=now,
        )  # fmt: skip
        post = Post.objects.create(
            topic=topic, number=1, author=actor, body=body, html=render(body), state=state
        )
        _watch_default(actor.pk, topic)
        search.put(post)
        log_action(actor, "forum_topic.started", space, {"title": topic.title},
                   scope=space.programme)  # fmt: skip
        if pending:
            approval_request(flaggable=_flaggable(), target=post)
        else:
            _announce(actor, post, topic)
    return topic


def _flaggable() -> Any:
    found = flaggable(FLAG_KEY)
    assert found is not None  # registered in apps.ready
    return found


def reply_add(*, actor: Any, topic: Topic, body: str, parent: Post | None = None) -> Post:
    body = _clean(body)
    moderator = _moderates(actor, topic.space)
    if topic.state != State.VISIBLE and not moderator:
        raise ValidationError(_("This discussion is not open for replies."))
    if topic.locked_at and not moderator:
        raise ValidationError(_("This discussion is closed; it takes no more replies."))
    _check_can_post(actor, topic.space)
    if parent is not None:
        if parent.topic_id != topic.pk:
            raise ValidationError(_("You can only reply to a post in this discussion."))
        if parent.parent_id is not None:  # one level: join the thread
            parent = Post.objects.get(pk=parent.parent_id)
        if parent.number == 1:
            parent = None
    check_new_account(actor, text=body)
    pending = _needs_approval(actor, topic.space)
    with transaction.atomic():
        locked = Topic.objects.select_for_update().get(pk=topic.pk)
        number = locked.last_number + 1
        post = Post.objects.create(
            topic=topic, number=number, author=actor, parent=parent, body=body,
            html=render(body), state=State.PENDING if pending else State.VISIBLE,
        )  # fmt: skip
        Topic.objects.filter(pk=topic.pk).update(last_number=number)
        topic.last_number = number
        _watch_default(actor.pk, topic)
        search.put(post)
        if pending:
            approval_request(flaggable=_flaggable(), target=post)
        else:
            _publish_reply(actor, post, topic)
    return post


def _publish_reply(actor: Any, post: Post, topic: Topic) -> None:
    Topic.objects.filter(pk=topic.pk).update(
        reply_count=F("reply_count") + 1, last_posted_at=post.created_at or timezone.now()
    )
    _announce(actor, post, topic)


def _muted(topic: Topic) -> set[int]:
    return set(
        Watch.objects.filter(topic=topic, level=WatchLevel.MUTED).values_list("user_id", flat=True)
    ) | set(
        Watch.objects.filter(space_id=topic.space_id, level=WatchLevel.MUTED)
        .exclude(user_id__in=Watch.objects.filter(topic=topic).values("user_id"))
        .values_list("user_id", flat=True)
    )


def _readers(user_ids: set[int], post: Post) -> list[int]:
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(pk__in=user_ids, is_active=True)
    return [person.pk for person in people if can_read(person, post)]


def _notify_mentions(author: Any, post: Post, topic: Topic, skip: set[int]) -> set[int]:
    """Tell people mentioned in the post (once per post); returns who was told."""
    told = set(_readers({u.pk for u in users_mentioned(post.body)} - skip, post))
    for user_id in told:
        notify(
            recipients=[user_id], kind="forums.mention", actor=author, target=post,
            summary=_("%(name)s mentioned you in “%(title)s”")
            % {"name": author, "title": topic.title},
            url=post_url(post), dedupe_key=f"forum-post:{post.pk}:{user_id}",
        )  # fmt: skip
    return told


def _watchers(**where: Any) -> set[int]:
    return set(
        Watch.objects.filter(level=WatchLevel.WATCHING, **where).values_list("user_id", flat=True)
    )


def _announce(actor: Any, post: Post, topic: Topic) -> None:
    """Tell people about a post that has just become public: those mentioned,
    then (for a new topic) the space's watchers, or (for a reply) the person
    replied to and the topic's watchers. Muted people hear nothing."""
    muted = _muted(topic) | {actor.pk}
    told = _notify_mentions(actor, post, topic, muted)
    values = {"name": actor, "title": topic.title, "space": topic.space.name}
    if post.number == 1:
        notify(
            recipients=_readers(_watchers(space_id=topic.space_id) - muted - told, post),
            kind="forums.topic", actor=actor, target=post, url=post_url(post),
            summary=_("%(name)s started “%(title)s” in %(space)s") % values,
        )  # fmt: skip
        return
    replied_to = (
        Post.objects.filter(pk=post.parent_id) if post.parent_id
        else Post.objects.filter(topic=topic, number=1)
    ).values_list("author_id", flat=True).first()  # fmt: skip
    if replied_to and replied_to not in muted | told and _readers({replied_to}, post):
        notify(
            recipients=[replied_to], kind="forums.replied", actor=actor, target=post,
            summary=_("%(name)s replied to you in “%(title)s”") % values, url=post_url(post),
        )  # fmt: skip
        told.add(replied_to)
    notify(
        recipients=_readers(_watchers(topic=topic) - muted - told, post), kind="forums.reply",
        actor=actor, target=post, url=post_url(post),
        summary=_("%(name)s posted in “%(title)s”") % values,
    )  # fmt: skip


def post_set_shown(post: Post, shown: bool) -> None:
    """The moderation callback: show (approve or restore) or hide a post."""
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("topic__space").get(pk=post.pk)
        topic = post.topic
        if shown and post.state in (State.PENDING, State.HIDDEN):
            was_pending = post.state == State.PENDING
            Post.objects.filter(pk=post.pk).update(state=State.VISIBLE)
            post.state = State.VISIBLE
            if post.number == 1:
                Topic.objects.filter(pk=topic.pk).update(state=State.VISIBLE)
                topic.state = State.VISIBLE
            if was_pending and post.author is not None:
                if post.number == 1:
                    _announce(post.author, post, topic)
                else:
                    _publish_reply(post.author, post, topic)
            elif post.number > 1:
                Topic.objects.filter(pk=topic.pk).update(reply_count=F("reply_count") + 1)
        elif not shown and post.state == State.VISIBLE:
            Post.objects.filter(pk=post.pk).update(state=State.HIDDEN)
            if post.number == 1:
                Topic.objects.filter(pk=topic.pk).update(state=State.HIDDEN)
            else:
                Topic.objects.filter(pk=topic.pk, reply_count__gt=0).update(
                    reply_count=F("reply_count") - 1
                )


def post_edit(*, actor: Any, post: Post, body: str, title: str | None = None) -> Post:
    """The writer or a moderator edits; the previous words stay in the history."""
    topic = post.topic
    moderator = _moderates(actor, topic.space)
    if post.author_id != actor.pk and not moderator:
        raise ValidationError(_("Only the writer or a moderator edits a post."))
    if post.state == State.DELETED:
        raise ValidationError(_("A deleted post cannot be edited."))
    if topic.locked_at and not moderator:
        raise ValidationError(_("This discussion is closed; its posts can no longer be edited."))
    body = _clean(body)
    new_title = (title or "").strip()[:160] if post.number == 1 and title is not None else None
    if post.number == 1 and title is not None and not new_title:
        raise ValidationError(_("Give the discussion a title."))
    if body == post.body and (new_title is None or new_title == topic.title):
        return post
    if post.author_id == actor.pk:
        check_new_account(actor, text=body)
    with transaction.atomic():
        Revision.objects.create(
            post=post, body=post.body, title=topic.title if post.number == 1 else "",
            edited_by=actor, by_moderator=post.author_id != actor.pk,
        )  # fmt: skip
        post.body, post.html, post.edited_at = body, render(body), timezone.now()
        post.save(update_fields=["body", "html", "edited_at"])
        search.put(post)
        if new_title is not None and new_title != topic.title:
            topic.title = new_title
            Topic.objects.filter(pk=topic.pk).update(title=new_title)
            search.topic_changed(topic)
        if post.author_id != actor.pk:
            log_action(actor, "forum_post.edited_by_moderator", topic.space,
                       {"title": topic.title}, scope=topic.space.programme)  # fmt: skip
        if post.state == State.VISIBLE and post.author is not None:
            _notify_mentions(post.author, post, topic, _muted(topic) | {post.author.pk})
    return post


def post_delete(*, actor: Any, post: Post) -> bool:
    """The writer deletes their post: its words and history go; the place in the
    thread stays if others replied. True if the whole topic went with it."""
    if post.author_id != actor.pk:
        raise ValidationError(_("Only the writer deletes a post."))
    topic = post.topic
    with transaction.atomic():
        if post.number == 1 and not topic.posts.exclude(pk=post.pk).exists():
            log_action(actor, "forum_topic.deleted", topic.space, {"title": topic.title},
                       scope=topic.space.programme)  # fmt: skip
            search.topic_gone([post.pk])
            topic.delete()
            return True
        was_shown = post.state == State.VISIBLE
        post.revisions.all().delete()
        Post.objects.filter(pk=post.pk).update(state=State.DELETED, body="", html="")
        post.state = State.DELETED
        search.put(post)
        if was_shown and post.number > 1:
            Topic.objects.filter(pk=topic.pk, reply_count__gt=0).update(
                reply_count=F("reply_count") - 1
            )
        if topic.answer_id == post.pk:
            Topic.objects.filter(pk=topic.pk).update(answer=None)
    return False


def _check_moderator(actor: Any, topic: Topic) -> None:
    if not _moderates(actor, topic.space):
        raise ValidationError(_("Only the space's moderators do this."))


def topic_lock(*, actor: Any, topic: Topic, locked: bool) -> None:
    _check_moderator(actor, topic)
    with transaction.atomic():
        Topic.objects.filter(pk=topic.pk).update(locked_at=timezone.now() if locked else None)
        log_action(actor, "forum_topic.locked" if locked else "forum_topic.unlocked",
                   topic.space, {"title": topic.title}, scope=topic.space.programme)  # fmt: skip


def topic_pin(*, actor: Any, topic: Topic, scope: str, until: datetime | None) -> None:
    """Pin in the space, or across the community (the community's runners only),
    until a moment or until unpinned; scope "" unpins."""
    _check_moderator(actor, topic)
    if scope not in PinScope.values:
        raise ValidationError(_("Choose where to pin it."))
    if scope == PinScope.GLOBAL and not runs_community(actor, topic.space.programme_id):
        raise ValidationError(_("Only the community's facilitators pin across the community."))
    if until is not None and until <= timezone.now():
        raise ValidationError(_("Choose an end for the pin that is still to come."))
    with transaction.atomic():
        Topic.objects.filter(pk=topic.pk).update(
            pin_scope=scope, pinned_until=until if scope else None
        )
        log_action(actor, "forum_topic.pinned" if scope else "forum_topic.unpinned", topic.space,
                   {"title": topic.title, "scope": scope}, scope=topic.space.programme)  # fmt: skip


def topic_move(*, actor: Any, topic: Topic, space: Space) -> None:
    """Move a topic to another space of the same community the moderator runs."""
    _check_moderator(actor, topic)
    if space.pk == topic.space_id:
        return
    if (space.parent_id or space.pk) != topic.community_id or not _moderates(actor, space):
        raise ValidationError(_("You can only move it to another space you moderate here."))
    with transaction.atomic():
        Topic.objects.filter(pk=topic.pk).update(
            space=space, pin_scope="" if topic.pin_scope == PinScope.SPACE else topic.pin_scope
        )
        topic.space = space
        search.topic_changed(topic)
        log_action(actor, "forum_topic.moved", space,
                   {"title": topic.title, "from": topic.space.name}, scope=space.programme)  # fmt: skip


def topic_mark_answer(*, actor: Any, topic: Topic, post: Post | None) -> None:
    """The asker or a moderator marks the reply that answered a question (or clears it)."""
    if topic.kind != TopicKind.QUESTION:
        raise ValidationError(_("Only questions have an answer to mark."))
    if topic.author_id != actor.pk and not _moderates(actor, topic.space):
        raise ValidationError(_("Only the person who asked, or a moderator, marks the answer."))
    if post is not None and (
        post.topic_id != topic.pk or post.number == 1 or post.state != State.VISIBLE
    ):
        raise ValidationError(_("Choose a shown reply in this discussion."))
    Topic.objects.filter(pk=topic.pk).update(answer=post)
    if post is not None and post.author_id not in (None, actor.pk):
        notify(
            recipients=[post.author_id], kind="forums.replied", actor=actor, target=post,
            summary=_("%(name)s marked your reply as the answer to “%(title)s”")
            % {"name": actor, "title": topic.title},
            url=post_url(post), dedupe_key=f"answer:{post.pk}",
        )  # fmt: skip


def watch_set(
    *, actor: Any, level: str, topic: Topic | None = None, space: Space | None = None
) -> None:
    if level not in WatchLevel.values or (topic is None) == (space is None):
        raise ValidationError(_("Choose how closely to follow it."))
    lookup = {"topic": topic} if topic is not None else {"space": space}
    try:
        with transaction.atomic():
            Watch.objects.update_or_create(user_id=actor.pk, **lookup, defaults={"level": level})
    except IntegrityError:  # a concurrent first choice
        Watch.objects.filter(user_id=actor.pk, **lookup).update(level=level)


def read_mark(*, user: Any, topic: Topic, number: int) -> None:
    """Remember the furthest post read (never moves backwards)."""
    updated = ReadState.objects.filter(user_id=user.pk, topic=topic, last_read__lt=number).update(
        last_read=number
    )
    if not updated and not ReadState.objects.filter(user_id=user.pk, topic=topic).exists():
        try:
            with transaction.atomic():
                ReadState.objects.create(user_id=user.pk, topic=topic, last_read=number)
        except IntegrityError:
            pass
