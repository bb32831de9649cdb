"""Run matching for a cohort, keep the committee's rules, approve a proposal."""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import log_action
from tandem.intake.availability import utc_hours
from tandem.intake.models import ApplicantKind, ApplicationStatus, Cohort
from tandem.mentoring import selectors as mentoring_selectors
from tandem.mentoring import services as mentoring_services
from tandem.mentoring.models import RelationshipKind
from tandem.programmes import programme_models

from .engine import ImpossibleConstraints, Mentee, Mentor, Problem, solve
from .models import MatchRun, PairRule, Rule, RunStatus


def _words(*parts: Any) -> str:
    return " ".join(str(p) for p in parts if p)


def _common(answers: dict[str, Any], user: Any) -> dict[str, Any]:
    profile = user.profile
    return {
        "subjects": frozenset(answers.get("subjects") or profile.subjects or []),
        "sector": answers.get("sector") or profile.sector,
        "region": answers.get("region") or profile.region,
        "country": answers.get("country") or profile.country,
        "languages": frozenset(answers.get("language") or []),
        "availability": utc_hours(answers.get("availability") or [], answers.get("time_zone") or user.time_zone),
        "school": profile.organisation_name,
    }  # fmt: skip


def problem_for(cohort: Cohort) -> Problem:
    """The cohort's accepted mentees (not yet in a relationship here) and mentors."""
    programme = cohort.programme
    model = programme.programme_model
    accepted = cohort.applications.filter(status=ApplicationStatus.ACCEPTED).select_related(
        "applicant__profile"
    )
    live = mentoring_selectors.pairs_in(programme, live=True)
    already = {mentee for mentee, _mentor in live}
    load = Counter(mentor for _mentee, mentor in live)  # mentees each mentor already has
    cap_max = (model.get("capacity") or {}).get("max", 1)
    mentees, mentors = [], []
    mentor_keys = {
        key.casefold(): app.applicant_id
        for app in accepted
        if app.kind == ApplicantKind.MENTOR
        for key in (app.applicant.email, app.applicant.display_name)
    }
    for app in accepted:
        user, answers = app.applicant, app.answers
        if app.kind == ApplicantKind.MENTEE and user.pk not in already:
            mentees.append(Mentee(
                id=user.pk, role=answers.get("role") or user.profile.position,
                text=_words(answers.get("interests"), answers.get("experiences"),
                            answers.get("challenges"), answers.get("hopes"), user.profile.interests),
                co_mentor_request=answers.get("co_mentor_request") or "",
                # The "buffer zone": a line manager or appraiser never mentors their own staff.
                line_relations=frozenset(
                    filter(None, [mentor_keys.get(str(answers.get("line_manager", "")).strip().casefold())])
                ),
                **_common(answers, user),
            ))  # fmt: skip
        elif app.kind == ApplicantKind.MENTOR:
            offered = min(int(answers.get("capacity", 1) or 0), cap_max)
            mentors.append(Mentor(
                id=user.pk, roles=frozenset(filter(None, [answers.get("role") or user.profile.position])),
                text=_words(answers.get("expertise"), answers.get("interests"), answers.get("experiences")),
                capacity=max(0, offered - load.get(user.pk, 0)),
                min_caseload=(model.get("capacity") or {}).get("min", 0),
                **_common(answers, user),
            ))  # fmt: skip
    # Rules about mentees who are already in a relationship no longer apply.
    in_round = {m.id for m in mentees}
    rules = [
        (a, b, r)
        for a, b, r in cohort.pair_rules.values_list("mentee_id", "mentor_id", "rule")
        if a in in_round
    ]
    return Problem(
        mentees=mentees,
        mentors=mentors,
        weights=programme_models.matching_weights(model),
        locked={(a, b) for a, b, r in rules if r == Rule.LOCK},
        forbidden={(a, b) for a, b, r in rules if r == Rule.FORBID},
        previous=set(mentoring_selectors.pairs_in(programme, live=False)),
        min_score=float((model.get("matching") or {}).get("min_score", 0)),
    )


def match_run_create(*, actor: Any, cohort: Cohort) -> MatchRun:
    model = cohort.programme.programme_model
    if not (model.get("matching") or {}).get("enabled"):
        raise ValidationError(_("This programme does not match people: it uses a help pool."))
    problem = problem_for(cohort)
    if not problem.mentees:
        raise ValidationError(_("There is nobody to match: accept some mentee applications first."))
    if not problem.mentors:
        raise ValidationError(
            _("There are no mentors to match with: accept some mentor applications first.")
        )
    started = time.perf_counter()
    try:
        proposal = solve(problem)
    except ImpossibleConstraints as exc:
        raise ValidationError(str(exc)) from exc
    seconds = time.perf_counter() - started
    result = {
        "pairs": [
            {"mentee": p.mentee, "mentor": p.mentor, "score": p.score, "locked": p.locked,
             "contributions": [[c.label, c.points] for c in p.contributions]}
            for p in proposal.pairs
        ],
        "unmatched": [{"mentee": u.mentee, "reason": u.reason.value, "explanation": u.explanation}
                      for u in proposal.unmatched],
        "co_mentors": [{"mentee": c.mentee, "mentor": c.mentor, "request": c.request, "score": c.score}
                       for c in proposal.co_mentors],
        "under_min_caseload": proposal.under_min_caseload,
    }  # fmt: skip
    with transaction.atomic():
        cohort.match_runs.filter(status=RunStatus.PROPOSED).update(status=RunStatus.SUPERSEDED)
        run = MatchRun.objects.create(
            cohort=cohort, created_by=actor, total_score=round(proposal.total_score, 2), result=result,
            stats={"mentees": len(problem.mentees), "mentors": len(problem.mentors),
                   "candidate_pairs": proposal.candidate_edges, "seconds": round(seconds, 3)},
        )  # fmt: skip
        log_action(
            actor, "matching.run", cohort,
            {"pairs": len(proposal.pairs), "unmatched": len(proposal.unmatched), "run": run.pk},
            scope=cohort.programme,
        )  # fmt: skip
    return run


def pair_rule_set(*, actor: Any, cohort: Cohort, mentee_id: int, mentor_id: int, rule: str) -> None:
    """Lock, forbid or (rule "") clear a pair for the next runs."""
    users = get_user_model().objects.filter(pk__in=[mentee_id, mentor_id])
    accepted = set(
        cohort.applications.filter(status=ApplicationStatus.ACCEPTED).values_list(
            "applicant_id", "kind"
        )
    )
    if (mentee_id, ApplicantKind.MENTEE) not in accepted or (
        mentor_id,
        ApplicantKind.MENTOR,
    ) not in accepted:
        raise ValidationError(
            _("Both people must be accepted in this cohort, as mentee and mentor.")
        )
    names = {u.pk: str(u) for u in users}
    with transaction.atomic():
        PairRule.objects.filter(cohort=cohort, mentee_id=mentee_id, mentor_id=mentor_id).delete()
        if rule:
            if rule not in Rule.values:
                raise ValidationError(_("Unknown rule."))
            PairRule.objects.create(
                cohort=cohort, mentee_id=mentee_id, mentor_id=mentor_id, rule=rule, created_by=actor
            )
        log_action(
            actor, "matching.rule", cohort,
            {"rule": str(Rule(rule).label) if rule else _("no rule"),
             "mentee": names.get(mentee_id, "?"), "mentor": names.get(mentor_id, "?")},
            scope=cohort.programme,
        )  # fmt: skip


def match_run_approve(*, actor: Any, run: MatchRun) -> int:
    """Turn the proposal into relationships. Returns how many were created."""
    cohort = run.cohort
    programme = cohort.programme
    model = programme.programme_model
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().get(pk=run.pk)
        if run.status != RunStatus.PROPOSED:
            raise ValidationError(_("Only the latest proposal can be approved."))
        users = get_user_model().objects.in_bulk(
            [p["mentee"] for p in run.result["pairs"]]
            + [p["mentor"] for p in run.result["pairs"]]
            + [c["mentor"] for c in run.result["co_mentors"]]
        )
        co = {c["mentee"]: users[c["mentor"]] for c in run.result["co_mentors"]}
        today = timezone.localdate()
        months = model.get("duration_months")
        end = today + timedelta(days=round(30.44 * months)) if months else None
        for pair in run.result["pairs"]:
            mentoring_services.relationship_create(
                actor=actor, programme=programme,
                kind=RelationshipKind.CO_MENTORING if pair["mentee"] in co else RelationshipKind.ONE_TO_ONE,
                mentors=[users[pair["mentor"]]], mentees=[users[pair["mentee"]]],
                co_mentors=[co[pair["mentee"]]] if pair["mentee"] in co else [],
                started_on=today, planned_end_on=end, origin=f"{cohort.name}, matching run {run.pk}",
            )  # fmt: skip
        run.status = RunStatus.APPROVED
        run.save(update_fields=["status"])
        log_action(actor, "matching.approved", cohort, {"pairs": len(run.result["pairs"]), "run": run.pk},
                   scope=programme)  # fmt: skip
    return len(run.result["pairs"])
