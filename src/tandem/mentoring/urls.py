from django.urls import path

from .views import goals, overview, relationships, sessions

app_name = "mentoring"
R = "relationships/<int:pk>/"
S = R + "sessions/<int:session_id>/"
G = R + "goals/<int:goal_id>/"
urlpatterns = [
    path(R, relationships.relationship_detail, name="relationship"),
    path(R + "agreement/", relationships.agreement, name="agreement"),
    path(R + "contact/", relationships.contact_add, name="contact_add"),
    path(R + "actions/", relationships.action_add, name="action_add"),
    path(R + "actions/<int:action_id>/", relationships.action_toggle, name="action_toggle"),
    path(R + "pause/", relationships.pause_resume, name="pause_resume"),
    path(R + "end/", relationships.end, name="end"),
    path(R + "advance/", relationships.advance, name="advance"),
    path(R + "milestones/<slug:key>/", relationships.milestone, name="milestone"),
    path(R + "search/", relationships.search, name="search"),
    path(R + "export/", relationships.export, name="export"),
    path(R + "sessions/new/", sessions.schedule, name="schedule"),
    path(S, sessions.session_detail, name="session"),
    path(S + "record/", sessions.record_save, name="record_save"),
    path(S + "draft/", sessions.record_draft, name="record_draft"),
    path(S + "private/", sessions.private_note, name="private_note"),
    path(S + "outcome/", sessions.outcome, name="outcome"),
    path(S + "reschedule/", sessions.reschedule, name="reschedule"),
    path(S + "cancel/", sessions.cancel, name="cancel"),
    path(S + "goals/", sessions.link_goals, name="link_goals"),
    path(S + "session.ics", sessions.session_ics, name="session_ics"),
    path(R + "goals/new/", goals.goal_new, name="goal_new"),
    path(G, goals.goal_detail, name="goal"),
    path(G + "edit/", goals.goal_edit, name="goal_edit"),
    path(G + "status/", goals.goal_status, name="goal_status"),
    path(G + "notes/", goals.goal_note, name="goal_note"),
    path(G + "steps/", goals.goal_step, name="goal_step"),
    path(G + "steps/<int:step_id>/", goals.goal_step_toggle, name="goal_step_toggle"),
    path("mentoring/caseload/", overview.caseload, name="caseload"),
    path("mentoring/time/", overview.time_log, name="time"),
    path("mentoring/time/<int:entry_id>/delete/", overview.time_delete, name="time_delete"),
    path("mentoring/practice/", overview.practice, name="practice"),
    path("mentoring/practice/<int:reflection_id>/", overview.practice_edit, name="practice_edit"),
    path(
        "programmes/<slug:slug>/relationships/", overview.programme_relationships, name="programme"
    ),
    path(
        "programmes/<slug:slug>/relationships/time-export/",
        overview.time_export,
        name="time_export",
    ),
    path("programmes/<slug:slug>/relationships/start/", overview.relationship_start, name="start"),
    path("programmes/<slug:slug>/relationships/people/", overview.people_lookup, name="people"),
    path(
        "programmes/<slug:slug>/relationships/supervision/",
        overview.supervision_add,
        name="supervision",
    ),
]
