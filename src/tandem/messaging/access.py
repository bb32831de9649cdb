"""The doors to conversations: present members only. Everyone else — and
anyone who has left or been removed — gets the same 404 as for nothing."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tandem.core.access import deny, object_or_404

from .models import Attachment, Conversation, Message


def conversations_of_member(user_id: Any) -> QuerySet[Conversation]:
    """The conversations someone is in now (not those they left or were removed from)."""
    return Conversation.objects.filter(members__user_id=user_id, members__left_at__isnull=True)


def conversation_for_user(user: Any, pk: Any) -> Conversation:
    if not user.is_authenticated:
        raise deny()
    return object_or_404(
        conversations_of_member(user.pk).select_related("programme", "relationship"), pk=pk
    )


def is_member(user_id: int, conversation_id: int) -> bool:
    """For the socket, on connect and on every message."""
    return conversations_of_member(user_id).filter(pk=conversation_id).exists()


def own_message(user: Any, conversation: Conversation, pk: Any) -> Message:
    message = object_or_404(conversation.messages.filter(author_id=user.pk), pk=pk)
    message.conversation = conversation
    return message


def attachment_for_user(user: Any, pk: Any) -> Attachment:
    if not user.is_authenticated:
        raise deny()
    return object_or_404(
        Attachment.objects.filter(
            message__conversation__in=conversations_of_member(user.pk),
            message__deleted_at__isnull=True,
        ),
        pk=pk,
    )
