"""Sending an issue, through the task queue.

Each recipient has a delivery row. A worker claims a batch of waiting rows
(compare-and-set, so two workers never take the same row), e-mails each and
marks it sent straight away, then claims the next batch; after a while it
hands over to a fresh task so one big community does not hold a worker.

If a worker dies mid-batch, its claimed rows stay claimed. Once the claim is
older than the lease, the periodic ``newsletter.resume`` job re-queues the
issue and the rows are taken over. Sent rows are never sent again. The only
message that can go twice is one the mail relay accepted in the instant
before the worker died, before its row was marked; it carries the same
Message-ID both times, which mail systems use to drop the copy.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from uuid import uuid4

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Max, Q
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from tandem.core.mail import render_for

from .models import Delivery, DeliveryState, Issue, IssueState
from .selectors import recipients
from .tokens import unsubscribe_path

#: claimed rows untouched this long belong to a worker that died
LEASE = timedelta(minutes=10)
#: a task sends for about this long, then queues its continuation
TASK_SECONDS = 60.0


def batch_size() -> int:
    return int(getattr(settings, "TANDEM_NEWSLETTER_BATCH", 50))


def _takeable(now: datetime) -> Q:
    return Q(state=DeliveryState.PENDING) | Q(
        state=DeliveryState.CLAIMED, claimed_at__lt=now - LEASE
    )


def _claim(issue_id: int) -> tuple[str, list[Delivery]]:
    token, now = uuid4().hex, timezone.now()
    ids = list(
        Delivery.objects.filter(_takeable(now), issue_id=issue_id)
        .order_by("pk")
        .values_list("pk", flat=True)[: batch_size()]
    )
    # The condition is checked again by the UPDATE: a row another worker took
    # in between is left to it.
    Delivery.objects.filter(_takeable(now), pk__in=ids).update(
        state=DeliveryState.CLAIMED, claim=token, claimed_at=now
    )
    mine = Delivery.objects.filter(claim=token, state=DeliveryState.CLAIMED)
    return token, list(mine.select_related("user").order_by("pk"))


def _message(issue: Issue, delivery: Delivery) -> EmailMultiAlternatives:
    user = delivery.user
    site = settings.TANDEM_SITE_URL
    stop = site + unsubscribe_path(user.pk, issue.community_id)
    context = {
        "issue": issue, "community": issue.community, "unsubscribe_url": stop,
        "archive_url": site + reverse("newsletter:issue", args=[issue.pk]),
    }  # fmt: skip
    subject, text = render_for(user, "newsletter/emails/issue", context)
    with translation.override(user.language or settings.LANGUAGE_CODE):
        html = render_to_string(
            "newsletter/emails/issue.html",
            {**context, "user": user, "site_name": settings.SITE_NAME, "site_url": site},
        )
    domain = site.split("://")[-1].split("/")[0].split(":")[0] or "tandem.localhost"
    message = EmailMultiAlternatives(
        subject, text, None, [user.email],
        headers={
            # The same id on a rare second attempt lets mail systems drop the copy.
            "Message-ID": f"<newsletter-{issue.pk}-{user.pk}@{domain}>",
            "List-Unsubscribe": f"<{stop}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<newsletter-{issue.community_id}.{domain}>",
        },
    )  # fmt: skip
    message.attach_alternative(html, "text/html")
    return message


def send_batches(issue_id: int, *, seconds: float = TASK_SECONDS) -> bool:
    """Send batches for about ``seconds``; True once every row is settled."""
    issue = Issue.objects.select_related("community").filter(pk=issue_id).first()
    if issue is None or issue.state != IssueState.SENDING:
        return True
    still_wanted = set(recipients(issue.community).values_list("pk", flat=True))
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        token, batch = _claim(issue_id)
        if not batch:
            break
        for delivery in batch:
            if delivery.user_id not in still_wanted:  # unsubscribed or left since Send
                Delivery.objects.filter(pk=delivery.pk, claim=token).update(
                    state=DeliveryState.SKIPPED
                )
                continue
            # Refresh the claim just before sending: if another worker took the
            # row over (this one was too slow), leave it to them.
            if not Delivery.objects.filter(
                pk=delivery.pk, claim=token, state=DeliveryState.CLAIMED
            ).update(claimed_at=timezone.now()):
                continue
            _message(issue, delivery).send()
            Delivery.objects.filter(pk=delivery.pk, claim=token).update(
                state=DeliveryState.SENT, sent_at=timezone.now()
            )
    unsettled = Delivery.objects.filter(
        issue_id=issue_id, state__in=[DeliveryState.PENDING, DeliveryState.CLAIMED]
    )
    if unsettled.exists():
        return False
    Issue.objects.filter(pk=issue_id, state=IssueState.SENDING).update(
        state=IssueState.SENT, sent_at=timezone.now()
    )
    return True


@task
def send_issue(*, issue_id: int) -> None:
    # Rows left over are more to send (continue in a fresh task) or claimed by
    # a worker that may have died (they wait for the lease and the resume job).
    if (
        not send_batches(issue_id)
        and Delivery.objects.filter(_takeable(timezone.now()), issue_id=issue_id).exists()
    ):
        send_issue.enqueue(issue_id=issue_id)


def resume_stalled(now: datetime) -> int:
    """Periodic job: re-queue every issue whose sending has made no progress
    for a lease (its worker died, or its task was lost)."""
    resumed = 0
    sending = Issue.objects.filter(state=IssueState.SENDING).annotate(
        last_claim=Max("deliveries__claimed_at"), last_sent=Max("deliveries__sent_at")
    )
    for issue in sending:
        last = max(filter(None, [issue.send_started_at, issue.last_claim, issue.last_sent]))
        if now - last >= LEASE:
            send_issue.enqueue(issue_id=issue.pk)
            resumed += 1
    return resumed
