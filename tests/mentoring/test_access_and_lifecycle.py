"""Who sees a relationship (its participants, nobody else), what supervisors
see (mentors' reflections, never mentees' material), and endings and stages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem.mentoring import services
from tandem.mentoring.models import PracticeReflection, Relationship, RelationshipStatus
from tandem.programmes.models import Role
from tandem.programmes.selectors import roles_in

from ..conftest import World
from ..factories import UserFactory, add_member
from .conftest import use_preset

SECRET_GOAL = "Kiri's goal about her confidence"
SECRET_NOTE = "Shared record only the pair reads"


@pytest.fixture
def full(world: World, relationship: Relationship) -> dict[str, Any]:
    """A relationship with something behind every kind of URL."""
    session = services.session_schedule(
        actor=world.mentor, relationship=relationship,
        starts_at=timezone.now() - timedelta(hours=1), duration_minutes=60,
    )  # fmt: skip
    services.session_record_save(
        actor=world.mentor, session=session, base_version=0, fields={"shared_notes": SECRET_NOTE}
    )
    services.private_note_save(actor=world.mentor, session=session, text="mentor private")
    goal = services.goal_create(
        actor=world.mentee, relationship=relationship, fields={"title": SECRET_GOAL}
    )
    step = services.goal_step_add(actor=world.mentee, goal=goal, title="Step", due_on=None)
    action = services.action_add(
        actor=world.mentee, relationship=relationship, text="Act", owner=world.mentee
    )
    return {"r": relationship, "s": session, "g": goal, "step": step, "a": action}


def urls(f: dict[str, Any]) -> list[tuple[str, str]]:
    r, s, g = f["r"].pk, f["s"].pk, f["g"].pk
    get = [
        reverse("mentoring:relationship", args=[r]),
        reverse("mentoring:agreement", args=[r]),
        reverse("mentoring:search", args=[r]) + "?q=record",
        reverse("mentoring:export", args=[r]),
        reverse("mentoring:schedule", args=[r]),
        reverse("mentoring:end", args=[r]),
        reverse("mentoring:session", args=[r, s]),
        reverse("mentoring:session_ics", args=[r, s]),
        reverse("mentoring:reschedule", args=[r, s]),
        reverse("mentoring:cancel", args=[r, s]),
        reverse("mentoring:goal", args=[r, g]),
        reverse("mentoring:goal_new", args=[r]),
    ]
    post = [
        reverse("mentoring:record_save", args=[r, s]), reverse("mentoring:record_draft", args=[r, s]),
        reverse("mentoring:private_note", args=[r, s]), reverse("mentoring:outcome", args=[r, s]),
        reverse("mentoring:link_goals", args=[r, s]), reverse("mentoring:contact_add", args=[r]),
        reverse("mentoring:action_add", args=[r]), reverse("mentoring:action_toggle", args=[r, f["a"].pk]),
        reverse("mentoring:pause_resume", args=[r]), reverse("mentoring:advance", args=[r]),
        reverse("mentoring:milestone", args=[r, "goals"]), reverse("mentoring:goal_edit", args=[r, g]),
        reverse("mentoring:goal_status", args=[r, g]), reverse("mentoring:goal_note", args=[r, g]),
        reverse("mentoring:goal_step", args=[r, g]),
        reverse("mentoring:goal_step_toggle", args=[r, g, f["step"].pk]),
    ]  # fmt: skip
    return [("get", u) for u in get] + [("post", u) for u in post]


@pytest.mark.parametrize(
    "persona",
    ["other_mentee", "other_mentor", "facilitator", "researcher", "supervisor", "lead", "outsider"],
)
def test_nobody_outside_the_relationship_sees_or_changes_anything(
    world: World, full: dict[str, Any], persona: str
) -> None:
    if persona == "other_mentor":
        user = UserFactory(display_name="Hemi Othermentor")
        add_member(world.programme, user, Role.MENTOR)
        other = UserFactory()
        add_member(world.programme, other, Role.MENTEE)
        services.relationship_create(actor=world.lead, programme=world.programme, kind="one_to_one",
                                     mentors=[user], mentees=[other])  # fmt: skip
    else:
        user = getattr(world, persona)
    client = world.client(user)
    before = full["s"].record()
    for method, url in urls(full):
        response = getattr(client, method)(
            url,
            {"text": "x", "shared_notes": "overwritten", "base_version": "1"}
            if method == "post"
            else None,
        )
        assert response.status_code == 404, (persona, url, response.status_code)
        assert SECRET_GOAL not in response.content.decode()
    full["s"].refresh_from_db()
    assert full["s"].record() == before
    # Nothing of it in their own caseload, home page or calendar feed either.
    for url in (reverse("mentoring:caseload"), reverse("home")):
        page = client.get(url).content.decode()
        assert world.mentee.display_name not in page or persona in ("other_mentee", "lead")
        assert SECRET_GOAL not in page
        assert SECRET_NOTE not in page


def test_the_lead_sees_rhythm_not_content(world: World, full: dict[str, Any]) -> None:
    page = (
        world.client(world.lead)
        .get(reverse("mentoring:programme", args=[world.programme.slug]))
        .content.decode()
    )
    assert world.mentee.display_name in page
    assert SECRET_GOAL not in page
    assert SECRET_NOTE not in page
    assert "mentor private" not in page
    history = (
        world.client(world.lead)
        .get(reverse("programmes:history", args=[world.programme.slug]))
        .content.decode()
    )
    assert SECRET_GOAL not in history
    assert SECRET_NOTE not in history


def test_supervisors_read_mentors_reflections_and_nothing_of_the_mentees(
    world: World, full: dict[str, Any]
) -> None:
    services.supervision_set(
        actor=world.lead,
        programme=world.programme,
        supervisor=world.supervisor,
        mentor=world.mentor,
    )
    services.practice_reflection_save(actor=world.mentor, reflection=None, title="Too much advice",
                                      body="I solve problems too fast.", shared=True)  # fmt: skip
    services.practice_reflection_save(actor=world.mentor, reflection=None, title="Just for me",
                                      body="Not ready to share.", shared=False)  # fmt: skip
    supervisor = world.client(world.supervisor)
    page = supervisor.get(reverse("mentoring:practice")).content.decode()
    assert "Too much advice" in page
    assert "Just for me" not in page
    assert SECRET_GOAL not in page
    assert SECRET_NOTE not in page
    own = PracticeReflection.objects.get(title="Too much advice")
    assert supervisor.get(reverse("mentoring:practice_edit", args=[own.pk])).status_code == 404
    # Another supervisor, or the mentee, reads none of it.
    for client in (
        world.client(world.other_mentee),
        world.client(world.mentee),
        world.client(world.facilitator),
    ):
        assert "Too much advice" not in client.get(reverse("mentoring:practice")).content.decode()
    # A developing mentor's own mentor reads their shared reflections too.
    services.practice_reflection_save(actor=world.mentee, reflection=None, title="My first mentee",
                                      body="Nervous but excited.", shared=True)  # fmt: skip
    assert (
        "My first mentee"
        in world.client(world.mentor).get(reverse("mentoring:practice")).content.decode()
    )
    assert "My first mentee" not in supervisor.get(reverse("mentoring:practice")).content.decode()


def test_withdrawal_records_the_reason_tells_the_others_and_freezes_the_record(
    world: World, full: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    r = full["r"]
    client = world.client(world.mentee)
    assert (
        client.post(
            reverse("mentoring:end", args=[r.pk]), {"outcome": "withdrawn", "reason": "nonsense"}
        ).status_code
        == 400
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mentoring:end", args=[r.pk]),
                               {"outcome": "withdrawn", "reason": "connectivity", "note": "Our internet is down for months."})  # fmt: skip
    assert response.status_code == 302
    r.refresh_from_db()
    assert (r.status, r.end_reason) == (RelationshipStatus.WITHDRAWN, "connectivity")
    assert mail.outbox[-1].to == [world.mentor.email]
    assert "withdrawn" in mail.outbox[-1].subject
    page = (
        world.client(world.mentor)
        .get(reverse("mentoring:relationship", args=[r.pk]))
        .content.decode()
    )
    assert "Our internet is down for months." in page
    assert "Schedule a session" not in page
    refused = world.client(world.mentor).post(
        reverse("mentoring:record_save", args=[r.pk, full["s"].pk]),
        {"shared_notes": "late edit", "base_version": "1"},
    )
    assert refused.status_code == 400
    assert "has ended" in refused.content.decode()


def test_pause_and_resume(world: World, relationship: Relationship) -> None:
    client = world.client(world.mentor)
    url = reverse("mentoring:pause_resume", args=[relationship.pk])
    client.post(url, {"note": "Term break"})
    relationship.refresh_from_db()
    assert relationship.status == RelationshipStatus.PAUSED
    assert relationship.due_at is None
    client.post(url)
    relationship.refresh_from_db()
    assert relationship.status == RelationshipStatus.ACTIVE
    assert relationship.due_at is not None


def test_moving_on_to_developing_mentor_keeps_the_own_mentor(
    world: World, relationship: Relationship
) -> None:
    # VPLD: year 1 → year 2 → developing virtual mentor (gives the role) → alumni.
    client = world.client(world.mentor)
    advance = reverse("mentoring:advance", args=[relationship.pk])
    assert world.client(world.mentee).post(advance, follow=True).status_code == 200
    relationship.refresh_from_db()
    assert relationship.stage == "year_1"  # only a mentor moves a mentee on
    client.post(advance)
    client.post(advance, {"note": "Ready to mentor"})
    relationship.refresh_from_db()
    assert relationship.stage == "developing_mentor"
    assert relationship.status == RelationshipStatus.ACTIVE  # still mentored
    assert Role.DEVELOPING_MENTOR in roles_in(world.mentee, world.programme)


def test_mastery_sign_off_ends_one_to_one_mentoring_where_the_model_says_so(world: World) -> None:
    use_preset(world, "virtual-high-school")
    rel = services.relationship_create(actor=world.lead, programme=world.programme, kind="one_to_one",
                                       mentors=[world.mentor], mentees=[world.mentee])  # fmt: skip
    page = (
        world.client(world.mentor)
        .get(reverse("mentoring:relationship", args=[rel.pk]))
        .content.decode()
    )
    assert "Sign off mastery" in page
    world.client(world.mentor).post(
        reverse("mentoring:advance", args=[rel.pk]), {"note": "Stamp of approval"}
    )
    rel.refresh_from_db()
    assert rel.stage == "level_2"
    assert (rel.status, rel.end_reason) == (RelationshipStatus.ENDED, "mastery")
