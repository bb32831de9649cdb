"""What can be featured on a space's front page, registered by the apps that
own it. The showcase never imports a content app: each registers a
:class:`Featurable` that finds a piece of content for a viewer, describes it,
and says who may read which of its ids."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Facts:
    title: str
    url: str
    author: Any
    #: the space the content lives in (the feature's default place), if any
    space_id: int | None


@dataclass(frozen=True)
class Featurable:
    key: str
    label: StrOrPromise
    #: (viewer, pk) -> the content if the viewer may read it, else None
    find: Callable[[Any, Any], Any]
    facts: Callable[[Any], Facts]
    #: (viewer, ids) -> the ids the viewer may read (checked on every front page)
    visible: Callable[[Any, list[int]], Iterable[int]]
    #: (community space, ids) -> the ids every member of that community reads
    community_wide: Callable[[Any, list[int]], Iterable[int]]


_FEATURABLE: dict[str, Featurable] = {}


def register_featurable(kind: Featurable) -> None:
    _FEATURABLE[kind.key] = kind


def featurable(key: str) -> Featurable | None:
    return _FEATURABLE.get(key)
