"""Who sees a resource: whoever reads its space — the one rule every list,
search hit, file and caption goes through. Anything else is the 404 of a
resource that does not exist."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from tandem.community.access import moderated_spaces, readable_space_ids
from tandem.core.access import deny, object_or_404

from .models import Resource


def visible_resources(viewer: Any) -> QuerySet[Resource]:
    if not getattr(viewer, "is_authenticated", False):
        return Resource.objects.none()
    return Resource.objects.filter(space__in=readable_space_ids(viewer))


def visible_ids(user: Any, ids: list[int]) -> Iterable[int]:
    """The ids among ``ids`` that ``user`` may see (the search check)."""
    return visible_resources(user).filter(pk__in=ids).values_list("pk", flat=True)


def resource_for(viewer: Any, pk: Any) -> Resource:
    """A resource ``viewer`` may see, with ``can_change``: they added it or
    moderate its space."""
    resource = object_or_404(
        visible_resources(viewer).select_related("space", "space__parent", "added_by"), pk=pk
    )
    resource.can_change = resource.added_by_id == viewer.pk or (  # type: ignore[attr-defined]
        moderated_spaces(viewer).filter(pk=resource.space_id).exists()
    )
    return resource


def changeable_resource(viewer: Any, pk: Any) -> Resource:
    resource = resource_for(viewer, pk)
    if not resource.can_change:  # type: ignore[attr-defined]
        raise deny()
    return resource
