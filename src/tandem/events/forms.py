from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import LocalDateTimeInput

from .models import Event, EventFormat


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    format = forms.ChoiceField(
        label=_("How people take part"), choices=EventFormat.choices, widget=forms.RadioSelect,
        initial=EventFormat.ONLINE,
    )  # fmt: skip
    starts_at = forms.DateTimeField(label=_("Starts (your time zone)"), widget=LocalDateTimeInput())
    minutes = forms.IntegerField(
        label=_("Length in minutes"), initial=60, min_value=5, max_value=720
    )
    join_url = forms.URLField(
        label=_("Link to the webinar or meeting"), required=False, max_length=500,
        assume_scheme="https",
        help_text=_("Zoom, Teams, Jitsi, a live stream… Only people who register are taken "
                    "there, from 15 minutes before the start."),
    )  # fmt: skip
    place = forms.CharField(
        label=_("Where (for an event in person)"), required=False, max_length=200
    )
    capacity = forms.IntegerField(
        label=_("Places"), required=False, min_value=1, max_value=100_000,
        help_text=_("Leave empty for no limit."),
    )  # fmt: skip
    description = forms.CharField(
        label=_("What it is about"), required=False, max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. For a live chat, list the questions you will ask."),
    )  # fmt: skip

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        return {
            "title": event.title, "format": event.format, "starts_at": event.starts_at,
            "minutes": event.minutes, "join_url": event.join_url, "place": event.place,
            "capacity": event.capacity, "description": event.description,
        }  # fmt: skip


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (registrants see this)"), required=False, max_length=300,
        widget=forms.TextInput(),
    )  # fmt: skip


class RecordingForm(forms.Form):
    recording_url = forms.CharField(
        label=_("Address of the recording"), required=False, max_length=500,
        help_text=_("A web address, or a Tandem page such as a library video (/library/4/). "
                    "Leave empty to take it down."),
    )  # fmt: skip


class ChatForm(forms.Form):
    text = forms.CharField(label=_("Your message"), max_length=1000)
