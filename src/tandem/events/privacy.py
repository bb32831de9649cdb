from __future__ import annotations

from typing import Any

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import ChatLine, Event, Registration


@register
class EventsPrivacy(PrivacyProvider):
    app_label = "events"
    models = [Event, Registration, ChatLine]
    description = "Events you planned or registered for, and what you wrote in live chats."
    order = 38

    def export(self, user: Any) -> ExportPart:
        part = ExportPart()
        part.data["events_planned"] = [
            {"title": e.title, "space": e.space.name, "starts_at": e.starts_at,
             "ends_at": e.ends_at, "format": e.format, "description": e.description}
            for e in Event.objects.filter(created_by=user).select_related("space")
        ]  # fmt: skip
        part.data["registrations"] = [
            {"event": r.event.title, "starts_at": r.event.starts_at,
             "registered_at": r.registered_at, "joined_at": r.joined_at, "attended": r.attended}
            for r in Registration.objects.filter(user=user).select_related("event")
        ]  # fmt: skip
        part.data["chat_lines"] = [
            {"event": line.event.title, "at": line.created_at, "text": line.text}
            for line in ChatLine.objects.filter(author=user).select_related("event")
        ]
        return part

    def erase(self, user: Any, *, pseudonym: str) -> None:
        """Registrations go; chat lines keep their place in the transcript,
        emptied, so the others' answers still read; planned events stay for
        the community, without the planner's name."""
        Registration.objects.filter(user=user).delete()
        ChatLine.objects.filter(author=user).update(author=None, text="")
        ChatLine.objects.filter(hidden_by=user).update(hidden_by=None)
        Event.objects.filter(created_by=user).update(created_by=None)
