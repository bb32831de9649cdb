"""Demo intake: a completed 2026 round and a 2027 round with applications waiting."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from tandem.programmes import programme_models
from tandem.programmes import services as programme_services

from . import services
from .models import ApplicantKind, Application, ApplicationStatus, Cohort

EVENINGS = ["0-4", "1-4", "2-4", "3-4", "5-1", "6-1", "2-3"]

CHALLENGES = [
    "Keeping students talking when cameras stay off.",
    "Planning for several year levels in one room.",
    "Feeling alone: I am the only teacher of my subject for 200 km.",
    "Marking load in online courses with weekly submissions.",
    "Getting whānau involved when most contact is by e-mail.",
    "Practical work without a laboratory.",
]
HOPES = [
    "More confidence running live online discussions.",
    "A sustainable week.",
    "Someone to think aloud with about my planning.",
    "Assessment that tells students what to do next.",
]

# People who applied to the 2027 round and are waiting for the committee.
APPLICANTS_2027: list[dict[str, Any]] = [
    dict(
        name="Tavita Leota",
        tz="Pacific/Apia",
        school="Savai'i Distance Learning Centre",
        sector="secondary",
        position="Teacher of English",
        subjects=["English", "Literacy"],
        region="Savai'i",
        country="WS",
        years=2,
        interests="Teaching essay writing to students who join by phone.",
        tags=["writing"],
        kind="mentee",
    ),
    dict(
        name="Marguerite Aubin",
        tz="America/Toronto",
        school="École virtuelle du Nord",
        sector="secondary",
        position="Enseignante de sciences",
        subjects=["Science", "Physics"],
        region="Ontario",
        country="CA",
        years=1,
        interests="Labs at home with kitchen materials; French-language resources.",
        tags=["labs"],
        kind="mentee",
    ),
    dict(
        name="Duncan Fraser",
        tz="Europe/London",
        school="Sgoil Lionacleit",
        sector="secondary",
        position="Probationer, mathematics",
        subjects=["Mathematics"],
        region="Outer Hebrides",
        country="GB",
        years=0,
        interests="Teaching Higher maths to a class spread across three islands.",
        tags=["island schools"],
        kind="mentee",
    ),
    dict(
        name="Wiremu Te Awa",
        tz="Pacific/Auckland",
        school="Te Aho o Te Kura Pounamu",
        sector="secondary",
        position="Kaiako, digital technologies",
        subjects=["Digital technologies", "Mathematics"],
        region="Wellington",
        country="NZ",
        years=14,
        interests="Mentoring new online teachers; course design for distance learners.",
        tags=["course design"],
        kind="mentor",
    ),
    dict(
        name="Hine Morgan",
        tz="Pacific/Auckland",
        school="Ōpōtiki Kindergarten",
        sector="early_childhood",
        position="Head teacher",
        subjects=["Early literacy"],
        region="Bay of Plenty",
        country="NZ",
        years=9,
        interests="Leading a small team; documenting learning stories online.",
        tags=["leadership"],
        kind="mentee",
    ),
]


def _answers(user: Any, rng: random.Random, kind: str) -> dict[str, Any]:
    profile = user.profile
    answers: dict[str, Any] = {
        "interests": profile.interests,
        "experiences": f"{profile.years_experience} years as {profile.position.lower()} at {profile.organisation_name}.",
        "subjects": profile.subjects,
        "sector": profile.sector,
        "role": profile.position,
        "region": profile.region,
        "country": profile.country,
        "time_zone": user.time_zone,
        "language": ["English", "Te reo Māori"]
        if "Māori" in " ".join(profile.subjects)
        else ["English"],
        "availability": rng.sample(EVENINGS, 3),
    }
    if kind == ApplicantKind.MENTEE:
        answers |= {
            "challenges": rng.choice(CHALLENGES),
            "hopes": rng.choice(HOPES),
            "co_mentor_request": "",
        }
    else:
        answers |= {"expertise": profile.bio or profile.interests, "capacity": 8}
    return answers


def _application(
    cohort: Cohort, user: Any, kind: str, status: str, answers: dict[str, Any], when: datetime
) -> Application:
    return Application.objects.create(
        cohort=cohort, applicant=user, kind=kind, status=status, answers=answers,
        submitted_at=when if status != ApplicationStatus.DRAFT else None,
        research_consent=None if status == ApplicationStatus.DRAFT else True,
    )  # fmt: skip


def seed(context: dict[str, Any]) -> None:
    rng = random.Random(2026)
    people, mentees, programme, lead = (
        context["people"],
        context["mentees"],
        context["programme"],
        context["lead"],
    )
    # Our mentors take up to eight mentees each in this programme.
    model = programme_models.preset("vpld")
    model["capacity"] = {"min": 2, "max": 8}
    programme_services.programme_model_set(
        actor=lead, programme=programme, model=model, source="adjusted"
    )

    tz = timezone.get_current_timezone()
    past = Cohort.objects.create(
        programme=programme, name="2026 intake",
        opens_at=datetime(2025, 10, 1, 9, tzinfo=tz), closes_at=datetime(2025, 12, 12, 17, tzinfo=tz),
    )  # fmt: skip
    past.committee.set([people["mentor"], people["mentor2"]])
    sent = datetime(2025, 11, 20, 10, tzinfo=tz)
    for user in mentees:
        _application(past, user, ApplicantKind.MENTEE, ApplicationStatus.ACCEPTED,
                     _answers(user, rng, ApplicantKind.MENTEE), sent)  # fmt: skip
    for key in ("mentor", "mentor2", "mentor3"):
        _application(past, people[key], ApplicantKind.MENTOR, ApplicationStatus.ACCEPTED,
                     _answers(people[key], rng, ApplicantKind.MENTOR), sent)  # fmt: skip
    Application.objects.filter(cohort=past).update(
        decided_by=lead, decided_at=datetime(2025, 12, 19, 15, tzinfo=tz),
        decision_reason="Welcome to Connected Classrooms 2026.",
    )  # fmt: skip
    context["past_cohort"] = past

    now = timezone.now()
    current = services.cohort_create(
        actor=lead, programme=programme, name="2027 intake",
        opens_at=now - timedelta(days=12), closes_at=now + timedelta(days=45),
        committee=[people["mentor"], people["mentor2"]],
    )  # fmt: skip
    make_person, password_hash = context["make_person"], context["password_hash"]
    for i, row in enumerate(APPLICANTS_2027):
        user = make_person(row, password_hash)
        _application(current, user, row["kind"], ApplicationStatus.SUBMITTED,
                     _answers(user, rng, row["kind"]), now - timedelta(days=10 - i))  # fmt: skip
    waitlisted = _application(
        current,
        mentees[-1],
        ApplicantKind.MENTOR,
        ApplicationStatus.SUBMITTED,
        _answers(mentees[-1], rng, ApplicantKind.MENTOR),
        now - timedelta(days=3),
    )
    waitlisted.comments.create(
        author=people["mentor"], body="Keen, but only in their second year; ask again next round?"
    )
    # The outsider started an application and will find the draft when they come back.
    _application(current, people["outsider"], ApplicantKind.MENTEE, ApplicationStatus.DRAFT,
                 {"interests": "Project-based learning across distance"}, now)  # fmt: skip
