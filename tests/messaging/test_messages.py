"""Messages between sessions over plain HTTP: posting, unread counts, edits and
deletions, attachments judged by content, search, groups, boundaries, cadence."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tandem.mentoring.models import Relationship
from tandem.mentoring.services import relationship_end
from tandem.messaging import selectors, services
from tandem.messaging.models import Conversation, Message
from tandem.programmes.models import Role

from ..conftest import World
from ..factories import UserFactory, add_member
from ..helpers import queries_at_most


def url(conversation: Conversation) -> str:
    return reverse("messaging:conversation", args=[conversation.pk])


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_pair_writes_without_javascript_and_unread_counts_follow(
    world: World, relationship: Relationship
) -> None:
    mentee, mentor = world.client(world.mentee), world.client(world.mentor)
    opened = mentee.get(reverse("messaging:for_relationship", args=[relationship.pk]))
    conversation = Conversation.objects.get(relationship=relationship)
    assert opened["Location"] == url(conversation)
    response = mentee.post(
        url(conversation), {"body": "Kia ora — **tried** the number talk today."}
    )
    assert response.status_code == 302
    # The mentor sees one unread in the navigation and in the list, then reads it.
    assert '<span class="badge"' in mentor.get(reverse("home")).content.decode()
    assert selectors.unread_total(world.mentor) == 1
    inbox = mentor.get(reverse("messaging:inbox")).content.decode()
    assert "1 unread" in inbox
    assert "Kiri Mentee" in inbox
    page = mentor.get(url(conversation)).content.decode()
    assert "<strong>tried</strong>" in page
    assert selectors.unread_total(world.mentor) == 0
    # The author's own messages never count as unread for them.
    assert selectors.unread_total(world.mentee) == 0


def test_the_htmx_send_returns_the_message_and_a_fresh_form(
    world: World, conversation: Conversation
) -> None:
    client = world.client(world.mentee)
    response = client.post(url(conversation), {"body": "Sent with htmx"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'hx-swap-oob="beforeend:#messages"' in body
    assert "Sent with htmx" in body
    # An empty message keeps the form and says why.
    response = client.post(url(conversation), {"body": "  "}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Write something or attach a file." in response.content.decode()


def test_a_refused_message_keeps_what_was_typed(world: World, conversation: Conversation) -> None:
    text = "x" * 5001
    response = world.client(world.mentee).post(url(conversation), {"body": text})
    assert response.status_code == 400
    assert text in response.content.decode()
    assert not Message.objects.exists()


def test_edit_within_the_window_then_no_more_and_delete_leaves_a_marker(
    world: World, conversation: Conversation
) -> None:
    client = world.client(world.mentee)
    message = services.message_post(actor=world.mentee, conversation=conversation, body="Frist")
    edit = reverse("messaging:edit", args=[conversation.pk, message.pk])
    assert client.post(edit, {"body": "First"}).status_code == 302
    message.refresh_from_db()
    assert message.body == "First"
    assert message.edited_at is not None
    # Others cannot edit it: the same 404 as for a message that does not exist.
    assert world.client(world.mentor).post(edit, {"body": "Hijack"}).status_code == 404
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = client.post(edit, {"body": "Too late"})
        assert response.status_code == 400
        assert "can be edited for 15 minutes" in response.content.decode()
    delete = reverse("messaging:delete", args=[conversation.pk, message.pk])
    assert client.post(delete).status_code == 302
    page = world.client(world.mentor).get(url(conversation)).content.decode()
    assert "Message deleted" in page
    assert "First" not in page
    assert selectors.search(world.mentor, "First") == []


def test_attachments_are_judged_by_content_and_size(
    world: World, conversation: Conversation, settings: Any
) -> None:
    client = world.client(world.mentee)
    good = SimpleUploadedFile("lesson.png", png_bytes(), "image/png")
    assert (
        client.post(url(conversation), {"body": "Photo", "attachments": [good]}).status_code == 302
    )
    attachment = Message.objects.get(body="Photo").attachments.get()
    assert attachment.content_type == "image/png"
    served = world.client(world.mentor).get(reverse("messaging:attachment", args=[attachment.pk]))
    assert served.status_code == 200
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")  # type: ignore[attr-defined]
    # An executable renamed to .pdf is refused with a reason, and the text survives.
    fake = SimpleUploadedFile(
        "plan.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200), "application/pdf"
    )
    response = client.post(url(conversation), {"body": "Plan attached", "attachments": [fake]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "“plan.pdf” is not a file of a kind allowed here" in page
    assert "Plan attached" in page
    settings.TANDEM_MESSAGE_ATTACHMENT_BYTES = 1000
    big = SimpleUploadedFile("notes.txt", b"a" * 2000, "text/plain")
    response = client.post(url(conversation), {"body": "Big", "attachments": [big]})
    assert "files can be at most 1000" in response.content.decode()
    assert not Message.objects.filter(body__in=["Plan attached", "Big"]).exists()


def test_search_finds_only_ones_own_conversations(world: World, conversation: Conversation) -> None:
    services.message_post(actor=world.mentee, conversation=conversation, body="About fractions")
    other = services.group_start(actor=world.facilitator, programme=world.programme,
                                 title="Facilitators", people=[world.lead])  # fmt: skip
    services.message_post(actor=world.lead, conversation=other, body="About fractions too")
    page = world.client(world.mentor).get(reverse("messaging:search"), {"q": "fractions"})
    body = page.content.decode()
    assert "About fractions" in body
    assert "About fractions too" not in body
    assert world.client(world.outsider).get(reverse("messaging:search"), {"q": "fractions"}
                                            ).content.decode().count("About fractions") == 0  # fmt: skip


def test_a_message_counts_as_contact_for_the_cadence(
    world: World, relationship: Relationship, conversation: Conversation
) -> None:
    assert relationship.last_contact_at is None
    services.message_post(actor=world.mentee, conversation=conversation, body="Hello")
    relationship.refresh_from_db()
    assert relationship.last_contact_at is not None


def test_an_ended_relationship_keeps_its_conversation_to_read(
    world: World, relationship: Relationship, conversation: Conversation
) -> None:
    services.message_post(
        actor=world.mentee, conversation=conversation, body="Thank you for the year"
    )
    relationship_end(actor=world.mentor, relationship=relationship, reason="other", note="", withdrawn=False)  # fmt: skip
    client = world.client(world.mentee)
    page = client.get(url(conversation)).content.decode()
    assert "Thank you for the year" in page
    assert "kept to read" in page
    response = client.post(url(conversation), {"body": "One more"})
    assert response.status_code == 400
    assert not Message.objects.filter(body="One more").exists()


def test_groups_are_started_by_guides_among_people_they_may_reach(world: World) -> None:
    mentor = world.client(world.mentor)
    new = reverse("messaging:group_new")
    # A mentor reaches only the people of their own relationships.
    response = mentor.post(new, {"programme": world.programme.pk, "title": "Maths circle",
                                 "people": world.other_mentee.email})  # fmt: skip
    assert response.status_code == 400
    assert "no one you can message is called or reached at" in response.content.decode().lower()
    # A facilitator reaches every member of the programme, by name or e-mail.
    facilitator = world.client(world.facilitator)
    response = facilitator.post(new, {"programme": world.programme.pk, "title": "Mentor circle",
                                      "people": f"{world.mentor.display_name}\n{world.other_mentee.email}"})  # fmt: skip
    assert response.status_code == 302
    group = Conversation.objects.get(title="Mentor circle")
    assert set(group.members.values_list("user_id", flat=True)) == {
        world.facilitator.pk, world.mentor.pk, world.other_mentee.pk,
    }  # fmt: skip
    # Mentees cannot start groups at all.
    assert world.client(world.mentee).post(new, {"title": "x"}).status_code == 404
    # The starter removes someone: they lose the conversation at once.
    members = reverse("messaging:members", args=[group.pk])
    facilitator.post(members, {"action": "remove", "user": world.other_mentee.pk})
    assert world.client(world.other_mentee).get(url(group)).status_code == 404
    # Only the starter changes who is in it; others may leave.
    mentor.post(members, {"action": "add", "person": world.lead.email})
    assert not group.members.filter(user=world.lead).exists()
    facilitator.post(members, {"action": "add", "person": world.lead.email})
    assert group.members.filter(user=world.lead, left_at__isnull=True).exists()
    mentor.post(members, {"action": "leave"})
    assert mentor.get(url(group)).status_code == 404


def test_the_sender_sees_the_other_persons_boundaries(
    world: World, relationship: Relationship, conversation: Conversation
) -> None:
    from datetime import time

    from tandem.mentoring.services import participant_boundaries_set

    world.mentor.time_zone = "UTC"
    world.mentor.save()
    participant_boundaries_set(actor=world.mentor, relationship=relationship,
                               quiet_from=time(20, 0), quiet_until=time(7, 0), reply_within_hours=48)  # fmt: skip
    with time_machine.travel(timezone.now().replace(hour=22, minute=0)):
        page = world.client(world.mentee).get(url(conversation)).content.decode()
    assert "quiet hours 20:00–07:00 (UTC)" in page
    assert "usually replies within 48 hours" in page
    assert "in quiet hours now" in page
    # The mentor's own page does not show their own boundaries back to them.
    assert (
        "quiet hours 20:00"
        not in world.client(world.mentor).get(url(conversation)).content.decode()
    )


def test_a_mentor_sees_a_gentle_note_when_one_mentee_writes_far_more(world: World) -> None:
    from tandem.mentoring.services import relationship_create

    conversations = []
    for i in range(3):
        mentee = UserFactory(display_name=f"Mentee {i}")
        add_member(world.programme, mentee, Role.MENTEE)
        rel = relationship_create(actor=world.lead, programme=world.programme, kind="one_to_one",
                                  mentors=[world.mentor], mentees=[mentee])  # fmt: skip
        conversations.append((mentee, services.conversation_for_relationship(relationship=rel)))
    for count, (mentee, conversation) in zip([30, 2, 3], conversations, strict=True):
        Message.objects.bulk_create(
            [Message(conversation=conversation, author=mentee, body=f"m{n}") for n in range(count)]
        )
    page = world.client(world.mentor).get(reverse("messaging:inbox")).content.decode()
    assert "Mentee 0 has sent you 30 messages in the last two weeks" in page
    assert "Mentee 1 has sent" not in page
    assert (
        "has sent you"
        not in world.client(world.mentee).get(reverse("messaging:inbox")).content.decode()
    )


def test_the_inbox_and_a_conversation_take_a_fixed_number_of_queries(
    world: World, relationship: Relationship
) -> None:
    def make(n: int) -> None:
        for i in range(n):
            group = services.group_start(actor=world.facilitator, programme=world.programme,
                                         title=f"Group {i}", people=[world.mentor, world.mentee])  # fmt: skip
            for j in range(3):
                services.message_post(
                    actor=world.mentee, conversation=group, body=f"Message {j}",
                    files=[SimpleUploadedFile("a.txt", b"notes", "text/plain")],
                )  # fmt: skip

    client = world.client(world.mentor)
    make(2)
    with queries_at_most(40) as small:
        client.get(reverse("messaging:inbox"))
    make(6)
    with queries_at_most(len(small.captured_queries)):
        client.get(reverse("messaging:inbox"))
    group = Conversation.objects.filter(kind="group").first()
    assert group is not None
    with queries_at_most(40) as few:
        client.get(url(group))
    for j in range(10):
        services.message_post(actor=world.mentee, conversation=group, body=f"More {j}",
                              files=[SimpleUploadedFile("b.txt", b"more", "text/plain")])  # fmt: skip
    with queries_at_most(len(few.captured_queries)):
        client.get(url(group))


def test_deleting_from_the_page_answers_with_the_message_item_only(
    world: World, conversation: Conversation
) -> None:
    """The page's delete form swaps its own list item (htmx): the answer is that
    item, marked deleted, never a whole page nested inside the list."""
    message = services.message_post(actor=world.mentee, conversation=conversation, body="Oops")
    delete = reverse("messaging:delete", args=[conversation.pk, message.pk])
    response = world.client(world.mentee).post(delete, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="m-{message.pk}"')
    assert "Message deleted" in html
    assert 'id="composer"' not in html
