"""The door to a relationship: its participants only; everyone else gets 404."""

from __future__ import annotations

from typing import Any

from tandem.core.access import deny, object_or_404

from .models import Relationship


def relationship_for_user(user: Any, pk: Any) -> Relationship:
    if not user.is_authenticated:
        raise deny()
    return object_or_404(
        Relationship.objects.filter(participants__user=user).select_related("programme").distinct(),
        pk=pk,
    )
