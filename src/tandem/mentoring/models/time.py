"""Contact between sessions and the time mentors give."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .relationships import Relationship
from .sessions import MentoringSession


class ContactKind(models.TextChoices):
    MESSAGE = "message", _("Message")
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("E-mail")
    VIDEO = "video", _("Video call")
    IN_PERSON = "in_person", _("In person")
    OTHER = "other", _("Other")


class ContactLog(models.Model):
    """Contact outside a scheduled session, which counts for the contact cadence."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="contacts"
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=ContactKind.choices)
    occurred_at = models.DateTimeField()
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["relationship", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_at:%Y-%m-%d}"


class TimeKind(models.TextChoices):
    SESSION = "session", _("Session")
    PREPARATION = "preparation", _("Preparation")
    MESSAGES = "messages", _("Messages and calls")
    OBSERVATION = "observation", _("Observation")
    TRAINING = "training", _("Own training and supervision")
    OTHER = "other", _("Other")


class TimeEntry(models.Model):
    """Time a mentor gave. Held sessions add theirs automatically (``session``)."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_time"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+"
    )
    relationship = models.ForeignKey(
        Relationship, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    session = models.ForeignKey(
        MentoringSession, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=TimeKind.choices)
    on = models.DateField()
    minutes = models.PositiveIntegerField()
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["programme", "on"]), models.Index(fields=["mentor", "on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "session"], name="session_time_once",
                condition=models.Q(session__isnull=False),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.minutes} min {self.get_kind_display()} on {self.on}"


class DigestSent(models.Model):
    """The day (in the mentor's zone) a daily digest went out, so it goes once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]

    def __str__(self) -> str:
        return f"Digest for {self.user} on {self.day}"
