"""Websocket routes of the feature apps."""

from typing import Any

from tandem.liveroom.routing import websocket_urlpatterns as room_routes
from tandem.messaging.routing import websocket_urlpatterns as messaging_routes

websocket_urlpatterns: list[Any] = [*messaging_routes, *room_routes]
