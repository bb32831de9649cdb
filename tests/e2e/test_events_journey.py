"""Events in a real browser: Kiri finds the regional hui, registers and gets
the calendar invitation by e-mail; Tomás, in Alberta, sees the same hui at his
own hour; during a #MathsChat Kiri and Sione write to each other and each sees
the other's lines arrive without reloading; when the chat's time is up, the
page closes it and the transcript stays. Runs under uvicorn (the chat polls
while the other person posts), on a desktop and a phone, with axe on each page."""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import Page, expect

from tandem.events.models import Event

from .conftest import DESKTOP, PHONE, follow, open_menu, sign_in
from .test_journeys import checked

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ARRIVES = 15_000  # ms: lines come by a poll every few seconds


@pytest.fixture
def demo(transactional_db: Any) -> None:
    call_command("seed_demo", quiet=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_register_for_an_event_and_take_part_in_a_live_chat(
    demo: None, new_asgi_page: Callable[..., Page], viewport: dict[str, int]
) -> None:
    kiri = new_asgi_page(viewport)
    sign_in(kiri, "mentee@demo.test", "tandem-demo")
    open_menu(kiri)
    follow(kiri, kiri.get_by_role("link", name="Events", exact=True))
    expect(kiri.get_by_role("heading", level=1)).to_have_text("Events")
    checked(kiri)
    follow(kiri, kiri.get_by_role("link", name="Manawatū–Whanganui regional hui"))
    checked(kiri)
    kiri.get_by_role("button", name="Register").click()
    expect(kiri.get_by_text("You are registered.", exact=True)).to_be_visible()
    invitation = next(m for m in mail.outbox if m.to == ["mentee@demo.test"])
    assert "You are registered: Manawatū–Whanganui regional hui" in invitation.subject
    assert "BEGIN:VEVENT" in invitation.attachments[0][1]

    hui = Event.objects.get(title="Manawatū–Whanganui regional hui")
    tomas = new_asgi_page(viewport)
    sign_in(tomas, "outsider@demo.test", "tandem-demo")
    tomas.goto(f"/events/{hui.pk}/")
    there = timezone.localtime(hui.starts_at, zoneinfo.ZoneInfo("America/Edmonton"))
    expect(tomas.get_by_text(date_format(there, "l j F Y, H:i"))).to_be_visible()
    expect(tomas.get_by_text("In your time zone, America/Edmonton.")).to_be_visible()
    tomas.close()

    chat = Event.objects.get(title="#MathsChat: number talks across year levels")
    now = timezone.now()
    Event.objects.filter(pk=chat.pk).update(
        starts_at=now - timedelta(minutes=1), ends_at=now + timedelta(minutes=44)
    )
    sione = new_asgi_page(viewport)
    sign_in(sione, "facilitator@demo.test", "tandem-demo")
    sione.goto(f"/events/{chat.pk}/")
    expect(sione.get_by_role("heading", name="Live chat")).to_be_visible()
    sione.get_by_label(re.compile("Your message")).fill("Q1 Your favourite opening image, and why?")
    sione.get_by_role("button", name="Send").click()
    expect(sione.get_by_role("log").get_by_text("Q1 Your favourite")).to_be_visible(timeout=ARRIVES)

    kiri.goto(f"/events/{chat.pk}/")
    expect(kiri.get_by_role("log").get_by_text("Q1 Your favourite")).to_be_visible()
    checked(kiri)
    kiri.get_by_label(re.compile("Your message")).fill("A1 Ten frames held up to the camera")
    kiri.get_by_role("button", name="Send").click()
    expect(kiri.get_by_role("log").get_by_text("A1 Ten frames")).to_be_visible(timeout=ARRIVES)
    expect(kiri.get_by_label(re.compile("Your message"))).to_have_value("")
    # Sione never reloads: Kiri's answer arrives by itself
    expect(sione.get_by_role("log").get_by_text("A1 Ten frames")).to_be_visible(timeout=ARRIVES)
    expect(sione.get_by_role("log").get_by_text("A1 Ten frames")).to_have_count(1)

    # time is up: the open page closes the chat without a reload, and the transcript stays
    Event.objects.filter(pk=chat.pk).update(
        starts_at=now - timedelta(minutes=46), ends_at=timezone.now() - timedelta(seconds=1)
    )
    expect(kiri.get_by_text(re.compile("The chat closed at"))).to_be_visible(timeout=ARRIVES)
    expect(kiri.get_by_label(re.compile("Your message"))).to_have_count(0)
    kiri.reload()
    expect(kiri.get_by_role("heading", name="Transcript of the live chat")).to_be_visible()
    expect(kiri.get_by_role("log").get_by_role("listitem")).to_have_count(2)
    checked(kiri)
