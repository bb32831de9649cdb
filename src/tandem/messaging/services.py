"""Writes for conversations and messages. Every message posted counts as
contact for the relationship's cadence and is pushed to open pages on commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import log_action
from tandem.core.uploads import DOCUMENTS, check_upload
from tandem.mentoring.models import Relationship
from tandem.mentoring.selectors import LIVE
from tandem.mentoring.services import relationship_record_contact
from tandem.programmes.models import Programme

from . import live
from .models import (
    GROUP_LIMIT,
    Attachment,
    Conversation,
    ConversationKind,
    Member,
    Message,
    Via,
)

MAX_ATTACHMENTS = 4
#: contact is recorded at most this often per relationship (a chat is one contact)
CONTACT_EVERY = timedelta(minutes=10)


def conversation_for_relationship(*, relationship: Relationship) -> Conversation:
    """The relationship's one conversation, made on first use; its members are
    the relationship's participants."""
    with transaction.atomic():
        conversation, _created = Conversation.objects.get_or_create(
            relationship=relationship,
            defaults={"kind": ConversationKind.RELATIONSHIP, "programme_id": relationship.programme_id},
        )  # fmt: skip
        have = set(conversation.members.values_list("user_id", flat=True))
        Member.objects.bulk_create(
            [Member(conversation=conversation, user_id=uid)
             for uid in relationship.participants.values_list("user_id", flat=True) if uid not in have]
        )  # fmt: skip
    return conversation


def group_start(
    *, actor: Any, programme: Programme, title: str, people: Iterable[Any]
) -> Conversation:
    """A small group conversation started by a mentor, coach or facilitator
    among people they may reach (checked by the caller's form)."""
    others = {p.pk: p for p in people if p.pk != actor.pk}
    if not others:
        raise ValidationError(_("Add at least one other person."))
    if len(others) + 1 > GROUP_LIMIT:
        raise ValidationError(
            _("A group conversation holds at most %(n)d people.") % {"n": GROUP_LIMIT}
        )
    title = title.strip()
    if not title:
        raise ValidationError(_("Give the group a name."))
    with transaction.atomic():
        conversation = Conversation.objects.create(
            kind=ConversationKind.GROUP, programme=programme, title=title[:120], started_by=actor
        )
        Member.objects.bulk_create(
            [Member(conversation=conversation, user_id=uid) for uid in [actor.pk, *others]]
        )
        log_action(actor, "conversation.started", conversation, {"people": len(others) + 1},
                   scope=programme)  # fmt: skip
    return conversation


def _require_starter(actor: Any, conversation: Conversation) -> None:
    if conversation.kind != ConversationKind.GROUP or conversation.started_by_id != actor.pk:
        raise ValidationError(_("Only the person who started a group changes who is in it."))


def group_member_add(*, actor: Any, conversation: Conversation, user: Any) -> Member:
    _require_starter(actor, conversation)
    with transaction.atomic():
        active = conversation.members.filter(left_at__isnull=True)
        if active.filter(user_id=user.pk).exists():
            raise ValidationError(_("%(name)s is already in this conversation.") % {"name": user})
        if active.count() >= GROUP_LIMIT:
            raise ValidationError(
                _("A group conversation holds at most %(n)d people.") % {"n": GROUP_LIMIT}
            )
        newest = conversation.messages.aggregate(m=Max("id"))["m"] or 0
        member, _created = Member.objects.update_or_create(
            conversation=conversation, user_id=user.pk,
            defaults={"left_at": None, "joined_at": timezone.now(), "last_read_id": newest,
                      "emailed_upto_id": newest},
        )  # fmt: skip
        log_action(actor, "conversation.member_added", conversation, {"who": str(user)},
                   scope=conversation.programme)  # fmt: skip
    return member


def group_member_remove(*, actor: Any, conversation: Conversation, user: Any) -> None:
    """Remove someone (or leave, when ``user`` is the actor); their open pages close."""
    if user.pk != actor.pk:
        _require_starter(actor, conversation)
    elif conversation.kind != ConversationKind.GROUP:
        raise ValidationError(_("A relationship's conversation lasts as long as the relationship."))
    with transaction.atomic():
        updated = conversation.members.filter(user_id=user.pk, left_at__isnull=True).update(
            left_at=timezone.now()
        )
        if not updated:
            raise ValidationError(_("%(name)s is not in this conversation.") % {"name": user})
        log_action(actor, "conversation.member_removed", conversation, {"who": str(user)},
                   scope=conversation.programme)  # fmt: skip
        live.push_removed(conversation.pk, user.pk)


def can_post(conversation: Conversation) -> bool:
    """A relationship's conversation turns read-only when the relationship ends."""
    relationship = conversation.relationship
    return relationship is None or str(relationship.status) in LIVE


def message_post(
    *, actor: Any, conversation: Conversation, body: str, files: Iterable[Any] = (),
    via: str = Via.WEB,
) -> Message:  # fmt: skip
    body = body.replace("\x00", "").strip()
    files = list(files)
    if not body and not files:
        raise ValidationError(_("Write something or attach a file."))
    if len(body) > 5000:
        raise ValidationError(_("A message can be at most 5,000 characters; split it in two."))
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            _("Attach at most %(n)d files to one message.") % {"n": MAX_ATTACHMENTS}
        )
    kinds = [
        check_upload(f, allowed=DOCUMENTS, max_bytes=settings.TANDEM_MESSAGE_ATTACHMENT_BYTES)
        for f in files
    ]
    if not can_post(conversation):
        raise ValidationError(_("This relationship has ended; its conversation is kept to read."))
    now = timezone.now()
    with transaction.atomic():
        member = (
            Member.objects.select_for_update()
            .filter(conversation=conversation, user_id=actor.pk, left_at__isnull=True)
            .first()
        )
        if member is None:
            raise ValidationError(_("You are no longer in this conversation."))
        message = Message.objects.create(
            conversation=conversation, author=actor, body=body, via=via, created_at=now
        )
        for upload, kind in zip(files, kinds, strict=True):
            Attachment.objects.create(
                message=message, file=upload, name=str(upload.name)[-200:], content_type=kind,
                size=upload.size,
            )  # fmt: skip
        Member.objects.filter(pk=member.pk).update(last_read_id=message.pk)
        Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
        relationship = conversation.relationship
        if relationship is not None and (
            relationship.last_contact_at is None
            or now - relationship.last_contact_at >= CONTACT_EVERY
        ):
            relationship_record_contact(relationship=relationship, at=now)
        live.push_message(conversation.pk, message.pk)
    return message


def _require_author(actor: Any, message: Message) -> None:
    if message.author_id != actor.pk:
        raise ValidationError(_("Only the author changes a message."))
    if message.deleted_at is not None:
        raise ValidationError(_("This message was deleted."))


def edit_window_open(message: Message, now: Any = None) -> bool:
    limit = timedelta(minutes=settings.TANDEM_MESSAGE_EDIT_MINUTES)
    return message.deleted_at is None and (now or timezone.now()) - message.created_at <= limit


def message_edit(*, actor: Any, message: Message, body: str) -> Message:
    _require_author(actor, message)
    if not edit_window_open(message):
        raise ValidationError(
            _("Messages can be edited for %(n)d minutes after sending; send a new one instead.")
            % {"n": settings.TANDEM_MESSAGE_EDIT_MINUTES}
        )
    body = body.replace("\x00", "").strip()
    if not body and not message.attachments.exists():
        raise ValidationError(_("A message cannot be empty; delete it instead."))
    if len(body) > 5000:
        raise ValidationError(_("A message can be at most 5,000 characters; split it in two."))
    message.body, message.edited_at = body, timezone.now()
    message.save(update_fields=["body", "edited_at"])
    live.push_message(message.conversation_id, message.pk, changed=True)
    return message


def message_delete(*, actor: Any, message: Message) -> None:
    """The text and files go; a marker stays so the conversation still reads in order."""
    _require_author(actor, message)
    with transaction.atomic():
        for attachment in message.attachments.all():
            attachment.file.delete(save=False)
        message.attachments.all().delete()
        message.body, message.deleted_at = "", timezone.now()
        message.save(update_fields=["body", "deleted_at"])
        log_action(
            actor, "message.deleted", message.conversation, scope=message.conversation.programme
        )
        live.push_message(message.conversation_id, message.pk, changed=True)


def conversation_mark_read(*, actor: Any, conversation_id: int, upto_id: int) -> None:
    """Move the reader's position forward (never back), to a message that exists."""
    if not Message.objects.filter(conversation_id=conversation_id, pk=upto_id).exists():
        return
    Member.objects.filter(
        conversation_id=conversation_id, user_id=actor.pk, last_read_id__lt=upto_id
    ).update(last_read_id=upto_id)
