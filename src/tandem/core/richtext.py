"""User-written text: Markdown in, sanitised HTML out. Every app uses :func:`render`."""

from __future__ import annotations

from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
MAX_SOURCE_CHARS = 100_000


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Raw HTML is off: users write Markdown, never markup.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": True}).enable(
        ["table", "strikethrough"]
    )


def _demote_headings(html: str) -> str:
    # A user's "# Title" must not compete with the page's own <h1>.
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def render(source: str | None) -> SafeString:
    if not source:
        return mark_safe("")
    html = _demote_headings(_parser().render(source[:MAX_SOURCE_CHARS]))
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def plain_text(source: str | None, limit: int = 200) -> str:
    """A short plain excerpt (for e-mails and previews)."""
    text = nh3.clean(_parser().render(source or ""), tags=set()).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
