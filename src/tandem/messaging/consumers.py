"""The conversation socket: present members only, checked on connect and on
every message; a member removed while connected is disconnected at once.

Client → server: ``{"type": "send", "body": ...}``, ``{"type": "read", "id": n}``,
``{"type": "since", "id": n}`` (after a reconnect: everything newer than n).
Server → client: ``{"type": "message", "id": n, "html": ..., "changed": bool}``
and ``{"type": "error", "message": ...}``."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tandem.core.sockets import JsonConsumer

from . import access, live, selectors, services
from .models import Conversation, Via

#: close codes the page understands: not allowed (do not retry)
CLOSE_FORBIDDEN = 4403


class ConversationConsumer(JsonConsumer):
    async def connect(self) -> None:
        self.user = self.scope.get("user")
        self.conversation_id = int(self.scope["url_route"]["kwargs"]["pk"])
        if self.user is None or not self.user.is_authenticated or not await self._member():
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.groups_joined = [
            live.conversation_group(self.conversation_id),
            live.user_group(self.user.pk),
        ]
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not await self._member():
            await self.close(code=CLOSE_FORBIDDEN)
            return
        if not isinstance(content, dict):
            await self.send_json({"type": "error", "message": "Expected a JSON object."})
            return
        kind = content.get("type")
        if kind == "send":
            body = content.get("body")
            if not isinstance(body, str):
                await self.send_json({"type": "error", "message": "A message needs a body."})
                return
            error = await self._post(body)
            if error:
                await self.send_json({"type": "error", "message": error})
        elif kind in ("read", "since"):
            try:
                message_id = int(content.get("id", 0))
            except (TypeError, ValueError):
                await self.send_json({"type": "error", "message": "The id must be a number."})
                return
            if kind == "read":
                await self._mark_read(message_id)
            else:
                for html, item_id in await self._since(message_id):
                    await self.send_json(
                        {"type": "message", "id": item_id, "html": html, "changed": False}
                    )
        else:
            await self.send_json({"type": "error", "message": "Unknown request."})

    # --- events from the channel layer --------------------------------------------------

    async def message_new(self, event: dict[str, Any]) -> None:
        await self._deliver(event["id"], changed=False)

    async def message_changed(self, event: dict[str, Any]) -> None:
        await self._deliver(event["id"], changed=True)

    async def member_removed(self, event: dict[str, Any]) -> None:
        if event["conversation"] == self.conversation_id and event["user"] == self.user.pk:
            await self.close(code=CLOSE_FORBIDDEN)

    async def _deliver(self, message_id: int, *, changed: bool) -> None:
        html = await self._render(message_id)
        if html is not None:
            await self.send_json(
                {"type": "message", "id": message_id, "html": html, "changed": changed}
            )

    # --- database work, off the event loop --------------------------------------------

    @database_sync_to_async
    def _member(self) -> bool:
        return access.is_member(self.user.pk, self.conversation_id)

    def _render_item(self, item: selectors.MessageItem) -> str:
        with (
            translation.override(self.user.language or None),
            timezone.override(self.user.time_zone or "UTC"),
        ):
            return render_to_string(
                "messaging/_message.html",
                {"m": item, "conversation_id": self.conversation_id, "live": True},
            )

    @database_sync_to_async
    def _render(self, message_id: int) -> str | None:
        item = selectors.message_item(message_id, self.user.pk)
        return self._render_item(item) if item else None

    @database_sync_to_async
    def _since(self, after: int) -> list[tuple[str, int]]:
        conversation = Conversation.objects.get(pk=self.conversation_id)
        items, _more = selectors.messages_page(conversation, self.user, after=after)
        return [(self._render_item(item), item.id) for item in items]

    @database_sync_to_async
    def _post(self, body: str) -> str:
        conversation = Conversation.objects.select_related("relationship").get(
            pk=self.conversation_id
        )
        try:
            services.message_post(
                actor=self.user, conversation=conversation, body=body, via=Via.SOCKET
            )
        except ValidationError as error:
            return " ".join(error.messages)
        return ""

    @database_sync_to_async
    def _mark_read(self, message_id: int) -> None:
        services.conversation_mark_read(
            actor=self.user, conversation_id=self.conversation_id, upto_id=message_id
        )
