from __future__ import annotations

from typing import Any

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import Delivery, Issue, Subscription


@register
class NewsletterPrivacy(PrivacyProvider):
    app_label = "newsletter"
    models = [Issue, Subscription, Delivery]
    description = "Which newsletters you asked for and which issues were e-mailed to you."
    order = 60

    def export(self, user: Any) -> ExportPart:
        return ExportPart(
            data={
                "issues_written": [
                    {"subject": i.subject, "state": i.state, "created_at": i.created_at}
                    for i in Issue.objects.filter(created_by=user)
                ],
                "subscriptions": [
                    {"community": s.community.name, "subscribed": s.subscribed,
                     "changed_at": s.changed_at}
                    for s in Subscription.objects.filter(user=user).select_related("community")
                ],
                "received": [
                    {"issue": d.issue.subject, "state": d.state, "sent_at": d.sent_at}
                    for d in Delivery.objects.filter(user=user).select_related("issue")
                ],
            }
        )  # fmt: skip

    def erase(self, user: Any, *, pseudonym: str) -> None:
        """Issues the person wrote or sent stay (the community's record) without
        their name; their choices and receipts go."""
        Issue.objects.filter(created_by=user).update(created_by=None)
        Issue.objects.filter(sent_by=user).update(sent_by=None)
        Subscription.objects.filter(user=user).delete()
        Delivery.objects.filter(user=user).delete()
