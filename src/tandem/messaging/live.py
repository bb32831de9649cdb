"""Pushing to open conversation pages. Writes call these on commit; the
consumer renders each event for the person it serves."""

from __future__ import annotations

from tandem.core.live import push


def conversation_group(conversation_id: int) -> str:
    return f"conversation.{conversation_id}"


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def push_message(conversation_id: int, message_id: int, *, changed: bool = False) -> None:
    """Tell every open page of the conversation about a new or changed message."""
    event = {"type": "message.changed" if changed else "message.new", "id": message_id}
    push(conversation_group(conversation_id), event)


def push_removed(conversation_id: int, user_id: int) -> None:
    """Close the sockets of someone who no longer belongs to the conversation."""
    push(user_group(user_id), {"type": "member.removed", "conversation": conversation_id,
                               "user": user_id})  # fmt: skip
