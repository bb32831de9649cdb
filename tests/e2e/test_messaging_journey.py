"""Messages between sessions in the browser: two people in one conversation,
each page receiving the other's messages live over the socket; the page
reconnects after its socket drops; the sender sees the other's boundaries;
deleting leaves a marker. Pages checked with axe-core, desktop and phone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tandem.mentoring.models import Participant
from tandem.mentoring.services import relationship_create
from tandem.programmes.models import Role

from ..factories import PASSWORD, ProgrammeFactory, UserFactory, add_member
from .conftest import DESKTOP, PHONE, sign_in
from .test_journeys import checked

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pair(transactional_db: Any) -> dict[str, Any]:
    programme = ProgrammeFactory(name="Connected Classrooms", slug="connected")
    mentor = UserFactory(
        email="mere@example.test", display_name="Mere Tākao", time_zone="Pacific/Auckland"
    )
    mentee = UserFactory(
        email="kiri@example.test", display_name="Kiri Walker", time_zone="America/Edmonton"
    )
    add_member(programme, mentor, Role.MENTOR)
    add_member(programme, mentee, Role.MENTEE)
    rel = relationship_create(actor=mentor, programme=programme, kind="one_to_one",
                              mentors=[mentor], mentees=[mentee])  # fmt: skip
    Participant.objects.filter(relationship=rel, user=mentor).update(
        quiet_from=time(20, 0), quiet_until=time(6, 30), reply_within_hours=48
    )
    return {"mentor": mentor, "mentee": mentee, "relationship": rel}


def open_messages(page: Page, relationship_id: int) -> None:
    page.goto(f"/relationships/{relationship_id}/")
    page.get_by_role("main").get_by_role("link", name="Messages").click()
    expect(page.locator("[data-conversation]")).to_have_attribute("data-live", "open")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_two_people_write_to_each_other_live(
    pair: dict[str, Any], new_asgi_page: Callable[..., Page], viewport: dict[str, int]
) -> None:
    rel = pair["relationship"]
    mentee, mentor = new_asgi_page(viewport), new_asgi_page(viewport)
    sign_in(mentee, "kiri@example.test", PASSWORD)
    sign_in(mentor, "mere@example.test", PASSWORD)
    open_messages(mentee, rel.pk)
    open_messages(mentor, rel.pk)
    expect(mentee.get_by_text("usually replies within 48 hours")).to_be_visible()
    checked(mentee)

    mentee.get_by_role("textbox", name="Message").fill(
        "Kia ora Mere — the number talk worked today!"
    )
    mentee.get_by_role("button", name="Send").click()
    # The mentor's page shows it without a reload; the mentee's box is empty again.
    expect(mentor.get_by_text("the number talk worked today!")).to_be_visible()
    expect(mentee.get_by_role("textbox", name="Message")).to_have_value("")
    expect(mentee.locator("#messages [data-message-id]")).to_have_count(1)  # sent once, shown once

    mentor.get_by_role("textbox", name="Message").fill("Ka pai! Tell me more on **Thursday**.")
    mentor.get_by_role("button", name="Send").click()
    expect(mentee.locator("strong", has_text="Thursday")).to_be_visible()
    checked(mentor)

    # A network blip: the mentee's socket drops, a message arrives meanwhile,
    # and the page catches up when it reconnects.
    mentee.evaluate("window.dispatchEvent(new Event('offline'))")
    mentee.context.set_offline(True)
    mentor.get_by_role("textbox", name="Message").fill("Sent while you were offline")
    mentor.get_by_role("button", name="Send").click()
    mentee.context.set_offline(False)
    expect(mentee.get_by_text("Sent while you were offline")).to_be_visible(timeout=20_000)

    # Deleting leaves a marker on both pages.
    mentor.locator("#messages li", has_text="Sent while you were offline").get_by_role(
        "button", name="Delete this message"
    ).click()
    expect(mentor.get_by_text("Message deleted")).to_be_visible()
    expect(mentee.get_by_text("Message deleted")).to_be_visible()
    expect(mentee.get_by_text("Sent while you were offline")).to_have_count(0)
    checked(mentee)

    # The inbox and the unread badge.
    mentor.get_by_role("textbox", name="Message").fill("One more for later")
    mentor.get_by_role("button", name="Send").click()
    expect(mentor.get_by_text("One more for later")).to_be_visible()
    mentee.goto("/messages/")
    expect(mentee.get_by_role("heading", name="Conversations")).to_be_visible()
    checked(mentee)
