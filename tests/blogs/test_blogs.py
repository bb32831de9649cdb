"""Reflective blogs: visibility everywhere (pages, lists, feeds, notifications,
e-mails), mentions once, and user text rendered inert."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from tandem.blogs import services
from tandem.blogs.access import visible_posts
from tandem.blogs.models import Post
from tandem.community import services as community
from tandem.community.handles import handle_for
from tandem.community.models import Space
from tandem.mentoring.models import Relationship
from tandem.notifications.models import Notification

from ..conftest import World
from ..helpers import XSS, assert_inert
from ..mentoring.conftest import relationship  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

EVERYONE = ("mentee", "mentor", "other_mentee", "facilitator", "lead", "researcher",
            "supervisor", "outsider")  # fmt: skip


def _readers(world: World, post: Post) -> set[str]:
    return {name for name in EVERYONE if visible_posts(getattr(world, name)).filter(pk=post.pk)}


def _restricted(world: World) -> Space:
    space = community.space_create(
        actor=world.facilitator, community=community.community_of(programme=world.programme),
        name="Beginning teachers' circle", summary="Private", kind="restricted",
    )  # fmt: skip
    community.member_invite(actor=world.facilitator, space=space, user=world.mentee)
    community.space_join(actor=world.mentee, space=space)
    return space


def test_my_mentors_reaches_exactly_the_authors_mentors(
    world: World,
    relationship: Relationship,  # noqa: F811
) -> None:
    post = services.post_save(
        actor=world.mentee, post=None, title="After the observation", body="It went...",
        visibility="mentors",
    )  # fmt: skip
    assert _readers(world, post) == {"mentee", "mentor"}
    for name in EVERYONE:
        response = world.client(getattr(world, name)).get(services.post_url(post))
        assert response.status_code == (200 if name in ("mentee", "mentor") else 404), name
    assert world.client(None).get(services.post_url(post)).status_code == 404


def test_each_visibility_has_its_audience(world: World) -> None:
    root = community.community_of(programme=world.programme)
    draft = services.post_save(
        actor=world.mentee, post=None, title="Draft", body="x", visibility="private"
    )
    assert _readers(world, draft) == {"mentee"}
    assert draft.published_at is None
    shared = services.post_save(
        actor=world.mentee, post=None, title="Shared", body="x", visibility="community", space=root
    )
    assert _readers(world, shared) == set(EVERYONE) - {"outsider"}
    public = services.post_save(
        actor=world.mentee, post=None, title="Public", body="x", visibility="public"
    )
    assert _readers(world, public) == set(EVERYONE)
    assert world.client(None).get(services.post_url(public)).status_code == 200


def test_a_restricted_space_post_never_reaches_non_members(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    space = _restricted(world)
    handle_for(world.other_mentee)
    handle_for(world.facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        post = services.post_save(
            actor=world.mentee, post=None, title="A hard week",
            body="Thanks @sione-facilitator. And @liam-othermentee, you'd understand.",
            visibility="group", space=space,
        )  # fmt: skip
    assert _readers(world, post) == {"mentee", "facilitator"}
    # Not on its page, not in lists, not in the space panel, not in notifications or e-mail.
    client = world.client(world.other_mentee)
    assert client.get(services.post_url(post)).status_code == 404
    assert "A hard week" not in client.get(reverse("blogs:home")).content.decode()
    assert (
        "A hard week"
        not in client.get(reverse("blogs:author", args=[handle_for(world.mentee)])).content.decode()
    )
    assert client.get(reverse("community:space", args=[space.pk])).status_code == 404
    assert not Notification.objects.filter(recipient=world.other_mentee).exists()
    assert [m.to for m in mail.outbox] == [[world.facilitator.email]]
    assert (
        "A hard week"
        in world.client(world.facilitator)
        .get(reverse("community:space", args=[space.pk]))
        .content.decode()
    )
    # Removed from the space: the post, and the notification about it, disappear.
    row = space.members.get(user=world.facilitator)
    space.members.filter(pk=row.pk).update(status="removed", role="member")
    assert "facilitator" not in _readers(world, post)
    page = world.client(world.facilitator).get(reverse("notifications:list"))
    assert "A hard week" not in page.content.decode()


def test_one_cannot_share_into_a_space_one_is_not_in(world: World) -> None:
    space = _restricted(world)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.post_save(
            actor=world.other_mentee, post=None, title="Sneaky", body="x", visibility="group",
            space=space,
        )  # fmt: skip
    response = world.client(world.other_mentee).post(
        reverse("blogs:new"),
        {"title": "Sneaky", "body": "kept words", "share": f"group:{space.pk}"},
    )
    assert response.status_code == 400
    assert "kept words" in response.content.decode()


def test_a_mention_notifies_once(world: World) -> None:
    handle_for(world.mentor)
    post = services.post_save(
        actor=world.mentee, post=None, title="Tally", body="@mere-mentor look", visibility="public"
    )
    services.post_save(
        actor=world.mentee, post=post, title="Tally", body="@mere-mentor look again",
        visibility="public",
    )  # fmt: skip
    assert Notification.objects.filter(recipient=world.mentor, kind="blogs.mention").count() == 1
    services.comment_add(actor=world.other_mentee, post=post, body="Agree, @mere-mentor!")
    kinds = list(Notification.objects.filter(recipient=world.mentor).values_list("kind", flat=True))
    assert sorted(kinds) == ["blogs.mention", "blogs.mention"]
    assert Notification.objects.filter(recipient=world.mentee, kind="blogs.comment").count() == 1


@pytest.mark.parametrize("payload", XSS)
def test_user_text_renders_inert_everywhere(world: World, payload: str) -> None:
    client = world.client(world.mentee)
    response = client.post(
        reverse("blogs:new"),
        {"title": f"T {payload}", "body": f"Body {payload}", "share": "public"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    post = Post.objects.get(author=world.mentee)
    client.post(
        reverse("blogs:comment", args=[handle_for(world.mentee), post.slug]),
        {"body": f"Comment {payload}"},
    )
    pages = [
        client.get(services.post_url(post)).content.decode(),
        client.get(reverse("blogs:home")).content.decode(),
        client.get(reverse("blogs:feed", args=[handle_for(world.mentee)])).content.decode(),
    ]
    for html in pages:
        assert_inert(html, payload)
    assert "Body" in pages[0]
    assert post.comments.count() == 1


def test_feed_carries_only_public_posts(world: World) -> None:
    root = community.community_of(programme=world.programme)
    services.post_save(
        actor=world.mentee, post=None, title="Open letter", body="x", visibility="public"
    )
    services.post_save(
        actor=world.mentee, post=None, title="Inside only", body="x", visibility="community",
        space=root,
    )  # fmt: skip
    feed = world.client(None).get(reverse("blogs:feed", args=[handle_for(world.mentee)]))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "Open letter" in body
    assert "Inside only" not in body
    assert world.client(None).get(reverse("blogs:feed", args=["no-one-here"])).status_code == 404


def test_reactions_toggle(world: World) -> None:
    post = services.post_save(
        actor=world.mentee, post=None, title="Won a grant", body="x", visibility="public"
    )
    url = reverse("blogs:react", args=[handle_for(world.mentee), post.slug])
    client = world.client(world.mentor)
    client.post(url, {"kind": "celebrate"})
    assert post.reactions.filter(kind="celebrate").count() == 1
    client.post(url, {"kind": "celebrate"})
    assert post.reactions.count() == 0
    assert client.post(url, {"kind": "<bad>"}).status_code == 302
