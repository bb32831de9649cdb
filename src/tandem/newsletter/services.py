"""Writes for the newsletter: draft an issue from the month's highlights, edit
it, send it (the task queue does the e-mailing), and each person's choice to
receive it. Sending and every change of choice are audit-logged."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tandem.community.models import Space
from tandem.core import richtext
from tandem.core.audit import log_action

from . import highlights, tokens
from .models import Delivery, Issue, IssueState, Subscription
from .selectors import recipients

SUBJECT_MAX = 160
BODY_MAX = 50_000
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The month as aware datetimes in the current time zone: [first day, next first day)."""
    zone = timezone.get_current_timezone()
    start = datetime(month.year, month.month, 1, tzinfo=zone)
    end = datetime(month.year + (month.month == 12), month.month % 12 + 1, 1, tzinfo=zone)
    return start, end


def parse_month(value: str) -> date:
    try:
        year, number = (int(part) for part in value.strip().split("-"))
        return date(year, number, 1)
    except (TypeError, ValueError) as error:
        raise ValidationError(_("Choose a month, e.g. 2026-11.")) from error


def _escaped(text: str) -> str:
    """User-written titles stay words in the draft, never Markdown (links, emphasis)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def compose(community: Space, month: date, *, signed_by: str = "") -> tuple[str, str]:
    """A subject and a Markdown body from the month's highlights."""
    start, end = month_bounds(month)
    month_name = formats.date_format(month, "F Y")
    lines = [
        _("Here is what happened in %(community)s in %(month)s.")
        % {"community": _escaped(community.name), "month": month_name},
    ]
    for section in highlights.sections(community, start, end):
        lines += ["", f"## {_escaped(section.heading)}", ""]
        if section.text:
            lines += [_escaped(section.text), ""] if section.items else [_escaped(section.text)]
        for item in section.items:
            title = _escaped(item.title)
            line = (
                f"- [{title}](<{settings.TANDEM_SITE_URL}{item.url}>)" if item.url else f"- {title}"
            )
            lines.append(f"{line} — {_escaped(item.note)}" if item.note else line)
    lines += ["", _("See you in the community,"), "", _escaped(signed_by)]
    subject = _("%(community)s — %(month)s") % {"community": community.name, "month": month_name}
    return subject[:SUBJECT_MAX], "\n".join(lines)


def _checked(subject: str, body: str) -> tuple[str, str]:
    subject, body = " ".join(subject.split()), body.strip()
    problems = []
    if not subject:
        problems.append(_("Give the newsletter a subject."))
    elif len(subject) > SUBJECT_MAX:
        problems.append(_("Keep the subject under %(n)d characters.") % {"n": SUBJECT_MAX})
    if not body:
        problems.append(_("The newsletter is empty."))
    elif len(body) > BODY_MAX:
        problems.append(_("Keep the newsletter under %(n)d characters.") % {"n": BODY_MAX})
    if problems:
        raise ValidationError(problems)
    return subject, body


def issue_draft(*, actor: Any, community: Space, month: date) -> Issue:
    """A new draft for ``month``, pre-filled from its highlights."""
    subject, body = compose(community, month, signed_by=str(actor))
    with transaction.atomic():
        issue = Issue.objects.create(
            community=community, month=month, subject=subject, body=body,
            html=str(richtext.render(body)), created_by=actor,
        )  # fmt: skip
        log_action(actor, "newsletter.drafted", community, {"issue": issue.pk})
    return issue


def _draft_locked(issue: Issue) -> Issue:
    locked = Issue.objects.select_for_update().get(pk=issue.pk)
    if locked.state != IssueState.DRAFT:
        raise ValidationError(_("This issue has already been sent; it can no longer change."))
    return locked


def issue_save(*, actor: Any, issue: Issue, subject: str, body: str) -> Issue:
    subject, body = _checked(subject, body)
    with transaction.atomic():
        locked = _draft_locked(issue)
        locked.subject, locked.body, locked.html = subject, body, str(richtext.render(body))
        locked.save(update_fields=["subject", "body", "html", "updated_at"])
    return locked


def issue_discard(*, actor: Any, issue: Issue) -> None:
    with transaction.atomic():
        locked = _draft_locked(issue)
        log_action(actor, "newsletter.discarded", locked.community, {"issue": locked.pk})
        locked.delete()


def issue_send(*, actor: Any, issue: Issue) -> Issue:
    """Fix the recipients (one delivery row each) and hand the sending to the
    task queue. Pressing Send twice sends once."""
    from .tasks import send_issue

    with transaction.atomic():
        locked = _draft_locked(issue)
        _checked(locked.subject, locked.body)
        user_ids = list(recipients(locked.community).values_list("pk", flat=True))
        if not user_ids:
            raise ValidationError(
                _("Nobody receives the newsletter yet: members subscribe on the community page.")
            )
        Delivery.objects.bulk_create(
            [Delivery(issue=locked, user_id=user_id) for user_id in user_ids], batch_size=1000
        )
        locked.state, locked.sent_by = IssueState.SENDING, actor
        locked.send_started_at, locked.recipient_count = timezone.now(), len(user_ids)
        locked.save(update_fields=["state", "sent_by", "send_started_at", "recipient_count"])
        log_action(
            actor, "newsletter.sent", locked.community,
            {"issue": locked.pk, "recipients": len(user_ids)},
        )  # fmt: skip
        transaction.on_commit(lambda: send_issue.enqueue(issue_id=locked.pk))
    return locked


def subscription_set(*, user: Any, community: Space, subscribed: bool) -> None:
    with transaction.atomic():
        Subscription.objects.update_or_create(
            community=community, user_id=user.pk, defaults={"subscribed": subscribed}
        )
        log_action(
            user, "newsletter.subscribed" if subscribed else "newsletter.unsubscribed", community
        )


def unsubscribe(*, token: str) -> tuple[Any, Space] | None:
    """Apply a one-click link; None if it is not genuine."""
    parsed = tokens.read(token)
    if parsed is None:
        return None
    user_id, community_id = parsed
    user = get_user_model().objects.filter(pk=user_id).first()
    community = Space.objects.filter(pk=community_id, parent__isnull=True).first()
    if user is None or community is None:
        return None
    subscription_set(user=user, community=community, subscribed=False)
    return user, community
