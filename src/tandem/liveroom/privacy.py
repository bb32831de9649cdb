from __future__ import annotations

from typing import Any

from django.core.files import File

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import Presence, Recording, RecordingConsent, RoomMessage, Visit


@register
class LiveroomPrivacy(PrivacyProvider):
    app_label = "liveroom"
    models = [Presence, Visit, RoomMessage, Recording, RecordingConsent]
    description = (
        "When you were in a session's live room, what you wrote in its chat or as coaching "
        "prompts, your answers to requests to record, and the recordings you are heard in."
    )
    order = 45

    def _recordings_with(self, user: Any) -> list[Recording]:
        return list(
            Recording.objects.filter(consents__user=user, consents__agreed=True)
            .exclude(file="")
            .distinct()
        )

    def export(self, user: Any) -> ExportPart:
        files: list[tuple[str, File]] = [
            (f"liveroom/recording-{r.pk}.webm", r.file) for r in self._recordings_with(user)
        ]
        return ExportPart(
            data={
                "room_visits": [
                    {"session": v.session_id, "first_joined_at": v.first_joined_at,
                     "last_left_at": v.last_left_at}
                    for v in Visit.objects.filter(user=user)
                ],
                "room_lines": [
                    {"session": m.session_id, "kind": m.kind, "at": m.created_at, "text": m.text}
                    for m in RoomMessage.objects.filter(author=user)
                ],
                "recording_answers": [
                    {"recording": c.recording_id, "agreed": c.agreed, "at": c.answered_at}
                    for c in RecordingConsent.objects.filter(user=user)
                ],
            },
            files=files,
        )  # fmt: skip

    def erase(self, user: Any, *, pseudonym: str) -> None:
        """Their words go from the chat and prompts; recordings they are heard
        in are deleted, since a voice cannot be anonymised."""
        for recording in self._recordings_with(user):
            recording.file.delete(save=False)
            recording.delete()
        RoomMessage.objects.filter(author=user).update(text="—", author=None)
        RecordingConsent.objects.filter(user=user).delete()
        Recording.objects.filter(requested_by=user).update(requested_by=None)
        Visit.objects.filter(user=user).delete()
        Presence.objects.filter(user=user).delete()
