"""What someone is told about: one row per person per event, shown in Tandem
and, by their choice, e-mailed at once or gathered into a digest."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    INSTANT = "instant", _("In Tandem, and e-mail me straight away")
    DIGEST = "digest", _("In Tandem, and in my digest e-mail")
    IN_APP = "in_app", _("In Tandem only")
    OFF = "off", _("Not at all")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    #: one line, written when it happens ("Mere mentioned you in “Breakout rooms”")
    summary = models.CharField(max_length=240)
    url = models.CharField(max_length=400)
    #: what it is about; the list and e-mails ask the kind whether it is still visible
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    #: the same key never notifies the same person twice (an edited @mention)
    dedupe_key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], condition=~Q(dedupe_key=""),
                name="notification_once_per_key",
            )
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.summary


class Setting(models.Model):
    """A person's channel for one kind; no row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    kind = models.CharField(max_length=40)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_setting_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.channel}"


class DigestState(models.Model):
    """When someone's last digest went, so the next covers only what came since."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_state"
    )
    sent_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"digest sent {self.sent_at:%Y-%m-%d %H:%M}"
