"""Pushing events to open pages over Channels, best effort and after commit:
a write that succeeded never fails because a page could not be told, and a
page that missed an event catches up when it reconnects."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)


def send_now(group: str, event: dict[str, Any]) -> None:
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


def push(group: str, event: dict[str, Any]) -> None:
    """Send ``event`` to ``group`` once the current transaction commits."""
    transaction.on_commit(lambda: send_now(group, event))
