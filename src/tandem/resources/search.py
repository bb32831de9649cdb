"""Library resources in the search index: title, description, tags and file name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from tandem.search import index
from tandem.search.registry import Searchable

from .access import visible_ids
from .models import Resource

KIND = "resource"


def describe(resource: Resource) -> dict[str, Any]:
    from .services import resource_url

    tags = ", ".join(t.name for t in resource.tags.all())
    body = "\n\n".join(part for part in (resource.description, tags, resource.filename) if part)
    return {
        "kind": KIND, "object_id": resource.pk, "heading": resource.title,
        "title": resource.title, "body": body, "url": resource_url(resource),
        "created_at": resource.created_at, "space_id": resource.space_id,
        "author": resource.added_by_id,
    }  # fmt: skip


def put(resource: Resource) -> None:
    index.entry_put(**describe(resource))


def remove(pk: int) -> None:
    index.entry_remove(kind=KIND, object_id=pk)


def _all() -> Iterator[Resource]:
    return Resource.objects.prefetch_related("tags").iterator(chunk_size=2000)


SEARCHABLE = Searchable(KIND, _("Library resource"), visible_ids, _all, describe)
