"""The world's mentor–mentee relationship (shared with the mentoring tests) and its conversation."""

from __future__ import annotations

import pytest

from tandem.mentoring.models import Relationship
from tandem.messaging.models import Conversation
from tandem.messaging.services import conversation_for_relationship

from ..mentoring.conftest import relationship  # noqa: F401  (a fixture)


@pytest.fixture
def conversation(relationship: Relationship) -> Conversation:  # noqa: F811
    return conversation_for_relationship(relationship=relationship)
