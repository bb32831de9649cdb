from __future__ import annotations

from typing import Any

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import Membership


@register
class ProgrammesPrivacy(PrivacyProvider):
    app_label = "programmes"
    models = [Membership]
    description = "The programmes you belong to and the roles you hold in them."

    def export(self, user: Any) -> ExportPart:
        rows = []
        for m in (
            Membership.objects.filter(user=user)
            .select_related("programme")
            .prefetch_related("roles")
        ):
            rows.append(
                {
                    "programme": m.programme.name,
                    "status": m.status,
                    "joined_at": m.joined_at,
                    "ended_at": m.ended_at,
                    "roles": m.role_values,
                }
            )
        return ExportPart(data={"memberships": rows})

    def erase(self, user: Any, *, pseudonym: str) -> None:
        # Membership says who took part; once the person is gone it says nothing useful.
        Membership.objects.filter(user=user).delete()
