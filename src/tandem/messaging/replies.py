"""Reply by e-mail. Each unread-message e-mail carries a reply address signed
for one person in one conversation; the mail server pipes what arrives there
to ``manage.py receive_mail``. A reply is posted only when the signature holds,
the sender is that person, and they are still in the conversation."""

from __future__ import annotations

import base64
import email
import email.policy
import html
import logging
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

import nh3
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare, salted_hmac

from . import services
from .models import Conversation, Member, Via

log = logging.getLogger(__name__)

#: the line above which a reply is read; the same in every language
MARKER = "##- Reply above this line -##"
_SALT = "tandem.messaging.reply-address"
_ADDRESS = re.compile(r"^reply\+c(\d+)u(\d+)-([a-z2-7]{24})@(.+)$", re.IGNORECASE)
_QUOTE_STARTS = (
    re.compile(r"^\s*>"),
    re.compile(r"^On .{1,200} wrote:\s*$"),
    re.compile(r"^-{2,}\s*Original Message\s*-{2,}", re.IGNORECASE),
    re.compile(r"^_{10,}\s*$"),  # Outlook's rule above the quoted message
    re.compile(r"^From: .+", re.IGNORECASE),
)


def _signature(conversation_id: int, user_id: int) -> str:
    digest = salted_hmac(_SALT, f"c{conversation_id}u{user_id}", algorithm="sha256").digest()[:15]
    return base64.b32encode(digest).decode("ascii").lower()


def reply_address(conversation_id: int, user_id: int) -> str:
    return (
        f"reply+c{conversation_id}u{user_id}-{_signature(conversation_id, user_id)}"
        f"@{settings.TANDEM_REPLY_DOMAIN}"
    )


@dataclass(frozen=True)
class Outcome:
    posted: bool
    reason: str
    message_id: int | None = None


def _addressed_to(message: EmailMessage) -> list[str]:
    fields = []
    for header in ("Delivered-To", "X-Original-To", "To", "Cc"):
        fields += [str(v) for v in message.get_all(header, [])]
    return [address for _name, address in getaddresses(fields) if address]


def _text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError):
        return ""
    if not isinstance(content, str):
        return ""
    if part.get_content_type() == "text/html":
        content = re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", content)
        content = html.unescape(nh3.clean(content, tags=set()))
    return content


def reply_text(body: str) -> str:
    """What the person wrote, without the quoted e-mail or their signature."""
    kept: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n"):
        if MARKER in line or any(p.match(line) for p in _QUOTE_STARTS):
            break
        if line.rstrip() == "--":  # the conventional signature separator
            break
        kept.append(line)
    return "\n".join(kept).strip()


def receive(raw: bytes) -> Outcome:
    """Post one inbound e-mail into its conversation, or say why not."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    if str(message.get("Auto-Submitted", "no")).strip().lower() != "no":
        return Outcome(False, "automatic message (Auto-Submitted): ignored")
    match = None
    for address in _addressed_to(message):
        match = _ADDRESS.match(address.strip())
        if match:
            break
    if match is None:
        return Outcome(False, "not addressed to a reply address")
    conversation_id, user_id, signature, domain = (
        int(match[1]), int(match[2]), match[3].lower(), match[4].lower()
    )  # fmt: skip
    if domain != settings.TANDEM_REPLY_DOMAIN.lower() or not constant_time_compare(
        signature, _signature(conversation_id, user_id)
    ):
        return Outcome(False, "forged or altered reply address")
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    _name, sender = parseaddr(str(message.get("From", "")))
    if user is None or not sender or sender.lower() != user.email.lower():
        return Outcome(False, "sender is not the person the reply address belongs to")
    if not Member.objects.filter(
        conversation_id=conversation_id, user_id=user_id, left_at__isnull=True
    ).exists():
        return Outcome(False, "no longer in the conversation")
    text = reply_text(_text_of(message))
    if not text:
        return Outcome(False, "the reply is empty")
    conversation = Conversation.objects.select_related("relationship").get(pk=conversation_id)
    try:
        posted = services.message_post(
            actor=user, conversation=conversation, body=text[:5000], via=Via.EMAIL
        )
    except ValidationError as error:
        return Outcome(False, " ".join(error.messages))
    return Outcome(True, "posted", posted.pk)
