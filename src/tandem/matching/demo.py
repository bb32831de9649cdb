"""Demo matching: the 2026 round was matched and approved; Kiri was locked with Mereana."""

from __future__ import annotations

from typing import Any

from . import services
from .models import PairRule, Rule


def seed(context: dict[str, Any]) -> None:
    cohort, people, lead = context["past_cohort"], context["people"], context["lead"]
    mentee = next(m for m in context["mentees"] if m.email.startswith("mentee@"))
    PairRule.objects.create(
        cohort=cohort, mentee=mentee, mentor=people["mentor"], rule=Rule.LOCK, created_by=lead
    )
    run = services.match_run_create(actor=lead, cohort=cohort)
    services.match_run_approve(actor=lead, run=run)
