"""Events: who sees them (lists, page, .ics, chat, search, calendar feed,
newsletter), times in each person's zone, registration with calendar
invitations, changes and cancellation, reminders, joining and attendance,
recordings, and the time-boxed live chat with its transcript."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.community import services as community
from tandem.community.models import Space
from tandem.core.calendar import feed_token
from tandem.core.models import AuditEntry
from tandem.events import selectors, services
from tandem.events.models import ChatLine, Event, Registration
from tandem.events.privacy import EventsPrivacy
from tandem.notifications.models import Notification
from tandem.search.selectors import search

from ..conftest import World
from ..helpers import XSS, assert_inert, community_root, quiet_room

pytestmark = pytest.mark.django_db

NZ = zoneinfo.ZoneInfo("Pacific/Auckland")


def _event(world: World, space: Space | None = None, **kw: Any) -> Event:
    values: dict[str, Any] = {
        "title": "Feedback that travels", "format": "online", "minutes": 60,
        "starts_at": timezone.now() + timedelta(days=3),
        "join_url": "https://meet.example.org/feedback", "description": "Bring a **draft**.",
        **kw,
    }  # fmt: skip
    return services.event_create(
        actor=world.facilitator, space=space or community_root(world), **values
    )


def _shift(event: Event, *, starts_in: timedelta) -> Event:
    """Move an event in time (as if the clock had moved on)."""
    length = event.ends_at - event.starts_at
    start = timezone.now() + starts_in
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + length)
    event.refresh_from_db()
    return event


def test_a_facilitator_plans_an_event_and_members_see_it_in_their_own_zone(world: World) -> None:
    root = community_root(world)
    client = world.client(world.facilitator)
    response = client.post(
        reverse("events:new", args=[root.pk]),
        {"title": "Planning Term 1", "format": "online", "starts_at": "2027-03-05T19:00",
         "minutes": "75", "join_url": "https://meet.example.org/t1", "capacity": "",
         "description": "Small groups for the last half-hour."},
    )  # fmt: skip
    assert response.status_code == 302
    event = Event.objects.get(title="Planning Term 1")
    # entered in the facilitator's zone (Auckland, summer time: UTC+13)
    assert event.starts_at == datetime(2027, 3, 5, 6, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert event.ends_at - event.starts_at == timedelta(minutes=75)
    world.other_mentee.time_zone = "America/Edmonton"
    world.other_mentee.save()
    there = world.client(world.other_mentee).get(reverse("events:event", args=[event.pk]))
    assert "Thursday 4 March 2027, 23:00" in there.content.decode()  # the evening before
    here = world.client(world.mentee).get(reverse("events:event", args=[event.pk]))
    assert "Friday 5 March 2027, 19:00" in here.content.decode()
    assert AuditEntry.objects.filter(verb="event.created", target_id=event.pk).exists()
    # the community's front page and the events list show it
    assert (
        "Planning Term 1"
        in world.client(world.mentee)
        .get(reverse("community:space", args=[root.pk]))
        .content.decode()
    )
    assert (
        "Planning Term 1" in world.client(world.mentee).get(reverse("events:home")).content.decode()
    )


def test_only_moderators_plan_events(world: World) -> None:
    root = community_root(world)
    response = world.client(world.mentee).get(reverse("events:new", args=[root.pk]))
    assert response.status_code == 404


def test_bad_input_is_refused_and_keeps_what_was_typed(world: World) -> None:
    root = community_root(world)
    client = world.client(world.facilitator)
    url = reverse("events:new", args=[root.pk])
    cases = [
        ({"format": "online", "join_url": ""}, "Give the link people use to join"),
        ({"format": "place", "place": ""}, "Say where people meet."),
        ({"format": "chat", "minutes": "240"}, "A live chat lasts at most 3 hours"),
        ({"starts_at": "2020-01-01T10:00"}, "Choose a time from now on."),
        ({"starts_at": "not a date"}, "Enter a valid date/time."),
        ({"starts_at": "9999-12-31T23:59"}, "Choose a time within the next three years."),
        ({"minutes": "0"}, "greater than or equal to 5"),
        ({"format": "webinar-ish"}, "Select a valid choice."),
    ]
    for change, message in cases:
        data = {"title": "Kept title", "format": "online", "starts_at": "2027-06-01T10:00",
                "minutes": "60", "join_url": "https://meet.example.org/x", **change}  # fmt: skip
        response = client.post(url, data)
        assert response.status_code == 400, change
        page = response.content.decode()
        assert message in page.replace("&#x27;", "'"), (change, page[:0])
        assert 'value="Kept title"' in page
    assert not Event.objects.exists()


def test_a_restricted_space_event_never_reaches_non_members(world: World) -> None:
    room = quiet_room(world)
    event = _event(world, room, title="Quiet moderation meeting", description="whisperword")
    services.event_register(actor=world.mentee, event=event)
    outsider = world.client(world.other_mentee)
    for name in ("event", "ics", "chat", "attendance"):
        assert outsider.get(reverse(f"events:{name}", args=[event.pk])).status_code == 404, name
    assert outsider.post(reverse("events:register", args=[event.pk])).status_code == 404
    assert "Quiet moderation" not in outsider.get(reverse("events:home")).content.decode()
    assert search(world.other_mentee, "whisperword").total == 0
    assert search(world.mentee, "whisperword").total == 1
    assert selectors.coming_up(community_root(world), timezone.now(), timezone.now()) is None
    # the member's calendar feed has it; nobody else's does
    feed = world.client(None).get(
        reverse("accounts:calendar_feed", args=[feed_token(world.mentee)])
    )
    assert "Quiet moderation meeting" in feed.content.decode()
    other = world.client(None).get(
        reverse("accounts:calendar_feed", args=[feed_token(world.other_mentee)])
    )
    assert "Quiet moderation meeting" not in other.content.decode()


def test_registering_sends_a_calendar_invitation_and_respects_places(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    event = _event(world, capacity=1, title='Kiri\'s "feedback" <hour>')
    client = world.client(world.mentee)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("events:register", args=[event.pk])).status_code == 302
        client.post(reverse("events:register", args=[event.pk]))  # twice: still one place
    assert Registration.objects.filter(event=event).count() == 1
    [invitation] = mail.outbox
    assert invitation.to == [world.mentee.email]
    assert "Kia ora Kiri Mentee," in invitation.body
    # plain text: nothing HTML-escaped
    assert invitation.subject.endswith('You are registered: Kiri\'s "feedback" <hour>')
    name, ics, mimetype = invitation.attachments[0]
    assert mimetype == "text/calendar; method=REQUEST"
    assert name == "event.ics"
    assert "METHOD:REQUEST" in ics
    assert f"UID:event-{event.pk}@tandem" in ics
    assert "meet.example.org" not in ics  # the link is reached through Tandem
    response = world.client(world.other_mentee).post(
        reverse("events:register", args=[event.pk]), follow=True
    )
    assert "Every place is taken." in response.content.decode()
    with pytest.raises(ValidationError, match="Every place is taken"):
        services.event_register(actor=world.other_mentee, event=event)
    client.post(reverse("events:unregister", args=[event.pk]))
    services.event_register(actor=world.other_mentee, event=event)
    assert list(event.registrations.values_list("user_id", flat=True)) == [world.other_mentee.pk]


def test_a_change_of_time_updates_calendars_and_a_cancellation_removes_the_event(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    event = _event(world)
    services.event_register(actor=world.mentee, event=event, send_mail=False)
    Event.objects.filter(pk=event.pk).update(reminded_day_at=timezone.now())
    event.refresh_from_db()
    client = world.client(world.facilitator)
    later = timezone.localtime(event.starts_at + timedelta(days=1), NZ)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:edit", args=[event.pk]),
            {"title": event.title, "format": "online", "starts_at": later.strftime("%Y-%m-%dT%H:%M"),
             "minutes": "60", "join_url": event.join_url, "description": "Changed"},
        )  # fmt: skip
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.sequence, event.reminded_day_at) == (1, None)
    [changed] = mail.outbox
    assert changed.subject.endswith("Changed: Feedback that travels")
    assert "SEQUENCE:1" in changed.attachments[0][1]
    # a description-only edit tells nobody
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            actor=world.facilitator, event=event, title=event.title, format="online",
            starts_at=event.starts_at, minutes=60, join_url=event.join_url, description="Again",
        )  # fmt: skip
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:cancel", args=[event.pk]), {"reason": "Storm warning"})
    event.refresh_from_db()
    assert event.is_cancelled
    cancelled = mail.outbox[-1]
    assert "Cancelled: Feedback that travels" in cancelled.subject
    assert "Storm warning" in cancelled.body
    assert "METHOD:CANCEL" in cancelled.attachments[0][1]
    assert "STATUS:CANCELLED" in cancelled.attachments[0][1]
    with pytest.raises(ValidationError, match="cancelled"):
        services.event_register(actor=world.other_mentee, event=event)


def test_reminders_go_once_a_day_before_and_once_an_hour_before(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    event = _event(world)
    cancelled = _event(world, title="Called off")
    for e in (event, cancelled):
        services.event_register(actor=world.mentee, event=e, send_mail=False)
    Registration.objects.update(registered_at=timezone.now() - timedelta(days=2))
    services.event_cancel(actor=world.facilitator, event=cancelled)
    mail.outbox.clear()
    _shift(event, starts_in=timedelta(hours=20))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("tick", verbosity=0)
        call_command("tick", verbosity=0)  # a second run sends nothing more
    [day] = mail.outbox
    assert "Reminder" in day.subject
    assert "Feedback that travels" in day.subject
    _shift(event, starts_in=timedelta(minutes=40))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("tick", verbosity=0)
        call_command("tick", verbosity=0)
    assert len(mail.outbox) == 2
    local = timezone.localtime(event.starts_at, NZ).strftime("%H:%M")
    assert mail.outbox[1].subject.endswith(f"At {local}: Feedback that travels")
    assert "Called off" not in " ".join(m.subject for m in mail.outbox)


def test_joining_opens_shortly_before_and_records_attendance(world: World) -> None:
    event = _event(world)
    client = world.client(world.mentee)
    response = client.post(reverse("events:join", args=[event.pk]), follow=True)
    assert "The link opens 15 minutes before the start." in response.content.decode()
    _shift(event, starts_in=timedelta(minutes=10))
    page = client.get(reverse("events:event", args=[event.pk])).content.decode()
    assert "Join now" in page
    response = client.post(reverse("events:join", args=[event.pk]))
    assert (response.status_code, response["Location"]) == (
        302,
        "https://meet.example.org/feedback",
    )
    row = Registration.objects.get(event=event, user=world.mentee)  # joining registers
    assert row.attended
    assert row.joined_at is not None
    services.event_register(actor=world.other_mentee, event=event, send_mail=False)
    _shift(event, starts_in=timedelta(minutes=-90))
    host = world.client(world.facilitator)
    attendance = host.get(reverse("events:attendance", args=[event.pk])).content.decode()
    assert "1 came" in attendance
    response = host.post(
        reverse("events:attendance", args=[event.pk]),
        {"attended": [str(world.other_mentee.pk), "x", "99999999999999999999"]},
    )
    assert response.status_code == 302
    assert list(Registration.objects.filter(attended=True).values_list("user_id", flat=True)) == [
        world.other_mentee.pk
    ]
    csv = host.get(reverse("events:attendance", args=[event.pk]) + "?format=csv").content.decode()
    assert csv.splitlines()[0] == "Name,Registered,Joined,Came"
    assert "Liam Othermentee" in csv
    assert "Kiri Mentee" in csv
    assert client.post(reverse("events:join", args=[event.pk]), follow=True).status_code == 200
    assert (
        world.client(world.mentee).get(reverse("events:attendance", args=[event.pk])).status_code
        == 404
    )


def test_the_recording_is_shared_after_the_event_and_registrants_are_told(world: World) -> None:
    event = _event(world)
    services.event_register(actor=world.mentee, event=event, send_mail=False)
    host = world.client(world.facilitator)
    url = reverse("events:recording", args=[event.pk])
    response = host.post(url, {"recording_url": "https://video.example.org/r"})
    assert response.status_code == 400
    assert "once the event has taken place" in response.content.decode()
    _shift(event, starts_in=timedelta(hours=-2))
    for bad in ("javascript:alert(1)", "//evil.example/x", "data:text/html,hi", "/a b"):
        response = host.post(url, {"recording_url": bad})
        assert response.status_code == 400, bad
        assert bad.replace("&", "&amp;") in response.content.decode()  # kept in the box
    assert host.post(url, {"recording_url": "/library/4/"}).status_code == 302
    event.refresh_from_db()
    assert event.recording_url == "/library/4/"
    [note] = Notification.objects.filter(kind="events.recording")
    assert note.recipient == world.mentee
    page = world.client(world.mentee).get(reverse("events:event", args=[event.pk])).content.decode()
    assert 'href="/library/4/"' in page
    assert "Watch the recording" in page
    assert world.client(world.mentee).post(url, {"recording_url": ""}).status_code == 404


def test_the_live_chat_is_time_boxed_and_its_transcript_stays(world: World) -> None:
    space = community.space_create(
        actor=world.facilitator, community=community_root(world), name="Maths", summary="",
        kind="open",
    )  # fmt: skip
    event = _event(world, space, title="#MathsChat", format="chat", join_url="", minutes=45)
    client = world.client(world.mentee)
    say = reverse("events:chat", args=[event.pk])
    response = client.post(say, {"text": "Too early"}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The chat opens when the event starts." in page
    assert "Too early" in page
    _shift(event, starts_in=timedelta(minutes=-5))
    host = world.client(world.facilitator)
    host.post(say, {"text": "Q1 What got your class talking?"}, headers={"HX-Request": "true"})
    response = client.post(
        say, {"text": "A1 How many ways to make 24?"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == '{"chat-said": {}}'
    q1, a1 = ChatLine.objects.order_by("pk")
    assert (q1.by_host, a1.by_host) == (True, False)
    assert Registration.objects.get(event=event, user=world.mentee).attended  # writing is coming
    poll = client.get(say, {"after": str(q1.pk), "state": "open"}, headers={"HX-Request": "true"})
    body = poll.content.decode()
    assert "How many ways" in body
    assert "What got your class" not in body
    assert f'value="{a1.pk}"' in body
    # a moderator hides a line; it keeps its place, marked
    host.post(reverse("events:chat_hide", args=[event.pk, a1.pk]))
    assert (
        "Hidden by a moderator."
        in client.get(reverse("events:event", args=[event.pk])).content.decode()
    )
    assert client.post(reverse("events:chat_hide", args=[event.pk, q1.pk])).status_code == 404
    _shift(event, starts_in=timedelta(minutes=-50))
    response = client.post(say, {"text": "Late"}, headers={"HX-Request": "true"})
    assert "The chat has closed" in response.content.decode()
    poll = client.get(say, {"after": str(a1.pk), "state": "open"}, headers={"HX-Request": "true"})
    assert poll.status_code == 200
    assert "The chat closed at" in poll.content.decode()
    stopped = client.get(
        say, {"after": str(a1.pk), "state": "ended"}, headers={"HX-Request": "true"}
    )
    assert stopped.status_code == 286  # htmx stops polling
    transcript = world.client(world.other_mentee).get(reverse("events:event", args=[event.pk]))
    assert "Transcript of the live chat" in transcript.content.decode()
    assert "What got your class talking?" in transcript.content.decode()


def test_user_text_renders_inert_everywhere_on_an_event(world: World) -> None:
    event = _event(world, format="chat", join_url="", title=XSS[0], description="\n\n".join(XSS))
    _shift(event, starts_in=timedelta(minutes=-1))
    for payload in XSS:
        services.chat_say(actor=world.facilitator, event=event, text=payload)
    client = world.client(world.mentee)
    for url in (
        reverse("events:event", args=[event.pk]), reverse("events:home"),
        reverse("events:space", args=[event.space_id]),
        reverse("community:space", args=[event.space_id]),
    ):  # fmt: skip
        assert_inert(client.get(url).content.decode(), url)
    poll = client.get(reverse("events:chat", args=[event.pk]), headers={"HX-Request": "true"})
    assert_inert(poll.content.decode(), "poll")


def test_the_events_list_costs_the_same_for_three_and_twelve_events(world: World) -> None:
    client = world.client(world.mentee)
    counts = []
    for n in (3, 12):
        while Event.objects.count() < n:
            event = _event(world, title=f"Event {Event.objects.count()}")
            services.event_register(actor=world.mentee, event=event, send_mail=False)
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(reverse("events:home")).content.decode()
        assert page.count("You are registered") == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_the_newsletter_lists_what_is_coming_in_community_wide_spaces(world: World) -> None:
    _event(world, title="Open webinar")
    _event(world, quiet_room(world), title="Quiet meeting")
    section = selectors.coming_up(community_root(world), timezone.now(), timezone.now())
    assert section is not None
    assert [item.title for item in section.items] == ["Open webinar"]


def test_privacy_exports_and_erases_what_a_person_did(world: World) -> None:
    event = _event(world, format="chat", join_url="")
    _shift(event, starts_in=timedelta(minutes=-1))
    services.chat_say(actor=world.mentee, event=event, text="Kia ora from the coast")
    part = EventsPrivacy().export(world.mentee)
    assert part.data["chat_lines"][0]["text"] == "Kia ora from the coast"
    assert part.data["registrations"][0]["event"] == "Feedback that travels"
    EventsPrivacy().erase(world.mentee, pseudonym="Former member")
    line = ChatLine.objects.get()
    assert (line.author, line.text) == (None, "")
    assert not Registration.objects.filter(user=world.mentee).exists()
    EventsPrivacy().erase(world.facilitator, pseudonym="x")
    assert Event.objects.get().created_by is None
