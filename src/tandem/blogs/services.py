"""Writes for blog posts, comments and reactions. Mentions notify each person
once, and only people who may read the post."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tandem.community.access import member_space_ids
from tandem.community.handles import handle_for, users_mentioned
from tandem.community.models import Space
from tandem.core.audit import log_action
from tandem.core.visibility import Visibility
from tandem.moderation.limits import check_new_account
from tandem.notifications.services import notify

from . import search
from .access import can_see
from .models import Comment, Post, Reaction, ReactionKind


def post_url(post: Post) -> str:
    return reverse("blogs:post", args=[handle_for(post.author), post.slug])


def _free_slug(author: Any, title: str, exclude: int | None) -> str:
    base = slugify(title)[:70].strip("-") or "post"
    taken = set(
        Post.objects.filter(author=author, slug__startswith=base)
        .exclude(pk=exclude or 0)
        .values_list("slug", flat=True)
    ) | {"feed"}  # the feed's own address
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _place(author: Any, visibility: str, space: Space | None) -> tuple[Any, Space | None]:
    """The programme and space a post lives in; refuses a space the author is not in."""
    if visibility in (Visibility.GROUP, Visibility.COMMUNITY):
        if space is None:
            raise ValidationError(_("Choose where to share it."))
        if not Space.objects.filter(pk=space.pk, pk__in=member_space_ids(author)).exists():
            raise ValidationError(_("You can only share in spaces you belong to."))
        return space.programme_id, space if visibility == Visibility.GROUP else None
    return None, None


def _notify_mentions(*, actor: Any, post: Post, text: str, key: str, where: str) -> None:
    if post.visibility == Visibility.PRIVATE:
        return
    people = users_mentioned(text)
    for person in [p for p in people if can_see(p, post)]:
        notify(
            recipients=[person], kind="blogs.mention", actor=actor, target=post,
            summary=_("%(name)s mentioned you in %(where)s “%(title)s”")
            % {"name": actor, "where": where, "title": post.title},
            url=post_url(post), dedupe_key=f"{key}:{person.pk}",
        )  # fmt: skip


def post_save(
    *,
    actor: Any,
    post: Post | None,
    title: str,
    body: str,
    visibility: str,
    space: Space | None = None,
) -> Post:
    """Create (post=None) or change the author's own post."""
    title = title.strip()
    if not title or not body.strip():
        raise ValidationError(_("A post needs a title and some words."))
    if visibility not in Visibility.values:
        raise ValidationError(_("Choose who can read it."))
    programme_id, space = _place(actor, visibility, space)
    if visibility != Visibility.PRIVATE:
        check_new_account(actor, text=f"{title}\n{body}")
    with transaction.atomic():
        if post is None:
            post = Post(author=actor, slug=_free_slug(actor, title, None))
        was = post.visibility if post.pk else None
        post.title, post.body, post.visibility = title[:160], body, visibility
        post.programme_id, post.space = programme_id, space
        if visibility != Visibility.PRIVATE and post.published_at is None:
            post.published_at = timezone.now()
        try:
            with transaction.atomic():
                post.save()
        except IntegrityError:  # the slug was taken a moment ago
            post.slug = _free_slug(actor, f"{title}-{timezone.now():%H%M%S}", post.pk)
            post.save()
        search.put(post)
        if was != visibility:
            log_action(actor, "blog_post.shared", post, {"visibility": visibility})
        _notify_mentions(
            actor=actor, post=post, text=body, key=f"post:{post.pk}", where=_("the post")
        )
    return post


def post_delete(*, actor: Any, post: Post) -> None:
    with transaction.atomic():
        log_action(actor, "blog_post.deleted", None, {"title": post.title})
        search.remove(post.pk)
        post.delete()


def comment_add(*, actor: Any, post: Post, body: str) -> Comment:
    if not body.strip():
        raise ValidationError(_("Write something first."))
    if not can_see(actor, post):
        raise ValidationError(_("You cannot comment on this post."))
    check_new_account(actor, text=body)
    with transaction.atomic():
        comment = Comment.objects.create(post=post, author=actor, body=body)
        notify(
            recipients=[post.author], kind="blogs.comment", actor=actor, target=post,
            summary=_("%(name)s commented on “%(title)s”") % {"name": actor, "title": post.title},
            url=f"{post_url(post)}#c-{comment.pk}",
        )  # fmt: skip
        _notify_mentions(actor=actor, post=post, text=body, key=f"comment:{comment.pk}",
                         where=_("a comment on"))  # fmt: skip
    return comment


def comment_remove(*, actor: Any, comment: Comment) -> None:
    """The comment's author, or the post's author on their own post."""
    if actor.pk not in (comment.author_id, comment.post.author_id):
        raise ValidationError(_("Only the writer or the post's author removes a comment."))
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(removed_at=timezone.now(), body="")
        if actor.pk != comment.author_id:
            log_action(actor, "blog_comment.removed", comment.post)


def reaction_toggle(*, actor: Any, post: Post, kind: str) -> bool:
    """Add the reaction, or take it back if it is there; True if now added."""
    if kind not in ReactionKind.values:
        raise ValidationError(_("Unknown reaction."))
    deleted, _rows = Reaction.objects.filter(post=post, user=actor, kind=kind).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, user=actor, kind=kind)
    except IntegrityError:  # a double click
        pass
    return True
