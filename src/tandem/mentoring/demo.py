"""Demo agreements: most pairs (Kiri and Mereana among them) have accepted
version 1; in every fifth pair the mentee has not read theirs yet."""

from __future__ import annotations

from typing import Any

from . import services
from .models import ParticipantRole, Relationship


def seed(context: dict[str, Any]) -> None:
    relationships = list(
        Relationship.objects.filter(programme=context["programme"])
        .prefetch_related("participants__user")
        .order_by("pk")
    )
    for i, rel in enumerate(relationships):
        version = rel.agreement_versions.get(number=1)
        emails = {p.user.email for p in rel.participants.all()}
        kiri_and_mereana = emails == {"mentee@demo.test", "mentor@demo.test"}
        for p in rel.participants.all():
            if kiri_and_mereana or i % 5 != 4 or p.role != ParticipantRole.MENTEE:
                services.agreement_accept(actor=p.user, version=version)
