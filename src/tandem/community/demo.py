"""Demo community: an open community that educators outside the programme
can join, and a space of each kind with its own people."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tandem.notifications.services import no_email
from tandem.programmes.models import Membership, MembershipRole

from . import services
from .figures import GUIDE_ROLES
from .handles import handle_for
from .models import SpaceKind

GUIDELINES = """\
- Assume good intent, and ask before you assume.
- Talk about practice, not about people: no names of students or colleagues.
- Share what worked *and* what did not; both help someone.
- Disagree with ideas kindly. A moderator may hide a post that breaks these.
"""

SPACES = [
    ("Maths across the distance", SpaceKind.OPEN,
     "Number talks, manipulatives by post, and keeping maths talk alive on a bad line."),
    ("Te reo Māori in every classroom", SpaceKind.OPEN,
     "Everyday reo, waiata and tikanga for teachers of any subject."),
    ("Early-career teachers", SpaceKind.MEMBERS,
     "For teachers in their first three years: honest questions welcome."),
    ("Mentors' room", SpaceKind.RESTRICTED,
     "Mentors and facilitators only: case discussion stays here."),
]  # fmt: skip


def seed(context: dict[str, Any]) -> None:
    with no_email():  # past activity: shown in Tandem, never e-mailed
        _seed(context)


def _seed(context: dict[str, Any]) -> None:
    programme, people, mentees = context["programme"], context["people"], context["mentees"]
    facilitator = people["facilitator"]
    root = services.community_of(programme=programme)
    root.name = "Remote Teachers' Community"
    root.summary = (
        "Teachers in small, remote and virtual schools learning from each other — "
        "open to any educator who signs up."
    )
    root.kind = SpaceKind.OPEN
    root.guidelines = GUIDELINES
    root.save()
    services.space_join(actor=people["outsider"], space=root)  # an educator from elsewhere
    spaces = {
        name: services.space_create(
            actor=facilitator, community=root, name=name, summary=summary, kind=kind,
            guidelines=GUIDELINES if kind != SpaceKind.OPEN else "",
        )
        for name, kind, summary in SPACES
    }  # fmt: skip
    kiri = next(m for m in mentees if m.email.startswith("mentee@"))
    for person in [kiri, *mentees[1:5], people["mentor"], people["outsider"]]:
        services.space_join(actor=person, space=spaces["Maths across the distance"])
    for person in [kiri, mentees[2], people["mentor2"], people["mentor3"]]:
        services.space_join(actor=person, space=spaces["Te reo Māori in every classroom"])
    early = spaces["Early-career teachers"]
    for person in [kiri, *mentees[1:4]]:
        services.member_invite(actor=facilitator, space=early, user=person)
        services.space_join(actor=person, space=early)
    services.space_join(actor=mentees[5], space=early)  # waits for approval
    room = spaces["Mentors' room"]
    for key in ("mentor", "mentor2", "mentor3"):
        services.member_invite(actor=facilitator, space=room, user=people[key])
        services.space_join(actor=people[key], space=room)
    services.member_invite(actor=facilitator, space=room, user=people["lead"])
    for person in [*people.values(), *mentees]:
        handle_for(person)
    context["spaces"] = spaces
    context["community"] = root


def seed_history(context: dict[str, Any]) -> None:
    """When the demo's people joined: mentors and facilitators in the programme's
    first months, mentees cohort by cohort since, and a few this month — so the
    community figures show a community that grew."""
    programme, now = context["programme"], timezone.now()
    guides = set(
        MembershipRole.objects.filter(membership__programme=programme, role__in=GUIDE_ROLES)
        .values_list("membership_id", flat=True)
    )  # fmt: skip
    rows = list(Membership.objects.filter(programme=programme).order_by("pk"))
    others = [m for m in rows if m.pk not in guides]
    for n, membership in enumerate(m for m in rows if m.pk in guides):
        when = now - timedelta(days=430 - 9 * n)
        Membership.objects.filter(pk=membership.pk).update(joined_at=when)
    for n, membership in enumerate(others):
        months_ago = max(0, 9 - n * 10 // max(len(others) - 4, 1)) if n < len(others) - 4 else 0
        when = now - timedelta(days=30 * months_ago + (n % 5) * 3 + 1)
        Membership.objects.filter(pk=membership.pk).update(joined_at=when)
