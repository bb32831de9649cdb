"""Writes for spaces and who belongs to them. Every change of membership is
audit-logged; invitations and approvals notify the person concerned."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import log_action
from tandem.notifications.services import notify
from tandem.programmes.models import Programme

from .access import moderated_spaces, runs_community
from .models import MemberStatus, Space, SpaceKind, SpaceMember, SpaceRole


def community_of(*, programme: Programme) -> Space:
    """The programme's community (its root space), made on first use: members only."""
    space = Space.objects.filter(programme=programme, parent__isnull=True).first()
    if space is not None:
        return space
    space, _created = Space.objects.get_or_create(
        programme=programme, parent=None,
        defaults={"name": _("%(programme)s community") % {"programme": programme.name},
                  "kind": SpaceKind.MEMBERS,
                  "summary": _("Everyone in %(programme)s.") % {"programme": programme.name}},
    )  # fmt: skip
    return space


def _flags(value: int) -> int:
    return min(max(int(value), 1), 20)


def space_create(
    *,
    actor: Any,
    community: Space,
    name: str,
    summary: str,
    kind: str,
    guidelines: str = "",
    approve_new_posts: bool = False,
    flags_to_hide: int = 3,
) -> Space:
    if not runs_community(actor, community.programme_id):
        raise ValidationError(_("Only the programme's facilitators and leads create spaces."))
    if kind not in SpaceKind.values:
        raise ValidationError(_("Choose who can see and join the space."))
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the space a name."))
    with transaction.atomic():
        space = Space.objects.create(
            programme_id=community.programme_id, parent=community, name=name[:120],
            summary=summary.strip()[:300], kind=kind, guidelines=guidelines,
            approve_new_posts=approve_new_posts, flags_to_hide=_flags(flags_to_hide),
            created_by=actor,
        )  # fmt: skip
        SpaceMember.objects.create(
            space=space, user=actor, role=SpaceRole.MODERATOR, status=MemberStatus.ACTIVE,
            joined_at=timezone.now(),
        )  # fmt: skip
        log_action(actor, "space.created", space, {"kind": kind}, scope=community.programme)
    return space


def space_update(
    *,
    actor: Any,
    space: Space,
    name: str,
    summary: str,
    kind: str,
    guidelines: str,
    approve_new_posts: bool,
    flags_to_hide: int = 3,
) -> Space:
    if not moderated_spaces(actor).filter(pk=space.pk).exists():
        raise ValidationError(_("Only the space's moderators change it."))
    if kind not in SpaceKind.values or not name.strip():
        raise ValidationError(_("A space needs a name and a kind."))
    values = {
        "name": name.strip()[:120], "summary": summary.strip()[:300], "kind": kind,
        "guidelines": guidelines, "approve_new_posts": approve_new_posts,
        "flags_to_hide": _flags(flags_to_hide),
    }  # fmt: skip
    changed = [field for field, value in values.items() if getattr(space, field) != value]
    for field in changed:
        setattr(space, field, values[field])
    if changed:
        with transaction.atomic():
            space.save(update_fields=changed)
            log_action(actor, "space.changed", space, {"fields": ", ".join(changed)},
                       scope=space.programme)  # fmt: skip
    return space


def _row(space: Space, user: Any) -> SpaceMember | None:
    return SpaceMember.objects.select_for_update().filter(space=space, user_id=user.pk).first()


def _activate(row: SpaceMember) -> None:
    row.status = MemberStatus.ACTIVE
    row.joined_at = timezone.now()
    row.save()


def _space_url(space: Space) -> str:
    return reverse("community:space", args=[space.pk])


def space_join(*, actor: Any, space: Space) -> SpaceMember:
    """Join an open space, accept an invitation, or ask to join a members-only one."""
    with transaction.atomic():
        row = _row(space, actor)
        if row is not None and row.status == MemberStatus.BANNED:
            raise ValidationError(_("You cannot join this space."))
        if row is not None and row.status in (MemberStatus.ACTIVE, MemberStatus.REQUESTED):
            return row
        invited = row is not None and row.status == MemberStatus.INVITED
        if row is None:
            row = SpaceMember(space=space, user=actor, status=MemberStatus.LEFT)
        if invited or space.kind == SpaceKind.OPEN:
            _activate(row)
            log_action(actor, "space.joined", space, scope=space.programme)
        elif space.kind == SpaceKind.MEMBERS:
            row.status = MemberStatus.REQUESTED
            row.save()
            log_action(actor, "space.join_requested", space, scope=space.programme)
            moderators = SpaceMember.objects.filter(
                space=space, status=MemberStatus.ACTIVE, role=SpaceRole.MODERATOR
            ).values_list("user_id", flat=True)
            notify(
                recipients=list(moderators), kind="community.request", actor=actor,
                summary=_("%(name)s asks to join %(space)s") % {"name": actor, "space": space.name},
                url=reverse("community:members", args=[space.pk]), target=space,
            )  # fmt: skip
        else:
            raise ValidationError(_("This space is by invitation only."))
    return row


def space_leave(*, actor: Any, space: Space) -> None:
    with transaction.atomic():
        row = _row(space, actor)
        if row is None or row.status not in (
            MemberStatus.ACTIVE,
            MemberStatus.INVITED,
            MemberStatus.REQUESTED,
        ):
            return
        row.status = MemberStatus.LEFT
        row.role = SpaceRole.MEMBER
        row.save(update_fields=["status", "role", "updated_at"])
        log_action(actor, "space.left", space, scope=space.programme)


def member_invite(*, actor: Any, space: Space, user: Any) -> SpaceMember:
    with transaction.atomic():
        row = _row(space, user)
        if row is not None and row.status == MemberStatus.ACTIVE:
            raise ValidationError(_("%(name)s is already a member.") % {"name": user})
        if row is not None and row.status == MemberStatus.BANNED:
            raise ValidationError(
                _("%(name)s is banned from this space; lift the ban first.") % {"name": user}
            )
        if row is not None and row.status == MemberStatus.REQUESTED:
            _activate(row)
            log_action(actor, "space.member_approved", space, {"who": str(user)},
                       scope=space.programme)  # fmt: skip
            return row
        if row is None:
            row = SpaceMember(space=space, user=user)
        row.status, row.invited_by = MemberStatus.INVITED, actor
        row.save()
        log_action(actor, "space.member_invited", space, {"who": str(user)}, scope=space.programme)
        notify(
            recipients=[user], kind="community.invited", actor=actor,
            summary=_("%(name)s invited you to %(space)s") % {"name": actor, "space": space.name},
            url=_space_url(space), target=space,
        )  # fmt: skip
    return row


def member_approve(*, actor: Any, space: Space, row: SpaceMember) -> None:
    if row.status != MemberStatus.REQUESTED:
        raise ValidationError(_("There is no request to approve."))
    with transaction.atomic():
        _activate(row)
        log_action(actor, "space.member_approved", space, {"who": str(row.user)},
                   scope=space.programme)  # fmt: skip
        notify(
            recipients=[row.user], kind="community.approved", actor=actor,
            summary=_("You are now a member of %(space)s") % {"space": space.name},
            url=_space_url(space), target=space,
        )  # fmt: skip


def member_remove(*, actor: Any, space: Space, row: SpaceMember, ban: bool = False) -> None:
    """Remove (or ban) someone, or decline their request. A ban keeps them out."""
    if row.user_id == actor.pk:
        raise ValidationError(_("Leave the space instead of removing yourself."))
    if not ban and row.status not in (
        MemberStatus.ACTIVE,
        MemberStatus.INVITED,
        MemberStatus.REQUESTED,
    ):
        raise ValidationError(_("%(name)s is not in this space.") % {"name": row.user})
    with transaction.atomic():
        row.status = MemberStatus.BANNED if ban else MemberStatus.REMOVED
        row.role = SpaceRole.MEMBER
        row.save(update_fields=["status", "role", "updated_at"])
        log_action(actor, "space.member_banned" if ban else "space.member_removed", space,
                   {"who": str(row.user)}, scope=space.programme)  # fmt: skip


def member_ban(*, actor: Any, space: Space, user: Any) -> None:
    """Ban anyone from a space, including people who belong through their programme
    and so have no membership row yet (from the review queue)."""
    if not moderated_spaces(actor).filter(pk=space.pk).exists():
        raise ValidationError(_("Only the space's moderators ban people."))
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot ban yourself."))
    with transaction.atomic():
        row, _made = SpaceMember.objects.get_or_create(
            space=space, user_id=user.pk, defaults={"status": MemberStatus.BANNED}
        )
        member_remove(actor=actor, space=space, row=row, ban=True)


def member_unban(*, actor: Any, space: Space, row: SpaceMember) -> None:
    if row.status != MemberStatus.BANNED:
        raise ValidationError(_("%(name)s is not banned.") % {"name": row.user})
    with transaction.atomic():
        row.status = MemberStatus.REMOVED
        row.save(update_fields=["status", "updated_at"])
        log_action(actor, "space.member_unbanned", space, {"who": str(row.user)},
                   scope=space.programme)  # fmt: skip


def member_set_role(*, actor: Any, space: Space, row: SpaceMember, role: str) -> None:
    if role not in SpaceRole.values:
        raise ValidationError(_("Unknown role."))
    if row.status != MemberStatus.ACTIVE:
        raise ValidationError(_("Only members can moderate."))
    if row.role == role:
        return
    with transaction.atomic():
        row.role = role
        row.save(update_fields=["role", "updated_at"])
        log_action(actor, "space.member_role", space, {"who": str(row.user), "role": role},
                   scope=space.programme)  # fmt: skip
