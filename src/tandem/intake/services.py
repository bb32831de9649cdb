"""Writes for cohorts, applications and committee review."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import log_action
from tandem.core.mail import queue_user_mail
from tandem.programmes import services as programme_services
from tandem.programmes.models import Programme, Role

from .models import (
    DECISIONS,
    ApplicantKind,
    Application,
    ApplicationComment,
    ApplicationStatus,
    Cohort,
)


def cohort_create(
    *,
    actor: Any,
    programme: Programme,
    name: str,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    rolling: bool = False,
    committee: list[Any] | None = None,
) -> Cohort:
    with transaction.atomic():
        cohort = Cohort(
            programme=programme, name=name, opens_at=opens_at, closes_at=closes_at, rolling=rolling
        )
        cohort.full_clean()
        cohort.save()
        cohort.committee.set(committee or [])
        log_action(actor, "cohort.created", cohort, {"name": name}, scope=programme)
    return cohort


def _draft(applicant: Any, cohort: Cohort, kind: str) -> Application:
    application, _created = Application.objects.select_for_update().get_or_create(
        cohort=cohort, applicant=applicant, kind=kind
    )
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError(
            _("This application has already been sent; it can no longer be changed.")
        )
    return application


def application_save_draft(
    *, applicant: Any, cohort: Cohort, kind: str, answers: dict[str, Any]
) -> Application:
    """Keep what the applicant has typed so far; nothing is checked yet."""
    if kind not in ApplicantKind.values:
        raise ValidationError(_("Unknown kind of application."))
    if not cohort.is_open():
        raise ValidationError(_("Applications for this cohort are closed."))
    with transaction.atomic():
        application = _draft(applicant, cohort, kind)
        application.answers = answers
        application.save(update_fields=["answers", "updated_at"])
    return application


def application_submit(
    *,
    applicant: Any,
    cohort: Cohort,
    kind: str,
    answers: dict[str, Any],
    research_consent: bool | None,
) -> Application:
    if not cohort.is_open():
        raise ValidationError(_("Applications for this cohort are closed."))
    with transaction.atomic():
        application = _draft(applicant, cohort, kind)
        application.answers = answers
        application.research_consent = research_consent
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = timezone.now()
        application.save()
        log_action(
            applicant, "application.submitted", application,
            {"kind": application.get_kind_display(), "cohort": cohort.name},
            scope=cohort.programme,
        )  # fmt: skip
    queue_user_mail(
        user_id=applicant.pk,
        template_prefix="intake/emails/received",
        context={
            "programme": cohort.programme.name, "cohort": cohort.name,
            "kind": str(application.get_kind_display()),
            "submitted_at": application.submitted_at.isoformat(),
        },
    )  # fmt: skip
    return application


def application_decide(
    *, actor: Any, application: Application, decision: str, reason: str
) -> Application:
    """Accept, waitlist or decline; the applicant is told why, in their language."""
    if decision not in DECISIONS:
        raise ValidationError(_("Choose accept, waiting list or decline."))
    if application.status in {ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN}:
        raise ValidationError(_("Only sent applications can be decided."))
    if not reason.strip():
        raise ValidationError(_("Give a reason: the applicant will read it."))
    programme = application.cohort.programme
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        previous = application.status
        application.status = decision
        application.decision_reason = reason.strip()
        application.decided_by = actor
        application.decided_at = timezone.now()
        application.save()
        if decision == ApplicationStatus.ACCEPTED:
            role = Role.MENTEE if application.kind == ApplicantKind.MENTEE else Role.MENTOR
            programme_services.membership_grant(
                actor=actor, programme=programme, user=application.applicant, roles=[role]
            )
        log_action(
            actor, "application.decided", application.applicant,
            {"decision": str(application.get_status_display()), "previous": previous,
             "kind": str(application.get_kind_display()), "reason": application.decision_reason},
            scope=programme,
        )  # fmt: skip
    queue_user_mail(
        user_id=application.applicant_id,
        template_prefix="intake/emails/decided",
        context={
            "programme": programme.name, "cohort": application.cohort.name,
            "decision": decision, "reason": application.decision_reason,
            "kind": str(application.get_kind_display()),
            "decided_at": application.decided_at.isoformat() if application.decided_at else None,
        },
    )  # fmt: skip
    return application


def application_comment(*, actor: Any, application: Application, body: str) -> ApplicationComment:
    if not body.strip():
        raise ValidationError(_("Write something first."))
    with transaction.atomic():
        comment = ApplicationComment.objects.create(
            application=application, author=actor, body=body.strip()
        )
        log_action(
            actor, "application.commented", application.applicant,
            {"kind": str(application.get_kind_display())}, scope=application.cohort.programme,
        )  # fmt: skip
    return comment
