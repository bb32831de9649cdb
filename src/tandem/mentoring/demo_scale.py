"""Benchmark data for ``seed_demo --scale N``: one programme with N × 1,000
mentoring relationships, mentors carrying caseloads of 80, each relationship
with half a year of sessions, a goal, action points and a contact — written
with bulk inserts, facts and deadlines computed as the services would."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import Profile, User
from tandem.programmes.demo_scale import synthetic_organisation
from tandem.programmes.models import (
    Membership,
    MembershipRole,
    Programme,
    ProgrammeStatus,
    Role,
)
from tandem.programmes.programme_models import preset

from . import agreements, cadence
from .models import (
    ActionPoint,
    AgreementVersion,
    ContactLog,
    Goal,
    GoalRevision,
    GoalStatus,
    MentoringSession,
    Participant,
    ParticipantRole,
    Relationship,
    SessionStatus,
)

CASELOAD = 80
BATCH = 2000


def seed_scale(context: dict[str, Any]) -> None:
    scale, password_hash = context["scale"], context["password_hash"]
    rng = random.Random(80)
    now = timezone.now()
    tag = uuid.uuid4().hex[:6]
    relationships_wanted = scale * 1000
    mentors_wanted = -(-relationships_wanted // CASELOAD)
    organisation = synthetic_organisation()
    with transaction.atomic():
        programme = Programme.objects.create(
            organisation=organisation, name=f"Synthetic mentoring {tag}",
            slug=f"synthetic-mentoring-{tag}", status=ProgrammeStatus.ACTIVE,
            preset_key="vpld", programme_model=preset("vpld"),
        )  # fmt: skip
        people = User.objects.bulk_create(
            [User(email=f"m{tag}-{i}@synthetic.test", display_name=f"Synthetic person {i}",
                  password=password_hash, time_zone="Pacific/Auckland")
             for i in range(1 + mentors_wanted + relationships_wanted)],
            batch_size=BATCH,
        )  # fmt: skip
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in people],
            batch_size=BATCH,
        )
        Profile.objects.bulk_create([Profile(user=u) for u in people], batch_size=BATCH)
        memberships = Membership.objects.bulk_create(
            [Membership(user=u, programme=programme) for u in people], batch_size=BATCH
        )
        MembershipRole.objects.bulk_create(
            [MembershipRole(membership=m, role=Role.PROGRAMME_LEAD if i == 0
                            else Role.MENTOR if i <= mentors_wanted else Role.MENTEE)
             for i, m in enumerate(memberships)],
            batch_size=BATCH,
        )  # fmt: skip
    mentors, mentees = people[1 : 1 + mentors_wanted], people[1 + mentors_wanted :]
    rhythm = cadence.Rhythm.of(programme.programme_model)
    sections = agreements.starting_text(programme.programme_model)
    for start in range(0, relationships_wanted, BATCH):
        with transaction.atomic():
            _batch(
                programme,
                rhythm,
                sections,
                mentors,
                mentees[start : start + BATCH],
                start,
                rng,
                now,
            )


def _batch(
    programme: Programme, rhythm: cadence.Rhythm, sections: dict[str, str], mentors: list[User],
    mentees: list[User], offset: int, rng: random.Random, now: datetime,
) -> None:  # fmt: skip
    rels = []
    plans = []
    for i, _mentee in enumerate(mentees):
        started = date(2026, 1, 1) + timedelta(days=rng.randint(0, 60))
        # Most meet monthly and are on track; some have gone quiet for weeks.
        quiet_days = rng.choice([3, 5, 9, 12, 15, 20, 26, 33, 45, 70])
        last_held = now - timedelta(days=quiet_days)
        held: list[datetime] = []
        when = last_held
        while when.date() >= started and len(held) < 6:
            held.append(when)
            when -= timedelta(days=30)
        upcoming = now + timedelta(days=rng.randint(2, 25)) if rng.random() < 0.6 else None
        rel = Relationship(
            programme=programme, kind="one_to_one", stage="year_1", started_on=started,
            stage_since=started, last_session_at=held[0] if held else None,
            last_contact_at=held[0] if held else None, next_session_at=upcoming,
            milestones_done={"goals": started.isoformat()}, origin="Synthetic",
        )  # fmt: skip
        rel.programme = programme
        cadence.refresh_fields(rel, rhythm)
        rels.append(rel)
        plans.append((held, upcoming, offset + i))
    Relationship.objects.bulk_create(rels, batch_size=BATCH)
    participants, versions, sessions, goals, actions, contacts = [], [], [], [], [], []
    for rel, mentee, (held, upcoming, index) in zip(rels, mentees, plans, strict=True):
        mentor = mentors[index // CASELOAD]
        participants += [
            Participant(relationship=rel, user=mentor, role=ParticipantRole.MENTOR),
            Participant(relationship=rel, user=mentee, role=ParticipantRole.MENTEE),
        ]
        versions.append(AgreementVersion(relationship=rel, number=1, sections=sections))
        for when in held:
            sessions.append(MentoringSession(
                relationship=rel, starts_at=when, duration_minutes=60, status=SessionStatus.HELD,
                actual_minutes=55, goal="Bring quieter students in", reality="Four voices dominate",
                options="Chat-first answers", will="Try it twice this week", record_version=1,
            ))  # fmt: skip
        if upcoming:
            sessions.append(
                MentoringSession(relationship=rel, starts_at=upcoming, duration_minutes=60)
            )
        goals.append(Goal(relationship=rel, owner=mentee, title="Every student contributes",
                          status=GoalStatus.ACTIVE if rng.random() < 0.85 else GoalStatus.DRAFT))  # fmt: skip
        due = (now - timedelta(days=rng.randint(-20, 30))).date()
        actions += [
            ActionPoint(relationship=rel, text="Post the question the night before", owner=mentee, due_on=due),
            ActionPoint(relationship=rel, text="Share the article", owner=mentor,
                        due_on=due + timedelta(days=7), done_at=now),
        ]  # fmt: skip
        if held:
            contacts.append(ContactLog(relationship=rel, kind="message",
                                       occurred_at=held[0] - timedelta(days=10)))  # fmt: skip
    Participant.objects.bulk_create(participants, batch_size=BATCH)
    AgreementVersion.objects.bulk_create(versions, batch_size=BATCH)
    MentoringSession.objects.bulk_create(sessions, batch_size=BATCH)
    created_goals = Goal.objects.bulk_create(goals, batch_size=BATCH)
    GoalRevision.objects.bulk_create(
        [
            GoalRevision(goal=g, version=1, status=g.status, fields=g.snapshot())
            for g in created_goals
        ],
        batch_size=BATCH,
    )
    ActionPoint.objects.bulk_create(actions, batch_size=BATCH)
    ContactLog.objects.bulk_create(contacts, batch_size=BATCH)
