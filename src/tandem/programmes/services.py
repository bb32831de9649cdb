"""Writes for organisations, programmes and memberships; each one audited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import log_action

from . import programme_models
from .models import (
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    Programme,
    ProgrammeStatus,
    Role,
)
from .signals import programme_model_changed


def organisation_create(
    *, actor: Any, name: str, slug: str, kind: str, **extra: Any
) -> Organisation:
    with transaction.atomic():
        organisation = Organisation(name=name, slug=slug, kind=kind, **extra)
        organisation.full_clean()
        organisation.save()
        log_action(actor, "organisation.created", organisation)
    return organisation


def programme_create(
    *,
    actor: Any,
    organisation: Organisation,
    name: str,
    slug: str,
    status: str = ProgrammeStatus.DRAFT,
    preset_key: str = "",
    **extra: Any,
) -> Programme:
    model = programme_models.preset(preset_key) if preset_key else {}
    with transaction.atomic():
        programme = Programme(
            organisation=organisation, name=name, slug=slug, status=status,
            preset_key=preset_key, programme_model=model, **extra,
        )  # fmt: skip
        programme.full_clean()
        programme.save()
        log_action(actor, "programme.created", programme, scope=programme)
    return programme


def programme_model_set(
    *, actor: Any, programme: Programme, model: dict[str, Any], source: str
) -> Programme:
    """Replace the programme's model after validating it; ``source`` says how
    (adjusted, imported, preset) for the history page."""
    programme_models.validate(model)
    with transaction.atomic():
        changed = ", ".join(
            sorted(
                key
                for key in set(model) | set(programme.programme_model)
                if model.get(key) != programme.programme_model.get(key)
            )
        )
        programme.programme_model = model
        if source == "preset":
            programme.preset_key = model["key"]
        programme.save(update_fields=["programme_model", "preset_key"])
        log_action(
            actor, "programme.model_changed", programme,
            {"source": source, "changed": changed or "nothing", "model": model["name"]}, scope=programme,
        )  # fmt: skip
        programme_model_changed.send(sender=Programme, programme=programme)
    return programme


def _labels(roles: Iterable[str]) -> str:
    return ", ".join(str(Role(r).label) for r in sorted(roles))


def _check_roles(roles: Iterable[str]) -> set[str]:
    chosen = set(roles)
    unknown = chosen - set(Role.values)
    if unknown:
        raise ValidationError(_("Unknown role: %(roles)s") % {"roles": ", ".join(sorted(unknown))})
    if not chosen:
        raise ValidationError(_("Choose at least one role."))
    return chosen


def membership_grant(
    *, actor: Any, programme: Programme, user: Any, roles: Iterable[str]
) -> Membership:
    """Add ``user`` to ``programme`` (or re-activate them) with these extra roles."""
    chosen = _check_roles(roles)
    with transaction.atomic():
        membership, _created = Membership.objects.get_or_create(user=user, programme=programme)
        if membership.status != MembershipStatus.ACTIVE:
            membership.status = MembershipStatus.ACTIVE
            membership.ended_at = None
            membership.save(update_fields=["status", "ended_at"])
        existing = set(membership.roles.values_list("role", flat=True))
        MembershipRole.objects.bulk_create(
            [MembershipRole(membership=membership, role=r) for r in chosen - existing]
        )
        log_action(
            actor,
            "membership.granted",
            user,
            {"roles": _labels(chosen | existing), "programme": programme.slug},
            scope=programme,
        )
    return membership


def _other_leads(membership: Membership) -> int:
    return (
        MembershipRole.objects.filter(
            membership__programme=membership.programme,
            membership__status=MembershipStatus.ACTIVE,
            role=Role.PROGRAMME_LEAD,
        )
        .exclude(membership=membership)
        .count()
    )


def membership_set_roles(*, actor: Any, membership: Membership, roles: Iterable[str]) -> Membership:
    chosen = _check_roles(roles)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        existing = set(membership.roles.values_list("role", flat=True))
        dropping_lead = Role.PROGRAMME_LEAD in existing and Role.PROGRAMME_LEAD not in chosen
        if dropping_lead and _other_leads(membership) == 0:
            raise ValidationError(_("A programme needs at least one programme lead."))
        if chosen == existing:
            return membership
        membership.roles.filter(role__in=existing - chosen).delete()
        MembershipRole.objects.bulk_create(
            [MembershipRole(membership=membership, role=r) for r in chosen - existing]
        )
        log_action(
            actor,
            "membership.roles_set",
            membership.user,
            {"roles": _labels(chosen), "before": _labels(existing)},
            scope=membership.programme,
        )
    return membership


def membership_end(*, actor: Any, membership: Membership) -> Membership:
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .select_related("user", "programme")
            .get(pk=membership.pk)
        )
        roles = set(membership.roles.values_list("role", flat=True))
        if Role.PROGRAMME_LEAD in roles and _other_leads(membership) == 0:
            raise ValidationError(_("A programme needs at least one programme lead."))
        membership.status = MembershipStatus.ENDED
        membership.ended_at = timezone.now()
        membership.save(update_fields=["status", "ended_at"])
        log_action(actor, "membership.ended", membership.user, scope=membership.programme)
    return membership
