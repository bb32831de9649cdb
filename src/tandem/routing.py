"""Websocket routes. Feature apps (messaging, live rooms) add theirs here."""

from typing import Any

from tandem.messaging.routing import websocket_urlpatterns as messaging_routes

websocket_urlpatterns: list[Any] = [*messaging_routes]
