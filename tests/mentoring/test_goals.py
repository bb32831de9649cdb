"""Goals: select, refine, revisit — every version kept; only the mentee changes
their goal, mentors comment."""

from __future__ import annotations

from django.urls import reverse

from tandem.mentoring.models import Goal, GoalRevision, GoalStatus, Relationship

from ..conftest import World

FIELDS = {"title": "Every student contributes in live lessons", "description": "Four students do all the talking.",
          "need_kind": "student", "need": "", "blockers": "", "enablers": "", "evaluation": "A tally",
          "support": "", "note": ""}  # fmt: skip


def test_the_mentee_sets_refines_and_the_history_shows_both_versions(
    world: World, relationship: Relationship
) -> None:
    mentee = world.client(world.mentee)
    response = mentee.post(reverse("mentoring:goal_new", args=[relationship.pk]), FIELDS)
    goal = Goal.objects.get()
    assert response.status_code == 302
    assert goal.status == GoalStatus.ACTIVE
    edit = reverse("mentoring:goal_edit", args=[relationship.pk, goal.pk])
    refined = {**FIELDS, "title": "Every student contributes, by chat or voice", "note": "Narrower"}
    assert mentee.post(edit, refined).status_code == 302
    # Saving without a change is refused, with the form kept.
    same = mentee.post(edit, refined)
    assert same.status_code == 400
    assert "Nothing has changed" in same.content.decode()
    goal.refresh_from_db()
    assert goal.version == 2
    page = (
        world.client(world.mentor)
        .get(reverse("mentoring:goal", args=[relationship.pk, goal.pk]))
        .content.decode()
    )
    assert "Version 1" in page
    assert "Version 2" in page
    assert "Every student contributes in live lessons" in page  # the first wording, in the history
    assert "Every student contributes, by chat or voice" in page
    assert "Narrower" in page
    assert list(GoalRevision.objects.values_list("version", flat=True).order_by("pk")) == [1, 2]


def test_status_moves_follow_the_lifecycle(world: World, relationship: Relationship) -> None:
    mentee = world.client(world.mentee)
    mentee.post(
        reverse("mentoring:goal_new", args=[relationship.pk]), {**FIELDS, "save_draft": "1"}
    )
    goal = Goal.objects.get()
    assert goal.status == GoalStatus.DRAFT
    status = reverse("mentoring:goal_status", args=[relationship.pk, goal.pk])
    mentee.post(status, {"status": "achieved"})  # draft → achieved is not a move
    goal.refresh_from_db()
    assert goal.status == GoalStatus.DRAFT
    for move in ("active", "achieved", "active", "let_go"):
        mentee.post(status, {"status": move, "note": f"now {move}"})
        goal.refresh_from_db()
        assert goal.status == move
    # Replacing a goal marks it revised and links the new one.
    mentee.post(status, {"status": "active"})
    replace = mentee.post(reverse("mentoring:goal_edit", args=[relationship.pk, goal.pk]),
                          {**FIELDS, "title": "A sharper goal", "replace": "1"})  # fmt: skip
    goal.refresh_from_db()
    assert goal.status == GoalStatus.REVISED
    assert goal.revised_into is not None
    assert replace["Location"].endswith(f"/goals/{goal.revised_into.pk}/")


def test_mentors_comment_but_do_not_change_the_mentees_goal(
    world: World, relationship: Relationship
) -> None:
    world.client(world.mentee).post(reverse("mentoring:goal_new", args=[relationship.pk]), FIELDS)
    goal = Goal.objects.get()
    mentor = world.client(world.mentor)
    refused = mentor.post(reverse("mentoring:goal_edit", args=[relationship.pk, goal.pk]),
                          {**FIELDS, "title": "Mine now"}, follow=True)  # fmt: skip
    assert "Only the mentee" in refused.content.decode()
    assert mentor.get(reverse("mentoring:goal_new", args=[relationship.pk])).status_code == 302
    mentor.post(
        reverse("mentoring:goal_note", args=[relationship.pk, goal.pk]),
        {"text": "Lovely idea — keep the tally."},
    )
    world.client(world.mentee).post(reverse("mentoring:goal_note", args=[relationship.pk, goal.pk]),
                                    {"text": "Week one done", "evidence": "Tally", "progress": "20"})  # fmt: skip
    kinds = sorted(goal.notes.values_list("kind", flat=True))
    assert kinds == ["check_in", "comment"]
    goal.refresh_from_db()
    assert goal.title == FIELDS["title"]
