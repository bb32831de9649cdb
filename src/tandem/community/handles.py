"""@handles: each person's short name for mentions and their blog's address."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from .models import Handle

#: "@mere-tane" — not inside an e-mail address or a word
MENTION = re.compile(r"(?<![\w@/])@([a-z0-9][a-z0-9-]{1,39})\b", re.IGNORECASE)
MAX_MENTIONS = 10


def handle_for(user: Any) -> str:
    """The person's handle, made from their name the first time it is needed."""
    existing = Handle.objects.filter(user_id=user.pk).values_list("handle", flat=True).first()
    if existing:
        return existing
    base = slugify(str(user))[:34].strip("-") or "member"
    if len(base) < 2:
        base = f"{base}-member"
    for n in range(1, 1000):
        candidate = base if n == 1 else f"{base}-{n}"
        try:
            with transaction.atomic():
                Handle.objects.create(user_id=user.pk, handle=candidate)
        except IntegrityError:
            again = Handle.objects.filter(user_id=user.pk).values_list("handle", flat=True).first()
            if again:
                return again
            continue
        return candidate
    raise RuntimeError("no free handle")  # pragma: no cover - a thousand namesakes


def handles_in(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for match in MENTION.finditer(text or ""):
        seen.setdefault(match.group(1).lower(), None)
    return list(seen)[:MAX_MENTIONS]


def users_mentioned(text: str) -> list[Any]:
    names = handles_in(text)
    if not names:
        return []
    return list(get_user_model().objects.filter(handle__handle__in=names, is_active=True))


def user_by_handle(handle: str) -> Any:
    return get_user_model().objects.filter(handle__handle=handle.lower()).first()
