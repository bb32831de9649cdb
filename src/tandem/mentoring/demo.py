"""Demo mentoring: a year of it.

Most pairs (Kiri Walker and Mereana Tākao among them) accepted their agreement
and have met monthly since February 2026, with GROW records, goals refined
over time, action points, contacts and private notes. For the caseload to
have something to say: two pairs have gone quiet (overdue), one is due soon,
one missed a session, Chloé's is paused, Rangi's was withdrawn (unsupportive
leadership), and Grace — in year 3 — is a developing mentor with a mentee of
her own while keeping Mereana. Graham supervises the three mentors, who write
reflections on their practice. Rows are written directly (no e-mails)."""

from __future__ import annotations

import random
import zoneinfo
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from tandem.programmes import services as programme_services
from tandem.programmes.models import Role

from . import cadence, demo_content, services
from .models import (
    ActionPoint,
    Attendance,
    ContactKind,
    ContactLog,
    EndReason,
    Goal,
    GoalNote,
    GoalNoteKind,
    GoalRevision,
    GoalStatus,
    MentoringSession,
    ParticipantRole,
    PracticeReflection,
    PrivateNote,
    RecordRevision,
    Relationship,
    RelationshipStatus,
    SessionStatus,
    Supervision,
    TimeEntry,
    TimeKind,
)

PROGRAMME_START = date(2026, 2, 9)
# Mentee display name -> how their relationship looks today.
SHAPES = {
    "Kiri Walker": "model",
    "Ngaio Fleming": "quiet",
    "Aisha Rahimi": "quiet",
    "Tom Whiteley": "due_soon",
    "Ethan Brooks": "missed",
    "Chloé Tremblay": "paused",
    "Rangi Te Whata": "withdrawn",
    "Grace McAllister": "year_three",
}
GRACE_MENTEE = dict(
    name="Eru Tamihana", pronouns="he/him", tz="Pacific/Auckland", school="Hokianga Area School",
    sector="secondary", position="Beginning teacher, Year 1", subjects=["Visual arts", "Media studies"],
    region="Northland", country="NZ", years=1,
    interests="Running art critique online with students who are shy about showing their work.",
    tags=["critique", "art online"], bio="",
)  # fmt: skip


def _at(day: date, hour: int, minute: int, zone: str) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


def _stamp(model: Any, pk: int, when: datetime, field: str = "created_at") -> None:
    model.objects.filter(pk=pk).update(**{field: when})


def seed(context: dict[str, Any]) -> None:
    programme, people = context["programme"], context["people"]
    rng = random.Random(2026)
    now = timezone.now()
    relationships = list(
        Relationship.objects.filter(programme=programme)
        .prefetch_related("participants__user")
        .order_by("pk")
    )
    # Agreements: most accepted version 1; in every fifth pair the mentee has not read theirs yet.
    for i, rel in enumerate(relationships):
        version = rel.agreement_versions.get(number=1)
        emails = {p.user.email for p in rel.participants.all()}
        kiri_and_mereana = emails == {"mentee@demo.test", "mentor@demo.test"}
        for p in rel.participants.all():
            if kiri_and_mereana or i % 5 != 4 or p.role != ParticipantRole.MENTEE:
                services.agreement_accept(actor=p.user, version=version)

    themes = list(demo_content.THEMES)
    for i, rel in enumerate(relationships):
        mentee = next(p.user for p in rel.participants.all() if p.role == ParticipantRole.MENTEE)
        mentor = next(p.user for p in rel.participants.all() if p.role != ParticipantRole.MENTEE)
        shape = SHAPES.get(mentee.display_name, "steady")
        _year_of_mentoring(
            rel, mentee, mentor, shape=shape, theme=themes[i % len(themes)],
            goal=demo_content.GOALS[i % len(demo_content.GOALS)], rng=rng, now=now,
        )  # fmt: skip
        if shape == "year_three":
            _developing_mentor(context, rel, mentee, rng=rng, now=now)

    supervisor = people["supervisor"]
    for key in ("mentor", "mentor2", "mentor3"):
        Supervision.objects.get_or_create(
            programme=programme, supervisor=supervisor, mentor=people[key]
        )
    for j, (title, body) in enumerate(demo_content.REFLECTIONS):
        author = people["mentor"] if j != 1 else people["mentor2"]
        reflection = PracticeReflection.objects.create(author=author, title=title, body=body)
        _stamp(PracticeReflection, reflection.pk, now - timedelta(days=20 + 40 * j))


def _year_of_mentoring(
    rel: Relationship, mentee: Any, mentor: Any, *, shape: str, theme: str,
    goal: dict[str, str], rng: random.Random, now: datetime,
) -> None:  # fmt: skip
    start = PROGRAMME_START + timedelta(days=rng.randint(0, 20))
    if shape == "year_three":
        start = date(2024, 2, 5)
    rel.started_on = rel.stage_since = start
    steps = demo_content.THEMES[theme]
    zone = mentor.time_zone
    last_held = now - timedelta(days={"quiet": 41, "due_soon": 25, "paused": 80}.get(shape, 9))
    # Monthly, counted back from the last session so the rhythm ends where the shape says.
    days = [last_held.date() - timedelta(days=30 * j) for j in range(12)]
    days = [d for d in reversed(days) if d >= start]
    held: list[MentoringSession] = []
    for k, day in enumerate(days):
        starts = _at(day, rng.choice([15, 16, 16, 17]), rng.choice([0, 30]), zone)
        if starts > now:
            starts -= timedelta(days=1)
        missed = shape == "missed" and k == len(days) - 2
        grow = steps[k % len(steps)]
        minutes = rng.choice([45, 50, 60, 60, 75, 90])
        session = MentoringSession.objects.create(
            relationship=rel, starts_at=starts, duration_minutes=60, created_by=mentor,
            status=SessionStatus.MISSED if missed else SessionStatus.HELD,
            actual_minutes=None if missed else minutes,
            agenda=rng.choice(demo_content.AGENDAS),
            goal="" if missed else grow[0], reality="" if missed else grow[1],
            options="" if missed else grow[2], will="" if missed else grow[3],
            shared_notes="" if missed else rng.choice(demo_content.SHARED_NOTES),
            record_version=0 if missed else 1,
            milestone="goals" if k == 2 and shape != "year_three" else "",
        )  # fmt: skip
        _stamp(MentoringSession, session.pk, starts - timedelta(days=14))
        Attendance.objects.bulk_create(
            [Attendance(session=session, user=mentor, attended=True),
             Attendance(session=session, user=mentee, attended=not missed)]
        )  # fmt: skip
        if missed:
            continue
        held.append(session)
        revision = RecordRevision.objects.create(
            session=session, number=1, fields=session.record(), author=mentor
        )
        _stamp(RecordRevision, revision.pk, starts + timedelta(minutes=minutes + 20))
        TimeEntry.objects.create(
            mentor=mentor, programme=rel.programme, relationship=rel, session=session,
            kind=TimeKind.SESSION, on=day, minutes=minutes,
        )  # fmt: skip
        TimeEntry.objects.create(
            mentor=mentor, programme=rel.programme, relationship=rel, kind=TimeKind.PREPARATION,
            on=day - timedelta(days=1), minutes=rng.choice([15, 20, 30]),
            note="Read the last record and the mentee's goal.",
        )  # fmt: skip
        if rng.random() < 0.45 or shape == "model":
            PrivateNote.objects.create(
                session=session, author=mentor, text=rng.choice(demo_content.PRIVATE_NOTES)
            )
        if rng.random() < 0.5:
            contact = ContactLog.objects.create(
                relationship=rel, logged_by=mentee, kind=rng.choice([ContactKind.MESSAGE, ContactKind.PHONE]),
                occurred_at=starts + timedelta(days=rng.randint(8, 16)),
                note=rng.choice(["Quick question about the unit plan", "Shared a photo of the tally sheet", "Checked in after a hard week", ""]),
            )  # fmt: skip
            if contact.occurred_at > last_held:
                ContactLog.objects.filter(pk=contact.pk).update(
                    occurred_at=last_held - timedelta(days=2)
                )

    if shape == "model":
        ContactLog.objects.create(
            relationship=rel, logged_by=mentee, kind=ContactKind.MESSAGE,
            occurred_at=now - timedelta(days=3), note="Sent the tally sheet from this week",
        )  # fmt: skip
    goal_row = _goal_with_history(rel, mentee, mentor, goal, start=start, now=now, rng=rng)
    for session in held[-3:]:
        session.goals.add(goal_row)
    for n, text in enumerate(rng.sample(demo_content.ACTIONS, 3)):
        due = (held[-1].starts_at.date() if held else start) + timedelta(days=14 + 7 * n)
        done = n == 0 or (shape == "model" and n == 1)
        if shape in ("quiet", "missed") and n == 2:
            due = now.date() - timedelta(days=12)  # one past its date
            done = False
        ActionPoint.objects.create(
            relationship=rel, session=held[-1] if held else None, goal=goal_row if n < 2 else None,
            text=text, owner=mentee if n != 2 else mentor, due_on=due, created_by=mentor,
            done_at=now - timedelta(days=3) if done else None,
        )  # fmt: skip

    upcoming = None
    if shape in ("model", "steady", "missed", "year_three"):
        day = (now + timedelta(days=rng.randint(3, 20))).date()
        upcoming = MentoringSession.objects.create(
            relationship=rel, starts_at=_at(day, 16, 30, zone), duration_minutes=60,
            created_by=mentor, agenda="1. How the action points went\n2. Where the goal is now\n3. Next steps",
        )  # fmt: skip
    facts = [s.starts_at for s in held] + list(rel.contacts.values_list("occurred_at", flat=True))
    rel.last_session_at = max((s.starts_at for s in held), default=None)
    rel.last_contact_at = max(facts, default=None)
    rel.next_session_at = upcoming.starts_at if upcoming else None
    rel.milestones_done = {"goals": (start + timedelta(days=50)).isoformat()}
    if shape == "year_three":
        rel.stage, rel.stage_since = "developing_mentor", date(2026, 2, 2)
    if shape == "paused":
        rel.status, rel.paused_at = RelationshipStatus.PAUSED, now - timedelta(days=60)
    if shape == "withdrawn":
        rel.status, rel.ended_at = RelationshipStatus.WITHDRAWN, now - timedelta(days=45)
        rel.end_reason, rel.end_note = (
            EndReason.LEADERSHIP,
            demo_content.END_REFLECTIONS["withdrawn"],
        )
    cadence.refresh_fields(rel)
    rel.save()


def _goal_with_history(
    rel: Relationship, mentee: Any, mentor: Any, row: dict[str, str], *, start: date,
    now: datetime, rng: random.Random,
) -> Goal:  # fmt: skip
    first = {k: row[k] for k in ("title", "description", "need_kind", "need", "blockers",
                                 "enablers", "evaluation", "support")}  # fmt: skip
    goal = Goal.objects.create(relationship=rel, owner=mentee, status=GoalStatus.ACTIVE, **first)
    set_at = datetime.combine(
        start + timedelta(days=12), time(20, 0), tzinfo=zoneinfo.ZoneInfo("UTC")
    )
    v1 = GoalRevision.objects.create(goal=goal, version=1, status=GoalStatus.ACTIVE, fields=first,
                                     author=mentee, note="First version")  # fmt: skip
    _stamp(GoalRevision, v1.pk, set_at)
    refined_at = set_at + timedelta(days=75)
    if refined_at < now:
        second = {**first, "title": row["refined"], "evaluation": row["refined_evaluation"]}
        Goal.objects.filter(pk=goal.pk).update(
            version=2, **{k: second[k] for k in ("title", "evaluation")}
        )
        v2 = GoalRevision.objects.create(goal=goal, version=2, status=GoalStatus.ACTIVE, fields=second,
                                         author=mentee, note="Narrowed after talking it through with my mentor")  # fmt: skip
        _stamp(GoalRevision, v2.pk, refined_at)
    for n, (text, evidence, progress) in enumerate([
        ("Started — first week of trying it.", "Notes from two lessons.", 15),
        ("Slower than I hoped, but the students noticed the change.", "Tally sheet for three weeks.", 40),
        ("This is becoming a habit now.", "Student comments from the check-in form.", 65),
    ]):  # fmt: skip
        at = set_at + timedelta(days=30 + 45 * n)
        if at > now:
            break
        note = GoalNote.objects.create(goal=goal, author=mentee, kind=GoalNoteKind.CHECK_IN,
                                       text=text, evidence=evidence, progress=progress)  # fmt: skip
        _stamp(GoalNote, note.pk, at)
    comment = GoalNote.objects.create(
        goal=goal, author=mentor, kind=GoalNoteKind.COMMENT,
        text=rng.choice(["The tally is a great idea — it makes the change visible to you *and* the students.",
                         "What would it look like if this were fully working? Worth naming for next time.",
                         "Really clear evidence. Could you share it in the community?"]),
    )  # fmt: skip
    _stamp(GoalNote, comment.pk, set_at + timedelta(days=50))
    goal.refresh_from_db()
    return goal


def _developing_mentor(
    context: dict[str, Any], rel: Relationship, grace: Any, *, rng: random.Random, now: datetime
) -> None:
    """Grace, in year 3, mentors a first-year teacher and keeps Mereana as her mentor."""
    programme, lead = context["programme"], context["lead"]
    eru = context["make_person"](GRACE_MENTEE, context["password_hash"])
    programme_services.membership_grant(
        actor=lead, programme=programme, user=eru, roles=[Role.MENTEE]
    )
    own = services.relationship_create(
        actor=lead, programme=programme, kind="one_to_one", mentors=[grace], mentees=[eru],
        started_on=PROGRAMME_START + timedelta(days=60), origin="Developing mentor, year 3",
    )  # fmt: skip
    for p in own.participants.select_related("user"):
        services.agreement_accept(actor=p.user, version=own.agreement_versions.get())
    own.refresh_from_db()
    _year_of_mentoring(own, eru, grace, shape="steady", theme="feedback",
                       goal=demo_content.GOALS[4], rng=rng, now=now)  # fmt: skip
