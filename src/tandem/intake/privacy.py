from __future__ import annotations

from typing import Any

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import Application, ApplicationComment, Cohort


@register
class IntakePrivacy(PrivacyProvider):
    app_label = "intake"
    models = [Application, ApplicationComment, Cohort]
    description = "Your applications to programmes, and comments you wrote as a committee member."

    def export(self, user: Any) -> ExportPart:
        applications = [
            {
                "programme": a.cohort.programme.name, "cohort": a.cohort.name, "kind": a.kind,
                "status": a.status, "answers": a.answers, "research_consent": a.research_consent,
                "decision_reason": a.decision_reason, "submitted_at": a.submitted_at,
                "decided_at": a.decided_at,
            }
            for a in Application.objects.filter(applicant=user).select_related("cohort__programme")
        ]  # fmt: skip
        comments = [
            {"application": str(c.application), "body": c.body, "created_at": c.created_at}
            for c in ApplicationComment.objects.filter(author=user).select_related(
                "application__cohort"
            )
        ]
        return ExportPart(data={"applications": applications, "committee_comments": comments})

    def erase(self, user: Any, *, pseudonym: str) -> None:
        # An application is about the applicant alone: it goes. Comments on other
        # people's applications stay for the committee, without the author.
        Application.objects.filter(applicant=user).delete()
        ApplicationComment.objects.filter(author=user).update(author=None)
        Application.objects.filter(decided_by=user).update(decided_by=None)
        for cohort in Cohort.objects.filter(committee=user):
            cohort.committee.remove(user)
