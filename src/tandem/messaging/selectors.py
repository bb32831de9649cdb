"""Reads for messaging, already limited to the reader's own conversations."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Max, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core import richtext
from tandem.mentoring.models import GUIDE_ROLES, Participant, ParticipantRole
from tandem.mentoring.selectors import LIVE, boundaries_in
from tandem.programmes.models import MembershipStatus, Programme, Role
from tandem.programmes.selectors import people_named, programmes_of, roles_in

from .access import conversations_of_member
from .models import Attachment, Conversation, Member, Message
from .services import edit_window_open

PAGE = 50


def unread_messages(user: Any) -> QuerySet[Message]:
    """Messages by others, not deleted, after the reader's position, in the
    conversations the reader is still in."""
    return (
        Message.objects.filter(
            conversation__members__user_id=user.pk,
            conversation__members__left_at__isnull=True,
            id__gt=F("conversation__members__last_read_id"),
            deleted_at__isnull=True,
        )
        .exclude(author_id=user.pk)
    )  # fmt: skip


def unread_total(user: Any) -> int:
    return unread_messages(user).count()


@dataclass
class ConversationRow:
    conversation: Conversation
    title: str
    people: list[str]
    unread: int
    last_at: datetime | None
    preview: str


def conversations_of(user: Any) -> list[ConversationRow]:
    """The reader's conversations, newest activity first, in a fixed number of queries."""
    conversations = list(
        conversations_of_member(user.pk)
        .select_related("programme")
        .annotate(newest=Max("messages__id"))
        .order_by(F("last_message_at").desc(nulls_last=True), "-created_at")
    )
    ids = [c.pk for c in conversations]
    unread = dict(
        unread_messages(user)
        .filter(conversation_id__in=ids)
        .values_list("conversation_id")
        .annotate(n=Count("id"))
    )
    people: dict[int, list[str]] = defaultdict(list)
    for conversation_id, name in (
        Member.objects.filter(conversation_id__in=ids, left_at__isnull=True)
        .exclude(user_id=user.pk)
        .order_by("user__display_name")
        .values_list("conversation_id", "user__display_name")
    ):
        people[conversation_id].append(name)
    newest = {
        m.conversation_id: m
        for m in Message.objects.filter(pk__in=[c.newest for c in conversations if c.newest])
    }
    rows = []
    for c in conversations:
        last = newest.get(c.pk)
        preview = ""
        if last is not None:
            preview = "…" if last.deleted_at else richtext.plain_text(last.body, 90)
        rows.append(
            ConversationRow(
                conversation=c,
                title=c.title or ", ".join(people[c.pk]) or str(c),
                people=people[c.pk],
                unread=unread.get(c.pk, 0),
                last_at=c.last_message_at,
                preview=preview,
            )
        )
    return rows


@dataclass
class MessageItem:
    """One message as shown to one reader (the page and the socket share it)."""

    id: int
    author: str
    author_id: int | None
    body_html: str
    created_at: datetime
    edited: bool
    deleted: bool
    mine: bool
    can_edit: bool
    via: str
    attachments: list[dict[str, Any]] = field(default_factory=list)


def _items(messages: list[Message], viewer_id: int, now: datetime) -> list[MessageItem]:
    files: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for a in Attachment.objects.filter(message__in=[m.pk for m in messages]).order_by("pk"):
        files[a.message_id].append(
            {"name": a.name, "size": a.size, "is_image": a.is_image,
             "url": reverse("messaging:attachment", args=[a.pk])}
        )  # fmt: skip
    return [
        MessageItem(
            id=m.pk,
            author=m.author.display_name if m.author else "—",
            author_id=m.author_id,
            body_html="" if m.deleted_at else richtext.render(m.body),
            created_at=m.created_at,
            edited=m.edited_at is not None,
            deleted=m.deleted_at is not None,
            mine=m.author_id == viewer_id,
            can_edit=m.author_id == viewer_id and edit_window_open(m, now),
            via=m.via,
            attachments=files[m.pk],
        )
        for m in messages
    ]


def messages_page(
    conversation: Conversation, viewer: Any, *, before: int | None = None, after: int | None = None
) -> tuple[list[MessageItem], bool]:
    """Up to PAGE messages, oldest first: the newest, those before ``before``, or
    every one after ``after`` (a reconnecting page catching up); and whether
    older ones exist."""
    qs = conversation.messages.select_related("author")
    if after is not None:
        found = list(qs.filter(pk__gt=after).order_by("pk")[: PAGE * 4])
        return _items(found, viewer.pk, timezone.now()), False
    if before is not None:
        qs = qs.filter(pk__lt=before)
    newest_first = list(qs.order_by("-pk")[: PAGE + 1])
    more = len(newest_first) > PAGE
    return _items(list(reversed(newest_first[:PAGE])), viewer.pk, timezone.now()), more


def message_item(message_id: int, viewer_id: int) -> MessageItem | None:
    message = Message.objects.select_related("author").filter(pk=message_id).first()
    return _items([message], viewer_id, timezone.now())[0] if message else None


def search(user: Any, text: str, limit: int = 50) -> list[tuple[Conversation, MessageItem]]:
    """The reader's own conversations only; deleted messages are gone from search."""
    text = text.strip()
    if len(text) < 2:
        return []
    found = list(
        Message.objects.filter(
            conversation__in=conversations_of_member(user.pk), deleted_at__isnull=True,
            body__icontains=text,
        )
        .select_related("author", "conversation")
        .order_by("-pk")[:limit]
    )  # fmt: skip
    items = _items(found, user.pk, timezone.now())
    return [(m.conversation, item) for m, item in zip(found, items, strict=True)]


@dataclass
class Boundary:
    name: str
    time_zone: str
    quiet_from: Any
    quiet_until: Any
    quiet_now: bool
    reply_within_hours: int | None


def boundaries_for(conversation: Conversation, viewer: Any, now: datetime) -> list[Boundary]:
    """What the other people of a relationship asked for in the agreement."""
    if conversation.relationship_id is None:
        return []
    return [
        Boundary(
            name=p.user.display_name,
            time_zone=p.user.time_zone or "UTC",
            quiet_from=p.quiet_from,
            quiet_until=p.quiet_until,
            quiet_now=p.is_quiet_at(now, p.user.time_zone or "UTC"),
            reply_within_hours=p.reply_within_hours,
        )
        for p in boundaries_in(conversation.relationship_id)
        if p.user_id != viewer.pk and (p.quiet_from or p.reply_within_hours)
    ]


def members_of(conversation: Conversation) -> list[Member]:
    return list(
        conversation.members.filter(left_at__isnull=True)
        .select_related("user")
        .order_by("user__display_name")
    )


@dataclass
class Dependency:
    name: str
    conversation_id: int
    count: int
    typical: float


#: the window and thresholds of the gentle dependency indicator
DEPENDENCY_DAYS = 14
DEPENDENCY_MIN = 25


def dependency_signals(mentor: Any, now: datetime) -> list[Dependency]:
    """Mentees whose messages to this mentor over the last two weeks far exceed
    the others' (at least DEPENDENCY_MIN and three times the typical count) —
    a prompt to revisit the boundaries in the agreement, not an alarm."""
    relationships = Participant.objects.filter(
        user_id=mentor.pk, role__in=GUIDE_ROLES, relationship__status__in=LIVE
    ).values("relationship_id")
    mentees = Participant.objects.filter(
        relationship_id__in=relationships, role=ParticipantRole.MENTEE
    ).values_list("user_id", "user__display_name", "relationship_id")
    if not mentees:
        return []
    conversation_of = dict(
        Conversation.objects.filter(relationship_id__in=relationships).values_list(
            "relationship_id", "pk"
        )
    )
    counts = Counter(
        dict(
            Message.objects.filter(
                conversation__relationship_id__in=relationships,
                created_at__gte=now - timedelta(days=DEPENDENCY_DAYS),
                author_id__in=[uid for uid, _n, _r in mentees],
            )
            .values_list("author_id")
            .annotate(n=Count("id"))
        )
    )
    all_counts = [counts.get(uid, 0) for uid, _n, _r in mentees]
    signals = []
    for uid, name, relationship_id in mentees:
        others = [c for (u, _n, _r), c in zip(mentees, all_counts, strict=True) if u != uid]
        typical = statistics.median(others) if others else 0.0
        count = counts.get(uid, 0)
        if count >= DEPENDENCY_MIN and count >= 3 * max(typical, 1):
            signals.append(
                Dependency(name, conversation_of.get(relationship_id, 0), count, typical)
            )
    return signals


def conversation_for_relationship_id(relationship_id: int) -> Conversation | None:
    return Conversation.objects.filter(relationship_id=relationship_id).first()


#: programme roles that may start a group conversation, and those who may add anyone in it
STARTER_ROLES = [
    Role.MENTOR,
    Role.DEVELOPING_MENTOR,
    Role.COACH,
    Role.FACILITATOR,
    Role.PROGRAMME_LEAD,
]
OPEN_REACH_ROLES = {Role.FACILITATOR, Role.PROGRAMME_LEAD, Role.COACH}


def group_programmes(user: Any) -> list[Programme]:
    """Programmes in which ``user`` may start a group conversation."""
    return list(
        programmes_of(user)
        .filter(
            memberships__user_id=user.pk, memberships__status=MembershipStatus.ACTIVE,
            memberships__roles__role__in=STARTER_ROLES,
        )
        .distinct()
        .order_by("name")
    )  # fmt: skip


def reachable(actor: Any, programme: Programme, text: str) -> list[Any]:
    """People ``actor`` may add to a group in ``programme``, named by ``text``:
    facilitators, coaches and leads reach every member; a mentor reaches the
    people of their own live relationships."""
    everyone = [r.value for r in Role]
    found = people_named(programme, everyone, text)
    if OPEN_REACH_ROLES & roles_in(actor, programme):
        return found
    mine = Participant.objects.filter(
        relationship__programme=programme, relationship__status__in=LIVE,
        relationship__participants__user_id=actor.pk,
    ).values_list("user_id", flat=True)  # fmt: skip
    allowed = set(mine)
    return [p for p in found if p.pk in allowed]


def person_reached(actor: Any, programme: Programme, text: str) -> Any:
    """The one person ``text`` names among those ``actor`` may reach, or a
    ValidationError saying why not."""
    found = reachable(actor, programme, text)
    if len(found) == 1:
        return found[0]
    if found:
        raise ValidationError(
            _("Several people are called “%(t)s”; use the e-mail address.") % {"t": text}
        )
    raise ValidationError(
        _("No one you can message is called or reached at “%(t)s”.") % {"t": text}
    )
