"""Library resources as the showcase sees them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from tandem.community.access import community_wide_spaces
from tandem.showcase.registry import Facts, Featurable

from .access import visible_ids, visible_resources
from .models import Resource
from .services import resource_url


def _find(viewer: Any, pk: Any) -> Resource | None:
    return visible_resources(viewer).filter(pk=pk).select_related("added_by").first()


def _facts(resource: Resource) -> Facts:
    return Facts(resource.title, resource_url(resource), resource.added_by, resource.space_id)


def _community_wide(community: Any, ids: list[int]) -> Iterable[int]:
    return Resource.objects.filter(
        pk__in=ids, space__in=community_wide_spaces(community)
    ).values_list("pk", flat=True)


RESOURCE = Featurable(
    "resource", _("Library resource"), _find, _facts, visible_ids, _community_wide
)
