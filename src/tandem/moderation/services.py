"""Writes for moderation: flag, ask for approval, review, hide and restore.
Every consequential step is audit-logged (without the content itself)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.community.access import moderated_spaces, moderator_ids
from tandem.community.services import member_ban
from tandem.core.audit import log_action
from tandem.notifications.services import notify

from .models import Flag, FlagReason, Outcome, ReviewItem, ReviewReason
from .registry import Facts, Flaggable


def _open_item(kind: str, target_id: int, facts: Facts, reason: str) -> ReviewItem:
    item = (
        ReviewItem.objects.select_for_update()
        .filter(kind=kind, target_id=target_id, resolved_at__isnull=True)
        .first()
    )
    if item is None:
        try:
            with transaction.atomic():
                item = ReviewItem.objects.create(
                    kind=kind, target_id=target_id, space=facts.space, author=facts.author,
                    reason=reason,
                )  # fmt: skip
        except IntegrityError:  # opened by a concurrent flag
            item = ReviewItem.objects.get(kind=kind, target_id=target_id, resolved_at__isnull=True)
    return item


def _tell_moderators(item: ReviewItem, facts: Facts, summary: str) -> None:
    notify(
        recipients=moderator_ids(facts.space), kind="moderation.review", target=item,
        summary=summary, url=reverse("moderation:queue") + f"?space={facts.space.pk}",
        dedupe_key=f"review:{item.pk}",
    )  # fmt: skip


def flag_add(
    *, actor: Any, flaggable: Flaggable, target: Any, reason: str, note: str = ""
) -> ReviewItem:
    """Flag what ``actor`` can read. Reaching the space's threshold hides it
    pending review and tells the author."""
    if reason not in FlagReason.values:
        raise ValidationError(_("Choose why you are flagging this."))
    facts = flaggable.facts(target)
    if getattr(facts.author, "pk", None) == actor.pk:
        raise ValidationError(_("You cannot flag what you wrote; edit or delete it instead."))
    with transaction.atomic():
        item = _open_item(flaggable.key, target.pk, facts, ReviewReason.FLAGGED)
        try:
            with transaction.atomic():
                Flag.objects.create(
                    item=item, kind=flaggable.key, target_id=target.pk, reporter=actor,
                    reason=reason, note=note.strip()[:500],
                )  # fmt: skip
        except IntegrityError:
            raise ValidationError(_("You have already flagged this.")) from None
        log_action(actor, "content.flagged", facts.space, {"kind": flaggable.key,
                   "reason": reason}, scope=facts.space.programme)  # fmt: skip
        _tell_moderators(
            item, facts,
            _("Flagged for review in %(space)s: %(title)s")
            % {"space": facts.space.name, "title": facts.title},
        )  # fmt: skip
        count = item.flags.count()
        if not item.hidden_by_flags and not facts.hidden and count >= facts.space.flags_to_hide:
            flaggable.show(target, False)
            ReviewItem.objects.filter(pk=item.pk).update(hidden_by_flags=True)
            log_action(None, "content.hidden_by_flags", facts.space, {"kind": flaggable.key,
                       "flags": count}, scope=facts.space.programme)  # fmt: skip
            if facts.author is not None:
                notify(
                    recipients=[facts.author], kind="moderation.outcome", target=item,
                    summary=_("Members flagged your post in %(space)s (%(title)s), so it is "
                              "hidden until a moderator reviews it.")
                    % {"title": facts.title, "space": facts.space.name},
                    url=facts.url, dedupe_key=f"hidden-by-flags:{item.pk}",
                )  # fmt: skip
    return item


def approval_request(*, flaggable: Flaggable, target: Any) -> ReviewItem:
    """The content app holds a new member's post back; it waits in the queue."""
    facts = flaggable.facts(target)
    with transaction.atomic():
        item = _open_item(flaggable.key, target.pk, facts, ReviewReason.APPROVAL)
        _tell_moderators(
            item, facts,
            _("A new member's post awaits approval in %(space)s: %(title)s")
            % {"space": facts.space.name, "title": facts.title},
        )  # fmt: skip
    return item


def _check_moderates(actor: Any, facts: Facts) -> None:
    if not moderated_spaces(actor).filter(pk=facts.space.pk).exists():
        raise ValidationError(_("Only the space's moderators do this."))


def content_set_shown(
    *, actor: Any, flaggable: Flaggable, target: Any, shown: bool, note: str = "",
    ban_author: bool = False,
) -> None:  # fmt: skip
    """A moderator shows (keeps, approves, restores) or hides content, from the
    queue or from the page itself; any open review of it is resolved and the
    author is told."""
    facts = flaggable.facts(target)
    _check_moderates(actor, facts)
    with transaction.atomic():
        item = (
            ReviewItem.objects.select_for_update()
            .filter(kind=flaggable.key, target_id=target.pk, resolved_at__isnull=True)
            .first()
        )
        was_hidden = facts.hidden
        if shown != (not was_hidden):
            flaggable.show(target, shown)
        if item is not None:
            item.resolved_at, item.resolved_by = timezone.now(), actor
            item.outcome = Outcome.KEPT if shown else Outcome.HIDDEN
            item.note = note.strip()[:500]
            item.save(update_fields=["resolved_at", "resolved_by", "outcome", "note"])
        log_action(actor, "content.shown" if shown else "content.hidden", facts.space,
                   {"kind": flaggable.key}, scope=facts.space.programme)  # fmt: skip
        if facts.author is not None and (was_hidden != (not shown) or item is not None):
            _tell_author(item, facts, shown, note, approval=bool(
                item and item.reason == ReviewReason.APPROVAL))  # fmt: skip
        if ban_author and facts.author is not None:
            member_ban(actor=actor, space=facts.space, user=facts.author)


def _tell_author(
    item: ReviewItem | None, facts: Facts, shown: bool, note: str, *, approval: bool
) -> None:
    values = {"title": facts.title, "space": facts.space.name}
    if approval:
        summary = (
            _("Your post in %(space)s (%(title)s) was approved and is now shown.")
            if shown
            else _("A moderator did not approve your post in %(space)s (%(title)s).")
        ) % values
    else:
        summary = (
            _("A moderator reviewed your post in %(space)s (%(title)s) and it is shown.")
            if shown
            else _("A moderator hid your post in %(space)s (%(title)s).")
        ) % values
    if note.strip():
        summary = f"{summary} {_('Their note:')} {note.strip()}"
    notify(
        recipients=[facts.author], kind="moderation.outcome", target=item, summary=summary,
        url=facts.url,
    )  # fmt: skip
