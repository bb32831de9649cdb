"""Signed one-click unsubscribe links: a person and a community, no login, no expiry."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.urls import reverse

SALT = "tandem.newsletter.unsubscribe"


def unsubscribe_path(user_id: int, community_id: int) -> str:
    token = signing.dumps({"u": user_id, "c": community_id}, salt=SALT, compress=True)
    return reverse("newsletter:unsubscribe", args=[token])


def read(token: str) -> tuple[int, int] | None:
    try:
        value: Any = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict):
        return None
    user_id, community_id = value.get("u"), value.get("c")
    if not isinstance(user_id, int) or not isinstance(community_id, int):
        return None
    return user_id, community_id
