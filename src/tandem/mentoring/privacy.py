from __future__ import annotations

from typing import Any

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import Participant


@register
class MentoringPrivacy(PrivacyProvider):
    app_label = "mentoring"
    models = [Participant]
    description = "Your mentoring and coaching relationships and your role in each."

    def export(self, user: Any) -> ExportPart:
        rows = [
            {"programme": p.relationship.programme.name, "kind": p.relationship.kind,
             "status": p.relationship.status, "role": p.role,
             "started_on": p.relationship.started_on,
             "with": [str(o.user) for o in p.relationship.participants.all() if o.user_id != user.pk]}
            for p in Participant.objects.filter(user=user).select_related("relationship__programme")
        ]  # fmt: skip
        return ExportPart(data={"relationships": rows})

    def erase(self, user: Any, *, pseudonym: str) -> None:
        # The other people keep their relationship; this person leaves it.
        Participant.objects.filter(user=user).delete()
