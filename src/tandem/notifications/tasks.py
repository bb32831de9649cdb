"""E-mail: one notification at once, or a digest of what came since the
person was last seen. Each claims what it sends, so nothing goes twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import DigestFrequency
from tandem.core.mail import deliver

from . import kinds
from .models import DigestState, Notification
from .selectors import still_visible
from .tokens import ALL, DIGEST, unsubscribe_url

DIGEST_EVERY = {
    DigestFrequency.DAILY: timedelta(hours=23),
    DigestFrequency.WEEKLY: timedelta(days=6, hours=23),
}
DIGEST_LIMIT = 30


def _unsubscribe_headers(url: str) -> dict[str, str]:
    # RFC 8058: mail clients may POST "List-Unsubscribe=One-Click" to the link.
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


@task
def email_notification(*, notification_id: int) -> None:
    with transaction.atomic():
        # Claim it: a second run (or a retry) finds emailed_at set and stops.
        claimed = Notification.objects.filter(
            pk=notification_id, emailed_at__isnull=True, read_at__isnull=True
        ).update(emailed_at=timezone.now())
    if not claimed:
        return
    notification = Notification.objects.select_related("recipient__profile", "actor").get(
        pk=notification_id
    )
    user = notification.recipient
    if not user.is_active or not getattr(user.profile, "notify_by_email", True):
        return
    if not still_visible(user, [notification]):
        return
    kind = kinds.get(notification.kind)
    stop_url = settings.TANDEM_SITE_URL + unsubscribe_url(user, notification.kind)
    deliver(
        user, "notifications/emails/notification",
        {"notification": notification, "kind_label": str(kind.label) if kind else "",
         "open_url": settings.TANDEM_SITE_URL + notification.url,
         "unsubscribe_url": stop_url,
         "unsubscribe_all_url": settings.TANDEM_SITE_URL + unsubscribe_url(user, ALL)},
        headers=_unsubscribe_headers(stop_url),
    )  # fmt: skip


def send_digests(now: datetime) -> int:
    """Periodic job: a digest to each person whose daily or weekly one is due
    and who has unread activity since they were last seen or last e-mailed."""
    sent = 0
    users = get_user_model().objects.filter(
        is_active=True, profile__digest_frequency__in=list(DIGEST_EVERY),
        notifications__read_at__isnull=True, notifications__emailed_at__isnull=True,
    ).distinct().select_related("profile", "digest_state")  # fmt: skip
    for user in users:
        every = DIGEST_EVERY[DigestFrequency(user.profile.digest_frequency)]
        state = getattr(user, "digest_state", None)
        last = state.sent_at if state is not None else None
        if last is not None and now - last < every:
            continue
        since = max(filter(None, [last, user.last_login]), default=now - every)
        with transaction.atomic():
            # Claim the period: a concurrent tick updates nothing and moves on.
            if state is None:
                _state, created = DigestState.objects.get_or_create(
                    user=user, defaults={"sent_at": now}
                )
                if not created:
                    continue
            elif not DigestState.objects.filter(pk=state.pk, sent_at=state.sent_at).update(
                sent_at=now
            ):
                continue
            pending = list(
                Notification.objects.filter(
                    recipient=user, created_at__gt=since, read_at__isnull=True,
                    emailed_at__isnull=True,
                ).select_related("actor")[:DIGEST_LIMIT]
            )  # fmt: skip
            items = still_visible(user, pending)
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
        if not items:
            continue
        stop_url = settings.TANDEM_SITE_URL + unsubscribe_url(user, DIGEST)
        deliver(
            user, "notifications/emails/digest",
            {"items": items, "since_at": since, "site_list_url": settings.TANDEM_SITE_URL
             + reverse("notifications:list"), "unsubscribe_url": stop_url,
             "frequency": user.profile.get_digest_frequency_display()},
            headers=_unsubscribe_headers(stop_url),
        )  # fmt: skip
        sent += 1
    return sent
