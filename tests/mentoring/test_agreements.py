"""Relationship agreements: versioned, accepted by everyone, amended and accepted again."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from tandem.core.privacy import erase_user
from tandem.mentoring.models import AgreementAcceptance, AgreementVersion, Relationship
from tandem.mentoring.services import relationship_create
from tandem.programmes.models import Role
from tandem.programmes.programme_models import AGREEMENT_SECTIONS

from ..conftest import World
from ..factories import UserFactory, add_member


def url(relationship: Relationship) -> str:
    return reverse("mentoring:agreement", args=[relationship.pk])


def test_the_first_version_starts_from_the_programme_model(relationship: Relationship) -> None:
    version = relationship.agreement_versions.get()
    assert version.number == 1
    assert set(version.sections) == set(AGREEMENT_SECTIONS)
    # VPLD: monthly, 45–90 minutes, contact every 14 days.
    assert "every 30 days for 45–90 minutes" in version.sections["rhythm"]
    assert "every 14 days" in version.sections["rhythm"]


def test_a_model_can_give_its_own_starting_text(world: World) -> None:
    world.programme.programme_model["agreement"] = {
        "purpose": "Weekly rubric feedback until mastery."
    }
    world.programme.save()
    rel = relationship_create(
        actor=world.lead, programme=world.programme, kind="one_to_one",
        mentors=[world.mentor], mentees=[world.other_mentee],
    )  # fmt: skip
    assert (
        rel.agreement_versions.get().sections["purpose"] == "Weekly rubric feedback until mastery."
    )


def sections(**changes: str) -> dict[str, str]:
    return {key: f"Our text for {key}." for key in AGREEMENT_SECTIONS} | changes


def test_both_accept_an_amendment_asks_again_and_history_keeps_all(
    world: World, relationship: Relationship, django_capture_on_commit_callbacks: Any
) -> None:
    mentee, mentor = world.client(world.mentee), world.client(world.mentor)
    home = mentee.get(reverse("home")).content.decode()
    assert "Your agreement is waiting for you to accept it" in home
    assert mentee.post(url(relationship), {"accept": "1", "version": "1"}).status_code == 302
    assert mentor.post(url(relationship), {"accept": "1", "version": "1"}).status_code == 302
    assert "Accepted by everyone." in mentee.get(url(relationship)).content.decode()
    # Accepting twice is refused with a message, not an error page.
    again = mentee.post(url(relationship), {"accept": "1", "version": "1"}, follow=True)
    assert "already accepted" in again.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = mentor.post(url(relationship), {**sections(quiet_hours="Nothing after 7 pm."),
                                                   "change_note": "Earlier quiet hours", "amend": "1"})  # fmt: skip
    assert response.status_code == 302
    assert mail.outbox[-1].to == [world.mentee.email]
    assert "version 2" in mail.outbox[-1].subject
    page = mentee.get(url(relationship)).content.decode()
    assert "Nothing after 7 pm." in page
    assert "Still to accept:" in page
    assert "I accept version 2" in page
    # A stale acceptance of version 1 does not count for version 2.
    stale = mentee.post(url(relationship), {"accept": "1", "version": "1"}, follow=True)
    assert "changed while you were reading" in stale.content.decode()
    mentee.post(url(relationship), {"accept": "1", "version": "2"})
    mentor.post(url(relationship), {"accept": "1", "version": "2"})
    page = mentor.get(url(relationship)).content.decode()
    assert "Accepted by everyone." in page
    assert "Earlier quiet hours" in page
    assert "Version 1" in page
    assert AgreementAcceptance.objects.filter(version__number=1).count() == 2
    assert AgreementAcceptance.objects.filter(version__number=2).count() == 2


def test_an_amendment_that_changes_nothing_is_refused(
    world: World, relationship: Relationship
) -> None:
    current = relationship.agreement_versions.get()
    response = world.client(world.mentee).post(
        url(relationship), {**current.sections, "amend": "1"}
    )
    assert response.status_code == 400
    assert "Nothing has changed" in response.content.decode()
    response = world.client(world.mentee).post(url(relationship), {"amend": "1", "purpose": ""})
    assert response.status_code == 400
    assert AgreementVersion.objects.count() == 1


@pytest.mark.parametrize(
    "persona", ["other_mentee", "facilitator", "researcher", "supervisor", "outsider"]
)
def test_people_outside_the_relationship_see_nothing(
    world: World, relationship: Relationship, persona: str
) -> None:
    client = world.client(getattr(world, persona))
    for name in ("mentoring:relationship", "mentoring:agreement"):
        response = client.get(reverse(name, args=[relationship.pk]))
        assert response.status_code == 404
        assert world.mentee.display_name not in response.content.decode()
    assert client.post(url(relationship), {"accept": "1", "version": "1"}).status_code == 404


def test_another_mentor_sees_nothing(world: World, relationship: Relationship) -> None:
    other = UserFactory()
    add_member(world.programme, other, Role.MENTOR)
    assert world.client(other).get(url(relationship)).status_code == 404


def test_erasing_a_participant_keeps_the_others_agreement(
    world: World, relationship: Relationship
) -> None:
    world.client(world.mentee).post(url(relationship), {"accept": "1", "version": "1"})
    erase_user(world.mentee)
    assert relationship.participants.count() == 1
    assert not AgreementAcceptance.objects.exists()
    assert world.client(world.mentor).get(url(relationship)).status_code == 200


def test_each_person_sets_their_own_boundaries_in_the_agreement(
    world: World, relationship: Relationship
) -> None:
    from datetime import UTC, datetime

    world.mentee.time_zone = "Pacific/Auckland"
    world.mentee.save()
    mentee = world.client(world.mentee)
    response = mentee.post(url(relationship), {"boundaries": "1", "quiet_from": "21:00",
                                               "quiet_until": "07:00", "reply_within_hours": "48"})  # fmt: skip
    assert response.status_code == 302
    page = world.client(world.mentor).get(url(relationship)).content.decode()
    assert "quiet 21:00–07:00 (Pacific/Auckland)" in page
    assert "usually replies within 48 hours" in page
    mine = relationship.participants.get(user=world.mentee)
    # 22:30 in Auckland (summer, UTC+13) is quiet; so is 06:59; 07:00 is not.
    assert mine.is_quiet_at(datetime(2026, 11, 24, 9, 30, tzinfo=UTC), "Pacific/Auckland")
    assert mine.is_quiet_at(datetime(2026, 11, 23, 17, 59, tzinfo=UTC), "Pacific/Auckland")
    assert not mine.is_quiet_at(datetime(2026, 11, 23, 18, 0, tzinfo=UTC), "Pacific/Auckland")
    # Half a pair of quiet hours is refused with a reason, and nothing is lost.
    response = mentee.post(url(relationship), {"boundaries": "1", "quiet_from": "20:00",
                                               "quiet_until": "", "reply_within_hours": "12"})  # fmt: skip
    assert response.status_code == 200
    assert "Give both ends of your quiet hours, or neither." in response.content.decode()
    assert 'value="12"' in response.content.decode()
    mine.refresh_from_db()
    assert mine.reply_within_hours == 48
    # Someone outside the relationship cannot set boundaries in it.
    assert (
        world.client(world.other_mentee)
        .post(url(relationship), {"boundaries": "1", "reply_within_hours": "1"})
        .status_code
        == 404
    )
