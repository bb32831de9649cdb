from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.programmes import services
from tandem.programmes.models import Membership, MembershipStatus, Role

from ..conftest import World
from ..factories import UserFactory, add_member
from ..helpers import queries_at_most


def _membership(world: World, user: object) -> Membership:
    return Membership.objects.get(programme=world.programme, user=user)


def test_lead_changes_roles_through_the_form(world: World) -> None:
    membership = _membership(world, world.mentee)
    url = reverse("programmes:membership_edit", args=[world.programme.slug, membership.pk])
    response = world.client(world.lead).post(url, {"roles": [Role.MENTEE, Role.DEVELOPING_MENTOR]})
    assert response.status_code == 302
    assert set(membership.roles.values_list("role", flat=True)) == {"mentee", "developing_mentor"}


def test_roles_form_needs_a_role_and_known_roles(world: World) -> None:
    membership = _membership(world, world.mentee)
    url = reverse("programmes:membership_edit", args=[world.programme.slug, membership.pk])
    client = world.client(world.lead)
    assert "Choose at least one role" in client.post(url, {}).content.decode()
    assert "Select a valid choice" in client.post(url, {"roles": ["emperor"]}).content.decode()
    assert set(membership.roles.values_list("role", flat=True)) == {"mentee"}


def test_the_last_lead_cannot_be_removed(world: World) -> None:
    membership = _membership(world, world.lead)
    with pytest.raises(ValidationError):
        services.membership_set_roles(actor=world.lead, membership=membership, roles=[Role.MENTOR])
    with pytest.raises(ValidationError):
        services.membership_end(actor=world.lead, membership=membership)
    url = reverse("programmes:membership_edit", args=[world.programme.slug, membership.pk])
    response = world.client(world.lead).post(url, {"roles": [Role.MENTOR]})
    assert "at least one programme lead" in response.content.decode()


def test_ending_a_membership_removes_access(world: World) -> None:
    membership = _membership(world, world.mentee)
    url = reverse("programmes:membership_end", args=[world.programme.slug, membership.pk])
    assert world.client(world.lead).post(url).status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ENDED
    detail = reverse("programmes:detail", args=[world.programme.slug])
    assert world.client(world.mentee).get(detail).status_code == 404


def test_grant_reactivates_and_merges_roles(world: World) -> None:
    membership = _membership(world, world.mentee)
    services.membership_end(actor=world.lead, membership=membership)
    services.membership_grant(
        actor=world.lead, programme=world.programme, user=world.mentee, roles=[Role.MENTOR]
    )
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert set(membership.role_values) == {"mentee", "mentor"}


def test_members_page_filters_by_role_with_htmx(world: World) -> None:
    url = reverse("programmes:members", args=[world.programme.slug])
    client = world.client(world.lead)
    full = client.get(url).content.decode()
    assert "Kiri Mentee" in full
    assert "Mere Mentor" in full
    partial = client.get(url, {"role": "mentor"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial
    assert "Mere Mentor" in partial
    assert "Kiri Mentee" not in partial


def test_members_page_query_count_does_not_grow_with_members(world: World) -> None:
    for _ in range(30):
        add_member(world.programme, UserFactory(), Role.MENTEE)
    client = world.client(world.lead)
    url = reverse("programmes:members", args=[world.programme.slug])
    with queries_at_most(15):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("persona", "expected", "absent"),
    [
        ("mentee", ["Your roles:", "Mentee", "Who runs it", "Ruth Lead"], ["See all members"]),
        ("lead", ["Programme lead", "See all members", "Programme history"], []),
        ("facilitator", ["Community facilitator", "See all members"], ["Programme history"]),
        ("researcher", ["Researcher", "People in the programme"], []),
        ("outsider", ["Coaching Circle"], ["Rural Mentoring 2026"]),
    ],
)
def test_home_is_role_aware(
    world: World, persona: str, expected: list[str], absent: list[str]
) -> None:
    body = world.client(getattr(world, persona)).get(reverse("home")).content.decode()
    for text in expected:
        assert text in body, text
    for text in absent:
        assert text not in body, text


def test_home_for_someone_in_no_programme(db: None) -> None:
    from django.test import Client

    client = Client()
    client.force_login(UserFactory())
    assert "You are not in a programme yet" in client.get(reverse("home")).content.decode()


def test_home_query_count_is_bounded(world: World) -> None:
    client = world.client(world.lead)
    # One query per menu badge (unread messages, unread notifications) included.
    with queries_at_most(16) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert world.programme.name in response.content.decode()
    assert len(queries) > 0


def test_leads_without_two_factor_are_sent_to_enrol(world: World) -> None:
    newcomer = UserFactory()
    add_member(world.programme, newcomer, Role.PROGRAMME_LEAD)
    client = world.client(newcomer)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # The way out is open (allauth asks a force-logged-in session to re-enter its password).
    enrol = client.get(reverse("mfa_activate_totp"))
    assert enrol.status_code == 200 or enrol["Location"].startswith("/accounts/reauthenticate/")
    # Mentees are not asked.
    assert world.client(world.mentee).get(reverse("home")).status_code == 200


def test_staff_without_two_factor_are_sent_to_enrol(db: None) -> None:
    from django.test import Client

    client = Client()
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")
