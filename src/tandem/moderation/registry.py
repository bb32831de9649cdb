"""What can be flagged and reviewed, registered by the apps that own it, and
how much each person has taken part (for the limits on new accounts).

Moderation never imports a content app: each registers a :class:`Flaggable`
that finds a piece of content for a viewer, describes it and shows or hides it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from tandem.community.models import Space


@dataclass(frozen=True)
class Facts:
    space: Space
    author: Any
    url: str
    title: str
    body: str  # Markdown source, shown to the moderator
    hidden: bool


@dataclass(frozen=True)
class Flaggable:
    key: str
    label: StrOrPromise
    #: (viewer, pk) -> the content if the viewer may read it, else None
    find: Callable[[Any, Any], Any]
    #: the content -> where it lives, who wrote it, where it shows
    facts: Callable[[Any], Facts]
    #: (content, shown) -> None; shows or hides it (a pending post becomes public)
    show: Callable[[Any, bool], None]
    #: pk -> the content whatever its state (the review queue has its own door), or None
    find_for_review: Callable[[Any], Any]


_FLAGGABLE: dict[str, Flaggable] = {}
Counter = Callable[[Any, datetime | None], int]
_COUNTERS: list[Counter] = []


def register_flaggable(kind: Flaggable) -> None:
    _FLAGGABLE[kind.key] = kind


def flaggable(key: str) -> Flaggable | None:
    return _FLAGGABLE.get(key)


def register_contributions(counter: Counter) -> None:
    """``counter(user, since)``: how many posts, replies or comments the person wrote
    (since a moment, or ever) that are shown to others."""
    if counter not in _COUNTERS:
        _COUNTERS.append(counter)


def contributions(user: Any, since: datetime | None = None) -> int:
    return sum(counter(user, since) for counter in _COUNTERS)
