"""Unread messages go out by e-mail after a while — never in quiet hours, never
twice — and a reply to that e-mail posts into the conversation. Replies are
tested from .eml files, including forged addresses and unknown senders."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path
from typing import Any

import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tandem.mentoring.models import Relationship
from tandem.mentoring.services import participant_boundaries_set
from tandem.messaging import services
from tandem.messaging.models import Conversation, Message
from tandem.messaging.replies import receive, reply_address
from tandem.messaging.tasks import send_unread_emails

from ..conftest import World

EML = Path(__file__).with_name("eml")


def eml(name: str, *, sender: str, to: str) -> bytes:
    return (EML / name).read_text(encoding="utf-8").format(sender=sender, to=to).encode("utf-8")


def sends(when: Any, capture: Any) -> int:
    with capture(execute=True):
        return send_unread_emails(when)


def test_an_unread_message_is_emailed_once_after_the_delay(
    world: World, conversation: Conversation, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    settings.TANDEM_UNREAD_EMAIL_MINUTES = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        services.message_post(
            actor=world.mentor, conversation=conversation, body="Can we move to Thursday?"
        )
    assert sends(start + timedelta(minutes=10), capture) == 0
    mail.outbox.clear()
    assert sends(start + timedelta(minutes=31), capture) == 1
    assert sends(start + timedelta(minutes=45), capture) == 0  # never twice
    (sent,) = mail.outbox
    assert sent.to == [world.mentee.email]
    assert sent.reply_to == [reply_address(conversation.pk, world.mentee.pk)]
    assert "Can we move to Thursday?" in sent.body
    assert "##- Reply above this line -##" in sent.body
    # The author is not e-mailed about their own message; a read message is not e-mailed.
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        services.message_post(actor=world.mentor, conversation=conversation, body="Read this one")
    client = world.client(world.mentee)
    client.get(f"/messages/{conversation.pk}/")
    assert sends(start + timedelta(hours=2), capture) == 0


def test_no_email_reaches_someone_in_their_quiet_hours(
    world: World,
    relationship: Relationship,
    conversation: Conversation,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    capture = django_capture_on_commit_callbacks
    settings.TANDEM_UNREAD_EMAIL_MINUTES = 30
    world.mentee.time_zone = "UTC"
    world.mentee.save()
    participant_boundaries_set(actor=world.mentee, relationship=relationship,
                               quiet_from=time(21, 0), quiet_until=time(7, 0), reply_within_hours=None)  # fmt: skip
    evening = timezone.now().replace(hour=20, minute=45, second=0, microsecond=0)
    with time_machine.travel(evening, tick=False):
        services.message_post(actor=world.mentor, conversation=conversation, body="Late thought")
    mail.outbox.clear()
    assert sends(evening + timedelta(minutes=40), capture) == 0  # 21:25, quiet
    assert sends(evening + timedelta(hours=10), capture) == 0  # 06:45, still quiet
    assert sends(evening + timedelta(hours=10, minutes=20), capture) == 1  # 07:05
    assert len(mail.outbox) == 1


def test_a_reply_by_email_posts_into_the_conversation_without_the_quote(
    world: World, conversation: Conversation
) -> None:
    address = reply_address(conversation.pk, world.mentee.pk)
    outcome = receive(eml("reply_plain.eml", sender=world.mentee.email, to=address))
    assert outcome.posted, outcome.reason
    message = Message.objects.get(pk=outcome.message_id)
    assert message.author == world.mentee
    assert message.via == "email"
    assert message.body.startswith("Yes, Thursday at 3.30 works")
    assert "Ngā mihi" in message.body
    assert "Reply above this line" not in message.body
    assert "On Tue" not in message.body
    # An HTML-only reply from Outlook: text kept, markup and quoted part gone.
    outcome = receive(eml("reply_html_outlook.eml", sender=world.mentee.email.upper(), to=address))
    assert outcome.posted, outcome.reason
    body = Message.objects.get(pk=outcome.message_id).body
    assert body == "Thanks & see you then!\nKiri"


def test_forged_addresses_unknown_senders_and_automatic_replies_are_rejected(
    world: World, conversation: Conversation
) -> None:
    address = reply_address(conversation.pk, world.mentee.pk)
    local, domain = address.split("@")
    forged_for_other_user = reply_address(conversation.pk, world.mentee.pk).replace(
        f"u{world.mentee.pk}-", f"u{world.other_mentee.pk}-"
    )
    tampered = local[:-1] + ("a" if local[-1] != "a" else "b") + "@" + domain
    cases = {
        "forged or altered reply address": [
            eml("reply_plain.eml", sender=world.mentee.email, to=tampered),
            eml("reply_plain.eml", sender=world.other_mentee.email, to=forged_for_other_user),
            eml(
                "reply_plain.eml",
                sender=world.mentee.email,
                to=address.replace(domain, "evil.example"),
            ),
        ],
        "sender is not the person the reply address belongs to": [
            eml("reply_plain.eml", sender="stranger@example.test", to=address),
            eml("reply_plain.eml", sender=world.mentor.email, to=address),
        ],
        "automatic message (Auto-Submitted): ignored": [
            eml("auto_reply.eml", sender=world.mentee.email, to=address)
        ],
        "not addressed to a reply address": [
            eml("no_address.eml", sender=world.mentee.email, to=address)
        ],
    }
    for reason, messages in cases.items():
        for raw in messages:
            outcome = receive(raw)
            assert not outcome.posted
            assert outcome.reason == reason
    assert not Message.objects.exists()


def test_someone_who_left_cannot_reply_by_email(world: World) -> None:
    group = services.group_start(actor=world.facilitator, programme=world.programme,
                                 title="Circle", people=[world.mentee])  # fmt: skip
    address = reply_address(group.pk, world.mentee.pk)
    services.group_member_remove(actor=world.facilitator, conversation=group, user=world.mentee)
    outcome = receive(eml("reply_plain.eml", sender=world.mentee.email, to=address))
    assert not outcome.posted
    assert outcome.reason == "no longer in the conversation"


def test_the_mail_server_pipes_replies_to_a_command(
    world: World, conversation: Conversation, tmp_path: Path, capsys: Any
) -> None:
    path = tmp_path / "reply.eml"
    path.write_bytes(eml("reply_plain.eml", sender=world.mentee.email,
                         to=reply_address(conversation.pk, world.mentee.pk)))  # fmt: skip
    call_command("receive_mail", file=str(path))
    assert "posted" in capsys.readouterr().out
    assert Message.objects.filter(via="email").count() == 1
