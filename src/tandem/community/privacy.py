from __future__ import annotations

from typing import Any

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import Handle, Space, SpaceMember


@register
class CommunityPrivacy(PrivacyProvider):
    app_label = "community"
    models = [Space, SpaceMember, Handle]
    description = "The community spaces you belong to and your @handle."
    order = 30

    def export(self, user: Any) -> ExportPart:
        return ExportPart(
            data={
                "handle": Handle.objects.filter(user=user).values_list("handle", flat=True).first(),
                "spaces": [
                    {"space": row.space.name, "status": row.status, "role": row.role,
                     "joined_at": row.joined_at}
                    for row in SpaceMember.objects.filter(user=user).select_related("space")
                ],
                "spaces_created": list(
                    Space.objects.filter(created_by=user).values_list("name", flat=True)
                ),
            }
        )  # fmt: skip

    def erase(self, user: Any, *, pseudonym: str) -> None:
        SpaceMember.objects.filter(user=user).delete()
        SpaceMember.objects.filter(invited_by=user).update(invited_by=None)
        Space.objects.filter(created_by=user).update(created_by=None)
        Handle.objects.filter(user=user).delete()
