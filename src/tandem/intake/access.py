"""Doors to cohorts and applications."""

from __future__ import annotations

from typing import Any

from tandem.core.access import deny, object_or_404
from tandem.programmes.models import Programme, Role
from tandem.programmes.selectors import roles_in

from .models import Application, ApplicationStatus, Cohort


def cohort_to_apply(programme: Programme, cohort_id: Any) -> Cohort:
    """A cohort of ``programme`` (open or not: the page says which)."""
    return object_or_404(programme.cohorts.all(), pk=cohort_id)


def cohort_for_reviewer(user: Any, programme: Programme, cohort_id: Any) -> Cohort:
    """A cohort ``user`` reviews: leads review every cohort, committee mentors their own."""
    cohort = object_or_404(programme.cohorts.all(), pk=cohort_id)
    if Role.PROGRAMME_LEAD in roles_in(user, programme):
        return cohort
    if cohort.committee.filter(pk=user.pk).exists():
        return cohort
    raise deny()


def application_for_reviewer(cohort: Cohort, application_id: Any) -> Application:
    return object_or_404(
        cohort.applications.exclude(status=ApplicationStatus.DRAFT).select_related(
            "applicant__profile"
        ),
        pk=application_id,
    )


def on_a_committee(user: Any, programme: Programme) -> bool:
    return programme.cohorts.filter(committee=user).exists()
