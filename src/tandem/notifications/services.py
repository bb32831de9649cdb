"""Writes: notify people, mark read, choose channels, unsubscribe.

Callers pass only people who may see the target (they filter with the same
visibility selector as their lists); the kind's own check runs again when the
notification is shown or e-mailed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from tandem.accounts.models import DigestFrequency, Profile
from tandem.core.audit import log_action

from . import kinds
from .models import Channel, Notification, Setting
from .selectors import channels_for
from .tokens import ALL, DIGEST, read_unsubscribe_token

_NO_EMAIL: ContextVar[bool] = ContextVar("tandem_notifications_no_email", default=False)


@contextmanager
def no_email() -> Iterator[None]:
    """Notify in Tandem only inside this block (demo data, bulk imports of past activity)."""
    token = _NO_EMAIL.set(True)
    try:
        yield
    finally:
        _NO_EMAIL.reset(token)


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    summary: str,
    url: str,
    actor: Any = None,
    target: models.Model | None = None,
    dedupe_key: str = "",
) -> list[Notification]:
    """Tell each recipient (never the actor) once; e-mail at once if they chose so."""
    spec = kinds.get(kind)
    if spec is None:
        raise ValueError(f"unregistered notification kind {kind!r}")
    actor_id = getattr(actor, "pk", None)
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    user_ids = {getattr(r, "pk", r) for r in recipients} - {actor_id}
    # Two queries for everyone: their chosen channels, and who already has this key.
    chosen = dict(
        Setting.objects.filter(user_id__in=user_ids, kind=kind).values_list("user_id", "channel")
    )
    if dedupe_key:
        user_ids -= set(
            Notification.objects.filter(
                recipient_id__in=user_ids, dedupe_key=dedupe_key
            ).values_list("recipient_id", flat=True)
        )
    made: list[Notification] = []
    for user_id in user_ids:
        channel = Channel(chosen.get(user_id, spec.default))
        if channel == Channel.OFF:
            continue
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient_id=user_id, kind=kind, actor_id=actor_id, summary=summary[:240],
                    url=url[:400], target_type=target_type,
                    target_id=getattr(target, "pk", None), dedupe_key=dedupe_key,
                )  # fmt: skip
        except IntegrityError:  # the same key, written by a concurrent request
            continue
        made.append(notification)
        if channel == Channel.INSTANT and not _NO_EMAIL.get():
            _email_on_commit(notification.pk)
    return made


def _email_on_commit(notification_id: int) -> None:
    from .tasks import email_notification

    transaction.on_commit(lambda: email_notification.enqueue(notification_id=notification_id))


def notification_open(*, user: Any, notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())


def notifications_mark_all_read(*, user: Any) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_forget_hidden(*, user: Any, hidden_ids: Iterable[int]) -> None:
    """Notifications about what the person can no longer see stop counting as unread."""
    ids = list(hidden_ids)
    if ids:
        Notification.objects.filter(recipient_id=user.pk, pk__in=ids, read_at__isnull=True).update(
            read_at=timezone.now()
        )


def settings_save(*, user: Any, channels: dict[str, str], email: bool, digest: str) -> None:
    current = channels_for(user)
    with transaction.atomic():
        for key, channel in channels.items():
            if key in current and channel in Channel.values and current[key] != channel:
                Setting.objects.update_or_create(
                    user_id=user.pk, kind=key, defaults={"channel": channel}
                )
        Profile.objects.filter(user_id=user.pk).update(
            notify_by_email=email,
            digest_frequency=digest if digest in DigestFrequency.values else DigestFrequency.WEEKLY,
        )
        log_action(user, "notifications.settings_changed", user)


def unsubscribe(*, token: str) -> tuple[Any, str] | None:
    """Apply a link's unsubscribe; None if the link is not genuine."""
    parsed = read_unsubscribe_token(token)
    if parsed is None:
        return None
    user_id, what = parsed
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return None
    with transaction.atomic():
        if what == ALL:
            Profile.objects.filter(user_id=user.pk).update(notify_by_email=False)
        elif what == DIGEST:
            Profile.objects.filter(user_id=user.pk).update(digest_frequency=DigestFrequency.NEVER)
        elif kinds.get(what) is not None:
            Setting.objects.update_or_create(
                user_id=user.pk, kind=what, defaults={"channel": Channel.IN_APP}
            )
        else:
            return None
        log_action(None, "notifications.unsubscribed", user, {"what": what})
    return user, what
