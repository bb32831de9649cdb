"""The live room of a session: who is in it now (presence), who came
(visits, for attendance), what was written in it (chat and coaching prompts)
and recordings made with everyone's consent."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.mentoring.models import MentoringSession

#: a mesh of browsers: each sends its media to every other, so a few at most
ROOM_LIMIT = 6


class Presence(models.Model):
    """One open page that has joined the room. ``peer`` names it in signalling;
    ``seen_at`` is refreshed by the page's heartbeat so a crashed server's rows
    stop counting."""

    session = models.ForeignKey(MentoringSession, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    peer = models.CharField(max_length=32, unique=True)
    channel_name = models.CharField(max_length=200)
    audio_only = models.BooleanField(default=False)
    joined_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="room_presence_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} in the room of session {self.session_id}"


class Visit(models.Model):
    """Someone came into the room of a session: when first, when last left."""

    session = models.ForeignKey(
        MentoringSession, on_delete=models.CASCADE, related_name="room_visits"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    first_joined_at = models.DateTimeField(default=timezone.now)
    last_left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["first_joined_at"]
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="room_visit_once")]

    def __str__(self) -> str:
        return f"{self.user} came to session {self.session_id}"


class Kind(models.TextChoices):
    CHAT = "chat", _("Chat")
    PROMPT = "prompt", _("Coaching prompt")


class RoomMessage(models.Model):
    """A line of the room's chat, or a coach's prompt shown to the teacher
    during live coaching; both stay in the session record."""

    session = models.ForeignKey(
        MentoringSession, on_delete=models.CASCADE, related_name="room_messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.CHAT)
    text = models.CharField(max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["session", "kind", "created_at"])]

    def __str__(self) -> str:
        return self.text[:60]


class RecordingStatus(models.TextChoices):
    ASKING = "asking", _("Asking everyone")
    DECLINED = "declined", _("Declined")
    RECORDING = "recording", _("Recording")
    STOPPED = "stopped", _("Stopped, waiting for the upload")
    SAVED = "saved", _("Saved")


def _recording_path(instance: Any, filename: str) -> str:
    return f"recordings/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.webm"


class Recording(models.Model):
    """A recording of the call's sound. It starts only when everyone in the
    room at the time has agreed (``consents``), stops when someone new comes
    in, and is uploaded by the browser that made it into the session record,
    which only the relationship's participants see."""

    session = models.ForeignKey(
        MentoringSession, on_delete=models.CASCADE, related_name="recordings"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: the peer (page) that records and uploads
    recorder_peer = models.CharField(max_length=32)
    status = models.CharField(
        max_length=10, choices=RecordingStatus.choices, default=RecordingStatus.ASKING
    )
    #: everyone in the room when it was asked for: all of them must agree
    required_user_ids = models.JSONField(default=list)
    stop_reason = models.CharField(max_length=200, blank=True)
    file = models.FileField(upload_to=_recording_path, max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    duration_seconds = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Recording of session {self.session_id} ({self.status})"


class RecordingConsent(models.Model):
    recording = models.ForeignKey(Recording, on_delete=models.CASCADE, related_name="consents")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    agreed = models.BooleanField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recording", "user"], name="recording_consent_once")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {'agreed' if self.agreed else 'declined'}"
