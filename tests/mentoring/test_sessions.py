"""Scheduling across time zones, .ics invitations, reschedule/cancel, recording
the outcome, reminders 24 h and 1 h before, and the private calendar feed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tandem.mentoring import services
from tandem.mentoring.models import MentoringSession, Relationship, SessionStatus, TimeEntry

from ..conftest import World
from .conftest import utc


def ics_events(text: str | bytes) -> list[Any]:
    return list(Calendar.from_ical(text).walk("VEVENT"))


def test_schedule_in_my_zone_each_sees_their_own_and_the_ics_parses(
    world: World, relationship: Relationship, django_capture_on_commit_callbacks: Any
) -> None:
    world.mentor.time_zone = "Pacific/Auckland"
    world.mentor.save()
    world.mentee.time_zone = "America/Edmonton"
    world.mentee.save()
    mentor = world.client(world.mentor)
    with (
        time_machine.travel(utc(2026, 11, 20, 1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = mentor.post(
            reverse("mentoring:schedule", args=[relationship.pk]),
            {"starts_at": "2026-12-01T16:30", "duration_minutes": "60", "medium": "room",
             "agenda": "Breakout rooms"},
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    session = MentoringSession.objects.get()
    # 16:30 in Auckland (NZDT, UTC+13) is 03:30 UTC, 20:30 the day before in Edmonton.
    assert session.starts_at == utc(2026, 12, 1, 3, 30)
    page_mentor = mentor.get(response["Location"]).content.decode()
    page_mentee = world.client(world.mentee).get(response["Location"]).content.decode()
    assert "Tuesday 1 December 2026, 16:30" in page_mentor
    assert "Monday 30 November 2026, 20:30" in page_mentee
    # Both received an invitation whose .ics parses and has the right instant.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.mentor.email, world.mentee.email])
    to_mentee = next(m for m in mail.outbox if m.to == [world.mentee.email])
    assert "20:30" in to_mentee.body  # the e-mail speaks the mentee's zone
    filename, content, mimetype = to_mentee.attachments[0]
    assert filename == "session.ics"
    assert "method=REQUEST" in mimetype
    cal = Calendar.from_ical(content)
    assert str(cal["method"]) == "REQUEST"
    (event,) = ics_events(content)
    assert event.decoded("dtstart") == utc(2026, 12, 1, 3, 30)
    assert event.decoded("dtend") == utc(2026, 12, 1, 4, 30)
    assert "Breakout rooms" not in content  # the agenda stays in Tandem
    # The download from the session page parses too and names the other person.
    ics = mentor.get(reverse("mentoring:session_ics", args=[relationship.pk, session.pk]))
    (event,) = ics_events(ics.content)
    assert world.mentee.display_name in str(event["summary"])


def test_reschedule_and_cancel_update_the_calendar_entry(
    world: World, relationship: Relationship, django_capture_on_commit_callbacks: Any
) -> None:
    start = timezone.now() + timedelta(days=5)
    session = services.session_schedule(
        actor=world.mentor, relationship=relationship, starts_at=start, duration_minutes=45
    )
    client = world.client(world.mentee)
    url = reverse("mentoring:reschedule", args=[relationship.pk, session.pk])
    assert (
        client.post(url, {"starts_at": "", "duration_minutes": "45", "reason": ""}).status_code
        == 400
    )
    with django_capture_on_commit_callbacks(execute=True):
        moved = client.post(url, {"starts_at": timezone.localtime(start + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
                                  "duration_minutes": "45", "reason": "Parent evening"})  # fmt: skip
    assert moved.status_code == 302
    session.refresh_from_db()
    assert session.sequence == 1
    assert session.changes.get().reason == "Parent evening"
    (event,) = ics_events(mail.outbox[-1].attachments[0][1])
    assert int(event["sequence"]) == 1
    assert str(event["uid"]) == f"session-{session.uid}@tandem"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("mentoring:cancel", args=[relationship.pk, session.pk]), {"reason": "Unwell"}
        )
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    cal = Calendar.from_ical(mail.outbox[-1].attachments[0][1])
    assert str(cal["method"]) == "CANCEL"
    assert str(ics_events(mail.outbox[-1].attachments[0][1])[0]["status"]) == "CANCELLED"
    relationship.refresh_from_db()
    assert relationship.next_session_at is None


def test_recording_a_held_session_logs_time_contact_and_prompts_reflection(
    world: World, relationship: Relationship, django_capture_on_commit_callbacks: Any
) -> None:
    session = services.session_schedule(
        actor=world.mentor, relationship=relationship,
        starts_at=timezone.now() - timedelta(hours=2), duration_minutes=60, milestone="goals",
    )  # fmt: skip
    url = reverse("mentoring:outcome", args=[relationship.pk, session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client(world.mentor).post(
            url, {"attended": [str(world.mentor.pk), str(world.mentee.pk)], "actual_minutes": "70"}
        )
    assert response.status_code == 302
    session.refresh_from_db()
    relationship.refresh_from_db()
    assert session.status == SessionStatus.HELD
    assert TimeEntry.objects.get(session=session).minutes == 70
    assert TimeEntry.objects.get(session=session).mentor == world.mentor  # mentees log no time
    assert relationship.last_contact_at == session.starts_at
    assert "goals" in relationship.milestones_done
    prompt = mail.outbox[-1]
    assert prompt.to == [world.mentee.email]
    assert "reflect" in prompt.subject.lower()
    # Nobody but the mentor came: missed, no time logged.
    other = services.session_schedule(
        actor=world.mentor, relationship=relationship,
        starts_at=timezone.now() - timedelta(hours=1), duration_minutes=60,
    )  # fmt: skip
    world.client(world.mentor).post(
        reverse("mentoring:outcome", args=[relationship.pk, other.pk]),
        {"attended": [str(world.mentor.pk)]},
    )
    other.refresh_from_db()
    assert other.status == SessionStatus.MISSED
    assert not TimeEntry.objects.filter(session=other).exists()


def test_reminders_go_once_a_day_before_and_an_hour_before(
    world: World, relationship: Relationship, django_capture_on_commit_callbacks: Any
) -> None:
    with time_machine.travel(utc(2026, 5, 1, 9), tick=False) as clock:
        session = services.session_schedule(
            actor=world.mentor, relationship=relationship, starts_at=utc(2026, 5, 4, 9),
            duration_minutes=60,
        )  # fmt: skip
        mail.outbox.clear()
        clock.move_to(utc(2026, 5, 3, 9, 30))
        with django_capture_on_commit_callbacks(execute=True):
            call_command("tick", verbosity=0)
            call_command("tick", verbosity=0)  # a second run sends nothing more
        reminders = [m for m in mail.outbox if "Tomorrow" in m.subject]
        assert sorted(m.to[0] for m in reminders) == sorted(
            [world.mentor.email, world.mentee.email]
        )
        # The mentor's daily digest (no active goal yet) went once as well.
        assert [m.to for m in mail.outbox if "caseload" in m.subject] == [[world.mentor.email]]
        clock.move_to(utc(2026, 5, 4, 8, 15))
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("tick", verbosity=0)
            call_command("tick", verbosity=0)
        soon = [m for m in mail.outbox if "starts at" in m.subject]
        assert sorted(m.to[0] for m in soon) == sorted([world.mentor.email, world.mentee.email])
        session.refresh_from_db()
        assert session.reminded_day_at
        assert session.reminded_hour_at


def test_the_calendar_feed_lists_my_sessions_and_dies_when_revoked(
    world: World, relationship: Relationship
) -> None:
    services.session_schedule(
        actor=world.mentor, relationship=relationship,
        starts_at=timezone.now() + timedelta(days=3), duration_minutes=60,
    )  # fmt: skip
    client = world.client(world.mentee)
    page = client.get(reverse("accounts:calendar")).content.decode()
    feed_url = page.split('readonly value="')[1].split('"')[0]
    path = feed_url.replace("http://testserver", "")
    anonymous = world.client(None)
    feed = anonymous.get(path)
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    (event,) = ics_events(feed.content)
    assert world.mentor.display_name in str(event["summary"])
    # The outsider's feed has nothing of it.
    outsider_page = world.client(world.outsider).get(reverse("accounts:calendar")).content.decode()
    outsider_path = (
        outsider_page.split('readonly value="')[1].split('"')[0].replace("http://testserver", "")
    )
    assert ics_events(anonymous.get(outsider_path).content) == []
    client.post(reverse("accounts:calendar"))
    assert anonymous.get(path).status_code == 404
    assert anonymous.get("/calendar/not-a-token.ics").status_code == 404
