from __future__ import annotations

from typing import Any

from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import (
    ActionPoint,
    AgreementAcceptance,
    AgreementVersion,
    Attendance,
    ContactLog,
    DigestSent,
    Goal,
    GoalNote,
    GoalRevision,
    MentoringSession,
    Participant,
    PracticeReflection,
    PrivateNote,
    RecordDraft,
    RecordRevision,
    SessionChange,
    Supervision,
    TimeEntry,
)


@register
class MentoringPrivacy(PrivacyProvider):
    app_label = "mentoring"
    models = [
        Participant, AgreementAcceptance, AgreementVersion, Supervision, PracticeReflection,
        MentoringSession, SessionChange, RecordRevision, RecordDraft, PrivateNote, Attendance,
        ActionPoint, Goal, GoalRevision, GoalNote, ContactLog, TimeEntry, DigestSent,
    ]  # fmt: skip
    description = (
        "Your mentoring and coaching relationships, sessions and their shared records, "
        "your private notes, goals, action points, time log and reflections on practice."
    )

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
        sessions = [
            {"starts_at": s.starts_at, "status": s.status, **s.record()}
            for s in MentoringSession.objects.filter(relationship__participants__user=user)
        ]
        return ExportPart(
            data={
                "relationships": rows,
                "agreements_accepted": agreements,
                "sessions": sessions,
                "private_notes": [
                    {"session_starts_at": n.session.starts_at, "text": n.text}
                    for n in PrivateNote.objects.filter(author=user).select_related("session")
                ],
                "goals": [
                    {
                        "title": g.title,
                        "status": g.status,
                        **g.snapshot(),
                        "history": [
                            {
                                "version": r.version,
                                "status": r.status,
                                **r.fields,
                                "at": r.created_at,
                            }
                            for r in g.revisions.all()
                        ],
                    }
                    for g in Goal.objects.filter(owner=user).prefetch_related("revisions")
                ],
                "goal_notes": list(
                    GoalNote.objects.filter(author=user).values(
                        "kind", "text", "evidence", "created_at"
                    )
                ),
                "action_points": list(
                    ActionPoint.objects.filter(owner=user).values("text", "due_on", "done_at")
                ),
                "contacts_logged": list(
                    ContactLog.objects.filter(logged_by=user).values("kind", "occurred_at", "note")
                ),
                "time_log": list(
                    TimeEntry.objects.filter(mentor=user).values("kind", "on", "minutes", "note")
                ),
                "practice_reflections": list(
                    PracticeReflection.objects.filter(author=user).values(
                        "title", "body", "shared", "created_at"
                    )
                ),
            }
        )

    def erase(self, user: Any, *, pseudonym: str) -> None:
        # What only this person wrote for themselves goes; what they wrote into a
        # shared record stays for the others, under the pseudonymous account.
        PrivateNote.objects.filter(author=user).delete()
        RecordDraft.objects.filter(user=user).delete()
        PracticeReflection.objects.filter(author=user).delete()
        Goal.objects.filter(owner=user).delete()
        TimeEntry.objects.filter(mentor=user).delete()
        DigestSent.objects.filter(user=user).delete()
        Supervision.objects.filter(supervisor=user).delete()
        Supervision.objects.filter(mentor=user).delete()
        Attendance.objects.filter(user=user).delete()
        Participant.objects.filter(user=user).delete()
        AgreementAcceptance.objects.filter(user=user).delete()
        AgreementVersion.objects.filter(created_by=user).update(created_by=None)
