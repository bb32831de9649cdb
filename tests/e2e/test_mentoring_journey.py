"""A month of mentoring in the browser: mentor and mentee accept their agreement,
the mentor schedules a session (each sees it in their own time zone; the .ics
parses), both write GROW notes and an action point, the mentor's private note
reaches the mentee nowhere, and the mentee revises a goal whose history shows
both versions. Two browser contexts; every page checked with axe-core."""

from __future__ import annotations

import json
import zoneinfo
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tandem.mentoring.models import Goal, MentoringSession
from tandem.mentoring.services import relationship_create
from tandem.programmes.models import Role

from ..factories import PASSWORD, ProgrammeFactory, UserFactory, add_member
from .conftest import DESKTOP, PHONE, follow, sign_in
from .test_journeys import checked

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PRIVATE = "She sounded exhausted; ask about load next time"
AUCKLAND, EDMONTON = "Pacific/Auckland", "America/Edmonton"


@pytest.fixture
def pair(transactional_db: Any) -> dict[str, Any]:
    programme = ProgrammeFactory(name="Connected Classrooms", slug="connected")
    mentor = UserFactory(email="mere@example.test", display_name="Mere Tākao", time_zone=AUCKLAND)
    mentee = UserFactory(email="kiri@example.test", display_name="Kiri Walker", time_zone=EDMONTON)
    add_member(programme, mentor, Role.MENTOR)
    add_member(programme, mentee, Role.MENTEE)
    rel = relationship_create(actor=mentor, programme=programme, kind="one_to_one",
                              mentors=[mentor], mentees=[mentee])  # fmt: skip
    return {"mentor": mentor, "mentee": mentee, "relationship": rel}


def accept_agreement(page: Page) -> None:
    page.get_by_role("link", name="Your agreement is waiting for you to accept it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Our agreement")
    checked(page)
    page.get_by_role("button", name="I accept version 1").click()
    expect(page.get_by_text("You accepted version 1.")).to_be_visible()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_month_of_mentoring(
    pair: dict[str, Any], new_page: Callable[..., Page], viewport: dict[str, int]
) -> None:
    mentor, mentee = new_page(viewport), new_page(viewport)
    rel = pair["relationship"]
    sign_in(mentee, "kiri@example.test", PASSWORD)
    accept_agreement(mentee)
    sign_in(mentor, "mere@example.test", PASSWORD)
    accept_agreement(mentor)
    expect(mentor.get_by_text("Accepted by everyone.")).to_be_visible()

    # The mentor schedules, in Auckland time.
    mentor.goto(f"/relationships/{rel.pk}/")
    checked(mentor)
    follow(mentor, mentor.get_by_role("link", name="Schedule a session"))
    checked(mentor)
    when = (timezone.now() + timedelta(days=3)).astimezone(zoneinfo.ZoneInfo(AUCKLAND))
    when = when.replace(hour=16, minute=30, second=0, microsecond=0)
    mentor.get_by_label("Date and time (your time zone)").fill(when.strftime("%Y-%m-%dT%H:%M"))
    mentor.get_by_label("Length in minutes").fill("60")
    mentor.get_by_label("Agenda").fill("Breakout rooms and the tally")
    mentor.get_by_role("button", name="Schedule a session").click()
    expect(mentor.get_by_text("The session is scheduled.")).to_be_visible()
    checked(mentor)
    session = MentoringSession.objects.get()
    assert session.starts_at == when
    in_edmonton = when.astimezone(zoneinfo.ZoneInfo(EDMONTON))
    expect(mentor.get_by_role("heading", level=1)).to_contain_text(
        when.strftime("%-d %B %Y, 16:30")
    )

    # Both invitations carry an .ics that parses to the same instant.
    invitations = [m for m in mail.outbox if m.attachments]
    assert sorted(m.to[0] for m in invitations) == ["kiri@example.test", "mere@example.test"]
    for message in invitations:
        (event,) = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
        assert event.decoded("dtstart") == when

    # The mentee sees it in Edmonton time, from her home page.
    mentee.goto("/")
    mentee.get_by_role("link", name=in_edmonton.strftime("%a %-d %b, %H:%M")).click()
    expect(mentee.get_by_role("heading", level=1)).to_contain_text(
        in_edmonton.strftime("%-d %B %Y, %H:%M")
    )
    checked(mentee)

    # The mentor writes Goal and Reality, a private note and an action point.
    mentor.get_by_label("Goal: what do we want from this session?").fill(
        "More voices in live lessons"
    )
    mentor.get_by_label("Reality: where are things now?").fill("Four students answer everything.")
    mentor.get_by_role("button", name="Save to the shared record").click()
    expect(mentor.get_by_text("The shared record is saved.")).to_be_visible()
    # Autosaved 1.5 s after typing stops: wait for that request, however slow the machine.
    with mentor.expect_response(
        lambda r: r.url.endswith("/private/") and r.request.method == "POST", timeout=30_000
    ) as saved:
        mentor.get_by_role("textbox", name="My private notes").fill(PRIVATE)
    assert saved.value.ok
    expect(mentor.locator("#note-status")).to_contain_text("Saved at")
    mentor.get_by_role("textbox", name="Action point").fill("Send the breakout-roles article")
    mentor.get_by_role("button", name="Add the action point").click()
    expect(mentor.get_by_text("Action point added.")).to_be_visible()
    checked(mentor)

    # The mentee reloads, adds Options and Will, and an action point of her own.
    mentee.reload()
    expect(mentee.get_by_label("Goal: what do we want from this session?")).to_have_value(
        "More voices in live lessons"
    )
    mentee.get_by_label("Options: what could be tried?").fill(
        "Chat-first answers; roles in breakouts."
    )
    mentee.get_by_label("Will: what will be done, by when?").fill(
        "Trial roles in two lessons next week."
    )
    mentee.get_by_role("button", name="Save to the shared record").click()
    expect(mentee.get_by_text("The shared record is saved.")).to_be_visible()
    mentee.get_by_role("textbox", name="Action point").fill("Keep a tally of who speaks")
    mentee.get_by_role("button", name="Add the action point").click()
    expect(mentee.get_by_text("Send the breakout-roles article")).to_be_visible()
    expect(mentee.get_by_text("Keep a tally of who speaks")).to_be_visible()
    assert PRIVATE not in mentee.content()
    session.refresh_from_db()
    assert session.goal == "More voices in live lessons"
    assert session.will == "Trial roles in two lessons next week."

    # Search and export: nothing of the private note.
    mentee.goto(f"/relationships/{rel.pk}/")
    mentee.get_by_label("Search words").fill("exhausted")
    mentee.get_by_role("button", name="Search").click()
    expect(mentee.get_by_role("heading", name="0 results")).to_be_visible()
    checked(mentee)
    export = mentee.request.get(f"/relationships/{rel.pk}/export/")
    assert "exhausted" not in export.text()
    assert (
        json.loads(export.text())["sessions"][0]["will"] == "Trial roles in two lessons next week."
    )
    assert all(PRIVATE not in m.body for m in mail.outbox)

    # The mentee sets a goal, then refines it; the history shows both versions.
    mentee.goto(f"/relationships/{rel.pk}/")
    follow(mentee, mentee.get_by_role("link", name="Set a goal"))
    checked(mentee)
    mentee.get_by_label("Goal:", exact=True).fill("Every student contributes in live lessons")
    mentee.get_by_label("What and why").fill("I can't assess what I can't hear.")
    mentee.get_by_role("button", name="Save and start working on it").click()
    expect(mentee.get_by_text("Your goal is saved.")).to_be_visible()
    refine = mentee.locator("form[action$='/edit/']")
    refine.get_by_label("Goal:", exact=True).fill("Every student contributes, by chat or voice")
    refine.get_by_label("What changed and why (for the history)").fill("Chat counts too")
    mentee.get_by_role("button", name="Save as a new version").click()
    expect(mentee.get_by_text("Version 2 of your goal is saved.")).to_be_visible()
    history = mentee.locator("section", has=mentee.get_by_role("heading", name="History"))
    expect(history).to_contain_text("Version 1")
    expect(history).to_contain_text("Version 2")
    expect(history.locator("del")).to_contain_text("Every student contributes in live lessons")
    expect(history.locator("ins")).to_contain_text("Every student contributes, by chat or voice")
    checked(mentee)
    assert Goal.objects.get().version == 2

    # The mentor's caseload lists Kiri; the private note is still the mentor's alone.
    mentor.goto("/mentoring/caseload/")
    expect(mentor.get_by_role("link", name="Kiri Walker")).to_be_visible()
    checked(mentor)
    mentor.goto(f"/relationships/{rel.pk}/sessions/{session.pk}/")
    expect(mentor.get_by_role("textbox", name="My private notes")).to_have_value(PRIVATE)
