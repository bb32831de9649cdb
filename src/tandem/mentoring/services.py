"""Writes for relationships."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tandem.core.audit import log_action
from tandem.core.mail import queue_user_mail
from tandem.programmes.models import Programme
from tandem.programmes.programme_models import AGREEMENT_SECTIONS

from . import agreements
from .models import (
    AgreementAcceptance,
    AgreementVersion,
    Participant,
    ParticipantRole,
    Relationship,
    RelationshipStatus,
)


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
        AgreementVersion.objects.create(
            relationship=relationship, number=1,
            sections=agreements.starting_text(programme.programme_model),
            change_note=_("Starting text from the programme."),
        )  # fmt: skip
        names = lambda role: ", ".join(str(u) for u in people[role])  # noqa: E731
        log_action(
            actor, "relationship.created", relationship,
            {"mentors": names(ParticipantRole.MENTOR), "mentees": names(ParticipantRole.MENTEE),
             "origin": origin},
            scope=programme,
        )  # fmt: skip
    return relationship


def agreement_amend(
    *, actor: Any, relationship: Relationship, sections: dict[str, str], change_note: str
) -> AgreementVersion:
    """A new version of the agreement; everyone accepts it again."""
    if set(sections) != set(AGREEMENT_SECTIONS):
        raise ValidationError(_("Every section of the agreement needs a text."))
    with transaction.atomic():
        current = (
            AgreementVersion.objects.select_for_update()
            .filter(relationship=relationship)
            .order_by("-number")
            .first()
        )
        if current is not None and current.sections == sections:
            raise ValidationError(_("Nothing has changed from the current version."))
        version = AgreementVersion.objects.create(
            relationship=relationship, number=(current.number + 1) if current else 1,
            sections=sections, change_note=change_note.strip(), created_by=actor,
        )  # fmt: skip
        log_action(
            actor, "agreement.amended", relationship,
            {"version": version.number, "note": version.change_note or "—"},
            scope=relationship.programme,
        )  # fmt: skip
        others = relationship.participants.exclude(user=actor).values_list("user_id", flat=True)
    for user_id in others:
        queue_user_mail(
            user_id=user_id, template_prefix="mentoring/emails/agreement_changed",
            context={"by": str(actor), "programme": relationship.programme.name,
                     "version": version.number, "note": version.change_note,
                     "path": f"/relationships/{relationship.pk}/agreement/"},
        )  # fmt: skip
    return version


def agreement_accept(*, actor: Any, version: AgreementVersion) -> AgreementAcceptance:
    with transaction.atomic():
        latest = version.relationship.agreement_versions.order_by("-number").first()
        if latest is None or latest.pk != version.pk:
            raise ValidationError(_("A newer version exists; read and accept that one."))
        if version.acceptances.filter(user=actor).exists():
            raise ValidationError(_("You have already accepted this version."))
        acceptance = AgreementAcceptance.objects.create(version=version, user=actor)
        log_action(
            actor, "agreement.accepted", version.relationship, {"version": version.number},
            scope=version.relationship.programme,
        )  # fmt: skip
    return acceptance
