"""Who features: a space's moderators, on that space's front page. Who sees a
feature: readers of its space who may also read the content it points at."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tandem.community.access import moderated_spaces, readable_spaces
from tandem.community.models import Space
from tandem.core.access import deny, object_or_404

from .models import Feature


def feature_places(user: Any) -> QuerySet[Space]:
    """The spaces ``user`` may feature things in (those they moderate and read)."""
    return moderated_spaces(user).filter(pk__in=readable_spaces(user).values("pk"))


def feature_to_remove(user: Any, pk: Any) -> Feature:
    if not getattr(user, "is_authenticated", False):
        raise deny()
    return object_or_404(
        Feature.objects.filter(space__in=feature_places(user)).select_related("space"), pk=pk
    )
