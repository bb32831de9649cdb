"""The registry of notification kinds. Each feature app registers its kinds
with a label, a default channel and a visibility check: given a person and
target ids, the ids they may still see. The list, the e-mail and the digest
all ask it, so a notification about something that became hidden is never shown."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # django-stubs-ext is a development dependency
    from django_stubs_ext import StrOrPromise

from .models import Channel

VisibleIds = Callable[[Any, list[int]], Iterable[int]]


@dataclass(frozen=True)
class Kind:
    key: str
    label: StrOrPromise
    default: Channel
    visible: VisibleIds | None = None  # None: the target is the recipient's own


_KINDS: dict[str, Kind] = {}


def register_kind(kind: Kind) -> None:
    _KINDS[kind.key] = kind


def get(key: str) -> Kind | None:
    return _KINDS.get(key)


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda k: str(k.label))
