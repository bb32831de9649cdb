"""Unread messages by e-mail: once a message has waited unread for
TANDEM_UNREAD_EMAIL_MINUTES, its reader gets one e-mail with what is waiting
and a signed reply address — never during their quiet hours, never twice
for the same messages (each member claims what it sends)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Max, Q

from tandem.core import richtext
from tandem.core.mail import queue_user_mail
from tandem.mentoring.selectors import quiet_user_ids

from .models import Member, Message
from .replies import MARKER, reply_address

#: messages older than this are not e-mailed (e.g. after a long outage)
LOOK_BACK = timedelta(days=7)


def send_unread_emails(now: datetime) -> int:
    delay = timedelta(minutes=settings.TANDEM_UNREAD_EMAIL_MINUTES)
    waiting = (
        Message.objects.filter(
            Q(id__gt=F("conversation__members__last_read_id"))
            & Q(id__gt=F("conversation__members__emailed_upto_id")),
            conversation__members__left_at__isnull=True,
            conversation__members__user__is_active=True,
            created_at__lte=now - delay, created_at__gte=now - LOOK_BACK,
            deleted_at__isnull=True,
        )
        .exclude(author_id=F("conversation__members__user_id"))
        .values_list("conversation__members__id", "conversation__members__user_id")
        .distinct()
    )  # fmt: skip
    candidates = list(waiting)
    quiet = quiet_user_ids([uid for _mid, uid in candidates], now)
    sent = 0
    for member in Member.objects.filter(
        pk__in=[mid for mid, uid in candidates if uid not in quiet]
    ).select_related("conversation__programme"):
        newest = member.conversation.messages.aggregate(m=Max("id"))["m"] or 0
        claimed = Member.objects.filter(
            pk=member.pk, emailed_upto_id=member.emailed_upto_id
        ).update(emailed_upto_id=newest)
        if not claimed:
            continue  # another tick got there first
        unread = list(
            member.conversation.messages.filter(
                id__gt=max(member.last_read_id, member.emailed_upto_id), id__lte=newest,
                deleted_at__isnull=True,
            )
            .exclude(author_id=member.user_id)
            .select_related("author")
            .order_by("id")
        )  # fmt: skip
        if not unread:
            continue
        queue_user_mail(
            user_id=member.user_id, template_prefix="messaging/emails/unread",
            context={
                "count": len(unread), "programme": member.conversation.programme.name,
                "title": member.conversation.title,
                "authors": sorted({m.author.display_name for m in unread if m.author}),
                "messages": [
                    {"author": m.author.display_name if m.author else "—",
                     "text": richtext.plain_text(m.body, 1200), "at": m.created_at.isoformat()}
                    for m in unread[-10:]
                ],
                "marker": MARKER, "path": f"/messages/{member.conversation_id}/",
            },
            reply_to=reply_address(member.conversation_id, member.user_id),
        )  # fmt: skip
        sent += 1
    return sent
