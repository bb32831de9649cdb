"""Events of a community: webinars and meetings on another service, live chats
held in Tandem, and gatherings in person. An event belongs to a space; an event
in the community itself is for the whole community. Who may see an event is
who may read its space.

A live chat is a time-boxed conversation in the manner of a tweetchat: it opens
when the event starts, closes when it ends, and its transcript stays readable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.community.models import Space


class EventFormat(models.TextChoices):
    ONLINE = "online", _("Online, on another service (a webinar or video meeting link)")
    CHAT = "chat", _("Live chat here in Tandem (a time-boxed written conversation)")
    PLACE = "place", _("In person")


SHORT_FORMAT = {
    EventFormat.ONLINE: _("Online"),
    EventFormat.CHAT: _("Live chat"),
    EventFormat.PLACE: _("In person"),
}


class Event(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("what it is about"), blank=True, max_length=10_000)
    #: the description rendered and sanitised once, on save
    html = models.TextField(blank=True)
    format = models.CharField(_("how people take part"), max_length=8, choices=EventFormat.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    join_url = models.URLField(_("link to the meeting or webinar"), blank=True, max_length=500)
    place = models.CharField(_("where"), blank=True, max_length=200)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    #: a web address, or a page inside Tandem such as a library video
    recording_url = models.CharField(_("recording"), blank=True, max_length=500)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)
    #: raised on each change of time or place, so calendars replace their copy
    sequence = models.PositiveIntegerField(default=0)
    reminded_day_at = models.DateTimeField(null=True, blank=True)
    reminded_hour_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["space", "starts_at"]),
            models.Index(fields=["starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_it_starts"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def format_label(self) -> str:
        return str(SHORT_FORMAT[EventFormat(self.format)])

    @property
    def is_chat(self) -> bool:
        return self.format == EventFormat.CHAT

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def has_ended(self, now: object = None) -> bool:
        return (now or timezone.now()) >= self.ends_at  # type: ignore[operator]


class Registration(models.Model):
    """Someone said they will come. ``joined_at`` is when they first followed
    the join link or wrote in the live chat; ``attended`` is what the host's
    register says (filled from the join record, corrected by hand)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    registered_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(default=False)

    class Meta:
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person")
        ]
        indexes = [models.Index(fields=["user", "event"])]

    def __str__(self) -> str:
        return f"{self.user} at {self.event}"


class ChatLine(models.Model):
    """A line of a live chat. Hidden lines stay in place, marked, so the
    transcript still reads; an erased author's words are emptied."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="chat_lines")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=1000)
    #: a host's line: the questions of the chat ("Q1 …")
    by_host = models.BooleanField(default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["event", "id"])]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"
