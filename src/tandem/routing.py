"""Websocket routes. Feature apps (messaging, live rooms) add theirs here."""

from typing import Any

websocket_urlpatterns: list[Any] = []
