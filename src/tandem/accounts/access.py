from __future__ import annotations

from typing import Any

from tandem.core.access import object_or_404

from .models import User
from .selectors import people_visible_to


def person_for_viewer(viewer: Any, user_id: Any) -> User:
    """The one door to someone's profile: 404 when missing or not visible."""
    return object_or_404(people_visible_to(viewer), pk=user_id)
