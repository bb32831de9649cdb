"""The shared session record: concurrent edits are detected and both texts
survive; private notes reach nobody but their author."""

from __future__ import annotations

import json
import zipfile
from datetime import timedelta
from io import BytesIO
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.mentoring import services
from tandem.mentoring.merge import merge3
from tandem.mentoring.models import MentoringSession, RecordDraft, Relationship

from ..conftest import World

EMPTY = {"agenda": "", "goal": "", "reality": "", "options": "", "will": ""}


@pytest.fixture
def session(world: World, relationship: Relationship) -> MentoringSession:
    return services.session_schedule(
        actor=world.mentor, relationship=relationship,
        starts_at=timezone.now() - timedelta(minutes=30), duration_minutes=60,
    )  # fmt: skip


def save_url(session: MentoringSession) -> str:
    return reverse("mentoring:record_save", args=[session.relationship_id, session.pk])


def post(client: Any, session: MentoringSession, base: int, **fields: str) -> Any:
    return client.post(
        save_url(session), {**EMPTY, "shared_notes": "", **fields, "base_version": base}
    )


def test_both_edit_the_same_lines_conflict_is_shown_and_both_texts_survive(
    world: World, session: MentoringSession
) -> None:
    mentor, mentee = world.client(world.mentor), world.client(world.mentee)
    assert post(mentor, session, 0, shared_notes="Plan: breakout roles.").status_code == 302
    # Both open version 1 and change the same line.
    assert (
        post(mentee, session, 1, shared_notes="Plan: breakout roles, 4 minutes each.").status_code
        == 302
    )
    response = post(mentor, session, 1, shared_notes="Plan: breakout roles with a shared slide.")
    assert response.status_code == 409
    page = response.content.decode()
    assert "saved changes to the same lines" in page
    assert "breakout roles, 4 minutes each." in page  # theirs, shown
    assert "breakout roles with a shared slide." in page  # mine, still in the form
    session.refresh_from_db()
    assert session.shared_notes == "Plan: breakout roles, 4 minutes each."  # not overwritten
    draft = RecordDraft.objects.get(session=session, user=world.mentor)
    assert draft.fields["shared_notes"] == "Plan: breakout roles with a shared slide."
    # The mentor combines the two and saves against the version they have now seen.
    combined = "Plan: breakout roles, 4 minutes each, with a shared slide."
    assert post(mentor, session, 2, shared_notes=combined).status_code == 302
    session.refresh_from_db()
    assert session.shared_notes == combined
    assert not RecordDraft.objects.filter(session=session, user=world.mentor).exists()
    assert list(session.revisions.values_list("number", flat=True)) == [3, 2, 1]


def test_changes_to_different_parts_or_lines_merge_without_asking(
    world: World, session: MentoringSession
) -> None:
    mentor, mentee = world.client(world.mentor), world.client(world.mentee)
    post(mentor, session, 0, shared_notes="Links:\n- tally sheet\n\nNext time: student work")
    assert post(mentee, session, 1, goal="More voices in lessons",
                shared_notes="Links:\n- tally sheet\n- breakout article\n\nNext time: student work").status_code == 302  # fmt: skip
    response = post(mentor, session, 1, will="Trial roles in two lessons",
                    shared_notes="Links:\n- tally sheet\n\nNext time: two pieces of student work")  # fmt: skip
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.goal == "More voices in lessons"
    assert session.will == "Trial roles in two lessons"
    assert session.shared_notes == (
        "Links:\n- tally sheet\n- breakout article\n\nNext time: two pieces of student work"
    )
    followed = mentor.get(response["Location"]).content.decode()
    assert "merged" in followed


@given(base=st.text(max_size=40), mine=st.text(max_size=40), theirs=st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_a_merge_never_drops_an_unchanged_side(base: str, mine: str, theirs: str) -> None:
    merged = merge3(base, mine, theirs)
    if mine == base:
        assert merged == theirs
    if theirs == base:
        assert merged == mine
    if merged is None:
        assert base not in (mine, theirs)


def test_autosaved_draft_comes_back_after_a_dropped_connection(
    world: World, session: MentoringSession
) -> None:
    client = world.client(world.mentee)
    draft_url = reverse("mentoring:record_draft", args=[session.relationship_id, session.pk])
    response = client.post(
        draft_url,
        {**EMPTY, "shared_notes": "Half a thought", "base_version": 0},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Draft kept" in response.content.decode()
    page = client.get(reverse("mentoring:session", args=[session.relationship_id, session.pk]))
    assert "Half a thought" in page.content.decode()
    assert "unsaved changes" in page.content.decode()
    # The other person never sees someone's draft.
    other = world.client(world.mentor).get(
        reverse("mentoring:session", args=[session.relationship_id, session.pk])
    )
    assert "Half a thought" not in other.content.decode()


SECRET = "Worried about burnout — raise with Graham"
HIDDEN = "raise with Graham"


def test_a_private_note_reaches_nobody_but_its_author(
    world: World, session: MentoringSession, django_capture_on_commit_callbacks: Any
) -> None:
    relationship = session.relationship
    mentor = world.client(world.mentor)
    note_url = reverse("mentoring:private_note", args=[relationship.pk, session.pk])
    assert mentor.post(note_url, {"text": SECRET}).status_code == 302
    post(mentor, session, 0, shared_notes="We talked about workload.")
    page_url = reverse("mentoring:session", args=[relationship.pk, session.pk])
    assert SECRET in mentor.get(page_url).content.decode()
    mentee = world.client(world.mentee)
    with django_capture_on_commit_callbacks(execute=True):
        # Everything that might carry it: pages, search, export, the calendar, e-mails.
        pages = [
            mentee.get(page_url),
            mentee.get(reverse("mentoring:relationship", args=[relationship.pk])),
            mentee.get(reverse("mentoring:search", args=[relationship.pk]) + "?q=burnout"),
            mentee.get(reverse("mentoring:export", args=[relationship.pk])),
            mentee.get(reverse("mentoring:session_ics", args=[relationship.pk, session.pk])),
            mentee.get(reverse("home")),
        ]
        services.session_record_outcome(
            actor=world.mentor, session=session, attended_ids={world.mentor.pk, world.mentee.pk},
            actual_minutes=60,
        )  # fmt: skip
        services.session_schedule(
            actor=world.mentor, relationship=relationship,
            starts_at=timezone.now() + timedelta(days=2), duration_minutes=60,
        )  # fmt: skip
    for response in pages:
        assert response.status_code == 200
        assert HIDDEN not in response.content.decode()
    assert mail.outbox
    for message in mail.outbox:
        assert HIDDEN not in message.body
        assert all(HIDDEN not in str(a[1]) for a in message.attachments)
    export = mentee.post(reverse("accounts:data_export"))
    archive = zipfile.ZipFile(
        BytesIO(b"".join(export.streaming_content) if export.streaming else export.content)
    )  # type: ignore[attr-defined]
    assert all(
        HIDDEN not in archive.read(name).decode(errors="ignore") for name in archive.namelist()
    )
    # The author's own search and export find it.
    hits = mentor.get(
        reverse("mentoring:search", args=[relationship.pk]) + "?q=burnout"
    ).content.decode()
    assert "My private note" in hits
    own = json.loads(mentor.get(reverse("mentoring:export", args=[relationship.pk])).content)
    assert own["sessions"][0]["my_private_note"] == SECRET
