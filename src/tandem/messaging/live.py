"""Pushing to open pages over Channels. Writes call these on commit; the
consumer renders each event for the person it serves."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)


def conversation_group(conversation_id: int) -> str:
    return f"conversation.{conversation_id}"


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def _send(group: str, event: dict[str, Any]) -> None:
    """Best effort: the write has committed already, and a page that missed an
    event catches up when it reconnects — so a push never fails a request."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        try:
            async_to_sync(layer.group_send)(group, event)
        except RuntimeError:  # this thread runs an event loop: send from another
            with ThreadPoolExecutor(max_workers=1) as pool:
                pool.submit(async_to_sync(layer.group_send), group, event).result()
    except Exception:  # e.g. Redis unreachable
        log.exception("could not push %s to %s", event.get("type"), group)


def push_message(conversation_id: int, message_id: int, *, changed: bool = False) -> None:
    """Tell every open page of the conversation about a new or changed message."""
    event = {"type": "message.changed" if changed else "message.new", "id": message_id}
    transaction.on_commit(lambda: _send(conversation_group(conversation_id), event))


def push_removed(conversation_id: int, user_id: int) -> None:
    """Close the sockets of someone who no longer belongs to the conversation."""
    event = {"type": "member.removed", "conversation": conversation_id, "user": user_id}
    transaction.on_commit(lambda: _send(user_group(user_id), event))
