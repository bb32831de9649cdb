from __future__ import annotations

from typing import Any

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import AgreementAcceptance, AgreementVersion, Participant


@register
class MentoringPrivacy(PrivacyProvider):
    app_label = "mentoring"
    models = [Participant, AgreementAcceptance, AgreementVersion]
    description = "Your mentoring and coaching relationships and your role in each."

    def export(self, user: Any) -> ExportPart:
        rows = [
            {"programme": p.relationship.programme.name, "kind": p.relationship.kind,
             "status": p.relationship.status, "role": p.role,
             "started_on": p.relationship.started_on,
             "with": [str(o.user) for o in p.relationship.participants.all() if o.user_id != user.pk]}
            for p in Participant.objects.filter(user=user).select_related("relationship__programme")
        ]  # fmt: skip
        agreements = [
            {"programme": a.version.relationship.programme.name, "version": a.version.number,
             "sections": a.version.sections, "accepted_at": a.accepted_at}
            for a in AgreementAcceptance.objects.filter(user=user).select_related(
                "version__relationship__programme"
            )
        ]  # fmt: skip
        return ExportPart(data={"relationships": rows, "agreements_accepted": agreements})

    def erase(self, user: Any, *, pseudonym: str) -> None:
        # The other people keep their relationship and its agreement; this person
        # leaves it, and versions they wrote stay without their name.
        Participant.objects.filter(user=user).delete()
        AgreementAcceptance.objects.filter(user=user).delete()
        AgreementVersion.objects.filter(created_by=user).update(created_by=None)
