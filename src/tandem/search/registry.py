"""What can be searched: each content app registers a :class:`Searchable` with a
label and the one visibility check its lists use (``(user, ids) -> ids``), and
a function that yields index entries for every existing object (reindexing)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Searchable:
    key: str
    label: StrOrPromise
    visible: Callable[[Any, list[int]], Iterable[int]]
    #: yields the objects to index, for ``manage.py search_reindex``
    everything: Callable[[], Iterable[Any]]
    #: object -> the keyword arguments of :func:`tandem.search.index.entry_put`
    describe: Callable[[Any], dict[str, Any]]


_SEARCHABLE: dict[str, Searchable] = {}


def register_searchable(kind: Searchable) -> None:
    _SEARCHABLE[kind.key] = kind


def searchable(key: str) -> Searchable | None:
    return _SEARCHABLE.get(key)


def all_searchable() -> list[Searchable]:
    return list(_SEARCHABLE.values())
