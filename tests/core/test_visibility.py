"""The one visibility filter, checked against a profile-like query."""

from __future__ import annotations

from typing import Any

import pytest

from tandem.accounts.models import Profile, User
from tandem.core import visibility
from tandem.core.visibility import Visibility, filter_visible

from ..conftest import World


def visible_owner_ids(viewer: Any) -> set[int]:
    qs = filter_visible(Profile.objects.all(), viewer, owner_field="user")
    return set(qs.values_list("user_id", flat=True))


@pytest.fixture
def mentor_audience(world: World) -> Any:
    """Stands in for the mentoring app: the mentor mentors the mentee."""

    def mentees_of(viewer: Any) -> list[int]:
        return [world.mentee.pk] if viewer.pk == world.mentor.pk else []

    visibility.register_audience("mentees", mentees_of)
    yield
    visibility._AUDIENCES["mentees"].remove(mentees_of)


def test_anonymous_sees_only_public(world: World) -> None:
    Profile.objects.filter(user=world.mentee).update(visibility=Visibility.PUBLIC)
    assert visible_owner_ids(None) == {world.mentee.pk}


def test_private_is_only_for_the_owner_even_for_staff(world: World) -> None:
    Profile.objects.filter(user=world.mentee).update(visibility=Visibility.PRIVATE)
    world.lead.is_superuser = True
    world.lead.save()
    assert world.mentee.pk in visible_owner_ids(world.mentee)
    for viewer in (world.lead, world.mentor, world.outsider):
        assert world.mentee.pk not in visible_owner_ids(viewer)


def test_community_means_people_sharing_a_programme(world: World) -> None:
    Profile.objects.filter(user=world.mentee).update(visibility=Visibility.COMMUNITY)
    assert world.mentee.pk in visible_owner_ids(world.other_mentee)
    assert world.mentee.pk not in visible_owner_ids(world.outsider)


def test_my_mentors_uses_the_registered_audience(world: World, mentor_audience: Any) -> None:
    Profile.objects.filter(user=world.mentee).update(visibility=Visibility.MY_MENTORS)
    assert world.mentee.pk in visible_owner_ids(world.mentor)
    assert world.mentee.pk not in visible_owner_ids(world.other_mentee)


def test_my_mentors_without_any_provider_matches_nobody(world: World) -> None:
    Profile.objects.filter(user=world.mentee).update(visibility=Visibility.MY_MENTORS)
    assert world.mentee.pk not in visible_owner_ids(world.mentor)


def test_community_with_a_programme_field_means_that_programmes_members(world: World) -> None:
    """Content tied to a programme (here: rows annotated as COMMUNITY) is seen
    by that programme's members and nobody else."""
    from django.db.models import Value

    from tandem.programmes.models import Membership

    rows = Membership.objects.annotate(vis=Value(Visibility.COMMUNITY.value))

    def programmes_seen_by(viewer: Any) -> set[str]:
        qs = filter_visible(
            rows, viewer, owner_field="user", visibility_field="vis", programme_field="programme"
        )
        return set(qs.values_list("programme__slug", flat=True))

    assert programmes_seen_by(world.mentor) == {"rural-2026"}
    assert programmes_seen_by(world.outsider) == {"coaching-circle"}
    assert programmes_seen_by(None) == set()
    assert User.objects.filter(pk=world.mentor.pk).exists()
