"""Moderation: flags and the review queue, hiding after enough flags,
approving new members' posts, bans, limits on new accounts, and the audit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tandem.community import services as community
from tandem.community.access import readable_spaces
from tandem.community.models import Space
from tandem.core.models import AuditEntry
from tandem.forums import services as forums
from tandem.forums.access import visible_posts
from tandem.forums.models import Post, State, Topic
from tandem.moderation.limits import check_new_account
from tandem.moderation.models import Flag, ReviewItem
from tandem.moderation.registry import flaggable
from tandem.notifications.models import Notification

from ..conftest import World
from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def _root(world: World) -> Space:
    return community.community_of(programme=world.programme)


def _reply(world: World, body: str = "A careless remark") -> Post:
    topic = forums.topic_start(
        actor=world.mentor, space=_root(world), title="Behaviour online", body="Ideas?"
    )
    return forums.reply_add(actor=world.other_mentee, topic=topic, body=body)


def _flag(world: World, person: Any, post: Post, reason: str = "unkind") -> Any:
    return world.client(person).post(
        reverse("moderation:flag", args=["forum-post", post.pk]),
        {"reason": reason, "note": "Please look"},
    )


def test_three_flags_hide_a_post_until_a_moderator_decides(world: World) -> None:
    post = _reply(world)
    assert _flag(world, world.mentee, post).status_code == 302
    item = ReviewItem.objects.get(target_id=post.pk)
    assert Notification.objects.filter(recipient=world.facilitator, kind="moderation.review")
    assert not Notification.objects.filter(recipient=world.mentee, kind="moderation.review")
    _flag(world, world.mentor, post)
    post.refresh_from_db()
    assert post.state == State.VISIBLE
    _flag(world, world.researcher, post, reason="privacy")
    post.refresh_from_db()
    assert post.state == State.HIDDEN
    told = Notification.objects.get(recipient=world.other_mentee, kind="moderation.outcome")
    assert "hidden until a moderator reviews it" in told.summary
    # Others see a placeholder; the writer and the moderators see the words.
    url = reverse("forums:topic", args=[post.topic_id])
    assert b"A careless remark" not in world.client(world.supervisor).get(url).content
    assert b"A careless remark" in world.client(world.other_mentee).get(url).content
    queue = world.client(world.facilitator).get(reverse("moderation:queue")).content.decode()
    assert "A careless remark" in queue
    assert "Please look" in queue
    # The moderator keeps it: shown again, the writer told, the flags closed.
    response = world.client(world.facilitator).post(
        reverse("moderation:review", args=[item.pk]), {"decision": "keep", "note": "Fine."}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    item.refresh_from_db()
    assert post.state == State.VISIBLE
    assert item.outcome == "kept"
    assert item.resolved_at
    assert Notification.objects.filter(
        recipient=world.other_mentee, kind="moderation.outcome", summary__contains="Fine."
    )
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"content.flagged", "content.hidden_by_flags", "content.shown"} <= verbs
    assert not AuditEntry.objects.filter(data__icontains="careless")  # no content in the log


def test_flagging_is_refused_for_ones_own_twice_and_unreadable(world: World) -> None:
    post = _reply(world)
    response = _flag(world, world.other_mentee, post)
    assert response.status_code == 400
    assert "what you wrote" in response.content.decode()
    _flag(world, world.mentee, post)
    again = _flag(world, world.mentee, post)
    assert again.status_code == 400
    assert "already flagged" in again.content.decode()
    assert Flag.objects.count() == 1
    stranger = UserFactory()
    community.space_join(actor=stranger, space=_root(world))  # the community is members-only
    assert _flag(world, stranger, post).status_code == 404
    assert (
        world.client(world.mentee)
        .get(reverse("moderation:flag", args=["nonsense", "x"]))
        .status_code
        == 404
    )
    bad = world.client(world.mentee).post(
        reverse("moderation:flag", args=["forum-post", post.pk]), {"reason": "because"}
    )
    assert bad.status_code == 400


def test_only_the_spaces_moderators_open_the_queue(world: World) -> None:
    post = _reply(world)
    _flag(world, world.mentee, post)
    item = ReviewItem.objects.get()
    for person in (world.mentee, world.mentor, world.outsider):
        assert (
            b"A careless remark"
            not in world.client(person).get(reverse("moderation:queue")).content
        )
        response = world.client(person).post(
            reverse("moderation:review", args=[item.pk]), {"decision": "hide"}
        )
        assert response.status_code == 404
    post.refresh_from_db()
    assert post.state == State.VISIBLE


def test_hiding_from_the_queue_can_ban_the_writer(world: World) -> None:
    maths = community.space_create(
        actor=world.facilitator, community=_root(world), name="Maths", summary="", kind="open"
    )
    community.space_join(actor=world.mentor, space=maths)
    community.space_join(actor=world.other_mentee, space=maths)
    topic = forums.topic_start(actor=world.mentor, space=maths, title="Fractions", body="Go")
    post = forums.reply_add(actor=world.other_mentee, topic=topic, body="Buy my worksheets")
    _flag(world, world.mentor, post, reason="spam")
    item = ReviewItem.objects.get()
    world.client(world.facilitator).post(
        reverse("moderation:review", args=[item.pk]), {"decision": "hide", "ban": "on"}
    )
    post.refresh_from_db()
    assert post.state == State.HIDDEN
    assert not readable_spaces(world.other_mentee).filter(pk=maths.pk).exists()
    assert AuditEntry.objects.filter(verb="space.member_banned").exists()
    # Programme members with no row in the community can be banned from it too.
    root_post = _reply(world, "Another")
    kind = flaggable("forum-post")
    assert kind is not None
    from tandem.moderation.services import content_set_shown

    content_set_shown(
        actor=world.facilitator, flaggable=kind, target=root_post, shown=False, ban_author=True
    )
    assert not readable_spaces(world.other_mentee).filter(pk=_root(world).pk).exists()


def test_a_space_approves_new_members_posts(world: World) -> None:
    root = _root(world)
    Space.objects.filter(pk=root.pk).update(approve_new_posts=True)
    root.refresh_from_db()
    topic = forums.topic_start(actor=world.facilitator, space=root, title="Hello", body="Hi")
    forums.watch_set(actor=world.mentor, topic=topic, level="watching")
    post = forums.reply_add(actor=world.mentee, topic=topic, body="My first words")
    assert post.state == State.PENDING
    assert not visible_posts(world.mentor).filter(pk=post.pk).exists()
    assert visible_posts(world.mentee).filter(pk=post.pk).exists()
    assert not Notification.objects.filter(recipient=world.mentor, kind="forums.reply")
    page = world.client(world.mentor).get(reverse("forums:topic", args=[topic.pk])).content
    assert b"My first words" not in page
    item = ReviewItem.objects.get(reason="approval")
    world.client(world.facilitator).post(
        reverse("moderation:review", args=[item.pk]), {"decision": "keep"}
    )
    post.refresh_from_db()
    assert post.state == State.VISIBLE
    assert Topic.objects.get(pk=topic.pk).reply_count == 1
    assert Notification.objects.filter(recipient=world.mentor, kind="forums.reply")
    assert Notification.objects.filter(recipient=world.mentee, summary__contains="approved")
    # Once one post is approved, the next goes straight up.
    assert forums.reply_add(actor=world.mentee, topic=topic, body="More").state == State.VISIBLE


def test_moderators_hide_and_restore_from_the_page(world: World) -> None:
    post = _reply(world)
    url = reverse("forums:post_moderate", args=[post.topic_id, post.pk])
    assert world.client(world.mentee).post(url, {"action": "hide"}).status_code == 404
    world.client(world.facilitator).post(url, {"action": "hide", "note": "Off topic"})
    post.refresh_from_db()
    assert post.state == State.HIDDEN
    assert Topic.objects.get(pk=post.topic_id).reply_count == 0
    world.client(world.facilitator).post(url, {"action": "show"})
    post.refresh_from_db()
    assert post.state == State.VISIBLE
    assert Topic.objects.get(pk=post.topic_id).reply_count == 1
    assert AuditEntry.objects.filter(verb="content.hidden").count() == 1


def test_a_spaces_own_threshold(world: World) -> None:
    Space.objects.filter(pk=_root(world).pk).update(flags_to_hide=1)
    post = _reply(world)
    _flag(world, world.mentee, post)
    post.refresh_from_db()
    assert post.state == State.HIDDEN


def test_new_accounts_are_limited_until_they_have_taken_part(world: World, settings: Any) -> None:
    newcomer = UserFactory(display_name="Nell Newcomer")
    root = _root(world)
    Space.objects.filter(pk=root.pk).update(kind="open")
    root.refresh_from_db()
    community.space_join(actor=newcomer, space=root)
    spam = "See https://a.test https://b.test https://c.test"
    with pytest.raises(ValidationError) as refused:
        forums.topic_start(actor=newcomer, space=root, title="Links", body=spam)
    assert "at most 2 links" in " ".join(refused.value.messages)
    response = world.client(newcomer).post(
        reverse("forums:new", args=[root.pk]),
        {"title": "Links", "kind": "discussion", "body": spam},
    )
    assert response.status_code == 400
    assert "https://c.test" in response.content.decode()
    with pytest.raises(ValidationError):
        check_new_account(newcomer, text="hello", attachments=1)
    settings.TANDEM_NEW_ACCOUNT_LIMITS = {"per_day": 2}
    topic = forums.topic_start(actor=newcomer, space=root, title="Hello", body="Hi all")
    forums.reply_add(actor=newcomer, topic=topic, body="And me again")
    with pytest.raises(ValidationError, match="come back tomorrow"):
        forums.reply_add(actor=newcomer, topic=topic, body="Third")
    # A few days and a few posts later, the limits lift.
    type(newcomer).objects.filter(pk=newcomer.pk).update(
        date_joined=timezone.now() - timedelta(days=10)
    )
    newcomer.refresh_from_db()
    Post.objects.filter(author=newcomer).update(created_at=timezone.now() - timedelta(days=2))
    forums.reply_add(actor=newcomer, topic=topic, body="Third, after all")
    check_new_account(newcomer, text=spam)  # no longer new
    # Programme members (vetted at intake) are never limited.
    check_new_account(world.mentee, text=spam)


def test_the_limits_apply_to_blog_comments_too(world: World) -> None:
    from tandem.blogs import services as blogs

    newcomer = UserFactory(display_name="Nell Newcomer")
    post = blogs.post_save(
        actor=world.mentee, post=None, title="Open to all", body="Hello", visibility="public"
    )
    with pytest.raises(ValidationError, match="at most 2 links"):
        blogs.comment_add(
            actor=newcomer, post=post, body="www.a.test www.b.test http://c.test cheap pills"
        )
    blogs.comment_add(actor=newcomer, post=post, body="Lovely post, thank you.")
