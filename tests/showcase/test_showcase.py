"""Featured content and celebrations on a space's front page: who features,
who sees what, ends, removal, the newsletter's sections."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.blogs import services as blogs
from tandem.community import services as community
from tandem.community.models import Space
from tandem.core.models import AuditEntry
from tandem.forums import services as forums
from tandem.forums.models import Topic
from tandem.newsletter import services as newsletter
from tandem.notifications.models import Notification
from tandem.showcase import services
from tandem.showcase.models import Feature

from ..conftest import World
from ..helpers import XSS, assert_inert, quiet_room

pytestmark = pytest.mark.django_db


def _root(world: World) -> Space:
    return community.community_of(programme=world.programme)


def _topic(world: World, space: Space | None = None, title: str = "Paper maths kits") -> Topic:
    return forums.topic_start(
        actor=world.mentee, space=space or _root(world), title=title, body="What works?",
        kind="discussion",
    )  # fmt: skip


def test_a_facilitator_features_a_discussion_and_its_writer_hears(world: World) -> None:
    root, topic = _root(world), _topic(world)
    client = world.client(world.facilitator)
    form = client.get(reverse("showcase:new") + f"?kind=forum-topic&id={topic.pk}")
    assert form.status_code == 200
    assert "Paper maths kits" in form.content.decode()
    response = client.post(
        reverse("showcase:new") + f"?kind=forum-topic&id={topic.pk}",
        {"space": root.pk, "note": "Twenty ideas already"},
    )
    assert response.status_code == 302
    page = world.client(world.other_mentee).get(reverse("community:space", args=[root.pk]))
    html = page.content.decode()
    assert html.index("Featured") < html.index("Discussions")
    assert "Twenty ideas already" in html
    note = Notification.objects.get(recipient=world.mentee, kind="showcase.featured")
    assert "Paper maths kits" in note.summary
    assert AuditEntry.objects.filter(verb="feature.added").count() == 1
    again = client.post(
        reverse("showcase:new") + f"?kind=forum-topic&id={topic.pk}", {"space": root.pk}
    )
    assert again.status_code == 400
    assert "already featured" in again.content.decode()


def test_only_moderators_feature(world: World) -> None:
    topic = _topic(world)
    url = reverse("showcase:new") + f"?kind=forum-topic&id={topic.pk}"
    assert world.client(world.other_mentee).get(url).status_code == 404
    with pytest.raises(ValidationError, match="moderators"):
        services.feature_add(
            actor=world.other_mentee, space=_root(world), kind="forum-topic", object_id=topic.pk
        )
    feature = services.feature_add(actor=world.facilitator, space=_root(world), title="Ka pai")
    remove = reverse("showcase:remove", args=[feature.pk])
    assert world.client(world.mentee).post(remove).status_code == 404
    assert world.client(world.facilitator).post(remove).status_code == 302
    assert not Feature.objects.exists()
    assert (
        world.client(world.facilitator)
        .get(reverse("showcase:new") + "?kind=forum-topic&id=999999")
        .status_code
        == 404
    )


def test_a_feature_shows_only_to_those_who_read_what_it_points_at(world: World) -> None:
    quiet = quiet_room(world)
    post = blogs.post_save(
        actor=world.mentee, post=None, title="Whispered reflection", body="Only the quiet room",
        visibility="group", space=quiet,
    )  # fmt: skip
    services.feature_add(
        actor=world.facilitator, space=_root(world), kind="blog-post", object_id=post.pk
    )
    root_url = reverse("community:space", args=[_root(world).pk])
    assert "Whispered reflection" in world.client(world.mentee).get(root_url).content.decode()
    assert (
        "Whispered reflection"
        not in world.client(world.other_mentee).get(root_url).content.decode()
    )
    history = world.client(world.other_mentee).get(
        reverse("showcase:space", args=[_root(world).pk])
    )
    assert "Whispered reflection" not in history.content.decode()
    # and never in the newsletter, which every member receives
    issue = newsletter.issue_draft(actor=world.facilitator, community=_root(world),
                                   month=timezone.localdate().replace(day=1))  # fmt: skip
    assert "Whispered reflection" not in issue.body


def test_celebrations_end_and_reach_the_newsletter(world: World) -> None:
    root = _root(world)
    topic = _topic(world)
    services.feature_add(actor=world.facilitator, space=root, kind="forum-topic",
                         object_id=topic.pk, note="Read this")  # fmt: skip
    services.feature_add(actor=world.facilitator, space=root, title="Twelve teachers, one year",
                         note="Ka pai", ends_on=timezone.localdate() + timedelta(days=3))  # fmt: skip
    with pytest.raises(ValidationError, match="still to come"):
        services.feature_add(
            actor=world.facilitator, space=root, title="Late", ends_on=date(2020, 1, 1)
        )
    with pytest.raises(ValidationError, match="celebrating"):
        services.feature_add(actor=world.facilitator, space=root, title="  ")
    client = world.client(world.mentee)
    html = client.get(reverse("community:space", args=[root.pk])).content.decode()
    assert "Celebrations" in html
    assert "Twelve teachers, one year" in html
    issue = newsletter.issue_draft(actor=world.facilitator, community=root,
                                   month=timezone.localdate().replace(day=1))  # fmt: skip
    assert "Featured this month" in issue.body
    assert "Paper maths kits" in issue.body
    assert "Twelve teachers, one year" in issue.body
    Feature.objects.filter(celebration=True).update(ends_at=timezone.now() - timedelta(minutes=1))
    html = client.get(reverse("community:space", args=[root.pk])).content.decode()
    assert "Twelve teachers, one year" not in html
    assert "Paper maths kits" in html


def test_the_front_page_costs_the_same_however_much_is_featured(world: World) -> None:
    root = _root(world)
    client = world.client(world.mentee)
    url = reverse("community:space", args=[root.pk])
    services.feature_add(actor=world.facilitator, space=root, kind="forum-topic",
                         object_id=_topic(world).pk)  # fmt: skip
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        services.feature_add(actor=world.facilitator, space=root, kind="forum-topic",
                             object_id=_topic(world, title=f"T{n}").pk)  # fmt: skip
        services.feature_add(actor=world.facilitator, space=root, title=f"C{n}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert all(f"C{n}</strong>" in page for n in range(5))
    assert len(many.captured_queries) == len(few.captured_queries) <= 200


@pytest.mark.parametrize("payload", XSS)
def test_showcase_text_renders_inert(world: World, payload: str, settings: Any) -> None:
    root = _root(world)
    topic = _topic(world, title=f"T {payload}"[:160])
    services.feature_add(actor=world.facilitator, space=root, kind="forum-topic",
                         object_id=topic.pk, note=f"N {payload}")  # fmt: skip
    services.feature_add(actor=world.facilitator, space=root, title=f"C {payload}", note=payload)
    for url in [
        reverse("community:space", args=[root.pk]),
        reverse("showcase:space", args=[root.pk]),
    ]:
        response = world.client(world.mentee).get(url)
        assert response.status_code == 200
        assert_inert(response.content.decode(), payload)
