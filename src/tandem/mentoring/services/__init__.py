"""Every write of the mentoring app (keyword-only, ``entity_verb``), by concept."""

from .goals import (
    goal_create,
    goal_note_add,
    goal_replace,
    goal_revise,
    goal_set_status,
    goal_step_add,
    goal_step_set_done,
)
from .relationships import (
    agreement_accept,
    agreement_amend,
    contact_log,
    milestone_mark,
    participant_boundaries_set,
    practice_reflection_save,
    programme_cadence_refresh,
    relationship_advance,
    relationship_create,
    relationship_end,
    relationship_pause,
    relationship_record_contact,
    relationship_resume,
    supervision_set,
)
from .sessions import (
    SaveResult,
    action_add,
    action_set_done,
    private_note_save,
    record_draft_save,
    session_cancel,
    session_link_goals,
    session_record_outcome,
    session_record_save,
    session_reschedule,
    session_schedule,
)
from .time import time_add, time_delete

__all__ = [
    "SaveResult", "action_add", "action_set_done", "agreement_accept", "agreement_amend",
    "contact_log", "goal_create", "goal_note_add", "goal_replace", "goal_revise",
    "goal_set_status", "goal_step_add", "goal_step_set_done", "milestone_mark",
    "participant_boundaries_set",
    "practice_reflection_save", "private_note_save", "programme_cadence_refresh",
    "record_draft_save", "relationship_advance", "relationship_create", "relationship_end",
    "relationship_pause", "relationship_record_contact", "relationship_resume",
    "session_cancel", "session_link_goals", "session_record_outcome", "session_record_save",
    "session_reschedule", "session_schedule", "supervision_set", "time_add", "time_delete",
]  # fmt: skip
