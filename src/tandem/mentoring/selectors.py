"""Reads for relationships."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from tandem.core.dashboard import Panel
from tandem.programmes.models import Programme

from .models import (
    AgreementAcceptance,
    AgreementVersion,
    Participant,
    ParticipantRole,
    Relationship,
    RelationshipStatus,
)

LIVE = [RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED, RelationshipStatus.PROPOSED]


def relationships_of(user: Any) -> QuerySet[Relationship]:
    return (
        Relationship.objects.filter(participants__user=user, status__in=LIVE)
        .select_related("programme")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("user").order_by(
                    "role", "user__display_name"
                ),
            )
        )
        .distinct()
    )


def pairs_in(programme: Programme, *, live: bool) -> set[tuple[int, int]]:
    """(mentee id, mentor or co-mentor id) of live or of past relationships."""
    statuses = LIVE if live else [RelationshipStatus.ENDED, RelationshipStatus.WITHDRAWN]
    rows = Participant.objects.filter(
        relationship__programme=programme, relationship__status__in=statuses
    ).values_list("relationship_id", "user_id", "role")
    by_relationship: dict[int, dict[str, list[int]]] = {}
    for rel, user, role in rows:
        by_relationship.setdefault(rel, {}).setdefault(role, []).append(user)
    pairs: set[tuple[int, int]] = set()
    for roles in by_relationship.values():
        guides = roles.get(ParticipantRole.MENTOR, []) + roles.get(ParticipantRole.CO_MENTOR, [])
        pairs.update((m, g) for m in roles.get(ParticipantRole.MENTEE, []) for g in guides)
    return pairs


def current_agreement(relationship: Relationship) -> AgreementVersion | None:
    return (
        relationship.agreement_versions.prefetch_related(
            Prefetch("acceptances", queryset=AgreementAcceptance.objects.select_related("user"))
        )
        .order_by("-number")
        .first()
    )


def agreements_waiting_for(user: Any, relationship_ids: list[int]) -> set[int]:
    """Relationships whose latest agreement ``user`` has not accepted yet."""
    latest: dict[int, int] = {}
    for rel_id, version_id in (
        AgreementVersion.objects.filter(relationship_id__in=relationship_ids)
        .order_by("relationship_id", "number")
        .values_list("relationship_id", "id")
    ):
        latest[rel_id] = version_id
    accepted = set(
        AgreementAcceptance.objects.filter(user=user, version_id__in=latest.values()).values_list(
            "version_id", flat=True
        )
    )
    return {rel for rel, version in latest.items() if version not in accepted}


def home_panels(user: Any) -> list[Panel]:
    relationships = list(relationships_of(user))
    if not relationships:
        return []
    waiting = agreements_waiting_for(user, [r.pk for r in relationships])
    rows = []
    for rel in relationships:
        mine = next(p.role for p in rel.participants.all() if p.user_id == user.pk)
        others = [p for p in rel.participants.all() if p.user_id != user.pk]
        rows.append({"relationship": rel, "my_role": mine, "others": others,
                     "agreement_waiting": rel.pk in waiting})  # fmt: skip
    return [Panel("mentoring/home_panel.html", {"rows": rows}, order=10)]
