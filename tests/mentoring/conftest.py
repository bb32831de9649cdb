"""A relationship between the world's mentor and mentee, and helpers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tandem.mentoring.models import Relationship
from tandem.mentoring.services import relationship_create
from tandem.programmes.programme_models import preset

from ..conftest import World


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


@pytest.fixture
def relationship(world: World) -> Relationship:
    return relationship_create(
        actor=world.lead, programme=world.programme, kind="one_to_one",
        mentors=[world.mentor], mentees=[world.mentee],
    )  # fmt: skip


def use_preset(world: World, key: str) -> None:
    world.programme.programme_model = preset(key)
    world.programme.save()
