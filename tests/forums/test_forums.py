"""Discussions: threads, quoting, pins, closing, answers, unread, following,
edits with history, and who may read what."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tandem.community import services as community
from tandem.community.handles import handle_for
from tandem.community.models import Space
from tandem.core.models import AuditEntry
from tandem.forums import services
from tandem.forums.access import visible_posts, visible_topics
from tandem.forums.models import Post, Revision, State, Topic
from tandem.notifications.models import Notification

from ..conftest import World
from ..helpers import XSS, assert_inert, queries_at_most

pytestmark = pytest.mark.django_db


def _root(world: World) -> Space:
    return community.community_of(programme=world.programme)


def _space(world: World, kind: str = "open", name: str = "Maths") -> Space:
    return community.space_create(
        actor=world.facilitator, community=_root(world), name=name, summary="", kind=kind
    )


def _topic(world: World, space: Space | None = None, **kw: Any) -> Topic:
    values = {"title": "Place value at a distance", "body": "What do you use?", **kw}
    return services.topic_start(actor=world.mentee, space=space or _root(world), **values)


def _fresh(topic: Topic) -> Topic:
    return Topic.objects.select_related("space").get(pk=topic.pk)


def test_replies_number_in_order_and_thread_one_level(world: World) -> None:
    topic = _topic(world)
    first = services.reply_add(actor=world.mentor, topic=topic, body="Paper strips.")
    child = services.reply_add(actor=world.other_mentee, topic=topic, body="Yes!", parent=first)
    grandchild = services.reply_add(actor=world.mentee, topic=topic, body="Me too", parent=child)
    to_opening = services.reply_add(
        actor=world.mentor, topic=topic, body="Also beans.",
        parent=Post.objects.get(topic=topic, number=1),
    )  # fmt: skip
    assert [first.number, child.number, grandchild.number, to_opening.number] == [2, 3, 4, 5]
    assert child.parent_id == first.pk
    assert grandchild.parent_id == first.pk  # one level: it joins the thread
    assert to_opening.parent_id is None
    topic = _fresh(topic)
    assert (topic.reply_count, topic.last_number) == (4, 5)
    page = world.client(world.other_mentee).get(reverse("forums:topic", args=[topic.pk]))
    html = page.content.decode()
    assert html.index('id="p-2"') < html.index('id="p-3"') < html.index('id="p-5"')
    assert html.count('class="replies"') == 1


def test_quote_and_reply_prefill_the_composer(world: World) -> None:
    topic = _topic(world)
    services.reply_add(actor=world.mentor, topic=topic, body="Try paper strips.\nThey post well.")
    client = world.client(world.other_mentee)
    url = reverse("forums:topic", args=[topic.pk])
    html = client.get(f"{url}?reply_to=2&quote=1").content.decode()
    assert f"&gt; @{handle_for(world.mentor)} wrote:" in html
    assert "&gt; They post well." in html
    assert 'name="parent" value="2"' in html
    response = client.post(
        reverse("forums:reply", args=[topic.pk]),
        {"body": f"> @{handle_for(world.mentor)} wrote:\n> Try paper strips.\n\nThanks!",
         "parent": "2"},
    )  # fmt: skip
    assert response.status_code == 302
    reply = Post.objects.get(topic=topic, number=3)
    assert reply.parent is not None
    assert reply.parent.number == 2
    assert "<blockquote>" in reply.html
    # A garbage target is ignored, not an error.
    assert client.get(f"{url}?reply_to=99999999999999&quote=x").status_code == 200


def test_a_restricted_space_discussion_never_reaches_non_members(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    space = _space(world, "restricted", "Counselling circle")
    community.member_invite(actor=world.facilitator, space=space, user=world.mentee)
    community.space_join(actor=world.mentee, space=space)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        topic = _topic(
            world, space, title="Secret worries",
            body=f"@{handle_for(world.other_mentee)} @{handle_for(world.mentor)} what next?",
        )  # fmt: skip
        community.space_join(actor=world.other_mentee, space=_space(world, "open", "Other"))
        services.watch_set(actor=world.other_mentee, space=space, level="watching")
    for person in (world.other_mentee, world.mentor, world.lead, world.outsider):
        client = world.client(person)
        assert client.get(reverse("forums:topic", args=[topic.pk])).status_code == 404
        assert client.get(reverse("forums:list", args=[space.pk])).status_code == 404
        assert client.get(reverse("forums:post", args=[topic.pk, 1])).status_code == 404
        assert not visible_topics(person).filter(pk=topic.pk).exists()
        assert not Notification.objects.filter(recipient=person, summary__contains="Secret")
        root_page = client.get(reverse("community:space", args=[_root(world).pk])).content
        assert b"Secret worries" not in root_page
    assert not [m for m in mail.outbox if "Secret" in m.body or "Secret" in m.subject]
    assert (
        world.client(world.mentee).get(reverse("forums:topic", args=[topic.pk])).status_code == 200
    )


def test_a_closed_topic_takes_replies_only_from_moderators(world: World) -> None:
    topic = _topic(world)
    services.topic_lock(actor=world.facilitator, topic=topic, locked=True)
    topic = _fresh(topic)
    response = world.client(world.mentor).post(
        reverse("forums:reply", args=[topic.pk]), {"body": "One more thing"}
    )
    assert response.status_code == 400
    assert "closed" in response.content.decode()
    assert "One more thing" in response.content.decode()  # nothing typed is lost
    services.reply_add(actor=world.facilitator, topic=topic, body="Summary of the thread.")
    with pytest.raises(ValidationError):
        services.topic_lock(actor=world.mentor, topic=topic, locked=False)
    assert AuditEntry.objects.filter(verb="forum_topic.locked").count() == 1


def test_pins_order_the_list_expire_and_global_pins_show_in_every_space(world: World) -> None:
    maths = _space(world)
    community.space_join(actor=world.mentee, space=maths)
    old = _topic(world, maths, title="Old but pinned")
    _topic(world, maths, title="Newest")
    Topic.objects.filter(pk=old.pk).update(last_posted_at=timezone.now() - timedelta(days=30))
    services.topic_pin(actor=world.facilitator, topic=old, scope="space",
                       until=timezone.now() + timedelta(days=2))  # fmt: skip
    welcome = _topic(world, _root(world), title="Welcome everyone")
    Topic.objects.filter(pk=welcome.pk).update(last_posted_at=timezone.now() - timedelta(days=60))
    services.topic_pin(actor=world.facilitator, topic=welcome, scope="global", until=None)
    html = world.client(world.other_mentee).get(reverse("forums:list", args=[maths.pk])).content
    text = html.decode()
    assert text.index("Welcome everyone") < text.index("Old but pinned") < text.index("Newest")
    # An expired pin no longer lifts the topic.
    Topic.objects.filter(pk=old.pk).update(pinned_until=timezone.now() - timedelta(minutes=1))
    text = world.client(world.other_mentee).get(reverse("forums:list", args=[maths.pk])).content
    assert text.decode().index("Newest") < text.decode().index("Old but pinned")
    # A space moderator who does not run the community cannot pin globally.
    community.member_set_role(
        actor=world.facilitator, space=maths, row=maths.members.get(user=world.mentee),
        role="moderator",
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.topic_pin(actor=world.mentee, topic=old, scope="global", until=None)
    with pytest.raises(ValidationError):
        services.topic_pin(actor=world.mentee, topic=old, scope="space",
                           until=timezone.now() - timedelta(days=1))  # fmt: skip


def test_the_asker_marks_the_answer(world: World) -> None:
    topic = _topic(world, kind="question")
    good = services.reply_add(actor=world.mentor, topic=topic, body="Audio only.")
    with pytest.raises(ValidationError):
        services.topic_mark_answer(actor=world.other_mentee, topic=topic, post=good)
    response = world.client(world.mentee).post(
        reverse("forums:answer", args=[topic.pk]), {"post": good.pk}
    )
    assert response.status_code == 302
    assert _fresh(topic).answer_id == good.pk
    assert Notification.objects.filter(recipient=world.mentor, summary__contains="answer")
    html = world.client(world.other_mentee).get(reverse("forums:topic", args=[topic.pk])).content
    assert "Marked as the answer" in html.decode()
    assert (
        b"Unanswered"
        not in world.client(world.mentee)
        .get(reverse("forums:list", args=[_root(world).pk]) + "?show=unanswered")
        .content.split(b"</nav>")[-1]
    )
    plain = _topic(world, title="Just chatting")
    reply = services.reply_add(actor=world.mentor, topic=plain, body="Hi")
    with pytest.raises(ValidationError):
        services.topic_mark_answer(actor=world.mentee, topic=plain, post=reply)


def test_unread_counts_and_jump_to_the_first_unread(world: World) -> None:
    topic = _topic(world)
    client = world.client(world.other_mentee)
    client.get(reverse("forums:topic", args=[topic.pk]))
    services.reply_add(actor=world.mentor, topic=topic, body="One")
    services.reply_add(actor=world.mentor, topic=topic, body="Two")
    listing = client.get(reverse("forums:list", args=[_root(world).pk])).content.decode()
    assert "2 new" in listing
    response = client.get(reverse("forums:topic", args=[topic.pk]) + "?unread")
    assert response.url == reverse("forums:post", args=[topic.pk, 2])
    assert client.get(response.url).url.endswith("#p-2")
    client.get(reverse("forums:topic", args=[topic.pk]))
    listing = client.get(reverse("forums:list", args=[_root(world).pk])).content.decode()
    assert "2 new" not in listing


def test_watching_and_muting_decide_who_is_told(world: World) -> None:
    maths = _space(world)
    for person in (world.mentee, world.mentor, world.other_mentee):
        community.space_join(actor=person, space=maths)
    services.watch_set(actor=world.other_mentee, space=maths, level="watching")
    topic = _topic(world, maths)
    assert Notification.objects.filter(recipient=world.other_mentee, kind="forums.topic")
    services.reply_add(actor=world.mentor, topic=topic, body="First reply")
    # The starter is told someone replied to them; the mentor now watches too.
    assert Notification.objects.filter(recipient=world.mentee, kind="forums.replied").count() == 1
    services.watch_set(actor=world.mentee, topic=topic, level="muted")
    services.reply_add(
        actor=world.other_mentee, topic=topic, body=f"Agree @{handle_for(world.mentee)}"
    )
    assert Notification.objects.filter(recipient=world.mentee).count() == 1  # muted: nothing more
    assert Notification.objects.filter(recipient=world.mentor, kind="forums.reply").count() == 1
    response = world.client(world.mentor).post(
        reverse("forums:watch", args=[topic.pk]), {"level": "nonsense"}
    )
    assert response.status_code == 302  # refused with a message, nothing changed


def test_edits_keep_a_visible_history(world: World) -> None:
    topic = _topic(world)
    post = Post.objects.select_related("topic__space").get(topic=topic, number=1)
    client = world.client(world.mentee)
    response = client.post(
        reverse("forums:edit", args=[topic.pk, post.pk]),
        {"title": "Place value, revisited", "body": "What do you use at home?"},
    )
    assert response.status_code == 302
    assert _fresh(topic).title == "Place value, revisited"
    (revision,) = Revision.objects.filter(post=post)
    assert (revision.body, revision.title, revision.by_moderator) == (
        "What do you use?", "Place value at a distance", False,
    )  # fmt: skip
    history = world.client(world.other_mentee).get(
        reverse("forums:history", args=[topic.pk, post.pk])
    )
    assert "What do you use?" in history.content.decode()
    # Moderators may edit (audited); other members may not.
    assert (
        world.client(world.other_mentee)
        .get(reverse("forums:edit", args=[topic.pk, post.pk]))
        .status_code
        == 404
    )
    post.refresh_from_db()
    post.topic = _fresh(topic)
    services.post_edit(actor=world.facilitator, post=post, body="Edited by a moderator")
    assert AuditEntry.objects.filter(verb="forum_post.edited_by_moderator").count() == 1
    assert Revision.objects.filter(post=post, by_moderator=True).count() == 1
    # An empty title is refused and the text stays in the form.
    response = client.post(
        reverse("forums:edit", args=[topic.pk, post.pk]), {"title": " ", "body": "Kept words"}
    )
    assert response.status_code == 400
    assert "Kept words" in response.content.decode()


def test_deleting_keeps_the_thread_readable(world: World) -> None:
    topic = _topic(world)
    mine = services.reply_add(actor=world.mentor, topic=topic, body="Regrettable words")
    services.reply_add(actor=world.mentee, topic=topic, body="Reply to it", parent=mine)
    mine.topic = _fresh(topic)
    assert services.post_delete(actor=world.mentor, post=mine) is False
    mine.refresh_from_db()
    assert (mine.state, mine.body) == (State.DELETED, "")
    html = world.client(world.mentee).get(reverse("forums:topic", args=[topic.pk])).content
    assert b"deleted by its writer" in html
    assert b"Regrettable" not in html
    lonely = _topic(world, title="Alone")
    opening = Post.objects.select_related("topic__space").get(topic=lonely, number=1)
    assert services.post_delete(actor=world.mentee, post=opening) is True
    assert not Topic.objects.filter(pk=lonely.pk).exists()


def test_moving_into_a_restricted_space_hides_it_from_non_members(world: World) -> None:
    room = _space(world, "restricted", "Mentors' room")
    topic = _topic(world)
    services.topic_move(actor=world.facilitator, topic=_fresh(topic), space=room)
    assert not visible_topics(world.other_mentee).filter(pk=topic.pk).exists()
    assert not visible_posts(world.mentee).filter(topic=topic).exists()  # even the writer
    assert AuditEntry.objects.filter(verb="forum_topic.moved").count() == 1
    with pytest.raises(ValidationError):
        services.topic_move(actor=world.mentor, topic=_fresh(topic), space=_root(world))


def test_joining_comes_before_posting(world: World) -> None:
    maths = _space(world)
    with pytest.raises(ValidationError):
        _topic(world, maths)
    response = world.client(world.mentee).post(
        reverse("forums:new", args=[maths.pk]),
        {"title": "Hello", "kind": "discussion", "body": "Words I typed"},
    )
    assert response.status_code == 400
    assert "Join the space" in response.content.decode()
    assert "Words I typed" in response.content.decode()


@pytest.mark.parametrize("payload", XSS)
def test_discussion_text_renders_inert(world: World, payload: str) -> None:
    client = world.client(world.mentee)
    root = _root(world)
    response = client.post(
        reverse("forums:new", args=[root.pk]),
        {"title": f"T {payload}", "kind": "question", "body": f"Body {payload}"},
    )
    assert response.status_code == 302, response.content.decode()[:300]
    topic = Topic.objects.get(author=world.mentee)
    client.post(reverse("forums:reply", args=[topic.pk]), {"body": f"Reply {payload}"})
    pages = [
        client.get(reverse("forums:topic", args=[topic.pk]) + "?reply_to=2&quote=1"),
        client.get(reverse("forums:list", args=[root.pk])),
        client.get(reverse("community:space", args=[root.pk])),
        client.get(reverse("forums:history", args=[topic.pk, topic.posts.get(number=2).pk])),
    ]
    for response in pages:
        assert response.status_code == 200
        assert_inert(response.content.decode(), payload)


def test_a_long_topic_page_costs_a_constant_number_of_queries(world: World) -> None:
    topic = _topic(world)
    client = world.client(world.other_mentee)
    url = reverse("forums:topic", args=[topic.pk])

    def grow(n: int) -> None:
        for i in range(n):
            parent = services.reply_add(actor=world.mentor, topic=topic, body=f"Thread {i}")
            services.reply_add(actor=world.facilitator, topic=topic, body="Reply", parent=parent)

    grow(3)
    client.get(url)  # first visit: remembers how far they read
    grow(1)
    with queries_at_most(40) as small:
        assert client.get(url).status_code == 200
    grow(40)  # two pages of threads now
    with queries_at_most(len(small.captured_queries)):
        assert client.get(url).status_code == 200
    with queries_at_most(len(small.captured_queries)):
        assert b"Thread 39" in client.get(url + "?page=2").content
