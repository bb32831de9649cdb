"""Build Tandem's demo: one realistic mentoring programme and a coaching circle.

``--scale N`` adds N synthetic programmes of 1,000 members each, for benchmarks,
and runs the scale steps apps register (mentoring: one programme of N × 1,000
relationships, caseloads of 80).
"""

from __future__ import annotations

import random
import time
import uuid
from datetime import date
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from tandem.accounts.models import Profile, Sector, User
from tandem.core import demo
from tandem.programmes import services
from tandem.programmes.demo_people import (
    COACHING_DESCRIPTION,
    MENTEES,
    PROGRAMME_DESCRIPTION,
    STAFF,
)
from tandem.programmes.demo_scale import synthetic_organisation
from tandem.programmes.models import (
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    Programme,
    ProgrammeStatus,
    Role,
)

DEMO_PASSWORD = "tandem-demo"  # noqa: S105 - published demo credential
DEMO_DOMAIN = "demo.test"
DEMO_LOGINS = [
    ("lead", "programme lead (asked to set up two-factor authentication on first sign-in)"),
    ("mentor", "mentor; also a coachee in the coaching circle"),
    ("mentee", "mentee, first-year teacher"),
    ("facilitator", "community facilitator"),
    ("researcher", "researcher"),
    ("supervisor", "mentor supervisor and coach"),
    ("outsider", "in no programme; joined the open community from outside"),
]


def _slug_email(name: str) -> str:
    base = "".join(ch for ch in name.lower() if ch.isalnum() or ch == " ").split()
    return ".".join(base)


def make_person(row: dict[str, Any], password_hash: str) -> User:
    local = row.get("email") or _slug_email(row["name"])
    user = User.objects.create(
        email=f"{local}@{DEMO_DOMAIN}",
        display_name=row["name"],
        time_zone=row["tz"],
        password=password_hash,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Profile.objects.filter(user=user).update(
        pronouns=row.get("pronouns", ""),
        organisation_name=row["school"],
        sector=row["sector"],
        position=row["position"],
        subjects=row["subjects"],
        region=row["region"],
        country=row["country"],
        years_experience=row["years"],
        interests=row["interests"],
        interest_tags=row["tags"],
        bio=row.get("bio", ""),
    )
    return user


class Command(BaseCommand):
    help = "Load Tandem's demo programme (idempotent); --scale N adds N×1,000 synthetic members."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help="Empty the database first.")
        parser.add_argument(
            "--scale", type=int, default=0, help="Synthetic programmes of 1,000 members."
        )
        parser.add_argument(
            "--only", default="",
            help=f"With --scale: only these scale steps, comma-separated ({', '.join(demo.scale_step_names())}).",
        )  # fmt: skip
        parser.add_argument("--quiet", action="store_true")

    def handle(
        self, *args: Any, reset: bool, scale: int, only: str, quiet: bool, **options: Any
    ) -> None:
        if reset:
            call_command("flush", interactive=False, verbosity=0)
        started = time.perf_counter()
        if Organisation.objects.filter(slug="kahikatea").exists():
            if not quiet:
                self.stdout.write("Demo data already loaded (use --reset to start again).")
        else:
            with transaction.atomic():
                self.seed()
        if scale:
            if scale < 0 or scale > 1000:
                self.stderr.write("--scale takes 1 to 1000.")
                return
            steps = {name.strip() for name in only.split(",") if name.strip()} or None
            unknown = (steps or set()) - set(demo.scale_step_names())
            if unknown:
                self.stderr.write(f"Unknown scale steps: {', '.join(sorted(unknown))}.")
                return
            synthetic(scale)
            demo.run_scale_steps(
                {"scale": scale, "password_hash": make_password(DEMO_PASSWORD)}, only=steps
            )
        if not quiet:
            self.stdout.write(f"Seeded in {time.perf_counter() - started:.1f}s.")
            print_logins(self.stdout)

    def seed(self) -> None:
        password_hash = make_password(DEMO_PASSWORD)
        people = {row.get("email") or row["name"]: make_person(row, password_hash) for row in STAFF}
        mentees = [make_person(row, password_hash) for row in MENTEES]
        lead = people["lead"]
        provider = services.organisation_create(
            actor=lead,
            name="Kahikatea Professional Learning Trust",
            slug="kahikatea",
            kind=OrganisationKind.PROVIDER,
            country="NZ",
            region="Manawatū-Whanganui",
        )
        programme = services.programme_create(
            actor=lead,
            organisation=provider,
            name="Connected Classrooms Virtual Mentoring 2026",
            slug="connected-classrooms-2026",
            summary="Monthly online mentoring for teachers in rural, remote and online schools, with an open community of practice.",
            description=PROGRAMME_DESCRIPTION,
            status=ProgrammeStatus.ACTIVE,
            starts_on=date(2026, 2, 2),
            ends_on=date(2028, 12, 15),
            preset_key="vpld",
        )
        grant = services.membership_grant
        grant(actor=lead, programme=programme, user=lead, roles=[Role.PROGRAMME_LEAD])
        for key in ("mentor", "mentor2", "mentor3"):
            grant(actor=lead, programme=programme, user=people[key], roles=[Role.MENTOR])
        grant(actor=lead, programme=programme, user=people["facilitator"], roles=[Role.FACILITATOR])
        grant(actor=lead, programme=programme, user=people["researcher"], roles=[Role.RESEARCHER])
        grant(actor=lead, programme=programme, user=people["supervisor"], roles=[Role.SUPERVISOR])
        for person in mentees:
            roles = [Role.MENTEE]
            if person.display_name == "Grace McAllister":
                roles.append(Role.DEVELOPING_MENTOR)
            grant(actor=lead, programme=programme, user=person, roles=roles)

        circle = services.programme_create(
            actor=people["supervisor"],
            organisation=provider,
            name="Mentor Coaching Circle",
            slug="mentor-coaching-circle",
            summary="Coaching for our mentors on their own mentoring practice.",
            description=COACHING_DESCRIPTION,
            status=ProgrammeStatus.ACTIVE,
            starts_on=date(2026, 3, 1),
            preset_key="virtual-coaching",
        )
        grant(actor=lead, programme=circle, user=lead, roles=[Role.PROGRAMME_LEAD])
        grant(
            actor=lead,
            programme=circle,
            user=people["supervisor"],
            roles=[Role.COACH, Role.SUPERVISOR],
        )
        for key in ("mentor", "mentor2", "mentor3"):
            grant(actor=lead, programme=circle, user=people[key], roles=[Role.COACHEE])
        demo.run_steps(
            {"people": people, "mentees": mentees, "programme": programme, "lead": lead,
             "password_hash": password_hash, "make_person": make_person}
        )  # fmt: skip


FIRST = ["Ana", "Tama", "Mei", "Olu", "Sina", "Ravi", "Eli", "Noor", "Kai", "Lena", "Iosefa", "Zoe",
         "Hemi", "Ines", "Jun", "Maya", "Niko", "Aroha", "Femi", "Greta"]  # fmt: skip
LAST = ["Ngata", "Chen", "Smith", "Tuilagi", "Kumar", "Morrison", "Patel", "Rewi", "Ito", "Brown",
        "Schmidt", "Afamasaga", "Nguyen", "Horomona", "Silva", "MacLeod", "Oyelaran", "Kerr"]  # fmt: skip
SUBJECTS = ["Mathematics", "English", "Science", "History", "Art", "Music", "Te reo Māori", "Physics",
            "Chemistry", "Economics", "Literacy", "Digital technologies", "Health", "Geography"]  # fmt: skip
REGIONS = [("Northland", "NZ"), ("Otago", "NZ"), ("Queensland", "AU"), ("Yukon", "CA"), ("Highland", "GB"),
           ("Alaska", "US"), ("Southland", "NZ"), ("Tasmania", "AU")]  # fmt: skip


def synthetic(scale: int, members_per_programme: int = 1000) -> int:
    """Bulk-create ``scale`` programmes with ``members_per_programme`` people each."""
    rng = random.Random(2026)
    password_hash = make_password(DEMO_PASSWORD)
    sectors = [s for s in Sector.values if s != Sector.OTHER]
    batch = uuid.uuid4().hex[:6]
    organisation = synthetic_organisation()
    created = 0
    for p in range(scale):
        with transaction.atomic():
            programme = Programme.objects.create(
                organisation=organisation,
                name=f"Synthetic programme {batch}-{p + 1}",
                slug=f"synthetic-{batch}-{p + 1}",
                status=ProgrammeStatus.ACTIVE,
            )
            users = User.objects.bulk_create(
                [
                    User(
                        email=f"s{batch}-{p}-{i}@synthetic.test",
                        display_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        password=password_hash,
                    )
                    for i in range(members_per_programme)
                ],
                batch_size=1000,
            )
            EmailAddress.objects.bulk_create(
                [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
                batch_size=1000,
            )
            profiles = []
            for u in users:
                region, country = rng.choice(REGIONS)
                profiles.append(
                    Profile(
                        user=u,
                        sector=rng.choice(sectors),
                        subjects=rng.sample(SUBJECTS, 2),
                        region=region,
                        country=country,
                        years_experience=rng.randint(0, 35),
                    )
                )
            Profile.objects.bulk_create(profiles, batch_size=1000)
            memberships = Membership.objects.bulk_create(
                [Membership(user=u, programme=programme) for u in users], batch_size=1000
            )
            roles = []
            for i, m in enumerate(memberships):
                role = (
                    Role.PROGRAMME_LEAD if i == 0 else Role.MENTOR if i % 25 == 1 else Role.MENTEE
                )
                roles.append(MembershipRole(membership=m, role=role))
            MembershipRole.objects.bulk_create(roles, batch_size=1000)
            created += len(users)
    return created


def print_logins(out: Any) -> None:
    out.write("")
    out.write("Tandem demo — open http://127.0.0.1:8000 and sign in with:")
    for local, what in DEMO_LOGINS:
        out.write(f"  {local + '@' + DEMO_DOMAIN:<26} {what}")
    out.write(f"  password for all: {DEMO_PASSWORD}")
    out.write("")
