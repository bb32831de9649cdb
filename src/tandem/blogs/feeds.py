"""An Atom feed of a person's public posts (only PUBLIC ever appears)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed

from tandem.community.handles import user_by_handle
from tandem.core.richtext import render

from .models import Post
from .selectors import public_posts_of
from .services import post_url


class PublicPostsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, handle: str) -> Any:
        author = user_by_handle(handle)
        if author is None:
            raise Http404
        return author

    def title(self, obj: Any) -> str:
        return f"{obj} — reflective blog"

    def link(self, obj: Any) -> str:
        return f"/blogs/{obj.handle.handle}/"

    def subtitle(self, obj: Any) -> str:
        return f"Public posts by {obj}"

    def items(self, obj: Any) -> list[Post]:
        return list(public_posts_of(obj)[:30])

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        return str(render(item.body))

    def item_link(self, item: Post) -> str:
        return post_url(item)

    def item_pubdate(self, item: Post) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Post) -> datetime:
        return item.updated_at

    def item_author_name(self, item: Post) -> str:
        return str(item.author)
