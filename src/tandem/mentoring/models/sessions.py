"""Sessions: the schedule, the shared record in the GROW model, drafts,
private notes, attendance and action points."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .relationships import Relationship

#: the fields of the shared record, in the order they are shown
RECORD_FIELDS = {
    "agenda": _("Agenda"),
    "goal": _("Goal: what do we want from this session?"),
    "reality": _("Reality: where are things now?"),
    "options": _("Options: what could be tried?"),
    "will": _("Will: what will be done, by when?"),
    "shared_notes": _("Shared notes"),
}


class Medium(models.TextChoices):
    ROOM = "room", _("Tandem's live room")
    COACHING = "coaching", _("Live coaching in a lesson (Tandem's live room, bug in ear)")
    LINK = "link", _("Another meeting service (link)")
    PHONE = "phone", _("Phone")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")
    MISSED = "missed", _("Missed")


class MentoringSession(models.Model):
    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField()
    medium = models.CharField(max_length=10, choices=Medium.choices, default=Medium.ROOM)
    meeting_url = models.URLField(max_length=500, blank=True)
    phone_note = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    #: a milestone of the programme model this session fulfils (``milestones[].key``)
    milestone = models.CharField(max_length=60, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)
    actual_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    # The shared record; ``record_version`` counts saves so that two people
    # editing at once are told about each other instead of overwriting.
    agenda = models.TextField(blank=True)
    goal = models.TextField(blank=True)
    reality = models.TextField(blank=True)
    options = models.TextField(blank=True)
    will = models.TextField(blank=True)
    shared_notes = models.TextField(blank=True)
    record_version = models.PositiveIntegerField(default=0)
    goals = models.ManyToManyField("mentoring.Goal", blank=True, related_name="sessions")
    # Calendar: a stable UID and a SEQUENCE that grows with every change.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    reminded_day_at = models.DateTimeField(null=True, blank=True)
    reminded_hour_at = models.DateTimeField(null=True, blank=True)
    reflection_prompted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [
            models.Index(fields=["relationship", "status", "starts_at"]),
            models.Index(fields=["status", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"Session on {self.starts_at:%Y-%m-%d %H:%M} UTC"

    @property
    def in_live_room(self) -> bool:
        return self.medium in (Medium.ROOM, Medium.COACHING)

    def record(self) -> dict[str, str]:
        return {key: getattr(self, key) for key in RECORD_FIELDS}


class SessionChange(models.Model):
    """A reschedule or cancellation, with its reason."""

    session = models.ForeignKey(MentoringSession, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=12)  # "rescheduled" | "cancelled"
    previous_starts_at = models.DateTimeField()
    new_starts_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=300)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.reason}"


class RecordRevision(models.Model):
    """A saved state of the shared record: the history, and the common ancestor
    a conflicting save is merged against."""

    session = models.ForeignKey(
        MentoringSession, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    fields = models.JSONField(default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="record_revision_unique")
        ]

    def __str__(self) -> str:
        return f"Record v{self.number}"


class RecordDraft(models.Model):
    """What one person has typed into the shared record but not saved yet
    (autosaved), with the version they started from."""

    session = models.ForeignKey(MentoringSession, on_delete=models.CASCADE, related_name="drafts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    fields = models.JSONField(default=dict)
    base_version = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_draft_per_person")
        ]

    def __str__(self) -> str:
        return f"Draft of {self.user}"


class PrivateNote(models.Model):
    """Notes only their author ever sees: not the other participants, not leads,
    not supervisors, not exports made for anyone else."""

    session = models.ForeignKey(
        MentoringSession, on_delete=models.CASCADE, related_name="private_notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "author"], name="one_private_note")
        ]

    def __str__(self) -> str:
        return f"Private note of {self.author}"


class Attendance(models.Model):
    session = models.ForeignKey(
        MentoringSession, on_delete=models.CASCADE, related_name="attendance"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    attended = models.BooleanField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.user}: {'present' if self.attended else 'absent'}"


class ActionPoint(models.Model):
    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="action_points"
    )
    session = models.ForeignKey(
        MentoringSession, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="action_points",
    )  # fmt: skip
    goal = models.ForeignKey(
        "mentoring.Goal", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="action_points",
    )  # fmt: skip
    text = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_at", "due_on", "pk"]
        indexes = [models.Index(fields=["relationship", "done_at", "due_on"])]

    def __str__(self) -> str:
        return self.text
