"""Cadence rules under a frozen clock, for each preset's rhythm: monthly
sessions (VPLD), every 14 days (Alabama ACCESS) and weekly (Tennessee e4TN)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from tandem.mentoring import cadence, services
from tandem.mentoring.cadence import Health
from tandem.mentoring.models import Relationship
from tandem.programmes.programme_models import preset

from ..conftest import World
from .conftest import use_preset, utc

START = date(2026, 3, 2)


def start(world: World, key: str) -> Relationship:
    use_preset(world, key)
    return services.relationship_create(
        actor=world.lead, programme=world.programme, kind="one_to_one",
        mentors=[world.mentor], mentees=[world.mentee], started_on=START,
    )  # fmt: skip


def health(relationship: Relationship) -> Health | None:
    relationship.refresh_from_db()
    return cadence.health_of(relationship)


def in_sql(relationship: Relationship) -> set[str]:
    """The states whose SQL filter matches the row: must be exactly the Python one."""
    now = timezone.now()
    return {
        state
        for state in [*Health.values, "untracked"]
        if Relationship.objects.filter(cadence.health_q(state, now), pk=relationship.pk).exists()
    }


# (preset, meeting every, contact every, due-soon window for the tighter rhythm)
RHYTHMS = [("vpld", 30, 14, 3), ("alabama-access", 14, 14, 3), ("tennessee-e4tn", 7, 7, 2)]


@pytest.mark.parametrize(("key", "meet", "contact", "window"), RHYTHMS)
def test_a_quiet_relationship_goes_due_soon_then_overdue(
    world: World, key: str, meet: int, contact: int, window: int
) -> None:
    assert cadence.Rhythm.of(preset(key)).contact_every_days == contact
    assert cadence.Rhythm.of(preset(key)).meeting_every_days == meet
    first_due = min(meet, contact)
    with time_machine.travel(utc(2026, 3, 2, 9), tick=False) as clock:
        rel = start(world, key)
        assert health(rel) == Health.ON_TRACK
        assert in_sql(rel) == {Health.ON_TRACK}
        clock.move_to(utc(2026, 3, 2) + timedelta(days=first_due - window, hours=1))
        assert health(rel) == Health.DUE_SOON
        assert in_sql(rel) == {Health.DUE_SOON}
        clock.move_to(utc(2026, 3, 2) + timedelta(days=first_due, hours=1))
        assert health(rel) == Health.OVERDUE
        assert in_sql(rel) == {Health.OVERDUE}


@pytest.mark.parametrize(("key", "meet", "contact", "window"), RHYTHMS)
def test_contact_and_a_held_session_reset_the_clock(
    world: World, key: str, meet: int, contact: int, window: int
) -> None:
    with time_machine.travel(utc(2026, 3, 2, 9), tick=False) as clock:
        rel = start(world, key)
        # Just before anything falls due: a session is booked for tomorrow and held.
        clock.move_to(utc(2026, 3, 2) + timedelta(days=min(meet, contact) - 1))
        session = services.session_schedule(
            actor=world.mentor, relationship=rel, duration_minutes=45,
            starts_at=timezone.now() + timedelta(hours=2),
        )  # fmt: skip
        clock.shift(timedelta(hours=3))
        services.session_record_outcome(
            actor=world.mentor, session=session, attended_ids={world.mentor.pk, world.mentee.pk},
            actual_minutes=50,
        )  # fmt: skip
        assert health(rel) == Health.ON_TRACK
        # One full contact interval later, contact is owed again (sessions count as contact).
        clock.move_to(session.starts_at + timedelta(days=min(meet, contact), minutes=1))
        assert health(rel) == Health.OVERDUE
        services.contact_log(
            actor=world.mentee, relationship=rel, kind="phone", occurred_at=timezone.now()
        )
        # Contact satisfies the contact rhythm, never the meeting rhythm: where
        # meetings are as frequent as contact, a session is still owed.
        assert health(rel) == (Health.ON_TRACK if meet > contact else Health.OVERDUE)


def test_monthly_booked_session_covers_the_meeting_until_it_should_be_recorded(
    world: World,
) -> None:
    with time_machine.travel(utc(2026, 3, 2, 9), tick=False) as clock:
        rel = start(world, "vpld")
        world.programme.programme_model["contact_cadence_days"] = None
        world.programme.save()
        services.programme_cadence_refresh(programme=world.programme)
        clock.move_to(utc(2026, 3, 20, 9))
        session = services.session_schedule(
            actor=world.mentor, relationship=rel, duration_minutes=60,
            starts_at=utc(2026, 3, 30, 4),
        )  # fmt: skip
        assert session.starts_at < utc(2026, 4, 1)  # within the 30 days
        clock.move_to(utc(2026, 3, 29, 9))
        assert health(rel) == Health.ON_TRACK
        clock.move_to(utc(2026, 3, 30, 6))
        assert health(rel) == Health.DUE_SOON  # it has started: record it
        clock.move_to(utc(2026, 3, 31, 5))
        assert health(rel) == Health.OVERDUE  # a day later and still not recorded
        services.session_record_outcome(
            actor=world.mentee, session=session, attended_ids={world.mentor.pk, world.mentee.pk},
            actual_minutes=None,
        )  # fmt: skip
        assert health(rel) == Health.ON_TRACK


def test_required_milestones_fall_due_on_their_day(world: World) -> None:
    with time_machine.travel(utc(2026, 3, 2, 9), tick=False) as clock:
        rel = start(world, "florida-virtual")
        # Florida: check-ins at day 30 and 60; the 14-day contact rhythm kept up by messages.
        for day in range(10, 31, 10):
            clock.move_to(utc(2026, 3, 2, 9) + timedelta(days=day))
            services.contact_log(
                actor=world.mentee, relationship=rel, kind="message", occurred_at=timezone.now()
            )
        clock.move_to(utc(2026, 3, 2) + timedelta(days=30, hours=1))
        rel.refresh_from_db()
        kinds = [
            d.kind
            for d in cadence.deadlines(rel, cadence.Rhythm.of(rel.programme.programme_model))
            if d.due_at <= timezone.now()
        ]
        assert kinds == ["milestone"]
        assert health(rel) == Health.OVERDUE
        services.milestone_mark(actor=world.mentor, relationship=rel, key="check_in_30", done=True)
        assert health(rel) != Health.OVERDUE


def test_paused_and_ended_relationships_are_not_tracked(world: World) -> None:
    with time_machine.travel(utc(2026, 3, 2, 9), tick=False) as clock:
        rel = start(world, "tennessee-e4tn")
        clock.move_to(utc(2026, 4, 2, 9))
        assert health(rel) == Health.OVERDUE
        services.relationship_pause(actor=world.mentor, relationship=rel, note="")
        assert health(rel) is None
        assert in_sql(rel) == {"untracked"}
        clock.move_to(utc(2026, 5, 2, 9))
        services.relationship_resume(actor=world.mentor, relationship=rel)
        assert health(rel) == Health.ON_TRACK  # the rhythm restarts on resuming


def test_changing_the_programme_rhythm_recomputes_deadlines(world: World) -> None:
    from tandem.programmes.services import programme_model_set

    with time_machine.travel(utc(2026, 3, 2, 9), tick=False) as clock:
        rel = start(world, "vpld")
        clock.move_to(utc(2026, 3, 13, 9))
        assert health(rel) == Health.DUE_SOON  # contact every 14 days
        model = preset("vpld")
        model["contact_cadence_days"] = 30
        programme_model_set(
            actor=world.lead, programme=world.programme, model=model, source="adjusted"
        )
        assert health(rel) == Health.ON_TRACK
