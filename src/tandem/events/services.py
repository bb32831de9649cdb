"""Writes for events: make, change and cancel them; register and join; the
host's attendance register and recording; the live chat.

Registrants get each change by e-mail with an updated .ics (the same UID and
a higher SEQUENCE, so their calendar replaces its copy), and a cancellation
with METHOD:CANCEL."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.community.models import Space
from tandem.core.audit import log_action
from tandem.core.calendar import CalendarItem, to_ics
from tandem.core.mail import queue_user_mail
from tandem.core.richtext import render
from tandem.moderation.limits import check_new_account
from tandem.notifications.services import notify

from . import search
from .models import ChatLine, Event, EventFormat, Registration

#: the join link works from this long before the start until the end
JOIN_OPENS_BEFORE = timedelta(minutes=15)
MAX_MINUTES = 12 * 60
MAX_CHAT_MINUTES = 3 * 60
_WEB = URLValidator(schemes=["http", "https"])


def event_url(event: Event) -> str:
    return reverse("events:event", args=[event.pk])


def calendar_item(event: Event) -> CalendarItem:
    """The event in someone's calendar: time, place and a link back to Tandem
    (the meeting link itself is reached through the event page)."""
    url = settings.TANDEM_SITE_URL + event_url(event)
    location = {
        EventFormat.ONLINE: _("Online — join from %(url)s") % {"url": url},
        EventFormat.CHAT: _("Live chat in Tandem: %(url)s") % {"url": url},
        EventFormat.PLACE: event.place,
    }[EventFormat(event.format)]
    return CalendarItem(
        uid=f"event-{event.pk}@tandem", starts_at=event.starts_at, ends_at=event.ends_at,
        summary=event.title, description=_("%(space)s. Details: %(url)s")
        % {"space": event.space.name, "url": url},
        url=url, location=location, sequence=event.sequence,
        cancelled=event.is_cancelled, updated_at=event.updated_at,
    )  # fmt: skip


def event_ics(event: Event, *, method: str | None = None) -> str:
    return to_ics([calendar_item(event)], method=method)


def _mail_registrants(event: Event, kind: str, *, method: str, reason: str = "") -> None:
    ics = event_ics(event, method=method)
    for user_id in event.registrations.values_list("user_id", flat=True):
        mail_about(event, user_id, kind, reason=reason,
                   attachments=[["event.ics", ics, f"text/calendar; method={method}"]])  # fmt: skip


def mail_about(
    event: Event, user_id: int, kind: str, *, attachments: list[list[str]] | None = None,
    **extra: Any,
) -> None:  # fmt: skip
    """E-mail ``events/emails/<kind>`` about ``event`` to one person, in their zone."""
    queue_user_mail(
        user_id=user_id, template_prefix=f"events/emails/{kind}",
        context={"title": event.title, "space": event.space.name,
                 "starts_at": event.starts_at.isoformat(), "ends_at": event.ends_at.isoformat(),
                 "format": event.format_label, "place": event.place,
                 "chat": event.is_chat, "path": event_url(event), **extra},
        attachments=attachments,
    )  # fmt: skip


def _check(
    *, title: str, format: str, starts_at: datetime, minutes: int, join_url: str, place: str,
    capacity: int | None, new_time: bool,
) -> None:  # fmt: skip
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the event a title.")
    if format not in EventFormat.values:
        errors["format"] = _("Choose how people take part.")
    if format == EventFormat.ONLINE and not join_url:
        errors["join_url"] = _("Give the link people use to join the webinar or meeting.")
    if format == EventFormat.PLACE and not place.strip():
        errors["place"] = _("Say where people meet.")
    if not 5 <= minutes <= MAX_MINUTES:
        errors["minutes"] = _("An event lasts between 5 minutes and 12 hours.")
    elif format == EventFormat.CHAT and minutes > MAX_CHAT_MINUTES:
        errors["minutes"] = _("A live chat lasts at most 3 hours; plan a second one for more.")
    if new_time and starts_at < timezone.now():
        errors["starts_at"] = _("Choose a time from now on.")
    elif starts_at > timezone.now() + timedelta(days=3 * 366):
        errors["starts_at"] = _("Choose a time within the next three years.")
    if capacity is not None and capacity < 1:
        errors["capacity"] = _("Give at least one place, or leave it empty for no limit.")
    if errors:
        raise ValidationError(errors)


def event_create(
    *, actor: Any, space: Space, title: str, format: str, starts_at: datetime, minutes: int,
    description: str = "", join_url: str = "", place: str = "", capacity: int | None = None,
) -> Event:  # fmt: skip
    _check(title=title, format=format, starts_at=starts_at, minutes=minutes, join_url=join_url,
           place=place, capacity=capacity, new_time=True)  # fmt: skip
    with transaction.atomic():
        event = Event.objects.create(
            space=space, title=title.strip(), description=description, html=render(description),
            format=format, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=minutes),
            join_url=join_url if format == EventFormat.ONLINE else "",
            place=place.strip() if format == EventFormat.PLACE else "",
            capacity=capacity, created_by=actor,
        )  # fmt: skip
        log_action(actor, "event.created", event, {"format": format}, scope=space.programme)
        search.put(event)
    return event


def event_update(
    *, actor: Any, event: Event, title: str, format: str, starts_at: datetime, minutes: int,
    description: str = "", join_url: str = "", place: str = "", capacity: int | None = None,
) -> Event:  # fmt: skip
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled; make a new one instead."))
    new_time = starts_at != event.starts_at
    _check(title=title, format=format, starts_at=starts_at, minutes=minutes, join_url=join_url,
           place=place, capacity=capacity, new_time=new_time)  # fmt: skip
    ends_at = starts_at + timedelta(minutes=minutes)
    join_url = join_url if format == EventFormat.ONLINE else ""
    place = place.strip() if format == EventFormat.PLACE else ""
    moved = (starts_at, ends_at, format, join_url, place) != (
        event.starts_at,
        event.ends_at,
        event.format,
        event.join_url,
        event.place,
    )
    with transaction.atomic():
        event.title, event.description, event.html = title.strip(), description, render(description)
        event.format, event.starts_at, event.ends_at = format, starts_at, ends_at
        event.join_url, event.place, event.capacity = join_url, place, capacity
        if moved:
            event.sequence += 1
        if new_time:  # remind again before the new time
            event.reminded_day_at = event.reminded_hour_at = None
        event.save()
        log_action(actor, "event.changed", event, {"moved": moved}, scope=event.space.programme)
        search.put(event)
        if moved:
            _mail_registrants(event, "changed", method="REQUEST")
    return event


def event_cancel(*, actor: Any, event: Event, reason: str = "") -> Event:
    if event.is_cancelled:
        raise ValidationError(_("This event is already cancelled."))
    if event.has_ended():
        raise ValidationError(_("This event has ended; it can no longer be cancelled."))
    with transaction.atomic():
        event.cancelled_at, event.cancel_reason = timezone.now(), reason.strip()[:300]
        event.sequence += 1
        event.save(update_fields=["cancelled_at", "cancel_reason", "sequence", "updated_at"])
        log_action(actor, "event.cancelled", event, scope=event.space.programme)
        search.put(event)
        _mail_registrants(event, "cancelled", method="CANCEL", reason=event.cancel_reason)
    return event


def _open_for_registration(event: Event) -> None:
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled."))
    if event.has_ended():
        raise ValidationError(_("This event has ended."))


def event_register(*, actor: Any, event: Event, send_mail: bool = True) -> Registration:
    """A place for ``actor`` (the door has checked they may see the event); refused
    when it is cancelled, over or full. Registering twice changes nothing."""
    _open_for_registration(event)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        existing = Registration.objects.filter(event=locked, user_id=actor.pk).first()
        if existing:
            return existing
        if locked.capacity is not None and locked.registrations.count() >= locked.capacity:
            raise ValidationError(_("Every place is taken."))
        registration = Registration.objects.create(event=locked, user=actor)
        log_action(actor, "event.registered", event, scope=event.space.programme)
        if send_mail:
            ics = event_ics(event, method="REQUEST")
            mail_about(event, actor.pk, "registered",
                  attachments=[["event.ics", ics, "text/calendar; method=REQUEST"]])  # fmt: skip
    return registration


def event_unregister(*, actor: Any, event: Event) -> None:
    with transaction.atomic():
        deleted, _rows = Registration.objects.filter(event=event, user_id=actor.pk).delete()
        if deleted:
            log_action(actor, "event.unregistered", event, scope=event.space.programme)


def join_state(event: Event, now: datetime | None = None) -> str:
    """``open``, or why not: ``cancelled``, ``early`` or ``ended``."""
    now = now or timezone.now()
    if event.is_cancelled:
        return "cancelled"
    if now < event.starts_at - JOIN_OPENS_BEFORE:
        return "early"
    if now >= event.ends_at:
        return "ended"
    return "open"


def _mark_joined(event: Event, actor: Any) -> None:
    """Register (if there is room) and record that they came."""
    registration = Registration.objects.filter(event=event, user_id=actor.pk).first()
    if registration is None:
        registration = event_register(actor=actor, event=event, send_mail=False)
    if registration.joined_at is None:
        Registration.objects.filter(pk=registration.pk).update(
            joined_at=timezone.now(), attended=True
        )


def event_join(*, actor: Any, event: Event) -> str:
    """The meeting link, recording that ``actor`` came."""
    if event.format != EventFormat.ONLINE:
        raise ValidationError(_("This event has no meeting link."))
    state = join_state(event)
    if state == "early":
        raise ValidationError(_("The link opens 15 minutes before the start."))
    if state != "open":
        raise ValidationError(_("This event is over or cancelled."))
    with transaction.atomic():
        _mark_joined(event, actor)
    return event.join_url


def attendance_save(*, actor: Any, event: Event, attended_ids: set[int]) -> int:
    """The host's register: exactly these registrants came. Returns how many."""
    if timezone.now() < event.starts_at:
        raise ValidationError(_("Take the register once the event has started."))
    with transaction.atomic():
        rows = event.registrations.all()
        rows.filter(user_id__in=attended_ids).update(attended=True)
        rows.exclude(user_id__in=attended_ids).update(attended=False)
        count = rows.filter(attended=True).count()
        log_action(actor, "event.attendance", event, {"attended": count},
                   scope=event.space.programme)  # fmt: skip
    return count


def check_recording_url(value: str) -> str:
    """A web address, or a page inside Tandem ("/library/4/")."""
    value = value.strip()
    if not value:
        return ""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value:
        if any(ch.isspace() for ch in value):
            raise ValidationError(_("An address cannot contain spaces."))
        return value
    try:
        _WEB(value)
    except ValidationError as error:
        raise ValidationError(
            _("Give a web address starting with https://, or a Tandem page such as /library/4/.")
        ) from error
    return value


def recording_set(*, actor: Any, event: Event, recording_url: str) -> Event:
    """Share (or take down) the recording; registrants hear when it first appears."""
    recording_url = check_recording_url(recording_url)
    if recording_url and timezone.now() < event.starts_at:
        raise ValidationError(_("Add the recording once the event has taken place."))
    first = bool(recording_url) and not event.recording_url
    with transaction.atomic():
        event.recording_url = recording_url
        event.save(update_fields=["recording_url", "updated_at"])
        log_action(actor, "event.recording", event, {"shared": bool(recording_url)},
                   scope=event.space.programme)  # fmt: skip
        if first:
            notify(
                recipients=event.registrations.values_list("user_id", flat=True),
                kind="events.recording", actor=actor, target=event, url=event_url(event),
                summary=_("The recording of “%(title)s” is ready.") % {"title": event.title},
                dedupe_key=f"event-recording-{event.pk}",
            )  # fmt: skip
    return event


def chat_state(event: Event, now: datetime | None = None) -> str:
    """``open`` while the chat runs; ``early``, ``ended`` or ``cancelled`` otherwise."""
    now = now or timezone.now()
    if event.is_cancelled:
        return "cancelled"
    if now < event.starts_at:
        return "early"
    if now >= event.ends_at:
        return "ended"
    return "open"


def chat_say(*, actor: Any, event: Event, text: str, by_host: bool = False) -> ChatLine:
    text = text.strip()
    if not event.is_chat:
        raise ValidationError(_("This event has no live chat."))
    state = chat_state(event)
    if state == "early":
        raise ValidationError(_("The chat opens when the event starts."))
    if state != "open":
        raise ValidationError(_("The chat has closed; its transcript stays here to read."))
    if not text:
        raise ValidationError(_("Write something first."))
    if len(text) > 1000:
        raise ValidationError(_("Keep a line under 1,000 characters; send the rest next."))
    check_new_account(actor, text=text)
    with transaction.atomic():
        _mark_joined(event, actor)
        return ChatLine.objects.create(event=event, author=actor, text=text, by_host=by_host)


def chat_hide(*, actor: Any, event: Event, line: ChatLine, hide: bool = True) -> ChatLine:
    with transaction.atomic():
        line.hidden_at = timezone.now() if hide else None
        line.hidden_by = actor if hide else None
        line.save(update_fields=["hidden_at", "hidden_by"])
        log_action(actor, "event.chat_hidden" if hide else "event.chat_restored", event,
                   {"line": line.pk}, scope=event.space.programme)  # fmt: skip
    return line
