from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tandem.core.visibility import filter_visible

from .models import User


def people_visible_to(viewer: Any) -> QuerySet[User]:
    """Active accounts whose profile ``viewer`` may see."""
    return filter_visible(
        User.objects.filter(is_active=True).select_related("profile"),
        viewer,
        owner_field="pk",
        visibility_field="profile__visibility",
    )
