from __future__ import annotations

from typing import Any

from django.core.files import File
from django.utils import timezone

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import Attachment, Conversation, Member, Message


@register
class MessagingPrivacy(PrivacyProvider):
    app_label = "messaging"
    models = [Conversation, Member, Message, Attachment]
    description = "The conversations you are in and the messages and files you sent."
    order = 40

    def export(self, user: Any) -> ExportPart:
        conversations = [
            {"conversation": str(m.conversation), "programme": m.conversation.programme.name,
             "joined_at": m.joined_at, "left_at": m.left_at}
            for m in Member.objects.filter(user=user).select_related("conversation__programme")
        ]  # fmt: skip
        sent = Message.objects.filter(author=user, deleted_at__isnull=True).select_related(
            "conversation"
        )
        files: list[tuple[str, File]] = [
            (f"messaging/{a.pk}-{a.name}", a.file)
            for a in Attachment.objects.filter(
                message__author=user, message__deleted_at__isnull=True
            )
        ]
        return ExportPart(
            data={
                "conversations": conversations,
                "groups_started": [c.title for c in Conversation.objects.filter(started_by=user)],
                "messages_sent": [
                    {"conversation": str(m.conversation), "at": m.created_at, "text": m.body,
                     "edited_at": m.edited_at, "via": m.via}
                    for m in sent
                ],
            },
            files=files,
        )  # fmt: skip

    def erase(self, user: Any, *, pseudonym: str) -> None:
        """Messages are the sender's words: their text and files go, leaving the
        "deleted" marker so the others' side of the conversation still reads."""
        for attachment in Attachment.objects.filter(message__author=user):
            attachment.file.delete(save=False)
        Attachment.objects.filter(message__author=user).delete()
        Message.objects.filter(author=user).update(body="", deleted_at=timezone.now(), author=None)
        Member.objects.filter(user=user).delete()
        Conversation.objects.filter(started_by=user).update(started_by=None)
