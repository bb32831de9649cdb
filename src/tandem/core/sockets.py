"""What every Tandem websocket shares: frames are JSON, and a frame that is
not gets an error reply instead of closing the socket with a crash."""

from __future__ import annotations

import json
from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer


class JsonConsumer(AsyncJsonWebsocketConsumer):
    async def receive(
        self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any
    ) -> None:
        try:
            content = json.loads(text_data or "")
        except ValueError:
            await self.send_json({"type": "error", "message": "Expected JSON."})
            return
        await self.receive_json(content)
