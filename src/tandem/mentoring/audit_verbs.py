from django.utils.translation import gettext_lazy as _

from tandem.core.audit import register_verbs

register_verbs(
    {
        "relationship.created": _("started a relationship: {mentors} with {mentees} ({origin})"),
        "relationship.paused": _("paused {target}: {note}"),
        "relationship.resumed": _("resumed {target}"),
        "relationship.ended": _("ended {target} ({reason})"),
        "relationship.withdrawn": _("withdrew from {target} ({reason})"),
        "relationship.advanced": _("moved {target} on to {stage}"),
        "relationship.signed_off": _("signed off mastery in {target}: now {stage}"),
        "agreement.amended": _("saved version {version} of the agreement of {target}: {note}"),
        "agreement.boundaries": _("set their boundaries in {target}"),
        "agreement.accepted": _("accepted version {version} of the agreement of {target}"),
        "contact.logged": _("logged a contact ({kind}) in {target}"),
        "milestone.met": _("marked “{milestone}” as met in {target}"),
        "milestone.reopened": _("reopened “{milestone}” in {target}"),
        "session.scheduled": _("scheduled a session in {target} for {starts_at}"),
        "session.rescheduled": _("moved a session in {target} to {starts_at}: {reason}"),
        "session.cancelled": _("cancelled a session in {target}: {reason}"),
        "session.held": _("recorded a session in {target} as held"),
        "session.missed": _("recorded a session in {target} as missed"),
        "session.record_saved": _("saved version {version} of a session record in {target}"),
        "action.added": _("added an action point in {target}"),
        "action.done": _("completed an action point in {target}"),
        "action.reopened": _("reopened an action point in {target}"),
        "goal.created": _("set a goal in {target}"),
        "goal.revised": _("refined a goal in {target} (version {version})"),
        "goal.status": _("changed a goal's status in {target} to {status}"),
        "goal.check_in": _("checked in on a goal in {target}"),
        "goal.comment": _("commented on a goal in {target}"),
        "supervision.started": _("started supervising {target} ({supervisor})"),
        "supervision.ended": _("stopped supervising {target} ({supervisor})"),
        "time.logged": _("logged {minutes} minutes of mentoring time"),
    }
)
