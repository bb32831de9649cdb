"""Assertions shared by the test suite."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def queries_at_most(limit: int) -> Iterator[CaptureQueriesContext]:
    """Fail when the block runs more than ``limit`` SQL queries (N+1 guard)."""
    with CaptureQueriesContext(connection) as ctx:
        yield ctx
    executed = len(ctx.captured_queries)
    if executed > limit:
        listing = "\n".join(q["sql"][:200] for q in ctx.captured_queries)
        raise AssertionError(f"{executed} queries, expected at most {limit}:\n{listing}")


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def assert_inert(html: str, where: str = "") -> None:
    """No element the user could have made runs code: no script but the app's own
    files, no event handler, no javascript:/data: link, no frame, SVG or object."""
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        values = dict(attrs)
        assert tag not in {"iframe", "svg", "object", "embed", "frame", "math"}, (where, tag)
        if tag == "script":
            assert (values.get("src") or "").startswith("/static/"), (where, attrs)
        for name, value in attrs:
            assert not name.startswith("on"), (where, tag, name)
            if name in {"href", "src", "action", "formaction", "xlink:href"}:
                scheme = "".join((value or "").split()).lower()
                assert not scheme.startswith(("javascript:", "data:", "vbscript:")), (where, value)


#: What people paste where user text goes: each must render inert.
XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    '<svg onload="alert(1)"><circle/></svg>',
    "![img](javascript:alert(1))",
    "<a href='javascript:alert(1)'>a</a>",
    '"><iframe src="https://evil.test"></iframe>',
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<details open ontoggle=alert(1)>",
]


def community_root(world: Any) -> Any:
    """The programme's community (its root space)."""
    from tandem.community import services as community

    return community.community_of(programme=world.programme)


def quiet_room(world: Any) -> Any:
    """A restricted space of the programme's community: the mentee is in it."""
    from tandem.community import services as community

    space = community.space_create(
        actor=world.facilitator, community=community_root(world), name="Quiet room", summary="",
        kind="restricted",
    )  # fmt: skip
    community.member_invite(actor=world.facilitator, space=space, user=world.mentee)
    community.space_join(actor=world.mentee, space=space)
    return space
