"""Spaces: who sees, reads and runs each kind, and how people come and go."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.community import services
from tandem.community.access import community_programme_ids, listed_spaces, readable_spaces
from tandem.community.handles import handle_for, handles_in, users_mentioned
from tandem.community.models import MemberStatus, Space
from tandem.core.models import AuditEntry
from tandem.notifications.models import Notification

from ..conftest import World
from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def _group(world: World, kind: str, name: str = "Group") -> Space:
    return services.space_create(
        actor=world.facilitator, community=services.community_of(programme=world.programme),
        name=name, summary="For testing", kind=kind,
    )  # fmt: skip


def test_a_restricted_space_is_invisible_to_non_members(world: World) -> None:
    space = _group(world, "restricted", "Private counselling circle")
    services.member_invite(actor=world.facilitator, space=space, user=world.mentee)
    services.space_join(actor=world.mentee, space=space)
    url = reverse("community:space", args=[space.pk])
    for person in (world.other_mentee, world.lead, world.outsider):
        response = world.client(person).get(url)
        assert response.status_code == 404
        root = world.client(person).get(
            reverse("community:space", args=[space.parent_id]), follow=True
        )
        assert "Private counselling circle" not in root.content.decode()
    page = world.client(world.mentee).get(url)
    assert page.status_code == 200
    assert "Private counselling circle" in page.content.decode()


def test_an_invitation_shows_the_space_to_the_invitee_only(world: World) -> None:
    space = _group(world, "restricted")
    services.member_invite(actor=world.facilitator, space=space, user=world.mentee)
    assert listed_spaces(world.mentee).filter(pk=space.pk).exists()
    assert not readable_spaces(world.mentee).filter(pk=space.pk).exists()
    note = Notification.objects.get(recipient=world.mentee, kind="community.invited")
    assert note.url == reverse("community:space", args=[space.pk])
    assert not Notification.objects.filter(kind="community.invited").exclude(recipient=world.mentee)
    services.space_leave(actor=world.mentee, space=space)  # declines
    assert not listed_spaces(world.mentee).filter(pk=space.pk).exists()
    # The old notification about it is no longer shown to them.
    page = world.client(world.mentee).get(reverse("notifications:list"))
    assert note.summary not in page.content.decode()


def test_members_only_space_is_listed_and_read_after_approval(world: World) -> None:
    space = _group(world, "members", "Science teachers")
    assert listed_spaces(world.mentee).filter(pk=space.pk).exists()
    assert not readable_spaces(world.mentee).filter(pk=space.pk).exists()
    row = services.space_join(actor=world.mentee, space=space)
    assert row.status == MemberStatus.REQUESTED
    assert Notification.objects.filter(recipient=world.facilitator, kind="community.request")
    response = world.client(world.facilitator).post(
        reverse("community:member_action", args=[space.pk, row.pk]), {"action": "approve"}
    )
    assert response.status_code == 302
    assert readable_spaces(world.mentee).filter(pk=space.pk).exists()
    assert Notification.objects.filter(recipient=world.mentee, kind="community.approved")
    assert AuditEntry.objects.filter(verb="space.member_approved").count() == 1


def test_open_space_and_outside_educators_joining_an_open_community(world: World) -> None:
    root = services.community_of(programme=world.programme)
    group = _group(world, "open", "Rural maths")
    assert not listed_spaces(world.outsider).filter(pk=group.pk).exists()  # community closed
    root.kind = "open"
    root.save()
    assert readable_spaces(world.outsider).filter(pk=group.pk).exists()
    services.space_join(actor=world.outsider, space=root)
    assert {"programme_id": world.programme.pk} in list(community_programme_ids(world.outsider))
    services.space_join(actor=world.outsider, space=group)
    assert group.members.get(user=world.outsider).status == MemberStatus.ACTIVE


def test_remove_and_ban(world: World) -> None:
    group = _group(world, "open")
    row = services.space_join(actor=world.mentee, space=group)
    services.member_remove(actor=world.facilitator, space=group, row=row, ban=True)
    assert not readable_spaces(world.mentee).filter(pk=group.pk).exists()
    with pytest.raises(ValidationError):
        services.space_join(actor=world.mentee, space=group)
    row.refresh_from_db()
    services.member_unban(actor=world.facilitator, space=group, row=row)
    assert services.space_join(actor=world.mentee, space=group).status == MemberStatus.ACTIVE
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"space.member_banned", "space.member_unbanned", "space.joined"} <= verbs


def test_only_moderators_act_on_members(world: World) -> None:
    group = _group(world, "open")
    row = services.space_join(actor=world.mentee, space=group)
    other = services.space_join(actor=world.other_mentee, space=group)
    response = world.client(world.mentee).post(
        reverse("community:member_action", args=[group.pk, other.pk]), {"action": "ban"}
    )
    assert response.status_code == 404
    services.member_set_role(actor=world.facilitator, space=group, row=row, role="moderator")
    response = world.client(world.mentee).post(
        reverse("community:member_action", args=[group.pk, other.pk]), {"action": "ban"}
    )
    other.refresh_from_db()
    assert other.status == MemberStatus.BANNED


def test_only_facilitators_and_leads_create_spaces(world: World) -> None:
    root = services.community_of(programme=world.programme)
    with pytest.raises(ValidationError):
        services.space_create(
            actor=world.mentee, community=root, name="Mine", summary="", kind="open"
        )
    response = world.client(world.lead).post(
        reverse("community:space_new", args=[root.pk]),
        {"name": "Te reo Māori in the classroom", "summary": "Resources and kōrero",
         "kind": "members", "guidelines": "Be kind."},
    )  # fmt: skip
    assert response.status_code == 302
    space = Space.objects.get(name="Te reo Māori in the classroom")
    assert space.members.get(user=world.lead).role == "moderator"


def test_bad_input_keeps_what_was_typed(world: World) -> None:
    root = services.community_of(programme=world.programme)
    response = world.client(world.lead).post(
        reverse("community:space_new", args=[root.pk]), {"name": "Kept name", "kind": "nonsense"}
    )
    assert response.status_code == 400
    assert "Kept name" in response.content.decode()
    response = world.client(world.lead).post(
        reverse("community:invite", args=[root.pk]), {"who": "nobody@nowhere.test"}
    )
    assert response.status_code == 400
    assert "nobody@nowhere.test" in response.content.decode()


def test_handles_and_mentions(world: World) -> None:
    assert handle_for(world.mentor) == "mere-mentor"
    twin = UserFactory(display_name="Mere Mentor")
    assert handle_for(twin) == "mere-mentor-2"
    assert handles_in("Thanks @Mere-Mentor and @mere-mentor, mail me at a@b.test") == [
        "mere-mentor"
    ]
    assert users_mentioned("hi @mere-mentor-2") == [twin]


def test_community_counts_programme_members(
    world: World, django_assert_max_num_queries: Any
) -> None:
    root = services.community_of(programme=world.programme)
    page = world.client(world.mentee).get(reverse("community:space", args=[root.pk]))
    assert "7 members" in page.content.decode()


def test_demo_community_has_every_kind_of_space_and_post() -> None:
    from django.core.management import call_command

    from tandem.blogs.models import Post

    call_command("seed_demo", quiet=True)
    kinds = set(Space.objects.values_list("kind", flat=True))
    assert kinds == {"open", "members", "restricted"}
    assert set(Post.objects.values_list("visibility", flat=True)) == {
        "private", "mentors", "group", "community", "public"
    }  # fmt: skip
    assert Notification.objects.filter(kind="blogs.mention").exists()
    assert Space.objects.get(parent=None).members.filter(user__email="outsider@demo.test").exists()
