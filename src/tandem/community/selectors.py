"""Reads about communities and spaces, already filtered by access."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from tandem.programmes.models import MembershipStatus

from .access import listed_spaces, member_space_ids, readable_space_ids
from .models import MemberStatus, Space, SpaceMember, SpaceRole


def communities_for(user: Any) -> QuerySet[Space]:
    return (
        listed_spaces(user)
        .filter(parent__isnull=True)
        .select_related("programme")
        .annotate(is_member=Count("pk", filter=Q(pk__in=member_space_ids(user))))
        .order_by("programme__name")
    )


def groups_in(community: Space, user: Any) -> list[Space]:
    """The community's groups ``user`` may see, with their own standing in each."""
    groups: list[Space] = list(
        listed_spaces(user)
        .filter(parent=community)
        .annotate(
            member_count=Count("members", filter=Q(members__status=MemberStatus.ACTIVE)),
            readable=Count("pk", filter=Q(pk__in=readable_space_ids(user))),
        )
        .order_by("name")
    )
    mine = dict(
        SpaceMember.objects.filter(user_id=user.pk, space__in=groups).values_list(
            "space_id", "status"
        )
    )
    for group in groups:
        group.my_status = mine.get(group.pk, "")  # type: ignore[attr-defined]
    return groups


def member_user_ids(space: Space) -> QuerySet[Any, Any]:
    """Everyone taking part in ``space`` (user ids): its active rows and, for the
    community, everyone active in its programme, less anyone banned from it."""
    rows = SpaceMember.objects.filter(space=space)
    taking_part = Q(pk__in=rows.filter(status=MemberStatus.ACTIVE).values("user_id"))
    if space.parent_id is None:
        taking_part |= Q(
            pk__in=space.programme.memberships.filter(status=MembershipStatus.ACTIVE).values(
                "user_id"
            )
        )
    return (
        get_user_model()
        .objects.filter(taking_part)
        .exclude(pk__in=rows.filter(status=MemberStatus.BANNED).values("user_id"))
        .values("pk")
    )


def active_count(space: Space) -> int:
    """The size of :func:`member_user_ids`, counted along the indexes: active
    rows, plus (for the community) programme members with no active or banned row."""
    rows = SpaceMember.objects.filter(space=space)
    count = rows.filter(status=MemberStatus.ACTIVE).count()
    if space.parent_id is None:
        count += (
            space.programme.memberships.filter(status=MembershipStatus.ACTIVE)
            .exclude(
                Exists(
                    rows.filter(
                        user_id=OuterRef("user_id"),
                        status__in=[MemberStatus.ACTIVE, MemberStatus.BANNED],
                    )
                )
            )
            .values("user_id")
            .distinct()
            .count()
        )
    return count


def moderators_of(space: Space) -> QuerySet[SpaceMember]:
    return space.members.filter(
        status=MemberStatus.ACTIVE, role=SpaceRole.MODERATOR
    ).select_related("user")


def rows_by_status(space: Space) -> dict[str, list[SpaceMember]]:
    rows: dict[str, list[SpaceMember]] = {s: [] for s in MemberStatus.values}
    for row in space.members.select_related("user", "user__handle").order_by(
        "user__display_name", "user__email"
    ):
        rows[row.status].append(row)
    return rows


def community_id_of(programme_id: int) -> int | None:
    """The id of the programme's community (its root space), if it has one yet."""
    return (
        Space.objects.filter(programme_id=programme_id, parent__isnull=True)
        .values_list("pk", flat=True).first()
    )  # fmt: skip
