"""Who may see, read and run a space — the one place these rules live.

- *Listed*: the space's name and summary show (its page opens). Readable
  spaces, members-only groups of a community one can read, and spaces one is
  invited to.
- *Readable*: its contents show. Open spaces for anyone signed in (unless
  banned); the community for everyone active in its programme; any space for
  its active members. A group is readable only if its community is too.
- *Moderated by*: its active moderators; for the community and its
  non-restricted groups also the programme's facilitators and leads.
  Restricted spaces have only the moderators named in them.

Everything else gets the same 404 as a space that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from tandem.core.access import deny, object_or_404
from tandem.core.request_cache import memo
from tandem.programmes.models import MembershipRole, MembershipStatus, Role
from tandem.programmes.selectors import programme_ids_of

from .models import MemberStatus, Space, SpaceKind, SpaceMember, SpaceRole

RUNS_COMMUNITY = (Role.FACILITATOR, Role.PROGRAMME_LEAD)


def _rows(user_id: Any, status: str) -> QuerySet[SpaceMember, Any]:
    return SpaceMember.objects.filter(user_id=user_id, status=status).values("space_id")


def _self_readable(user: Any, prefix: str = "") -> Q:
    banned = Q(**{f"{prefix}pk__in": _rows(user.pk, MemberStatus.BANNED)})
    return (
        Q(**{f"{prefix}pk__in": _rows(user.pk, MemberStatus.ACTIVE)})
        | (Q(**{f"{prefix}kind": SpaceKind.OPEN}) & ~banned)
        | (
            Q(
                **{
                    f"{prefix}parent__isnull": True,
                    f"{prefix}programme_id__in": programme_ids_of(user),
                }
            )
            & ~banned
        )
    )


def readable_spaces(user: Any) -> QuerySet[Space]:
    if not getattr(user, "is_authenticated", False):
        return Space.objects.none()
    return Space.objects.filter(_self_readable(user)).filter(
        Q(parent__isnull=True) | _self_readable(user, "parent__")
    )


def readable_space_ids(user: Any) -> QuerySet[Space, Any] | list[int]:
    """Visibility audience "groups": the spaces whose posts ``user`` may read
    (for ``__in`` lookups: a subquery, or within a page view the ids, read once)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return memo(
        ("readable-spaces", user.pk),
        lambda: list(readable_spaces(user).values_list("pk", flat=True)),
        fallback=lambda: readable_spaces(user).values("pk"),
    )


def _holds(ids: QuerySet[Space, Any] | list[int], space_id: int) -> bool:
    """Whether ``space_id`` is among ``ids``: a page view's list, or a subquery."""
    if isinstance(ids, list):
        return space_id in ids
    return Space.objects.filter(pk=space_id, pk__in=ids).exists()


def can_read(user: Any, space_id: int) -> bool:
    return _holds(readable_space_ids(user), space_id)


def listed_spaces(user: Any) -> QuerySet[Space]:
    if not getattr(user, "is_authenticated", False):
        return Space.objects.none()
    return Space.objects.filter(
        Q(pk__in=readable_space_ids(user))
        | (Q(kind=SpaceKind.MEMBERS) & Q(parent__in=readable_space_ids(user)))
        | Q(pk__in=_rows(user.pk, MemberStatus.INVITED))
    )


def member_space_ids(user: Any) -> QuerySet[Space, Any] | list[int]:
    """Spaces where ``user`` takes part (may post): active rows, and the community
    of each programme they are active in (unless banned from it)."""
    return memo(
        ("member-spaces", user.pk),
        lambda: list(_member_spaces(user).values_list("pk", flat=True)),
        fallback=lambda: _member_spaces(user),
    )


def takes_part(user: Any, space_id: int) -> bool:
    return _holds(member_space_ids(user), space_id)


def _member_spaces(user: Any) -> QuerySet[Space, Any]:
    return (
        Space.objects.filter(
            Q(pk__in=_rows(user.pk, MemberStatus.ACTIVE))
            | Q(parent__isnull=True, programme_id__in=programme_ids_of(user))
        )
        .exclude(pk__in=_rows(user.pk, MemberStatus.BANNED))
        .values("pk")
    )


def community_programme_ids(user: Any) -> QuerySet[Space, Any]:
    """Visibility audience "programmes": communities joined from outside the programme."""
    return Space.objects.filter(
        parent__isnull=True, pk__in=_rows(user.pk, MemberStatus.ACTIVE)
    ).values("programme_id")


def community_wide_spaces(community: Space) -> QuerySet[Space]:
    """The spaces every member of ``community`` may read: itself and its open groups."""
    return Space.objects.filter(Q(pk=community.pk) | Q(parent=community, kind=SpaceKind.OPEN))


def moderated_spaces(user: Any) -> QuerySet[Space]:
    if not getattr(user, "is_authenticated", False):
        return Space.objects.none()
    runs = MembershipRole.objects.filter(
        membership__user_id=user.pk, membership__status=MembershipStatus.ACTIVE,
        role__in=RUNS_COMMUNITY,
    ).values("membership__programme_id")  # fmt: skip
    explicit = SpaceMember.objects.filter(
        user_id=user.pk, status=MemberStatus.ACTIVE, role=SpaceRole.MODERATOR
    ).values("space_id")
    return Space.objects.filter(
        Q(pk__in=explicit)
        | (Q(programme_id__in=runs) & ~Q(kind=SpaceKind.RESTRICTED))
        | Q(programme_id__in=runs, parent__isnull=True)
    )


def moderator_ids(space: Space) -> set[int]:
    """Everyone who moderates ``space`` (for review notifications)."""
    ids = set(
        SpaceMember.objects.filter(
            space=space, status=MemberStatus.ACTIVE, role=SpaceRole.MODERATOR
        ).values_list("user_id", flat=True)
    )
    if space.parent_id is None or space.kind != SpaceKind.RESTRICTED:
        ids |= set(
            MembershipRole.objects.filter(
                membership__programme_id=space.programme_id, role__in=RUNS_COMMUNITY,
                membership__status=MembershipStatus.ACTIVE,
            ).values_list("membership__user_id", flat=True)
        )  # fmt: skip
    return ids


def runs_community(user: Any, programme_id: int) -> bool:
    """Facilitators and leads create spaces and edit the community itself."""
    return MembershipRole.objects.filter(
        membership__user_id=user.pk, membership__status=MembershipStatus.ACTIVE,
        membership__programme_id=programme_id, role__in=RUNS_COMMUNITY,
    ).exists()  # fmt: skip


def space_for(user: Any, pk: Any) -> Space:
    """A space whose page ``user`` may open, with what they may do there:
    ``can_read``, ``is_member``, ``is_moderator`` and ``my_row`` (or None)."""
    if not getattr(user, "is_authenticated", False):
        raise deny()
    space = object_or_404(listed_spaces(user).select_related("programme", "parent"), pk=pk)
    space.can_read = can_read(user, space.pk)  # type: ignore[attr-defined]
    space.is_member = takes_part(user, space.pk)  # type: ignore[attr-defined]
    space.is_moderator = moderated_spaces(user).filter(pk=space.pk).exists()  # type: ignore[attr-defined]
    space.my_row = SpaceMember.objects.filter(space=space, user_id=user.pk).first()  # type: ignore[attr-defined]
    return space


def readable_space_for(user: Any, pk: Any) -> Space:
    """A space whose contents ``user`` may read (what :func:`space_for` gives)."""
    space = space_for(user, pk)
    if not space.can_read:  # type: ignore[attr-defined]
        raise deny()
    return space


def moderated_space_for(user: Any, pk: Any) -> Space:
    space = space_for(user, pk)
    if not space.is_moderator:  # type: ignore[attr-defined]
        raise deny()
    return space


def row_in(space: Space, pk: Any) -> SpaceMember:
    return object_or_404(space.members.select_related("user"), pk=pk)
