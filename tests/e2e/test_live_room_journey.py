"""The live room in Chromium with fake cameras and microphones on loopback:
two and three people establish a call, chat, write the session notes live,
switch to audio only, leave and come back; and live coaching, where the
teacher's page receives the coach's voice and no video."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem.liveroom.models import RoomMessage
from tandem.mentoring.models import MentoringSession
from tandem.mentoring.models.sessions import Medium
from tandem.mentoring.services import relationship_create
from tandem.programmes.models import Role

from ..factories import PASSWORD, ProgrammeFactory, UserFactory, add_member
from .conftest import PHONE, sign_in
from .test_journeys import checked

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def trio(transactional_db: Any) -> dict[str, Any]:
    programme = ProgrammeFactory(name="Teaching at a Distance", slug="distance")
    people = {
        "mentor": UserFactory(email="ana@example.test", display_name="Ana Folau"),
        "mentee": UserFactory(email="sam@example.test", display_name="Sam Okafor"),
        "co": UserFactory(email="lu@example.test", display_name="Lu Chen"),
    }
    add_member(programme, people["mentor"], Role.MENTOR)
    add_member(programme, people["co"], Role.MENTOR)
    add_member(programme, people["mentee"], Role.MENTEE)
    rel = relationship_create(actor=people["mentor"], programme=programme, kind="co_mentoring",
                              mentors=[people["mentor"]], mentees=[people["mentee"]],
                              co_mentors=[people["co"]])  # fmt: skip
    return {**people, "relationship": rel}


def _session(rel: Any, medium: str = Medium.ROOM) -> MentoringSession:
    return MentoringSession.objects.create(
        relationship=rel, starts_at=timezone.now() - timedelta(minutes=2), duration_minutes=45,
        medium=medium,
    )  # fmt: skip


def enter(page: Page, email: str, url: str) -> None:
    sign_in(page, email, PASSWORD)
    page.goto(url)
    page.get_by_role("button", name="Join the call").or_(
        page.get_by_role("button", name="Start the lesson link")
    ).click()
    expect(page.locator("#room")).to_have_attribute("data-state", "joined")


def connected(page: Page, count: int) -> None:
    expect(page.locator("#tiles li[data-connection=connected]")).to_have_count(
        count, timeout=20_000
    )


def inbound(page: Page) -> dict[str, int]:
    """Bytes this page has received, by kind of media."""
    rows = page.evaluate("window.tandemRoom.inbound()")
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["kind"]] = totals.get(row["kind"], 0) + row["bytes"]
    return totals


def receiving(page: Page, kind: str) -> None:
    """Media of ``kind`` is flowing into this page (its byte count grows)."""
    before = inbound(page).get(kind, 0)
    page.wait_for_function(
        "([kind, before]) => window.tandemRoom.inbound().then(rows => "
        "rows.filter(r => r.kind === kind).reduce((n, r) => n + r.bytes, 0) > before + 2000)",
        arg=[kind, before], polling=300, timeout=15_000,
    )  # fmt: skip


def test_two_people_talk_chat_write_notes_go_audio_only_and_rejoin(
    trio: dict[str, Any], new_media_page: Callable[..., Page]
) -> None:
    session = _session(trio["relationship"])
    url = f"/relationships/{trio['relationship'].pk}/sessions/{session.pk}/room/"
    mentor, mentee = new_media_page(), new_media_page()
    enter(mentor, "ana@example.test", url)
    enter(mentee, "sam@example.test", url)
    connected(mentor, 1)
    connected(mentee, 1)
    receiving(mentee, "audio")  # audio first: the voices flow, cameras are off
    expect(mentee.locator("#room-status")).to_contain_text("Ana Folau")
    expect(mentee.locator("#tiles li[data-peer]")).to_contain_text("camera off")
    checked(mentee)

    # Chat, both ways, once each.
    mentee.get_by_label("Message to everyone in the call").fill(
        "Can you hear me? The video froze earlier."
    )
    mentee.get_by_role("button", name="Send").click()
    expect(mentor.locator("#chat")).to_contain_text("Can you hear me?")
    expect(mentee.locator("#chat li")).to_have_count(1)

    # Recording: only once everyone agrees; the mentor's browser records and uploads it.
    mentor.get_by_role("button", name="Record…").click()
    expect(mentor.locator("#recording-status")).to_contain_text("Waiting for everyone")
    consent = mentee.get_by_role("dialog", name="Record this call?")
    expect(consent).to_contain_text("Ana Folau asks to record")
    checked(mentee)
    consent.get_by_role("button", name="I agree").click()
    expect(mentor.locator("#recording-status")).to_contain_text("Recording the sound")
    expect(mentee.locator("#recording-status")).to_contain_text("Recording the sound")
    mentor.wait_for_timeout(1500)
    mentee.get_by_role("button", name="Stop recording").click()
    expect(mentor.locator("#recording-status")).to_contain_text(
        "in the session record", timeout=15_000
    )
    expect(mentee.locator("#recording-status")).to_contain_text("in the session record")

    # The notes beside the call are the session record, typed live.
    mentor.get_by_role("textbox", name="Goal: what do we want from this session?").fill(
        "Plan the fractions assessment"
    )
    expect(
        mentee.get_by_role("textbox", name="Goal: what do we want from this session?")
    ).to_have_value("Plan the fractions assessment")
    expect(mentee.locator("#notes-status")).to_contain_text("Ana Folau")

    # The mentor turns the camera on; the mentee receives video until going audio only.
    mentor.get_by_role("button", name="Camera").click()
    receiving(mentee, "video")
    expect(mentee.locator("#tiles li[data-peer]")).not_to_have_class("tile no-video")
    mentee.get_by_role("button", name="Audio only").click()
    expect(mentee.get_by_role("button", name="Audio only")).to_have_attribute(
        "aria-pressed", "true"
    )
    mentor.wait_for_function(
        "() => [...window.tandemRoom.peers.values()].every(p => p.audioOnly && p.pc.getTransceivers()"
        ".filter(t => t.receiver.track.kind === 'video').every(t => t.sender.track === null))"
    )
    expect(mentee.locator("#tiles li[data-peer]")).to_have_class("tile no-video")
    expect(mentor.locator("#tiles li[data-peer]")).to_contain_text("audio only")
    receiving(mentee, "audio")  # still talking

    # The mentee leaves; the mentor sees it; the mentee comes back and the call resumes.
    mentee.get_by_role("button", name="Leave").click()
    expect(mentee.locator("#device-status")).to_contain_text("You left the call")
    expect(mentor.locator("#tiles li[data-peer]")).to_have_count(0)
    expect(mentor.locator("#room-status")).to_contain_text("only one here")
    mentee.get_by_role("button", name="Join the call").click()
    connected(mentor, 1)
    connected(mentee, 1)
    receiving(mentor, "audio")

    # A blip drops the mentee's socket: the page reconnects by itself and the call resumes.
    before = mentee.evaluate("window.tandemRoom.me")
    mentee.evaluate("window.tandemRoom.socket.close(3000)")
    mentee.wait_for_function(
        "old => window.tandemRoom.me && window.tandemRoom.me !== old", arg=before
    )
    connected(mentor, 1)
    connected(mentee, 1)
    expect(mentor.locator("#tiles li[data-peer]")).to_have_count(1)
    receiving(mentee, "audio")

    # What was said in writing stays in the session record.
    mentor.goto(f"/relationships/{trio['relationship'].pk}/sessions/{session.pk}/")
    expect(mentor.locator("#room-record")).to_contain_text("Chat in the room (1 line)")
    expect(mentor.locator("#room-record")).to_contain_text("Sam Okafor")
    expect(mentor.locator("#room-record audio")).to_have_count(1)
    session.refresh_from_db()
    assert session.goal == "Plan the fractions assessment"
    recording = session.recordings.get(status="saved")
    assert recording.file.size > 1000
    assert recording.file.open("rb").read(4) == b"\x1a\x45\xdf\xa3"  # WebM


def test_three_people_in_one_call(
    trio: dict[str, Any], new_media_page: Callable[..., Page]
) -> None:
    session = _session(trio["relationship"])
    url = f"/relationships/{trio['relationship'].pk}/sessions/{session.pk}/room/"
    pages = [new_media_page() for _ in range(3)]
    for page, email in zip(pages, ["ana@example.test", "sam@example.test", "lu@example.test"],
                           strict=True):  # fmt: skip
        enter(page, email, url)
    for page in pages:
        connected(page, 2)
    receiving(pages[2], "audio")
    pages[2].get_by_label("Message to everyone in the call").fill("Hello from the third screen")
    pages[2].keyboard.press("Enter")
    for page in pages:
        expect(page.locator("#chat")).to_contain_text("Hello from the third screen")
        expect(page.locator("#chat li")).to_have_count(1)
    pages[1].context.close()  # a closed laptop lid, not a goodbye
    for page in (pages[0], pages[2]):
        connected(page, 1)
        expect(page.locator("#tiles li[data-peer]")).to_have_count(1)


def test_live_coaching_teacher_hears_only_the_coach(
    trio: dict[str, Any], new_media_page: Callable[..., Page]
) -> None:
    session = _session(trio["relationship"], Medium.COACHING)
    url = f"/relationships/{trio['relationship'].pk}/sessions/{session.pk}/room/"
    teacher = new_media_page(PHONE)  # a phone propped up at the back of the classroom
    coach = new_media_page()
    enter(teacher, "sam@example.test", url)
    enter(coach, "ana@example.test", url)
    connected(teacher, 1)
    connected(coach, 1)
    receiving(teacher, "audio")
    receiving(coach, "video")  # the coach sees the lesson
    # The teacher's page receives the coach's voice and no video at all.
    kinds = teacher.evaluate(
        "() => [...window.tandemRoom.peers.values()].flatMap(p => p.stream.getTracks().map(t => t.kind))"
    )
    assert kinds == ["audio"]
    assert "video" not in inbound(teacher)
    expect(teacher.locator("#tiles video")).to_have_count(1)  # only the teacher's own preview
    checked(teacher)

    coach.get_by_role("button", name="Slow down").click()
    expect(teacher.locator("#prompt")).to_have_text("Slow down")
    coach.get_by_label("Your prompt").fill("Ask Aroha about her diagram")
    coach.get_by_role("button", name="Show it").click()
    expect(teacher.locator("#prompt")).to_have_text("Ask Aroha about her diagram")
    expect(coach.locator("#prompts li")).to_have_count(2)
    checked(coach)

    teacher.get_by_role("button", name="End now").click()
    expect(coach.locator("#device-status")).to_contain_text("Sam Okafor ended the live coaching")
    expect(teacher.locator("#device-status")).to_contain_text("ended the live coaching")
    assert list(
        RoomMessage.objects.filter(session=session).order_by("pk").values_list("text", flat=True)
    ) == ["Slow down", "Ask Aroha about her diagram"]
