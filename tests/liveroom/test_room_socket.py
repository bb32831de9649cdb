"""The room socket: only the relationship's participants, while the room is
open, connect or receive anything; signals reach only the peer they name;
chat reaches everyone once, in order; notes merge; recordings need everyone's
consent; a coach's prompts reach the teacher; and bad frames get an error."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tandem.liveroom.consumers import (
    CLOSE_ENDED,
    CLOSE_FORBIDDEN,
    CLOSE_FULL,
    CLOSE_REPLACED,
)
from tandem.liveroom.models import Kind, Presence, Recording, RecordingStatus, RoomMessage, Visit
from tandem.liveroom.routing import websocket_urlpatterns
from tandem.mentoring.models import MentoringSession, Relationship, RelationshipStatus
from tandem.mentoring.models.sessions import Medium
from tandem.mentoring.services import relationship_create

from ..conftest import World
from ..factories import UserFactory, add_member
from ..messaging.socket_client import SocketClient, run
from .conftest import live_session

pytestmark = pytest.mark.django_db(transaction=True)
router = URLRouter(websocket_urlpatterns)
WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 64


def socket(user: Any, session_id: int) -> SocketClient:
    client = SocketClient(router, f"/ws/sessions/{session_id}/room/")
    client.scope["user"] = user
    return client


async def joined(user: Any, session_id: int, **join: Any) -> tuple[SocketClient, dict[str, Any]]:
    client = socket(user, session_id)
    connected, code = await client.connect()
    assert connected, code
    await client.send_json_to({"type": "join", **join})
    welcome = await client.receive_json_from()
    assert welcome["type"] == "welcome", welcome
    return client, welcome


async def next_of(client: SocketClient, kind: str, timeout: float = 5) -> dict[str, Any]:
    """The next event of ``kind``, skipping others (e.g. peer-state)."""
    while True:
        event = await client.receive_json_from(timeout)
        if event["type"] == kind:
            return event


def test_only_participants_of_an_open_room_connect(
    world: World, relationship: Relationship, room_session: MentoringSession
) -> None:
    early = live_session(relationship)
    early.starts_at = timezone.now() + timedelta(hours=3)
    early.save()
    elsewhere = live_session(relationship, Medium.LINK)
    cancelled = live_session(relationship)
    cancelled.status = "cancelled"
    cancelled.save()

    async def scenario() -> None:
        for user in (world.other_mentee, world.facilitator, world.lead, world.outsider,
                     world.supervisor, AnonymousUser()):  # fmt: skip
            assert await socket(user, room_session.pk).connect() == (False, CLOSE_FORBIDDEN), user
        for session_id in (room_session.pk + 999, early.pk, elsewhere.pk, cancelled.pk):
            assert await socket(world.mentee, session_id).connect() == (False, CLOSE_FORBIDDEN)
        mentee, welcome = await joined(world.mentee, room_session.pk)
        assert welcome["peers"] == []
        assert welcome["role"] == "mentee"
        assert not welcome["coaching"]
        await mentee.disconnect()

    run(scenario)


def test_people_see_each_other_come_and_go_and_signals_reach_only_their_peer(
    world: World, relationship: Relationship, room_session: MentoringSession
) -> None:
    # Someone in another relationship's room at the same time.
    add_member(world.programme, world.other_mentee, "mentee")
    other_rel = relationship_create(actor=world.lead, programme=world.programme,
                                    kind="one_to_one", mentors=[world.mentor],
                                    mentees=[world.other_mentee])  # fmt: skip
    other_session = live_session(other_rel)

    async def scenario() -> None:
        mentee, _welcome = await joined(world.mentee, room_session.pk)
        mentor, welcome = await joined(world.mentor, room_session.pk)
        assert [p["name"] for p in welcome["peers"]] == [str(world.mentee)]
        mentee_peer = welcome["peers"][0]["peer"]
        came = await next_of(mentee, "peer-joined")
        assert came["name"] == str(world.mentor)
        assert came["role"] == "mentor"
        mentor_peer = came["peer"]

        offer = {"description": {"type": "offer", "sdp": "v=0 fake"}}
        await mentor.send_json_to({"type": "signal", "to": mentee_peer, "data": offer})
        got = await next_of(mentee, "signal")
        assert got == {"type": "signal", "from": mentor_peer, "data": offer}

        # A peer in another room cannot be reached, and hears nothing of this one.
        stranger, _w = await joined(world.other_mentee, other_session.pk)
        stranger_peer = (await database_sync_to_async(
            lambda: Presence.objects.get(user=world.other_mentee).peer)())  # fmt: skip
        await mentor.send_json_to({"type": "signal", "to": stranger_peer, "data": offer})
        await stranger.send_json_to({"type": "signal", "to": mentee_peer, "data": offer})
        await mentee.send_json_to({"type": "chat", "text": "only for us"})
        assert await stranger.receive_nothing(timeout=0.4)

        await mentor.disconnect()
        left = await next_of(mentee, "peer-left")
        assert left["peer"] == mentor_peer
        await mentee.disconnect()
        await stranger.disconnect()

    run(scenario)
    visits = Visit.objects.filter(session=room_session)
    assert visits.count() == 2
    assert all(v.last_left_at for v in visits)
    assert not Presence.objects.exists()


def test_chat_reaches_everyone_once_in_order(
    world: World, relationship: Relationship, room_session: MentoringSession
) -> None:
    async def scenario() -> None:
        mentee, _w = await joined(world.mentee, room_session.pk)
        mentor, _w = await joined(world.mentor, room_session.pk)
        for i in range(6):
            sender = mentee if i % 2 else mentor
            await sender.send_json_to({"type": "chat", "text": f"line {i} <b>bold?</b>"})
        seen = []
        for client in (mentee, mentor):
            events = [await next_of(client, "chat") for _ in range(6)]
            assert await client.receive_nothing(timeout=0.3)
            seen.append([e["id"] for e in events])
            assert "&lt;b&gt;" in events[0]["html"]  # rendered inert
        stored = await database_sync_to_async(
            lambda: list(RoomMessage.objects.order_by("pk").values_list("pk", flat=True))
        )()
        assert seen == [stored, stored]
        await mentee.send_json_to({"type": "chat", "text": "x" * 1001})
        assert "1000" in (await next_of(mentee, "error"))["message"]
        await mentee.disconnect()
        await mentor.disconnect()

    run(scenario)


def test_notes_typed_live_merge_and_become_the_session_record(
    world: World, relationship: Relationship, room_session: MentoringSession
) -> None:
    async def scenario() -> None:
        mentee, _w = await joined(world.mentee, room_session.pk)
        mentor, _w = await joined(world.mentor, room_session.pk)
        await mentee.send_json_to(
            {"type": "notes", "part": "goal", "text": "Wait time\nQuestions", "base": ""}
        )
        ack = await next_of(mentee, "notes-ack")
        assert ack["text"] == "Wait time\nQuestions"
        seen = await next_of(mentor, "notes")
        assert (seen["part"], seen["text"], seen["by"]) == ("goal", ack["text"], str(world.mentee))
        # Both change different lines from the same text: both changes are kept.
        base = "Wait time\nQuestions"
        await mentor.send_json_to(
            {"type": "notes", "part": "goal", "text": "Wait time: five seconds\nQuestions",
             "base": base}
        )  # fmt: skip
        await next_of(mentor, "notes-ack")
        await mentee.send_json_to(
            {"type": "notes", "part": "goal", "text": "Wait time\nOpen questions", "base": base}
        )
        merged = await next_of(mentee, "notes-ack")
        assert merged["text"] == "Wait time: five seconds\nOpen questions"
        # The same line changed differently: nothing saved, theirs comes back.
        await mentee.send_json_to(
            {"type": "notes", "part": "goal", "text": "Pace\nOpen questions", "base": base}
        )
        conflict = await next_of(mentee, "notes-conflict")
        assert conflict["theirs"] == "Wait time: five seconds\nOpen questions"
        await mentee.send_json_to({"type": "notes", "part": "nope", "text": "", "base": ""})
        assert (await next_of(mentee, "error"))["message"]
        await mentee.disconnect()
        await mentor.disconnect()

    run(scenario)
    room_session.refresh_from_db()
    assert room_session.goal == "Wait time: five seconds\nOpen questions"
    assert room_session.record_version >= 2


def test_the_same_person_joining_again_replaces_their_old_page(
    world: World, relationship: Relationship, room_session: MentoringSession
) -> None:
    async def scenario() -> None:
        mentor, _w = await joined(world.mentor, room_session.pk)
        first, _w = await joined(world.mentee, room_session.pk)
        old_peer = (await next_of(mentor, "peer-joined"))["peer"]
        second, welcome = await joined(world.mentee, room_session.pk)
        assert [p["name"] for p in welcome["peers"]] == [str(world.mentor)]
        assert (await first.receive_output(5)) == {
            "type": "websocket.close",
            "code": CLOSE_REPLACED,
        }
        assert (await next_of(mentor, "peer-left"))["peer"] == old_peer
        assert (await next_of(mentor, "peer-joined"))["peer"] != old_peer
        await second.disconnect()
        await mentor.disconnect()

    run(scenario)


def test_a_room_holds_six(world: World) -> None:
    mentees = [UserFactory() for _ in range(6)]
    for person in mentees:
        add_member(world.programme, person, "mentee")
    group = relationship_create(actor=world.lead, programme=world.programme, kind="group",
                                mentors=[world.mentor], mentees=mentees)  # fmt: skip
    session = live_session(group)

    async def scenario() -> None:
        clients = [(await joined(person, session.pk))[0] for person in [world.mentor, *mentees[:5]]]
        seventh = socket(mentees[5], session.pk)
        assert (await seventh.connect())[0]
        await seventh.send_json_to({"type": "join"})
        assert (await seventh.receive_json_from())["code"] == "full"
        assert (await seventh.receive_output(5)) == {"type": "websocket.close", "code": CLOSE_FULL}
        for client in clients:
            await client.disconnect()

    run(scenario)


def test_someone_no_longer_in_the_relationship_is_disconnected_at_the_next_frame(
    world: World, relationship: Relationship, room_session: MentoringSession
) -> None:
    async def scenario() -> None:
        mentee, _w = await joined(world.mentee, room_session.pk)
        await database_sync_to_async(
            lambda: Relationship.objects.filter(pk=relationship.pk).update(
                status=RelationshipStatus.ENDED
            )
        )()
        await mentee.send_json_to({"type": "ping"})
        assert (await mentee.receive_output(5)) == {
            "type": "websocket.close", "code": CLOSE_FORBIDDEN,
        }  # fmt: skip

    run(scenario)


def test_recording_needs_everyone_and_stops_when_someone_new_comes(
    world: World, relationship: Relationship, room_session: MentoringSession
) -> None:
    async def scenario() -> None:
        mentor, _w = await joined(world.mentor, room_session.pk)
        mentee, _w = await joined(world.mentee, room_session.pk)
        await mentor.send_json_to({"type": "record-ask"})
        asked = await next_of(mentee, "recording")
        assert asked["status"] == "asking"
        assert asked["by"] == str(world.mentor)
        await mentee.send_json_to({"type": "record-answer", "id": asked["id"], "agree": False})
        assert (await next_of(mentor, "recording"))["status"] == "asking"  # the ask itself
        assert (await next_of(mentor, "recording"))["status"] == "declined"
        assert (await next_of(mentee, "recording"))["status"] == "declined"

        await mentor.send_json_to({"type": "record-ask"})
        again = await next_of(mentee, "recording")
        await mentee.send_json_to({"type": "record-answer", "id": again["id"], "agree": True})
        started = await next_of(mentee, "recording")
        assert started["status"] == "recording"
        # Someone who was not asked comes in: the recording stops at once.
        await database_sync_to_async(
            lambda: relationship.participants.create(user=world.other_mentee, role="co_mentor")
        )()
        newcomer, _welcome = await joined(world.other_mentee, room_session.pk)
        stopped = await next_of(mentee, "recording")
        assert stopped["status"] == "stopped"
        assert str(world.other_mentee) in stopped["reason"]
        for client in (mentor, mentee, newcomer):
            await client.disconnect()

    run(scenario)
    declined, agreed = Recording.objects.order_by("pk")
    assert declined.status == RecordingStatus.DECLINED
    assert agreed.status == RecordingStatus.STOPPED
    assert set(agreed.consents.values_list("user_id", "agreed")) == {
        (world.mentor.pk, True), (world.mentee.pk, True),
    }  # fmt: skip
    # Only its maker uploads it, only as audio/video data, and then everyone may play it.
    url = reverse("liveroom:recording_upload", args=[relationship.pk, room_session.pk, agreed.pk])
    mentee = world.client(world.mentee)
    assert mentee.post(url, {"file": SimpleUploadedFile("r.webm", WEBM)}).status_code == 404
    mentor = world.client(world.mentor)
    fake = SimpleUploadedFile("r.webm", b"MZ\x90\x00 not a recording")
    refused = mentor.post(url, {"file": fake})
    assert refused.status_code == 400
    assert "kind allowed" in refused.json()["error"]
    saved = mentor.post(url, {"file": SimpleUploadedFile("r.webm", WEBM), "duration": "42"})
    assert saved.status_code == 200, saved.content
    agreed.refresh_from_db()
    assert (agreed.status, agreed.duration_seconds) == (RecordingStatus.SAVED, 42)
    play = reverse("liveroom:recording", args=[relationship.pk, room_session.pk, agreed.pk])
    assert b"".join(mentee.get(play).streaming_content) == WEBM
    assert world.client(world.outsider).get(play).status_code == 404
    declined_url = reverse(
        "liveroom:recording_upload", args=[relationship.pk, room_session.pk, declined.pk]
    )
    refused = mentor.post(declined_url, {"file": SimpleUploadedFile("r.webm", WEBM)})
    assert refused.status_code == 400
    assert "not everyone agreed" in refused.json()["error"]


def test_live_coaching_prompts_reach_the_teacher_and_either_ends_it(
    world: World, relationship: Relationship, coaching_session: MentoringSession
) -> None:
    async def scenario() -> None:
        teacher, welcome = await joined(world.mentee, coaching_session.pk)
        assert (welcome["coaching"], welcome["teacher"]) == (True, True)
        coach, welcome = await joined(world.mentor, coaching_session.pk)
        assert (welcome["coaching"], welcome["teacher"]) == (True, False)
        assert welcome["peers"][0]["teacher"] is True
        await coach.send_json_to({"type": "prompt", "text": "Wait time: count to five"})
        prompt = await next_of(teacher, "prompt")
        assert prompt["text"] == "Wait time: count to five"
        # The teacher sends no prompts and nobody chats during live coaching.
        await teacher.send_json_to({"type": "prompt", "text": "hello"})
        assert "coach" in (await next_of(teacher, "error"))["message"]
        await coach.send_json_to({"type": "chat", "text": "hello"})
        assert "prompts" in (await next_of(coach, "error"))["message"]
        await teacher.send_json_to({"type": "end"})
        assert (await next_of(coach, "ended"))["by"] == str(world.mentee)
        for client in (coach, teacher):
            while (output := await client.receive_output(5))["type"] != "websocket.close":
                pass
            assert output["code"] == CLOSE_ENDED

    run(scenario)
    prompts = list(RoomMessage.objects.filter(session=coaching_session).values_list("kind", "text"))
    assert prompts == [(Kind.PROMPT, "Wait time: count to five")]


def test_malformed_frames_get_an_error_not_a_crash(
    world: World, relationship: Relationship, room_session: MentoringSession
) -> None:
    async def scenario() -> None:
        mentee = socket(world.mentee, room_session.pk)
        assert (await mentee.connect())[0]
        await mentee.send_json_to({"type": "chat", "text": "before joining"})
        assert (await mentee.receive_json_from())["type"] == "error"
        await mentee.send_json_to({"type": "join"})
        assert (await mentee.receive_json_from())["type"] == "welcome"
        for payload in ([1], {"type": 3}, {"type": "signal"}, {"type": "signal", "to": 1},
                        {"type": "chat"}, {"type": "notes", "part": 1}, {"type": "record-answer",
                        "id": "x"}, {"type": "record-stop", "id": 99999}, {"type": "end"},
                        {"type": "nope"}, {"type": "join"}):  # fmt: skip
            await mentee.send_json_to(payload)
            assert (await next_of(mentee, "error"))["message"], payload
        await mentee.send_text("{not json")
        assert (await next_of(mentee, "error"))["message"]
        await mentee.disconnect()

    run(scenario)
