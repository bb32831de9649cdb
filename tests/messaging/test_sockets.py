"""The conversation socket: only present members connect or receive; every
message reaches every participant exactly once, in order; someone removed is
disconnected; the check runs again on every message a client sends."""

from __future__ import annotations

from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from tandem.mentoring.models import Relationship
from tandem.messaging import services
from tandem.messaging.consumers import CLOSE_FORBIDDEN
from tandem.messaging.models import Conversation, Message
from tandem.messaging.routing import websocket_urlpatterns

from ..conftest import World
from .socket_client import SocketClient, run

pytestmark = pytest.mark.django_db(transaction=True)
router = URLRouter(websocket_urlpatterns)


def connect(user: Any, conversation_id: int) -> SocketClient:
    communicator = SocketClient(router, f"/ws/conversations/{conversation_id}/")
    communicator.scope["user"] = user
    return communicator


def test_outsiders_and_anonymous_people_cannot_connect(
    world: World, conversation: Conversation
) -> None:
    from django.contrib.auth.models import AnonymousUser

    async def scenario() -> None:
        for user in (
            world.other_mentee,
            world.facilitator,
            world.lead,
            world.outsider,
            AnonymousUser(),
        ):
            communicator = connect(user, conversation.pk)
            connected, code = await communicator.connect()
            assert not connected, user
            assert code == CLOSE_FORBIDDEN, user
        # A conversation that does not exist looks the same.
        communicator = connect(world.mentee, conversation.pk + 999)
        connected, code = await communicator.connect()
        assert not connected
        assert code == CLOSE_FORBIDDEN

    run(scenario)


def test_each_message_reaches_every_participant_once_in_order(
    world: World, conversation: Conversation
) -> None:
    async def scenario() -> None:
        mentee, mentor = (
            connect(world.mentee, conversation.pk),
            connect(world.mentor, conversation.pk),
        )
        assert (await mentee.connect())[0]
        assert (await mentor.connect())[0]
        # Over the socket and over HTTP (the service), interleaved.
        await mentee.send_json_to({"type": "send", "body": "one"})
        await database_sync_to_async(services.message_post)(
            actor=world.mentor, conversation=conversation, body="two"
        )
        await mentee.send_json_to({"type": "send", "body": "three"})
        received = []
        for communicator in (mentee, mentor):
            events = [await communicator.receive_json_from(timeout=5) for _ in range(3)]
            assert all(e["type"] == "message" and not e["changed"] for e in events)
            assert await communicator.receive_nothing(timeout=0.3)  # nothing twice
            received.append([e["id"] for e in events])
        stored = await database_sync_to_async(
            lambda: list(Message.objects.order_by("pk").values_list("pk", flat=True))
        )()
        # Both saw all three, once each, in the order they were stored.
        assert received == [stored, stored]
        # The page marks "You" on one's own message only.
        await mentee.disconnect()
        await mentor.disconnect()

    run(scenario)
    assert sorted(Message.objects.values_list("body", "via")) == [
        ("one", "socket"), ("three", "socket"), ("two", "web"),
    ]  # fmt: skip


def test_a_reconnecting_page_catches_up_on_what_it_missed(
    world: World, conversation: Conversation
) -> None:
    first = services.message_post(actor=world.mentor, conversation=conversation, body="before")
    services.message_post(actor=world.mentor, conversation=conversation, body="missed one")
    services.message_post(actor=world.mentor, conversation=conversation, body="missed two")

    async def scenario() -> None:
        mentee = connect(world.mentee, conversation.pk)
        assert (await mentee.connect())[0]
        await mentee.send_json_to({"type": "since", "id": first.pk})
        got = [await mentee.receive_json_from(timeout=5) for _ in range(2)]
        assert ["missed one" in got[0]["html"], "missed two" in got[1]["html"]] == [True, True]
        assert await mentee.receive_nothing(timeout=0.3)
        await mentee.disconnect()

    run(scenario)


def test_a_removed_member_is_disconnected_and_rechecked_on_every_message(world: World) -> None:
    group = services.group_start(actor=world.facilitator, programme=world.programme,
                                 title="Circle", people=[world.mentor, world.mentee])  # fmt: skip

    async def scenario() -> None:
        mentee = connect(world.mentee, group.pk)
        assert (await mentee.connect())[0]
        await database_sync_to_async(services.group_member_remove)(
            actor=world.facilitator, conversation=group, user=world.mentee
        )
        output = await mentee.receive_output(timeout=5)
        assert output == {"type": "websocket.close", "code": CLOSE_FORBIDDEN}
        # After removal nothing more reaches them, even on a socket that stayed open.
        mentor = connect(world.mentor, group.pk)
        assert (await mentor.connect())[0]
        from tandem.messaging.models import Member

        await database_sync_to_async(
            lambda: Member.objects.filter(conversation=group, user=world.mentor).update(
                left_at="2026-01-01T00:00Z"
            )
        )()
        await mentor.send_json_to({"type": "send", "body": "still here?"})
        output = await mentor.receive_output(timeout=5)
        assert output == {"type": "websocket.close", "code": CLOSE_FORBIDDEN}

    run(scenario)
    assert not Message.objects.filter(body="still here?").exists()


def test_malformed_requests_get_an_error_not_a_crash(
    world: World, conversation: Conversation
) -> None:
    async def scenario() -> None:
        mentee = connect(world.mentee, conversation.pk)
        assert (await mentee.connect())[0]
        for payload in ([1, 2], {"type": "send"}, {"type": "read", "id": "x"}, {"type": "nope"},
                        {"type": "send", "body": ""}):  # fmt: skip
            await mentee.send_json_to(payload)
            event = await mentee.receive_json_from(timeout=5)
            assert event["type"] == "error", payload
        await mentee.send_text("not json at all{")
        assert (await mentee.receive_json_from(timeout=5))["type"] == "error"
        await mentee.disconnect()

    run(scenario)


def test_the_real_stack_signs_people_in_from_their_session_cookie(
    world: World, relationship: Relationship, conversation: Conversation
) -> None:
    from tandem.asgi import application

    store = SessionStore()
    store[SESSION_KEY] = str(world.mentee.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = world.mentee.get_session_auth_hash()
    store.create()

    async def scenario() -> None:
        headers = [(b"origin", b"http://testserver"), (b"host", b"testserver"),
                   (b"cookie", f"sessionid={store.session_key}".encode())]  # fmt: skip
        communicator = SocketClient(application, f"/ws/conversations/{conversation.pk}/", headers)
        assert (await communicator.connect())[0]
        await communicator.disconnect()
        stranger = SocketClient(application, f"/ws/conversations/{conversation.pk}/",
                                         [(b"origin", b"http://testserver"), (b"host", b"testserver")])  # fmt: skip
        assert not (await stranger.connect())[0]

    run(scenario)
