"""One notifications app: once per key, e-mail at once or in a digest, and an
unsubscribe link that works without signing in."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import DigestFrequency
from tandem.notifications.kinds import Kind, all_kinds, register_kind
from tandem.notifications.models import Channel, Notification, Setting
from tandem.notifications.services import notify
from tandem.notifications.tasks import send_digests
from tandem.notifications.tokens import unsubscribe_token

from ..conftest import World

pytestmark = pytest.mark.django_db

register_kind(Kind("test.ping", "Test pings", Channel.INSTANT))
register_kind(Kind("test.quiet", "Quiet test pings", Channel.DIGEST))


def _ping(world: World, kind: str = "test.ping", key: str = "") -> list[Notification]:
    return notify(
        recipients=[world.mentee, world.mentor], actor=world.mentor, kind=kind,
        summary="Mere Mentor mentioned you in “Breakout rooms”", url="/community/",
        dedupe_key=key,
    )  # fmt: skip


def test_notify_skips_the_actor_and_notifies_once_per_key(world: World) -> None:
    assert len(_ping(world, key="mention:1")) == 1
    assert _ping(world, key="mention:1") == []
    assert Notification.objects.filter(recipient=world.mentee).count() == 1
    assert not Notification.objects.filter(recipient=world.mentor).exists()


def test_instant_email_carries_one_click_unsubscribe(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _ping(world)
    (message,) = mail.outbox
    assert message.to == [world.mentee.email]
    assert "Breakout rooms" in message.subject
    header = message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.search(r"<https?://[^/]+(/[^>]+)>", header).group(1)  # type: ignore[union-attr]
    assert url in message.body
    # RFC 8058 one-click: a POST with no session and no CSRF token.
    response = world.client(None).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Setting.objects.get(user=world.mentee, kind="test.ping").channel == Channel.IN_APP
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _ping(world)
    assert mail.outbox == []  # still shown in Tandem, no longer e-mailed
    assert Notification.objects.filter(recipient=world.mentee).count() == 2


def test_unsubscribe_page_asks_first_and_refuses_forged_tokens(world: World) -> None:
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(world.mentee, "all")])
    page = world.client(None).get(url)
    assert page.status_code == 200
    world.mentee.profile.refresh_from_db()
    assert world.mentee.profile.notify_by_email  # a GET (a mail scanner) changes nothing
    world.client(None).post(url)
    world.mentee.profile.refresh_from_db()
    assert not world.mentee.profile.notify_by_email
    forged = url.replace(url.split("/")[-2][-6:], "AAAAAA")
    assert world.client(None).post(forged).status_code == 404
    assert world.client(None).get("/notifications/unsubscribe/%00junk/").status_code == 404


def test_digest_gathers_what_came_since_and_goes_once(world: World) -> None:
    profile = world.mentee.profile
    profile.digest_frequency = DigestFrequency.DAILY
    profile.save()
    _ping(world, kind="test.quiet")
    _ping(world, kind="test.quiet", key="second")
    now = timezone.now() + timedelta(minutes=1)
    assert send_digests(now) == 1
    (message,) = mail.outbox
    assert "2 new things" in message.subject
    assert message.body.count("Breakout rooms") == 2
    assert "List-Unsubscribe" in message.extra_headers
    assert send_digests(now) == 0
    assert send_digests(now + timedelta(days=2)) == 0  # nothing new
    assert len(mail.outbox) == 1


def test_list_opens_and_marks_read(world: World) -> None:
    (note,) = _ping(world)
    client = world.client(world.mentee)
    page = client.get(reverse("notifications:list"))
    assert "Breakout rooms" in page.content.decode()
    response = client.post(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/community/"
    note.refresh_from_db()
    assert note.read_at is not None
    assert (
        world.client(world.other_mentee)
        .post(reverse("notifications:open", args=[note.pk]))
        .status_code
        == 404
    )


def test_settings_choose_a_channel_per_kind(world: World) -> None:
    client = world.client(world.mentee)
    page = client.get(reverse("notifications:settings"))
    assert "Test pings" in page.content.decode()
    data = {f"kind_{k.key}": k.default.value for k in all_kinds()}
    data.update({"email": "on", "digest": "weekly", "kind_test.ping": "off"})
    response = client.post(reverse("notifications:settings"), data)
    assert response.status_code == 302
    assert _ping(world) == []
