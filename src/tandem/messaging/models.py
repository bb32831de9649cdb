"""Conversations between the people of a relationship, or a small group a
mentor or facilitator starts; messages with attachments, read positions and
the unread e-mail bookkeeping."""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: a group conversation holds at most this many people
GROUP_LIMIT = 12


class ConversationKind(models.TextChoices):
    RELATIONSHIP = "relationship", _("Relationship")
    GROUP = "group", _("Group")


class Conversation(models.Model):
    kind = models.CharField(max_length=20, choices=ConversationKind.choices)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="conversations"
    )
    relationship = models.OneToOneField(
        "mentoring.Relationship", on_delete=models.CASCADE, null=True, blank=True,
        related_name="conversation",
    )  # fmt: skip
    title = models.CharField(max_length=120, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.title or str(_("Conversation"))


class Member(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    #: the newest message this person has seen; message ids only grow
    last_read_id = models.BigIntegerField(default=0)
    #: unread messages up to this id have been sent by e-mail
    emailed_upto_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conversation", "user"], name="member_once")]
        indexes = [models.Index(fields=["user", "left_at"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.conversation}"


class Via(models.TextChoices):
    WEB = "web", _("Web")
    SOCKET = "socket", _("Live")
    EMAIL = "email", _("E-mail reply")


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(max_length=5000, blank=True)
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.WEB)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["conversation", "id"])]

    def __str__(self) -> str:
        return f"Message {self.pk}"


def _attachment_path(instance: Any, filename: str) -> str:
    # A random name: the original is kept in ``name`` and never used as a path.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"messages/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
