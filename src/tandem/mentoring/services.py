"""Writes for relationships."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tandem.core.audit import log_action
from tandem.programmes.models import Programme

from .models import Participant, ParticipantRole, Relationship, RelationshipStatus


def relationship_create(
    *,
    actor: Any,
    programme: Programme,
    kind: str,
    mentors: Iterable[Any],
    mentees: Iterable[Any],
    co_mentors: Iterable[Any] = (),
    started_on: date | None = None,
    planned_end_on: date | None = None,
    origin: str = "",
) -> Relationship:
    people = {
        ParticipantRole.MENTOR: list(mentors),
        ParticipantRole.MENTEE: list(mentees),
        ParticipantRole.CO_MENTOR: list(co_mentors),
    }
    if not people[ParticipantRole.MENTOR] or not people[ParticipantRole.MENTEE]:
        raise ValidationError(_("A relationship needs at least one mentor and one mentee."))
    everyone = [u.pk for group in people.values() for u in group]
    if len(set(everyone)) != len(everyone):
        raise ValidationError(_("Someone is named twice in this relationship."))
    with transaction.atomic():
        relationship = Relationship.objects.create(
            programme=programme, kind=kind, status=RelationshipStatus.ACTIVE,
            started_on=started_on, planned_end_on=planned_end_on, origin=origin,
        )  # fmt: skip
        Participant.objects.bulk_create(
            [Participant(relationship=relationship, user=u, role=role)
             for role, group in people.items() for u in group]
        )  # fmt: skip
        names = lambda role: ", ".join(str(u) for u in people[role])  # noqa: E731
        log_action(
            actor, "relationship.created", relationship,
            {"mentors": names(ParticipantRole.MENTOR), "mentees": names(ParticipantRole.MENTEE),
             "origin": origin},
            scope=programme,
        )  # fmt: skip
    return relationship
