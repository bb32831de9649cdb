"""The room page and the room's part of the session page: who may open them,
what they say when the room is not open, and what the room leaves in the
session record (who came, chat, prompts, recordings)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from tandem.liveroom import ice
from tandem.liveroom.models import Kind, RoomMessage, Visit
from tandem.mentoring.models import MentoringSession, Relationship
from tandem.mentoring.models.sessions import Medium

from ..conftest import World
from .conftest import live_session


def room_url(session: MentoringSession) -> str:
    return reverse("liveroom:room", args=[session.relationship_id, session.pk])


def test_participants_get_the_room_and_others_a_404(
    world: World, relationship: Relationship, room_session: MentoringSession
) -> None:
    page = world.client(world.mentee).get(room_url(room_session))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Join the call" in html
    assert f'data-ws="/ws/sessions/{room_session.pk}/room/"' in html
    for user in (world.other_mentee, world.facilitator, world.lead, world.outsider):
        assert world.client(user).get(room_url(room_session)).status_code == 404


def test_a_room_that_is_not_open_says_why(world: World, relationship: Relationship) -> None:
    early = live_session(relationship)
    early.starts_at = timezone.now() + timedelta(days=2)
    early.save()
    closed = live_session(relationship)
    closed.starts_at = timezone.now() - timedelta(days=2)
    closed.save()
    elsewhere = live_session(relationship, Medium.PHONE)
    client = world.client(world.mentor)
    for session, words in [(early, "The room opens at"), (closed, "The room has closed"),
                           (elsewhere, "meets elsewhere")]:  # fmt: skip
        html = client.get(room_url(session)).content.decode()
        assert words in html
        assert "Join the call" not in html


def test_live_coaching_gives_the_teacher_and_the_coach_their_own_pages(
    world: World, coaching_session: MentoringSession
) -> None:
    teacher = world.client(world.mentee).get(room_url(coaching_session)).content.decode()
    assert "Start the lesson link" in teacher
    assert 'id="prompt"' in teacher
    assert "Session notes" not in teacher  # teaching, not writing
    coach = world.client(world.mentor).get(room_url(coaching_session)).content.decode()
    assert "Prompts to the teacher" in coach
    assert "Wait time: count to five" in coach
    assert 'id="toggle-camera"' not in coach  # the teacher sees no video of the coach


def test_the_session_page_keeps_what_happened_in_the_room(
    world: World, relationship: Relationship, coaching_session: MentoringSession
) -> None:
    Visit.objects.create(session=coaching_session, user=world.mentee)
    RoomMessage.objects.create(session=coaching_session, author=world.mentor, kind=Kind.PROMPT,
                               text="Ask Aroha about <her> diagram")  # fmt: skip
    url = reverse("mentoring:session", args=[relationship.pk, coaching_session.pk])
    html = world.client(world.mentee).get(url).content.decode()
    assert "Live coaching (bug in ear)" in html
    assert "Open live coaching" in html
    assert "Prompts given during the lesson" in html
    assert "Ask Aroha about &lt;her&gt; diagram" in html
    assert "in the room now" in html
    phone = MentoringSession.objects.create(
        relationship=relationship, starts_at=timezone.now(), duration_minutes=30,
        medium=Medium.PHONE,
    )  # fmt: skip
    url = reverse("mentoring:session", args=[relationship.pk, phone.pk])
    assert "Live room" not in world.client(world.mentee).get(url).content.decode()


def test_turn_credentials_are_per_person_and_expire(settings: Any) -> None:
    settings.TANDEM_ICE_SERVERS = '[{"urls": "stun:stun.example.org:3478"}]'
    settings.TANDEM_TURN_URLS = ["turn:turn.example.org:3478"]
    settings.TANDEM_TURN_SECRET = "s3cret"
    settings.TANDEM_TURN_TTL_HOURS = 2
    stun, turn = ice.ice_servers(7, now=1_000_000)
    assert stun == {"urls": "stun:stun.example.org:3478"}
    assert turn["username"] == f"{1_000_000 + 7200}:7"
    # coturn's check: base64(HMAC-SHA1(secret, username))
    assert turn["credential"] == "0cY/3VCKMFZ4drV5f5jghGbVfFk="
    assert ice.ice_servers(8, now=1_000_000)[1]["credential"] != turn["credential"]
    settings.TANDEM_ICE_SERVERS = "not json"
    settings.TANDEM_TURN_SECRET = ""
    assert ice.ice_servers(7) == []
