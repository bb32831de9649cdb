"""Sessions in the live room of the world's relationship (shared with the mentoring tests)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tandem.mentoring.models import MentoringSession, Relationship
from tandem.mentoring.models.sessions import Medium

from ..mentoring.conftest import relationship  # noqa: F401  (a fixture)


def live_session(relationship: Relationship, medium: str = Medium.ROOM) -> MentoringSession:  # noqa: F811
    return MentoringSession.objects.create(
        relationship=relationship, starts_at=timezone.now() - timedelta(minutes=5),
        duration_minutes=60, medium=medium,
    )  # fmt: skip


@pytest.fixture
def room_session(relationship: Relationship) -> MentoringSession:  # noqa: F811
    return live_session(relationship)


@pytest.fixture
def coaching_session(relationship: Relationship) -> MentoringSession:  # noqa: F811
    return live_session(relationship, Medium.COACHING)
