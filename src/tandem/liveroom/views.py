"""The room page, the recording upload and playback, and the panel the room
adds to the session page (who came, the chat, coaching prompts, recordings)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.http import private_file
from tandem.core.live import push
from tandem.mentoring.access import session_in
from tandem.mentoring.models import Relationship
from tandem.mentoring.models.sessions import RECORD_FIELDS, MentoringSession
from tandem.mentoring.views.base import relationship_view

from . import access, selectors, services
from .consumers import recording_state, room_group
from .models import ROOM_LIMIT


def _texts() -> dict[str, str]:
    """What the room's script says, in the reader's language."""
    return {
        "connecting": _("Connecting…"),
        "alone": _("You are the only one here; the others appear when they join."),
        "with": _("In the call with {names}."),
        "reconnecting": _("Connection lost — reconnecting…"),
        "full": _("The room is full: a call holds six people. Try again when someone leaves."),
        "forbidden": _("You cannot be in this room now: it has closed, or you are no longer in this relationship."),
        "replaced": _("You joined from another window or device, so this page left the call."),
        "ended": _("{who} ended the live coaching."),
        "left": _("You left the call."),
        "micBlocked": _("Your browser is blocking the microphone for this site. Allow it in the site settings (the icon beside the address), then choose Join again. Meanwhile you can listen and use the chat."),
        "micMissing": _("No microphone was found. Plug one in and choose Join again; meanwhile you can listen and use the chat."),
        "micBusy": _("Another program is using the microphone. Close it and choose Join again."),
        "camBlocked": _("Your browser is blocking the camera for this site. Allow it in the site settings, then turn the camera on again."),
        "camMissing": _("No camera was found. You are still in the call by voice."),
        "camBusy": _("Another program is using the camera. Close it and try again."),
        "screenFailed": _("The screen is not being shared (it was not allowed, or this browser cannot)."),
        "noMedia": _("This browser cannot use a microphone or camera here. Use a recent browser over HTTPS; you can still listen and chat."),
        "cameraOff": _("camera off"),
        "muted": _("muted"),
        "audioOnly": _("audio only"),
        "screen": _("sharing their screen"),
        "connectingPeer": _("connecting…"),
        "trouble": _("connection trouble — retrying"),
        "ask": _("{who} asks to record the sound of this call."),
        "waiting": _("Waiting for everyone to agree to the recording…"),
        "recording": _("● Recording the sound — everyone agreed. Anyone can stop it."),
        "declined": _("Not recorded: someone declined."),
        "stopped": _("The recording stopped. {reason}"),
        "uploading": _("Saving the recording…"),
        "saved": _("The recording is in the session record."),
        "uploadFailed": _("The recording could not be saved: {error}"),
        "stop": _("Stop recording"),
        "record": _("Record…"),
        "saving": _("Saving…"),
        "notesSaved": _("Saved to the session record (version {n})."),
        "notesBy": _("{who} changed the notes."),
        "conflict": _("{who} changed the same lines at the same moment. Your text stays in the box and theirs is below; combine them and keep typing."),
        "useBoth": _("Put their text above mine"),
        "someone": _("Someone"),
        "you": _("You"),
        "listening": _("You are listening: no microphone."),
        "coachHere": _("Your coach is connected and listening."),
        "teacherMissing": _("Waiting for the teacher's page to connect…"),
    }  # fmt: skip


@relationship_view
def room(request: HttpRequest, relationship: Relationship, session_id: int) -> HttpResponse:
    session = session_in(relationship, session_id)
    seat = access.seat_at(session, request.user)
    return render(
        request, "liveroom/room.html",
        {"relationship": relationship, "session": session, "seat": seat,
         "state": access.room_state(session), "limit": ROOM_LIMIT,
         "opens_at": session.starts_at - access.OPENS_BEFORE,
         "parts": list(RECORD_FIELDS.items()),
         "quick_prompts": selectors.QUICK_PROMPTS, "texts": _texts()},
    )  # fmt: skip


@relationship_view
@require_POST
def recording_upload(
    request: HttpRequest, relationship: Relationship, session_id: int, recording_id: int
) -> JsonResponse:
    session = session_in(relationship, session_id)
    recording = access.recording_to_upload(session, request.user, recording_id)
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"error": _("No recording was sent.")}, status=400)
    try:
        duration = int(request.POST.get("duration") or 0)
    except ValueError:
        duration = 0
    try:
        recording = services.recording_upload(
            actor=request.user, recording=recording, upload=upload, duration_seconds=duration
        )
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    event = {"type": "recording", **(recording_state(recording) or {})}
    push(room_group(session.pk), {"type": "room.event", "event": event, "skip": None})
    return JsonResponse({"ok": True, "id": recording.pk})


@relationship_view
def recording_file(
    request: HttpRequest, relationship: Relationship, session_id: int, recording_id: int
) -> HttpResponseBase:
    recording = access.recording_in(session_in(relationship, session_id), recording_id)
    return private_file(recording.file, content_type=recording.content_type, request=request,
                        filename=f"session-{session_id}-recording-{recording.pk}.webm")  # fmt: skip


def session_panel(
    request: HttpRequest, *, relationship: Relationship, session: MentoringSession, **_: Any
) -> str:
    """The room's part of the session page."""
    if not session.in_live_room:
        return ""
    return render_to_string(
        "liveroom/session_panel.html",
        {"relationship": relationship, "session": session, "state": access.room_state(session),
         **selectors.session_room_record(session)},
        request=request,
    )  # fmt: skip
