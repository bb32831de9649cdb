"""Reads for intake: open cohorts, one's own applications, the committee's list."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tandem.programmes.models import Programme, ProgrammeStatus

from .models import Application, ApplicationStatus, Cohort


def programmes_taking_applications() -> list[tuple[Programme, list[Cohort]]]:
    now = timezone.now()
    cohorts = (
        Cohort.objects.filter(programme__status=ProgrammeStatus.ACTIVE)
        .filter(Q(rolling=True) | Q(opens_at__lte=now, closes_at__gt=now))
        .select_related("programme__organisation")
        .order_by("programme__name", "closes_at")
    )
    grouped: dict[int, tuple[Programme, list[Cohort]]] = {}
    for cohort in cohorts:
        grouped.setdefault(cohort.programme_id, (cohort.programme, []))[1].append(cohort)
    return list(grouped.values())


def open_cohorts(programme: Programme) -> list[Cohort]:
    now = timezone.now()
    return [c for c in programme.cohorts.all() if c.is_open(now)]


def cohorts_reviewed_by(user: Any, programme: Programme, *, is_lead: bool) -> QuerySet[Cohort]:
    qs = programme.cohorts.all() if is_lead else programme.cohorts.filter(committee=user)
    return qs.annotate(
        waiting=Count("applications", filter=Q(applications__status=ApplicationStatus.SUBMITTED)),
        sent=Count("applications", filter=~Q(applications__status=ApplicationStatus.DRAFT)),
    ).order_by("-created_at")


def applications_for_review(
    cohort: Cohort, *, status: str = "", kind: str = "", q: str = ""
) -> QuerySet[Application]:
    qs = (
        cohort.applications.exclude(status=ApplicationStatus.DRAFT)
        .select_related("applicant__profile")
        .annotate(comment_count=Count("comments"))
    )
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        # icontains on a JSONField searches its JSON text (SQLite and PostgreSQL).
        qs = qs.filter(Q(applicant__display_name__icontains=q) | Q(answers__icontains=q))
    return qs.order_by("status", "submitted_at")


def applications_of(user: Any) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related("cohort__programme")
