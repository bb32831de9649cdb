"""Writes of the live room: joining and leaving, chat and coaching prompts,
the session's notes edited live, and recordings made only with everyone's
consent. The socket consumer calls these; each pushes nothing itself (the
consumer tells the room once the write has committed)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import log_action
from tandem.core.uploads import check_upload
from tandem.mentoring.merge import merge3
from tandem.mentoring.models import MentoringSession
from tandem.mentoring.models.sessions import RECORD_FIELDS
from tandem.mentoring.services import relationship_record_contact, session_record_save

from .access import Seat
from .models import (
    ROOM_LIMIT,
    Kind,
    Presence,
    Recording,
    RecordingConsent,
    RecordingStatus,
    RoomMessage,
    Visit,
)

#: a page that has not sent its heartbeat for this long no longer counts as in the room
STALE_AFTER = timedelta(seconds=75)
TEXT_LIMIT = 1000
NOTES_LIMIT = 20_000
RECORDING_KINDS = frozenset({"video/webm", "audio/ogg"})
ACTIVE_RECORDING = (RecordingStatus.ASKING, RecordingStatus.RECORDING, RecordingStatus.STOPPED)


class RoomFull(Exception):
    pass


@dataclass
class Joined:
    presence: Presence
    #: this person's earlier page (a reconnect, or another tab), now out of the room
    replaced: Presence | None
    others: list[Presence]
    #: a recording stopped because someone who had not agreed came in
    stopped: Recording | None = None


def present(session_id: int) -> list[Presence]:
    cutoff = timezone.now() - STALE_AFTER
    return list(
        Presence.objects.filter(session_id=session_id, seen_at__gte=cutoff)
        .select_related("user")
        .order_by("joined_at", "pk")
    )


def presence_join(*, actor: Any, seat: Seat, channel_name: str, audio_only: bool = False) -> Joined:
    """Come into the room. Someone already in it from another page is replaced
    (their old page is told to stop); a full room raises :class:`RoomFull`."""
    session = seat.session
    now = timezone.now()
    with transaction.atomic():
        # Joins to one room go one at a time, so the limit holds.
        MentoringSession.objects.select_for_update().filter(pk=session.pk).first()
        Presence.objects.filter(session=session, seen_at__lt=now - STALE_AFTER).delete()
        replaced = Presence.objects.filter(session=session, user=actor).first()
        if replaced is not None:
            replaced.delete()
        others = present(session.pk)
        if len(others) >= ROOM_LIMIT:
            raise RoomFull
        presence = Presence.objects.create(
            session=session, user=actor, peer=secrets.token_hex(8), channel_name=channel_name,
            audio_only=audio_only, joined_at=now, seen_at=now,
        )  # fmt: skip
        visit, created = Visit.objects.get_or_create(
            session=session, user=actor, defaults={"first_joined_at": now}
        )
        if not created and visit.last_left_at is not None:
            Visit.objects.filter(pk=visit.pk).update(last_left_at=None)
        if others:  # two people met: that is contact for the cadence
            relationship_record_contact(relationship=session.relationship, at=now)
        stopped = _stop_for_newcomer(session, actor)
    return Joined(presence=presence, replaced=replaced, others=others, stopped=stopped)


def presence_leave(*, peer: str) -> Presence | None:
    """The page with ``peer`` left (or its socket closed). None when it was
    already gone, e.g. replaced by the same person's new page."""
    presence = Presence.objects.filter(peer=peer).first()
    if presence is None:
        return None
    presence.delete()
    Visit.objects.filter(session_id=presence.session_id, user_id=presence.user_id).update(
        last_left_at=timezone.now()
    )
    return presence


def presence_touch(*, peer: str, audio_only: bool | None = None) -> bool:
    """The page's heartbeat (and audio-only switch); False when it is no longer in the room."""
    changes: dict[str, Any] = {"seen_at": timezone.now()}
    if audio_only is not None:
        changes["audio_only"] = audio_only
    return Presence.objects.filter(peer=peer).update(**changes) == 1


def room_message_post(*, actor: Any, seat: Seat, kind: str, text: str) -> RoomMessage:
    """A chat line (in a room) or a coach's prompt (in live coaching)."""
    text = text.replace("\x00", "").strip()
    if not text:
        raise ValidationError(_("Write something first."))
    if len(text) > TEXT_LIMIT:
        raise ValidationError(
            _("Keep it under %(n)d characters (this is %(len)d).")
            % {"n": TEXT_LIMIT, "len": len(text)}
        )
    if kind == Kind.PROMPT:
        if not (seat.coaching and seat.guide):
            raise ValidationError(_("Only the coach sends prompts, during live coaching."))
    elif kind == Kind.CHAT:
        if seat.coaching:
            raise ValidationError(_("During live coaching the coach sends prompts, not chat."))
    else:
        raise ValidationError(_("Unknown kind of message."))
    return RoomMessage.objects.create(session=seat.session, author=actor, kind=kind, text=text)


@dataclass
class NotesEdit:
    saved: bool
    #: the part's text now in the record (or, when not saved, what was sent)
    text: str
    version: int
    #: when not saved: the other person's text for the same lines
    theirs: str = ""
    by: str = ""
    notes: dict[str, str] = field(default_factory=dict)


def notes_edit(*, actor: Any, seat: Seat, part: str, text: str, base: str) -> NotesEdit:
    """Someone typed into one part of the session's shared record during the
    call. ``base`` is the text their edit started from: changes others made
    meanwhile are merged line by line; when the same lines changed, nothing is
    saved and their text comes back so the writer can combine the two."""
    if part not in RECORD_FIELDS:
        raise ValidationError(_("That is not a part of the session record."))
    text, base = text.replace("\r\n", "\n"), base.replace("\r\n", "\n")
    if len(text) > NOTES_LIMIT:
        raise ValidationError(_("That part is too long to keep (at most 20,000 characters)."))
    for _attempt in range(3):
        current = MentoringSession.objects.select_related("relationship__programme").get(
            pk=seat.session.pk
        )
        now_text = getattr(current, part)
        merged = merge3(base, text, now_text)
        if merged is None:
            latest = current.revisions.select_related("author").first()
            by = str(latest.author) if latest and latest.author else ""
            return NotesEdit(saved=False, text=text, version=current.record_version,
                             theirs=now_text, by=by)  # fmt: skip
        if merged == now_text:
            return NotesEdit(saved=True, text=merged, version=current.record_version)
        fields = current.record()
        fields[part] = merged
        result = session_record_save(
            actor=actor, session=current, fields=fields, base_version=current.record_version
        )
        if result.saved:
            return NotesEdit(saved=True, text=merged, version=result.version)
        # Someone saved between reading and writing: read again and retry.
    raise ValidationError(_("The notes are changing too fast to save; try again in a moment."))


# --- recordings ----------------------------------------------------------------------


def active_recording(session_id: int) -> Recording | None:
    return (
        Recording.objects.filter(session_id=session_id, status__in=ACTIVE_RECORDING)
        .order_by("-created_at")
        .first()
    )


def recording_request(*, actor: Any, seat: Seat, peer: str) -> Recording:
    """Ask everyone in the room to agree to record the call's sound. The page
    ``peer`` records it; the asker's own consent is recorded with the request."""
    session = seat.session
    with transaction.atomic():
        MentoringSession.objects.select_for_update().filter(pk=session.pk).first()
        if active_recording(session.pk) is not None:
            raise ValidationError(_("A recording is already being asked for or made."))
        here = sorted({p.user_id for p in present(session.pk)})
        if actor.pk not in here:
            raise ValidationError(_("Join the call before asking to record it."))
        recording = Recording.objects.create(
            session=session, requested_by=actor, recorder_peer=peer, required_user_ids=here
        )
        RecordingConsent.objects.create(recording=recording, user=actor, agreed=True)
        log_action(actor, "recording.requested", session.relationship, {"people": len(here)},
                   scope=session.relationship.programme)  # fmt: skip
        _settle(recording)
    return recording


def recording_answer(*, actor: Any, recording: Recording, agree: bool) -> Recording:
    with transaction.atomic():
        recording = Recording.objects.select_for_update().get(pk=recording.pk)
        if recording.status != RecordingStatus.ASKING:
            raise ValidationError(_("That request to record has been settled already."))
        if actor.pk not in recording.required_user_ids:
            raise ValidationError(_("Only the people in the room when it was asked answer."))
        RecordingConsent.objects.update_or_create(
            recording=recording, user=actor,
            defaults={"agreed": agree, "answered_at": timezone.now()},
        )  # fmt: skip
        relationship = recording.session.relationship
        log_action(actor, "recording.agreed" if agree else "recording.declined", relationship,
                   scope=relationship.programme)  # fmt: skip
        _settle(recording)
    return recording


def _settle(recording: Recording) -> None:
    answers = dict(recording.consents.values_list("user_id", "agreed"))
    if not all(answers.values()):
        recording.status = RecordingStatus.DECLINED
        recording.stopped_at = timezone.now()
    elif set(recording.required_user_ids) <= set(answers):
        recording.status = RecordingStatus.RECORDING
        recording.started_at = timezone.now()
    recording.save()


def recording_stop(*, actor: Any, recording: Recording, reason: str = "") -> Recording:
    """Anyone in the room stops a recording (or withdraws a request) at once."""
    with transaction.atomic():
        recording = Recording.objects.select_for_update().get(pk=recording.pk)
        if recording.status == RecordingStatus.ASKING:
            recording.status = RecordingStatus.DECLINED
        elif recording.status == RecordingStatus.RECORDING:
            recording.status = RecordingStatus.STOPPED
        else:
            return recording
        recording.stop_reason = reason[:200] or _("Stopped by %(who)s.") % {"who": actor}
        recording.stopped_at = timezone.now()
        recording.save()
    return recording


def _stop_for_newcomer(session: MentoringSession, user: Any) -> Recording | None:
    recording = active_recording(session.pk)
    if recording is None or recording.status == RecordingStatus.STOPPED:
        return None
    if user.pk in recording.required_user_ids:
        return None
    return recording_stop(
        actor=user, recording=recording,
        reason=_("%(who)s joined, who had not agreed to the recording.") % {"who": user},
    )  # fmt: skip


def recording_upload(
    *, actor: Any, recording: Recording, upload: Any, duration_seconds: int = 0
) -> Recording:
    """The recording browser's file, kept in the session record. Only a
    recording everyone present agreed to is accepted, and only from its maker."""
    max_bytes = settings.TANDEM_RECORDING_MAX_BYTES
    with transaction.atomic():
        recording = Recording.objects.select_for_update().get(pk=recording.pk)
        if recording.requested_by_id != actor.pk:
            raise ValidationError(_("Only the person who asked to record uploads it."))
        if recording.status not in (RecordingStatus.RECORDING, RecordingStatus.STOPPED):
            raise ValidationError(
                _("This recording cannot be kept: not everyone agreed, or it was saved already.")
            )
        answers = dict(recording.consents.values_list("user_id", "agreed"))
        if not all(answers.get(uid) for uid in recording.required_user_ids):
            raise ValidationError(_("Not everyone agreed to this recording."))
        kind = check_upload(upload, allowed=RECORDING_KINDS, max_bytes=max_bytes)
        recording.file.save(f"{recording.pk}.webm", upload, save=False)
        recording.content_type = "audio/webm" if kind == "video/webm" else kind
        recording.size = upload.size
        recording.duration_seconds = max(0, min(int(duration_seconds), 24 * 3600))
        recording.status = RecordingStatus.SAVED
        recording.stopped_at = recording.stopped_at or timezone.now()
        recording.save()
        relationship = recording.session.relationship
        log_action(actor, "recording.saved", relationship, {"seconds": recording.duration_seconds},
                   scope=relationship.programme)  # fmt: skip
    return recording


def coaching_end(*, actor: Any, seat: Seat) -> None:
    """Either side ends live coaching at once; the pages are told by the consumer."""
    if not seat.coaching:
        raise ValidationError(_("Only live coaching is ended for everyone."))
    relationship = seat.session.relationship
    log_action(actor, "coaching.ended", relationship, scope=relationship.programme)
