"""A websocket test client over asgiref's ApplicationCommunicator (what
Channels' own test communicator does, without its Daphne import)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.testing import ApplicationCommunicator


class SocketClient(ApplicationCommunicator):  # type: ignore[misc]
    def __init__(
        self, application: Any, path: str, headers: list[tuple[bytes, bytes]] | None = None
    ) -> None:
        scope = {"type": "websocket", "path": path, "query_string": b"", "headers": headers or [],
                 "subprotocols": [], "client": ("127.0.0.1", 50000), "server": ("testserver", 80)}  # fmt: skip
        super().__init__(application, scope)

    async def connect(self, timeout: float = 5) -> tuple[bool, int | None]:
        await self.send_input({"type": "websocket.connect"})
        response = await self.receive_output(timeout)
        if response["type"] == "websocket.close":
            return False, response.get("code", 1000)
        return True, None

    async def send_json_to(self, data: Any) -> None:
        await self.send_input({"type": "websocket.receive", "text": json.dumps(data)})

    async def send_text(self, text: str) -> None:
        await self.send_input({"type": "websocket.receive", "text": text})

    async def receive_json_from(self, timeout: float = 5) -> Any:
        response = await self.receive_output(timeout)
        assert response["type"] == "websocket.send", response
        return json.loads(response["text"])

    async def disconnect(self, code: int = 1000, timeout: float = 2) -> None:
        await self.send_input({"type": "websocket.disconnect", "code": code})
        await self.wait(timeout)


def run(scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run an async scenario on its own thread and loop: a browser test earlier in
    the same worker may leave Playwright's loop running on this one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, scenario()).result()
