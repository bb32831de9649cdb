"""The STUN/TURN servers a page is given. With a shared-secret TURN server
each page gets credentials of its own that expire (the coturn REST scheme:
username ``<expiry>:<user id>``, password the base64 HMAC-SHA1 of it)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
from typing import Any

from django.conf import settings

log = logging.getLogger(__name__)


def ice_servers(user_id: int, *, now: float | None = None) -> list[dict[str, Any]]:
    try:
        servers = json.loads(settings.TANDEM_ICE_SERVERS or "[]")
    except ValueError:
        log.error("TANDEM_ICE_SERVERS is not valid JSON; using none")
        servers = []
    if not isinstance(servers, list):
        servers = []
    if settings.TANDEM_TURN_URLS and settings.TANDEM_TURN_SECRET:
        expires = int((now or time.time()) + settings.TANDEM_TURN_TTL_HOURS * 3600)
        username = f"{expires}:{user_id}"
        digest = hmac.new(
            settings.TANDEM_TURN_SECRET.encode(), username.encode(), hashlib.sha1
        ).digest()
        servers.append({"urls": list(settings.TANDEM_TURN_URLS), "username": username,
                        "credential": base64.b64encode(digest).decode()})  # fmt: skip
    return servers
