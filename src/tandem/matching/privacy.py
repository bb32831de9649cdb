from __future__ import annotations

from typing import Any

from django.db.models import Q

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import MatchRun, PairRule


@register
class MatchingPrivacy(PrivacyProvider):
    app_label = "matching"
    models = [PairRule, MatchRun]
    description = "Rules the committee set about pairing you, and matching runs you started."

    def export(self, user: Any) -> ExportPart:
        rules = [
            {
                "cohort": str(r.cohort),
                "rule": r.rule,
                "mentee": str(r.mentee),
                "mentor": str(r.mentor),
            }
            for r in PairRule.objects.filter(Q(mentee=user) | Q(mentor=user)).select_related(
                "cohort__programme", "mentee", "mentor"
            )
        ]
        return ExportPart(data={"pair_rules": rules})

    def erase(self, user: Any, *, pseudonym: str) -> None:
        PairRule.objects.filter(Q(mentee=user) | Q(mentor=user)).delete()
        PairRule.objects.filter(created_by=user).update(created_by=None)
        MatchRun.objects.filter(created_by=user).update(created_by=None)
        # Past runs name people by id only; drop this person from their results.
        for run in MatchRun.objects.filter(result__icontains=str(user.pk)):
            result = run.result
            result["pairs"] = [
                p for p in result.get("pairs", []) if user.pk not in (p["mentee"], p["mentor"])
            ]
            result["unmatched"] = [u for u in result.get("unmatched", []) if u["mentee"] != user.pk]
            result["co_mentors"] = [
                c for c in result.get("co_mentors", []) if user.pk not in (c["mentee"], c["mentor"])
            ]
            run.save(update_fields=["result"])
