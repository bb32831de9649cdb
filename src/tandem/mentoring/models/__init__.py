"""Mentoring data, split by concept: relationships and agreements, sessions and
their records, goals, contact and time. Every model is importable from here."""

from .goals import Goal, GoalNote, GoalNoteKind, GoalRevision, GoalStatus, GoalStep, NeedKind
from .relationships import (
    GUIDE_ROLES,
    AgreementAcceptance,
    AgreementVersion,
    Approach,
    EndReason,
    Formality,
    Participant,
    ParticipantRole,
    Practice,
    PracticeReflection,
    Relationship,
    RelationshipKind,
    RelationshipStatus,
    Supervision,
)
from .sessions import (
    ActionPoint,
    Attendance,
    Medium,
    MentoringSession,
    PrivateNote,
    RecordDraft,
    RecordRevision,
    SessionChange,
    SessionStatus,
)
from .time import ContactKind, ContactLog, DigestSent, TimeEntry, TimeKind

__all__ = [
    "GUIDE_ROLES", "ActionPoint", "AgreementAcceptance", "AgreementVersion", "Approach", "Attendance",
    "ContactKind", "ContactLog", "DigestSent", "EndReason", "Formality", "Goal", "GoalNote",
    "GoalNoteKind", "GoalRevision", "GoalStatus", "GoalStep", "Medium", "MentoringSession",
    "NeedKind", "Participant", "ParticipantRole", "Practice", "PracticeReflection",
    "PrivateNote", "RecordDraft", "RecordRevision", "Relationship", "RelationshipKind",
    "RelationshipStatus", "SessionChange", "SessionStatus", "Supervision", "TimeEntry",
    "TimeKind",
]  # fmt: skip
