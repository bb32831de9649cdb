from __future__ import annotations

from typing import Any

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import DigestState, Notification, Setting


@register
class NotificationsPrivacy(PrivacyProvider):
    app_label = "notifications"
    models = [Notification, Setting, DigestState]
    description = "What Tandem told you about, and how you chose to be told."
    order = 20

    def export(self, user: Any) -> ExportPart:
        return ExportPart(
            data={
                "notifications": [
                    {"at": n.created_at, "kind": n.kind, "summary": n.summary,
                     "read_at": n.read_at, "emailed_at": n.emailed_at}
                    for n in Notification.objects.filter(recipient=user)
                ],
                "settings": dict(Setting.objects.filter(user=user).values_list("kind", "channel")),
            }
        )  # fmt: skip

    def erase(self, user: Any, *, pseudonym: str) -> None:
        Notification.objects.filter(recipient=user).delete()
        Notification.objects.filter(actor=user).update(actor=None)
        Setting.objects.filter(user=user).delete()
        DigestState.objects.filter(user=user).delete()
