"""The room socket of a session: signalling for the browsers' WebRTC mesh,
presence, chat and coaching prompts, the notes edited live, recording
consent, and ending live coaching.

Only the relationship's participants connect, while the room is open; the
check runs again on every frame, so someone removed (or a relationship that
ends) is disconnected at the next frame or heartbeat.

Client → server frames (JSON objects with a ``type``): ``join``, ``signal``
(``to``, ``data``), ``state``, ``chat``/``prompt`` (``text``), ``notes``
(``part``, ``text``, ``base``), ``record-ask``, ``record-answer`` (``id``,
``agree``), ``record-stop`` (``id``), ``end``, ``ping``, ``leave``.
Server → client: ``welcome``, ``peer-joined``, ``peer-left``, ``peer-state``,
``signal``, ``chat``, ``prompt``, ``notes``, ``notes-ack``,
``notes-conflict``, ``recording``, ``ended``, ``pong``, ``error``."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tandem.core.sockets import JsonConsumer
from tandem.mentoring.models import MentoringSession
from tandem.mentoring.models.sessions import RECORD_FIELDS

from . import access, ice, services
from .models import Kind, Presence, Recording, RecordingStatus, RoomMessage

#: close codes the page understands
CLOSE_REPLACED = 4000  # the same person joined from another page
CLOSE_FORBIDDEN = 4403  # not allowed (do not retry)
CLOSE_FULL = 4409
CLOSE_ENDED = 4410  # live coaching was ended

#: what a peer may say about itself to the others
STATE_KEYS = ("audio_only", "mic", "camera", "screen")


def room_group(session_id: int) -> str:
    return f"room.{session_id}"


def describe(presence: Presence, seat_role: str, coaching: bool) -> dict[str, Any]:
    return {"peer": presence.peer, "name": str(presence.user), "role": seat_role,
            "teacher": coaching and seat_role == "mentee", "audio_only": presence.audio_only}  # fmt: skip


def recording_state(recording: Recording | None) -> dict[str, Any] | None:
    if recording is None:
        return None
    return {"id": recording.pk, "status": recording.status, "recorder": recording.recorder_peer,
            "by": str(recording.requested_by or ""), "reason": recording.stop_reason,
            "waiting": len(recording.required_user_ids)}  # fmt: skip


class RoomConsumer(JsonConsumer):
    peer: str = ""
    seat: access.Seat | None = None

    async def connect(self) -> None:
        self.user = self.scope.get("user")
        session_id = self.scope["url_route"]["kwargs"]["pk"]
        self.seat = await database_sync_to_async(access.seat_for)(self.user, session_id)
        if self.seat is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.group = room_group(self.seat.session.pk)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self._depart()

    async def _depart(self) -> None:
        """Out of the room: the others are told, and a recording this page was
        making stops (its file is still uploaded over HTTP)."""
        if not self.peer:
            return
        await self.channel_layer.group_discard(self.group, self.channel_name)
        left, stopped = await self._leave()
        self.peer = ""
        if left is not None:
            await self._tell_room({"type": "peer-left", "peer": left.peer})
        if stopped is not None:
            await self._tell_recording(stopped)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        assert self.seat is not None
        if not await database_sync_to_async(access.still_seated)(
            self.user.pk, self.seat.session.pk
        ):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_json(
                {"type": "error", "message": "Expected a JSON object with a type."}
            )
            return
        kind = content["type"]
        if kind == "join":
            await self._join(bool(content.get("audio_only")))
            return
        if not self.peer:
            await self.send_json({"type": "error", "message": "Join the room first."})
            return
        handler = {
            "signal": self._signal, "state": self._state, "chat": self._chat,
            "prompt": self._chat, "notes": self._notes, "record-ask": self._record_ask,
            "record-answer": self._record_answer, "record-stop": self._record_stop,
            "end": self._end, "ping": self._ping, "leave": self._leave_now,
        }.get(kind)  # fmt: skip
        if handler is None:
            await self.send_json({"type": "error", "message": "Unknown request."})
            return
        try:
            await handler(content)
        except ValidationError as error:
            await self.send_json({"type": "error", "message": " ".join(error.messages)})

    # --- frames -------------------------------------------------------------------

    async def _join(self, audio_only: bool) -> None:
        assert self.seat is not None
        if self.peer:
            await self.send_json({"type": "error", "message": "Already in the room."})
            return
        try:
            joined = await database_sync_to_async(services.presence_join)(
                actor=self.user, seat=self.seat, channel_name=self.channel_name,
                audio_only=audio_only,
            )  # fmt: skip
        except services.RoomFull:
            await self.send_json({"type": "error", "code": "full",
                                  "message": "The room is full: a call holds six people."})  # fmt: skip
            await self.close(code=CLOSE_FULL)
            return
        self.peer = joined.presence.peer
        if joined.replaced is not None:
            await self.channel_layer.send(joined.replaced.channel_name, {"type": "room.replaced"})
            await self._tell_room({"type": "peer-left", "peer": joined.replaced.peer})
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.send_json(await self._welcome(joined))
        me = describe(joined.presence, self.seat.role, self.seat.coaching)
        await self._tell_room({"type": "peer-joined", **me}, skip=self.peer)
        if joined.stopped is not None:
            await self._tell_recording(joined.stopped)

    async def _signal(self, content: dict[str, Any]) -> None:
        target, data = content.get("to"), content.get("data")
        if not isinstance(target, str) or not isinstance(data, dict):
            await self.send_json({"type": "error", "message": "A signal needs “to” and “data”."})
            return
        channel = await self._channel_of(target)
        if channel is None:  # gone, or not in this room: say nothing about it
            return
        await self.channel_layer.send(
            channel, {"type": "room.signal", "from": self.peer, "data": data}
        )

    async def _state(self, content: dict[str, Any]) -> None:
        state = {key: bool(content.get(key)) for key in STATE_KEYS}
        await database_sync_to_async(services.presence_touch)(
            peer=self.peer, audio_only=state["audio_only"]
        )
        await self._tell_room({"type": "peer-state", "peer": self.peer, **state}, skip=self.peer)

    async def _chat(self, content: dict[str, Any]) -> None:
        assert self.seat is not None
        text = content.get("text")
        if not isinstance(text, str):
            await self.send_json({"type": "error", "message": "Write something first."})
            return
        kind = Kind.PROMPT if content["type"] == "prompt" else Kind.CHAT
        message = await database_sync_to_async(services.room_message_post)(
            actor=self.user, seat=self.seat, kind=kind, text=text
        )
        await self.channel_layer.group_send(self.group, {"type": "room.line", "id": message.pk})

    async def _notes(self, content: dict[str, Any]) -> None:
        assert self.seat is not None
        part, text, base = content.get("part"), content.get("text"), content.get("base", "")
        if not (isinstance(part, str) and isinstance(text, str) and isinstance(base, str)):
            await self.send_json({"type": "error", "message": "Notes need a part and its text."})
            return
        result = await database_sync_to_async(services.notes_edit)(
            actor=self.user, seat=self.seat, part=part, text=text, base=base
        )
        if not result.saved:
            await self.send_json({"type": "notes-conflict", "part": part, "theirs": result.theirs,
                                  "by": result.by, "version": result.version})  # fmt: skip
            return
        await self.send_json(
            {"type": "notes-ack", "part": part, "text": result.text, "version": result.version}
        )
        await self._tell_room(
            {"type": "notes", "part": part, "text": result.text, "version": result.version,
             "by": str(self.user)},
            skip=self.peer,
        )  # fmt: skip

    async def _record_ask(self, content: dict[str, Any]) -> None:
        assert self.seat is not None
        recording = await database_sync_to_async(services.recording_request)(
            actor=self.user, seat=self.seat, peer=self.peer
        )
        await self._tell_recording(recording)

    async def _recording_here(self, content: dict[str, Any]) -> Recording | None:
        assert self.seat is not None
        try:
            pk = int(content.get("id", 0))
        except (TypeError, ValueError):
            return None
        return await database_sync_to_async(
            Recording.objects.filter(session_id=self.seat.session.pk, pk=pk)
            .select_related("session__relationship__programme", "requested_by")
            .first
        )()

    async def _record_answer(self, content: dict[str, Any]) -> None:
        recording = await self._recording_here(content)
        if recording is None:
            await self.send_json({"type": "error", "message": "No such request to record."})
            return
        recording = await database_sync_to_async(services.recording_answer)(
            actor=self.user, recording=recording, agree=content.get("agree") is True
        )
        await self._tell_recording(recording)

    async def _record_stop(self, content: dict[str, Any]) -> None:
        recording = await self._recording_here(content)
        if recording is None:
            await self.send_json({"type": "error", "message": "No such recording."})
            return
        recording = await database_sync_to_async(services.recording_stop)(
            actor=self.user, recording=recording
        )
        await self._tell_recording(recording)

    async def _end(self, content: dict[str, Any]) -> None:
        assert self.seat is not None
        await database_sync_to_async(services.coaching_end)(actor=self.user, seat=self.seat)
        await self.channel_layer.group_send(
            self.group, {"type": "room.ended", "by": str(self.user)}
        )

    async def _ping(self, content: dict[str, Any]) -> None:
        if not await database_sync_to_async(services.presence_touch)(peer=self.peer):
            await self.close(code=CLOSE_REPLACED)
            return
        await self.send_json({"type": "pong"})

    async def _leave_now(self, content: dict[str, Any]) -> None:
        await self._depart()
        await self.close(code=1000)

    # --- events from the channel layer ---------------------------------------------

    async def room_event(self, event: dict[str, Any]) -> None:
        if self.peer and event.get("skip") != self.peer:
            await self.send_json(event["event"])

    async def room_signal(self, event: dict[str, Any]) -> None:
        if self.peer:
            await self.send_json({"type": "signal", "from": event["from"], "data": event["data"]})

    async def room_line(self, event: dict[str, Any]) -> None:
        if not self.peer:
            return
        line = await self._render_line(event["id"])
        if line is not None:
            await self.send_json(line)

    async def room_replaced(self, event: dict[str, Any]) -> None:
        self.peer = ""  # the new page holds this person's place now
        await self.channel_layer.group_discard(self.group, self.channel_name)
        await self.close(code=CLOSE_REPLACED)

    async def room_ended(self, event: dict[str, Any]) -> None:
        if self.peer:
            await self.send_json({"type": "ended", "by": event["by"]})
            await self.close(code=CLOSE_ENDED)

    # --- helpers ----------------------------------------------------------------------

    async def _tell_room(self, event: dict[str, Any], *, skip: str | None = None) -> None:
        await self.channel_layer.group_send(
            self.group, {"type": "room.event", "event": event, "skip": skip}
        )

    async def _tell_recording(self, recording: Recording) -> None:
        state = await database_sync_to_async(recording_state)(recording)
        await self._tell_room({"type": "recording", **(state or {})})

    @database_sync_to_async
    def _welcome(self, joined: services.Joined) -> dict[str, Any]:
        assert self.seat is not None
        seat = self.seat
        roles = dict(seat.session.relationship.participants.values_list("user_id", "role"))
        session = MentoringSession.objects.get(pk=seat.session.pk)
        return {
            "type": "welcome", "peer": self.peer, "role": seat.role, "coaching": seat.coaching,
            "teacher": seat.teacher,
            "peers": [describe(p, roles.get(p.user_id, ""), seat.coaching) for p in joined.others],
            "ice_servers": ice.ice_servers(self.user.pk),
            "notes": {part: getattr(session, part) for part in RECORD_FIELDS},
            "version": session.record_version,
            "recording": recording_state(services.active_recording(session.pk)),
        }  # fmt: skip

    @database_sync_to_async
    def _channel_of(self, peer: str) -> str | None:
        assert self.seat is not None
        return (
            Presence.objects.filter(session_id=self.seat.session.pk, peer=peer)
            .values_list("channel_name", flat=True)
            .first()
        )

    @database_sync_to_async
    def _leave(self) -> tuple[Presence | None, Recording | None]:
        left = services.presence_leave(peer=self.peer)
        stopped = None
        if left is not None:
            recording = services.active_recording(left.session_id)
            if (
                recording is not None
                and recording.recorder_peer == left.peer
                and recording.status in (RecordingStatus.ASKING, RecordingStatus.RECORDING)
            ):
                stopped = services.recording_stop(
                    actor=self.user, recording=recording,
                    reason=f"{self.user} left the call while recording.",
                )  # fmt: skip
        return left, stopped

    @database_sync_to_async
    def _render_line(self, message_id: int) -> dict[str, Any] | None:
        line = RoomMessage.objects.select_related("author").filter(pk=message_id).first()
        if line is None:
            return None
        with (
            translation.override(self.user.language or None),
            timezone.override(self.user.time_zone or "UTC"),
        ):
            html = render_to_string("liveroom/_line.html", {"line": line})
        return {"type": line.kind, "id": line.pk, "html": html, "text": line.text}
