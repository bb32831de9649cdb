"""Malformed input to every form gets field errors — never a 500 — and script
payloads come back escaped. The test client re-raises any server error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.intake.models import Application, Cohort
from tandem.mentoring import services as mentoring
from tandem.mentoring.models import Relationship
from tandem.mentoring.services import relationship_create
from tandem.programmes.models import Membership

from .conftest import World

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
PAYLOADS: dict[str, Callable[[str], Any]] = {
    "empty": lambda field: "",
    "huge": lambda field: "ä" * 10_240,
    "invalid_email": lambda field: "not-an-email@@",
    "wrong_type_list": lambda field: ["1", "2", "three"],
    "number_for_text": lambda field: "-99999999999999999999",
    "script": lambda field: SCRIPT,
    "invalid_time_zone": lambda field: "Mars/Olympus_Mons",
    "null_byte": lambda field: "abc\x00def",
}


def _cohort(world: World) -> int:
    cohort, _ = Cohort.objects.get_or_create(
        programme=world.programme, name="2027 intake", defaults={"rolling": True}
    )
    return cohort.pk


def _application(world: World) -> int:
    application, _ = Application.objects.get_or_create(
        cohort_id=_cohort(world), applicant=world.other_mentee, kind="mentee",
        defaults={"status": "submitted", "answers": {"interests": "x"}},
    )  # fmt: skip
    return application.pk


def _membership_url(world: World) -> str:
    membership = Membership.objects.get(programme=world.programme, user=world.mentee)
    return reverse("programmes:membership_edit", args=[world.programme.slug, membership.pk])


def _rel(world: World) -> int:
    rel = Relationship.objects.filter(participants__user=world.mentee).first()
    if rel is None:
        rel = relationship_create(actor=world.lead, programme=world.programme, kind="one_to_one",
                                  mentors=[world.mentor], mentees=[world.mentee])  # fmt: skip
    return rel.pk


def _session(world: World) -> int:
    rel = Relationship.objects.get(pk=_rel(world))
    session = rel.sessions.first() or mentoring.session_schedule(
        actor=world.mentor, relationship=rel, duration_minutes=60,
        starts_at=timezone.now() - timedelta(hours=1),
    )  # fmt: skip
    return session.pk


def _m(name: str, *extra: Callable[[World], object]) -> Callable[[World], str]:
    return lambda w: reverse(f"mentoring:{name}", args=[_rel(w), *(f(w) for f in extra)])


RECORD = ["base_version", "agenda", "goal", "reality", "options", "will", "shared_notes"]

# (form, who posts, url, fields)
FORMS: list[tuple[str, str | None, Callable[[World], str], list[str]]] = [
    ("signup", None, lambda w: reverse("account_signup"),
     ["email", "password1", "password2", "display_name", "time_zone"]),
    ("login", None, lambda w: reverse("account_login"), ["login", "password"]),
    ("password_reset", None, lambda w: reverse("account_reset_password"), ["email"]),
    ("profile", "mentee", lambda w: reverse("accounts:profile_edit"),
     ["display_name", "pronouns", "time_zone", "language", "organisation_name", "sector", "position",
      "subjects", "region", "country", "years_experience", "interests", "interest_tags", "bio",
      "visibility", "show_email", "notify_by_email", "digest_frequency"]),
    ("account_delete", "mentee", lambda w: reverse("accounts:account_delete"), ["password", "confirm"]),
    ("email_add", "mentee", lambda w: reverse("account_email"), ["email", "action_add"]),
    ("password_change", "mentee", lambda w: reverse("account_change_password"),
     ["oldpassword", "password1", "password2"]),
    ("membership_roles", "lead", _membership_url, ["roles"]),
    ("programme_model", "lead", lambda w: reverse("programmes:model", args=[w.programme.slug]),
     ["kind", "relationship_kinds", "duration_months", "meeting_every_days", "meeting_min_minutes",
      "meeting_max_minutes", "capacity_min", "capacity_max", "min_score", "weight_subjects",
      "milestones", "stages", "intake_fields"]),
    ("programme_preset", "lead", lambda w: reverse("programmes:model_preset", args=[w.programme.slug]),
     ["preset"]),
    ("cohort_new", "lead", lambda w: reverse("intake:cohort_new", args=[w.programme.slug]),
     ["name", "rolling", "opens_at", "closes_at", "committee"]),
    ("application", "outsider", lambda w: reverse("intake:apply", args=[w.programme.slug, _cohort(w), "mentor"]),
     ["interests", "experiences", "subjects", "sector", "role", "region", "country", "time_zone",
      "language", "availability", "expertise", "capacity", "research_consent"]),
    ("application_draft", "outsider",
     lambda w: reverse("intake:apply_draft", args=[w.programme.slug, _cohort(w), "mentee"]),
     ["interests", "availability", "subjects", "co_mentor_request"]),
    ("decision", "lead", lambda w: reverse(
        "intake:review_application", args=[w.programme.slug, _cohort(w), _application(w)]),
     ["decision", "reason"]),
    ("matching_rule", "lead", lambda w: reverse("matching:rule", args=[w.programme.slug, _cohort(w)]),
     ["mentee", "mentor", "rule"]),
    ("session_schedule", "mentor", _m("schedule"),
     ["starts_at", "duration_minutes", "medium", "meeting_url", "phone_note", "milestone", "agenda"]),
    ("session_reschedule", "mentee", _m("reschedule", _session), ["starts_at", "duration_minutes", "reason"]),
    ("session_record", "mentee", _m("record_save", _session), RECORD),
    ("session_draft", "mentee", _m("record_draft", _session), RECORD),
    ("private_note", "mentor", _m("private_note", _session), ["text"]),
    ("session_outcome", "mentor", _m("outcome", _session), ["attended", "actual_minutes"]),
    ("action_add", "mentor", _m("action_add"), ["text", "owner", "due_on", "goal", "session"]),
    ("contact_add", "mentee", _m("contact_add"), ["kind", "occurred_at", "note"]),
    ("goal_new", "mentee", _m("goal_new"),
     ["title", "description", "need_kind", "need", "blockers", "enablers", "evaluation", "support"]),
    ("relationship_end", "mentee", _m("end"), ["outcome", "reason", "note"]),
    ("time_log", "mentor", lambda w: reverse("mentoring:time"), ["programme", "kind", "on", "minutes", "note"]),
    ("reflection", "mentor", lambda w: reverse("mentoring:practice"), ["title", "body", "shared"]),
]  # fmt: skip


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
@pytest.mark.parametrize("form", [f[0] for f in FORMS])
def test_malformed_posts_get_errors_not_500(world: World, form: str, payload: str) -> None:
    _name, who, url, fields = next(f for f in FORMS if f[0] == form)
    client = world.client(getattr(world, who) if who else None)
    data = {field: PAYLOADS[payload](field) for field in fields}
    response = client.post(url(world), data)
    assert response.status_code in {200, 302, 400, 429}, response.status_code
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "onerror=alert" not in body.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    if payload == "script" and response.status_code in {200, 400}:
        # Whatever was echoed back is escaped, and nothing was accepted silently.
        assert "&lt;script&gt;" in body or SCRIPT not in body


def test_malformed_profile_keeps_what_was_typed(world: World) -> None:
    client = world.client(world.mentee)
    response = client.post(
        reverse("accounts:profile_edit"),
        {
            "display_name": "Kiri Walker",
            "time_zone": "Mars/Olympus_Mons",
            "language": "en",
            "position": "Teacher of biology",
            "interests": "Practical science with remote learners",
            "years_experience": "seventy",
            "visibility": "community",
            "digest_frequency": "weekly",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice" in body
    assert "Enter a whole number" in body
    assert "Practical science with remote learners" in body  # nothing typed is lost
    world.mentee.refresh_from_db()
    assert world.mentee.time_zone == "Pacific/Auckland"  # nothing half-saved


def test_script_in_profile_is_stored_as_text_and_shown_escaped(world: World) -> None:
    client = world.client(world.mentee)
    response = client.post(
        reverse("accounts:profile_edit"),
        {
            "display_name": "Kiri",
            "time_zone": "Pacific/Auckland",
            "language": "en",
            "bio": SCRIPT + " **bold**",
            "interests": SCRIPT,
            "visibility": "community",
            "digest_frequency": "weekly",
        },
    )
    assert response.status_code == 302
    page = world.client(world.mentor).get(reverse("accounts:person_detail", args=[world.mentee.pk]))
    body = page.content.decode()
    assert "<strong>bold</strong>" in body
    assert "<script>" not in body
    assert "onerror" not in body.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;" in body


def test_names_with_markup_are_refused(world: World) -> None:
    response = world.client(world.mentee).post(
        reverse("accounts:profile_edit"),
        {"display_name": "<b>Kiri</b>", "time_zone": "UTC", "language": "en",
         "visibility": "community", "digest_frequency": "weekly"},
    )  # fmt: skip
    assert "A name cannot contain" in response.content.decode()


def test_unknown_role_filter_is_ignored_not_an_error(world: World) -> None:
    url = reverse("programmes:members", args=[world.programme.slug])
    response = world.client(world.lead).get(url, {"role": "<script>", "page": "abc"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
