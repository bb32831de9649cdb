"""Reads about programmes and memberships, already filtered by access."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from .models import STAFF_ROLES, Membership, MembershipRole, MembershipStatus, Programme, Role


def _active(qs: QuerySet[Membership]) -> QuerySet[Membership]:
    return qs.filter(status=MembershipStatus.ACTIVE)


def programme_ids_of(viewer: Any) -> QuerySet[Membership, Any]:
    """Visibility audience: the programmes whose community ``viewer`` is in."""
    return _active(Membership.objects.filter(user_id=viewer.pk)).values("programme_id")


def peer_ids_of(viewer: Any) -> QuerySet[Membership, Any]:
    """Visibility audience: everyone who shares a programme with ``viewer``."""
    return _active(Membership.objects.filter(programme_id__in=programme_ids_of(viewer))).values(
        "user_id"
    )


def memberships_of(user: Any) -> QuerySet[Membership]:
    return (
        _active(Membership.objects.filter(user_id=user.pk))
        .select_related("programme__organisation")
        .prefetch_related("roles")
        .order_by("programme__name")
    )


def roles_in(user: Any, programme: Programme) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(
        MembershipRole.objects.filter(
            membership__user_id=user.pk,
            membership__programme=programme,
            membership__status=MembershipStatus.ACTIVE,
        ).values_list("role", flat=True)
    )


def has_any_role(user: Any, roles: Iterable[str]) -> bool:
    return MembershipRole.objects.filter(
        membership__user_id=user.pk,
        membership__status=MembershipStatus.ACTIVE,
        role__in=list(roles),
    ).exists()


def programmes_of(user: Any) -> QuerySet[Programme]:
    return Programme.objects.filter(pk__in=programme_ids_of(user)).select_related("organisation")


def members_of(programme: Programme, *, role: str | None = None) -> QuerySet[Membership]:
    qs = (
        _active(programme.memberships.all())
        .select_related("user__profile")
        .prefetch_related(Prefetch("roles", queryset=MembershipRole.objects.order_by("role")))
        .order_by("user__display_name", "user__email")
    )
    if role:
        qs = qs.filter(roles__role=role)
    return qs


def role_counts(programme: Programme) -> dict[str, int]:
    counts = Counter(
        MembershipRole.objects.filter(
            membership__programme=programme, membership__status=MembershipStatus.ACTIVE
        ).values_list("role", flat=True)
    )
    return {str(Role(role).label): counts[role] for role in Role.values if counts[role]}


def people_with_role(programme: Programme, roles: Iterable[str]) -> list[Any]:
    return [
        m.user
        for m in _active(programme.memberships.filter(roles__role__in=list(roles)))
        .select_related("user")
        .distinct()
        .order_by("user__display_name")
    ]


def _with_roles(programme: Programme, roles: Iterable[str]) -> QuerySet[Any]:
    return get_user_model().objects.filter(
        pk__in=_active(programme.memberships.filter(roles__role__in=list(roles))).values("user_id")
    )


def people_matching(
    programme: Programme, roles: Iterable[str], text: str, *,
    exclude: Iterable[int] | QuerySet[Any] = (), limit: int = 20,
) -> list[Any]:  # fmt: skip
    """Up to ``limit`` members holding one of ``roles`` whose name or e-mail contains
    ``text`` — suggestions for a person field, however large the programme."""
    qs = _with_roles(programme, roles).exclude(pk__in=exclude)
    text = text.strip()
    if text:
        qs = qs.filter(Q(display_name__icontains=text) | Q(email__icontains=text))
    return list(qs.order_by("display_name", "email")[:limit])


def people_named(programme: Programme, roles: Iterable[str], text: str) -> list[Any]:
    """Members holding one of ``roles`` whose e-mail is ``text`` or, failing
    that, whose whole name is ``text`` (any case); several when a name is shared."""
    text = text.strip()
    if not text:
        return []
    people = _with_roles(programme, roles)
    by_email = list(people.filter(email__iexact=text)[:1])
    return by_email or list(people.filter(display_name__iexact=text).order_by("email")[:5])


@dataclass
class ProgrammeCard:
    """One programme on a person's home page, with what each of their roles needs."""

    programme: Programme
    roles: list[str]
    role_labels: list[str]
    is_staff: bool
    counts: dict[str, int] = field(default_factory=dict)
    contacts: list[Any] = field(default_factory=list)


def home_cards(user: Any) -> list[ProgrammeCard]:
    cards = []
    for membership in memberships_of(user):
        roles = membership.role_values
        programme = membership.programme
        is_staff = bool(STAFF_ROLES & set(roles)) or Role.RESEARCHER in roles
        card = ProgrammeCard(
            programme=programme,
            roles=roles,
            role_labels=membership.role_labels,
            is_staff=is_staff,
        )
        if is_staff:
            card.counts = role_counts(programme)
        else:
            card.contacts = people_with_role(programme, [Role.PROGRAMME_LEAD, Role.FACILITATOR])
        cards.append(card)
    return cards
