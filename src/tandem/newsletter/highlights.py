"""What a month's draft is made of. Feature apps register a source: given the
community and the month, it returns a section of highlights (the month's
featured posts, the most discussed topics, new members, celebrations, coming
events). The newsletter imports no feature app.

A source offers only what every member of the community may read (the
community itself, its open spaces, posts shared with the whole community or
the public): the newsletter goes to all of them alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Highlight:
    title: str
    #: a path inside Tandem ("/discussions/4/"); the draft makes it absolute
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Section:
    heading: str
    items: list[Highlight] = field(default_factory=list)
    #: a sentence instead of (or before) a list, e.g. "Welcome to Ana, Ben and 4 others."
    text: str = ""


# (community space, start of month, start of next month) -> a section or None
Source = Callable[[Any, datetime, datetime], Section | None]
_SOURCES: list[tuple[int, Source]] = []


def register_source(source: Source, *, order: int) -> None:
    if all(existing is not source for _order, existing in _SOURCES):
        _SOURCES.append((order, source))
        _SOURCES.sort(key=lambda pair: pair[0])


def sections(community: Any, start: datetime, end: datetime) -> list[Section]:
    found = (source(community, start, end) for _order, source in _SOURCES)
    return [s for s in found if s is not None and (s.items or s.text)]
