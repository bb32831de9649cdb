"""The starting text of a mentoring agreement, from the programme model."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from tandem.programmes.programme_models import AGREEMENT_SECTIONS


def starting_text(model: dict[str, Any]) -> dict[str, str]:
    """Every section, from the model's own template where it has one."""
    meeting = model.get("meeting_cadence") or {}
    contact = model.get("contact_cadence_days")
    rhythm = (
        _(
            "We meet every %(days)d days for %(low)d–%(high)d minutes, and agree the next date before we finish."
        )
        % {
            "days": meeting["every_days"],
            "low": meeting["min_minutes"],
            "high": meeting["max_minutes"],
        }
        if meeting
        else _("We meet when one of us asks, and agree a time within a week.")
    )
    if contact:
        rhythm += " " + _("Between meetings we are in touch at least every %(days)d days.") % {
            "days": contact
        }
    defaults = {
        "purpose": _(
            "To support the mentee's professional learning goals, chosen by the mentee and revisited as they change."
        ),
        "confidentiality": _(
            "What we discuss stays between us. The limits: a risk of harm to a child or to either of us, "
            "or a legal duty to report. Mentoring is not appraisal; nothing here is passed to a line manager."
        ),
        "reply_time": _(
            "We reply to messages within two working days; if that is not possible we say so briefly."
        ),
        "quiet_hours": _(
            "No messages are expected in the evenings after 8 pm or at weekends, in the receiver's time zone."
        ),
        "between_sessions": _(
            "Messages in Tandem for anything that can wait; a phone call for anything urgent."
        ),
        "rhythm": rhythm,
        "medium": _("Tandem's online room, audio first; video when the connection allows."),
        "netiquette": _(
            "We are on time, say when the connection is poor, and keep cameras optional."
        ),
        "ending": _(
            "Either of us can end the relationship, after a conversation about why; we finish with a reflection on what changed."
        ),
    }
    own = model.get("agreement") or {}
    return {key: own.get(key) or defaults[key] for key in AGREEMENT_SECTIONS}
