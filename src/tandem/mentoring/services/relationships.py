"""Writes for relationships: creation, agreements, contact, stages and endings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import log_action
from tandem.core.mail import queue_user_mail
from tandem.programmes.models import Programme
from tandem.programmes.programme_models import AGREEMENT_SECTIONS
from tandem.programmes.services import membership_grant

from .. import agreements, cadence
from ..models import (
    GUIDE_ROLES,
    AgreementAcceptance,
    AgreementVersion,
    Approach,
    ContactLog,
    EndReason,
    Formality,
    Participant,
    ParticipantRole,
    Practice,
    PracticeReflection,
    Relationship,
    RelationshipStatus,
    Supervision,
)


def _shape(model: dict[str, Any]) -> dict[str, str]:
    """Practice, formality, approach and first stage from the programme model."""
    types = model.get("mentoring_types") or []
    stages = model.get("stages") or []
    return {
        "practice": Practice.COACHING if model.get("kind") == "coaching" else Practice.MENTORING,
        "formality": Formality.INFORMAL
        if "informal" in types and "formal" not in types
        else Formality.FORMAL,
        "approach": next(
            (
                a
                for a in (Approach.TASK_BASED, Approach.EXPERIENCE_BASED, Approach.JUST_IN_TIME)
                if a in types
            ),
            Approach.EXPERIENCE_BASED,
        ),
        "stage": stages[0]["key"] if stages else "",
    }


def role_in(relationship: Relationship, user: Any) -> str | None:
    return relationship.participants.filter(user_id=user.pk).values_list("role", flat=True).first()


def _require_guide(relationship: Relationship, user: Any) -> None:
    if role_in(relationship, user) not in GUIDE_ROLES:
        raise ValidationError(_("Only a mentor of this relationship can do that."))


def _require_live(relationship: Relationship) -> None:
    if relationship.status in (RelationshipStatus.ENDED, RelationshipStatus.WITHDRAWN):
        raise ValidationError(
            _("This relationship has ended; its record can be read, not changed.")
        )


def save_cadence(relationship: Relationship, *fields: str) -> None:
    """Save changed facts and the deadlines that follow from them."""
    cadence.refresh_fields(relationship)
    relationship.save(update_fields=[*fields, "due_at", "due_soon_at"])


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
    shape = _shape(programme.programme_model)
    with transaction.atomic():
        relationship = Relationship(
            programme=programme, kind=kind, status=RelationshipStatus.ACTIVE,
            started_on=started_on or timezone.localdate(), planned_end_on=planned_end_on,
            origin=origin, stage_since=started_on or timezone.localdate(), **shape,
        )  # fmt: skip
        cadence.refresh_fields(relationship)
        relationship.save()
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


def participant_boundaries_set(
    *, actor: Any, relationship: Relationship, quiet_from: time | None,
    quiet_until: time | None, reply_within_hours: int | None,
) -> Participant:  # fmt: skip
    """The actor's own boundaries in this relationship, part of its agreement."""
    participant = relationship.participants.filter(user_id=actor.pk).first()
    if participant is None:
        raise ValidationError(_("Only the people in this relationship set boundaries in it."))
    if (quiet_from is None) != (quiet_until is None):
        raise ValidationError(_("Give both ends of your quiet hours, or neither."))
    with transaction.atomic():
        participant.quiet_from, participant.quiet_until = quiet_from, quiet_until
        participant.reply_within_hours = reply_within_hours
        participant.save(update_fields=["quiet_from", "quiet_until", "reply_within_hours"])
        log_action(actor, "agreement.boundaries", relationship, scope=relationship.programme)
    return participant


def relationship_record_contact(*, relationship: Relationship, at: datetime) -> None:
    """Any session, message or logged contact counts for the contact cadence."""
    if relationship.last_contact_at is None or at > relationship.last_contact_at:
        relationship.last_contact_at = at
        save_cadence(relationship, "last_contact_at")


def contact_log(
    *, actor: Any, relationship: Relationship, kind: str, occurred_at: datetime, note: str = ""
) -> ContactLog:
    _require_live(relationship)
    if occurred_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError(_("Contact can only be logged once it has happened."))
    with transaction.atomic():
        entry = ContactLog.objects.create(
            relationship=relationship, logged_by=actor, kind=kind, occurred_at=occurred_at,
            note=note.strip(),
        )  # fmt: skip
        relationship_record_contact(relationship=relationship, at=occurred_at)
        log_action(actor, "contact.logged", relationship, {"kind": entry.get_kind_display()},
                   scope=relationship.programme)  # fmt: skip
    return entry


def relationship_pause(*, actor: Any, relationship: Relationship, note: str) -> None:
    if relationship.status != RelationshipStatus.ACTIVE:
        raise ValidationError(_("Only an active relationship can be paused."))
    with transaction.atomic():
        relationship.status = RelationshipStatus.PAUSED
        relationship.paused_at = timezone.now()
        save_cadence(relationship, "status", "paused_at")
        log_action(actor, "relationship.paused", relationship, {},
                   scope=relationship.programme)  # fmt: skip


def relationship_resume(*, actor: Any, relationship: Relationship) -> None:
    if relationship.status != RelationshipStatus.PAUSED:
        raise ValidationError(_("Only a paused relationship can be resumed."))
    with transaction.atomic():
        relationship.status = RelationshipStatus.ACTIVE
        relationship.paused_at = None
        # The rhythm starts again from now rather than reporting the pause as overdue.
        relationship.resumed_at = timezone.now()
        save_cadence(relationship, "status", "paused_at", "resumed_at")
        log_action(actor, "relationship.resumed", relationship, scope=relationship.programme)


def relationship_end(
    *, actor: Any, relationship: Relationship, withdrawn: bool, reason: str, note: str
) -> None:
    """End (as planned) or withdraw, with a reason category and an ending reflection."""
    _require_live(relationship)
    if reason not in EndReason.values:
        raise ValidationError(_("Choose a reason from the list."))
    with transaction.atomic():
        relationship.status = (
            RelationshipStatus.WITHDRAWN if withdrawn else RelationshipStatus.ENDED
        )
        relationship.ended_at = timezone.now()
        relationship.end_reason = reason
        relationship.end_note = note.strip()
        save_cadence(relationship, "status", "ended_at", "end_reason", "end_note")
        log_action(
            actor, "relationship.withdrawn" if withdrawn else "relationship.ended", relationship,
            {"reason": str(EndReason(reason).label)}, scope=relationship.programme,
        )  # fmt: skip
        others = list(
            relationship.participants.exclude(user=actor).values_list("user_id", flat=True)
        )
    for user_id in others:
        queue_user_mail(
            user_id=user_id, template_prefix="mentoring/emails/ended",
            context={"by": str(actor), "programme": relationship.programme.name,
                     "reason": str(EndReason(reason).label), "withdrawn": withdrawn},
        )  # fmt: skip


def _stages(relationship: Relationship) -> list[dict[str, Any]]:
    return list(relationship.programme.programme_model.get("stages") or [])


def next_stage(relationship: Relationship) -> dict[str, Any] | None:
    stages = _stages(relationship)
    keys = [s["key"] for s in stages]
    if relationship.stage not in keys:
        return stages[0] if stages else None
    position = keys.index(relationship.stage)
    return stages[position + 1] if position + 1 < len(stages) else None


def current_stage(relationship: Relationship) -> dict[str, Any] | None:
    return next((s for s in _stages(relationship) if s["key"] == relationship.stage), None)


def relationship_advance(*, actor: Any, relationship: Relationship, note: str = "") -> None:
    """Move the mentee to the next stage of the programme model.

    A stage that ``grants_role`` gives the mentees that role (a developing
    mentor takes mentees of their own and keeps their own mentor); a stage
    marked ``ends_mentoring`` ends this relationship with the mastery reason.
    When the current stage advances by ``sign_off``, this is the mentor's
    mastery sign-off and only a mentor may give it.
    """
    _require_live(relationship)
    _require_guide(relationship, actor)
    current, upcoming = current_stage(relationship), next_stage(relationship)
    if upcoming is None or (current and current.get("advance") == "end"):
        raise ValidationError(_("This is the last stage of the programme."))
    signed_off = bool(current and current.get("advance") == "sign_off")
    with transaction.atomic():
        relationship.stage = upcoming["key"]
        relationship.stage_since = timezone.localdate()
        relationship.save(update_fields=["stage", "stage_since"])
        log_action(
            actor, "relationship.signed_off" if signed_off else "relationship.advanced",
            relationship, {"stage": upcoming["label"]},
            scope=relationship.programme,
        )  # fmt: skip
        mentees = [
            p.user
            for p in relationship.participants.select_related("user")
            if p.role == ParticipantRole.MENTEE
        ]
        if upcoming.get("grants_role"):
            for mentee in mentees:
                membership_grant(
                    actor=actor, programme=relationship.programme, user=mentee,
                    roles=[upcoming["grants_role"]],
                )  # fmt: skip
        if upcoming.get("ends_mentoring"):
            relationship_end(
                actor=actor, relationship=relationship, withdrawn=False,
                reason=EndReason.MASTERY, note=note,
            )  # fmt: skip


def milestone_mark(*, actor: Any, relationship: Relationship, key: str, done: bool) -> None:
    keys = {
        m["key"]: m["label"] for m in relationship.programme.programme_model.get("milestones") or []
    }
    if key not in keys:
        raise ValidationError(_("That milestone is not part of this programme."))
    _require_live(relationship)
    with transaction.atomic():
        done_map = dict(relationship.milestones_done or {})
        if done:
            done_map[key] = timezone.localdate().isoformat()
        else:
            done_map.pop(key, None)
        relationship.milestones_done = done_map
        save_cadence(relationship, "milestones_done")
        log_action(
            actor, "milestone.met" if done else "milestone.reopened", relationship,
            {"milestone": keys[key]}, scope=relationship.programme,
        )  # fmt: skip


def programme_cadence_refresh(*, programme: Programme) -> int:
    """Recompute every live relationship's deadlines after the model changed."""
    rhythm = cadence.Rhythm.of(programme.programme_model)
    changed = []
    for relationship in Relationship.objects.filter(programme=programme).exclude(
        status__in=[RelationshipStatus.ENDED, RelationshipStatus.WITHDRAWN]
    ):
        relationship.programme = programme
        cadence.refresh_fields(relationship, rhythm)
        changed.append(relationship)
    Relationship.objects.bulk_update(changed, ["due_at", "due_soon_at"], batch_size=500)
    return len(changed)


def supervision_set(
    *, actor: Any, programme: Programme, supervisor: Any, mentor: Any, active: bool = True
) -> Supervision:
    if supervisor.pk == mentor.pk:
        raise ValidationError(_("Nobody supervises themselves."))
    with transaction.atomic():
        supervision, _created = Supervision.objects.get_or_create(
            programme=programme, supervisor=supervisor, mentor=mentor
        )
        supervision.ended_at = None if active else timezone.now()
        supervision.save(update_fields=["ended_at"])
        log_action(
            actor, "supervision.started" if active else "supervision.ended", mentor,
            {"supervisor": str(supervisor)}, scope=programme,
        )  # fmt: skip
    return supervision


def practice_reflection_save(
    *, actor: Any, reflection: PracticeReflection | None, title: str, body: str, shared: bool
) -> PracticeReflection:
    if reflection is not None and reflection.author_id != actor.pk:
        raise ValidationError(_("Only the author can change a reflection."))
    with transaction.atomic():
        reflection = reflection or PracticeReflection(author=actor)
        reflection.title, reflection.body, reflection.shared = title.strip(), body, shared
        reflection.save()
    return reflection
