"""Signed unsubscribe links: they name a person and what to stop, need no
login and never expire (an old e-mail's link still works)."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.urls import reverse

SALT = "tandem.notifications.unsubscribe"
ALL = "all"  # every e-mail about activity
DIGEST = "digest"


def unsubscribe_token(user: Any, what: str) -> str:
    return signing.dumps({"u": user.pk, "w": what}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict):
        return None
    user_id, what = value.get("u"), value.get("w")
    if not isinstance(user_id, int) or not isinstance(what, str):
        return None
    return user_id, what


def unsubscribe_url(user: Any, what: str) -> str:
    return reverse("notifications:unsubscribe", args=[unsubscribe_token(user, what)])
