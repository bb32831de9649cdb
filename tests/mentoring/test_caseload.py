"""The caseload and programme views: who needs attention and why, in a
constant number of queries whatever the size; time totals and exports."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tandem.mentoring import services
from tandem.mentoring.models import Participant, Relationship, TimeEntry
from tandem.programmes.models import Role

from ..conftest import World
from ..factories import UserFactory, add_member
from ..helpers import queries_at_most
from .conftest import utc


def make_relationships(world: World, n: int, *, started_days_ago: int = 40) -> list[Relationship]:
    made = []
    for _ in range(n):
        mentee = UserFactory()
        add_member(world.programme, mentee, Role.MENTEE)
        rel = services.relationship_create(
            actor=world.lead, programme=world.programme, kind="one_to_one",
            mentors=[world.mentor], mentees=[mentee],
            started_on=timezone.localdate() - timedelta(days=started_days_ago),
        )  # fmt: skip
        services.action_add(actor=world.mentor, relationship=rel, text="Read the article",
                            owner=mentee, due_on=timezone.localdate() - timedelta(days=3))  # fmt: skip
        services.goal_create(actor=mentee, relationship=rel, fields={"title": "A goal"})
        made.append(rel)
    return made


def count_queries(client: object, url: str) -> int:
    with queries_at_most(1000) as ctx:
        response = client.get(url)  # type: ignore[attr-defined]
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_caseload_says_who_needs_attention_why_and_the_next_step(world: World) -> None:
    with time_machine.travel(utc(2026, 6, 1, 9), tick=False):
        quiet, fine = make_relationships(world, 2, started_days_ago=50)
        services.contact_log(
            actor=world.mentor, relationship=fine, kind="phone", occurred_at=timezone.now()
        )
        services.session_schedule(actor=world.mentor, relationship=fine, duration_minutes=60,
                                  starts_at=timezone.now() + timedelta(days=3))  # fmt: skip
        page = world.client(world.mentor).get(reverse("mentoring:caseload")).content.decode()
    quiet_name = quiet.participants.get(role="mentee").user.display_name
    assert quiet_name in page
    assert "No contact yet" in page
    assert "Send a message or log a call" in page
    assert "1 action point past its date" in page
    assert "Review the action points together" in page
    assert "Mentee not seen since" in page


def test_caseload_and_programme_views_keep_a_constant_query_count(world: World) -> None:
    mentor, lead = world.client(world.mentor), world.client(world.lead)
    caseload = reverse("mentoring:caseload")
    programme = reverse("mentoring:programme", args=[world.programme.slug])
    make_relationships(world, 2)
    small = (count_queries(mentor, caseload), count_queries(lead, programme),
             count_queries(lead, programme + "?health=overdue"))  # fmt: skip
    make_relationships(world, 25)
    large = (count_queries(mentor, caseload), count_queries(lead, programme),
             count_queries(lead, programme + "?health=overdue"))  # fmt: skip
    assert small == large, (small, large)
    assert max(large) <= 20


def test_programme_view_counts_and_filters_by_health(world: World) -> None:
    with time_machine.travel(utc(2026, 6, 1, 9), tick=False):
        a, b = make_relationships(world, 2, started_days_ago=16)
        services.contact_log(
            actor=world.mentor, relationship=b, kind="phone", occurred_at=timezone.now()
        )
        services.session_schedule(actor=world.mentor, relationship=b, duration_minutes=60,
                                  starts_at=timezone.now() + timedelta(days=3))  # fmt: skip
        lead = world.client(world.lead)
        url = reverse("mentoring:programme", args=[world.programme.slug])
        overdue = lead.get(url + "?health=overdue").content.decode()
        on_track = lead.get(
            url + "?health=on_track", headers={"HX-Request": "true"}
        ).content.decode()
    name_a = a.participants.get(role="mentee").user.display_name
    name_b = b.participants.get(role="mentee").user.display_name
    assert name_a in overdue
    assert name_b not in overdue
    assert name_b in on_track
    assert name_a not in on_track
    assert "<html" not in on_track  # the htmx answer is the rows only
    # The lead sees rhythm, never the content of the relationship.
    assert "Read the article" not in overdue
    assert "A goal" not in overdue


def test_time_log_monthly_totals_and_the_leads_export(world: World) -> None:
    mentor = world.client(world.mentor)
    today = timezone.localdate()
    response = mentor.post(reverse("mentoring:time"), {"programme": world.programme.pk, "kind": "preparation",
                                                       "on": today.isoformat(), "minutes": "45", "note": ""})  # fmt: skip
    assert response.status_code == 302
    mentor.post(reverse("mentoring:time"), {"programme": world.programme.pk, "kind": "observation",
                                            "on": today.isoformat(), "minutes": "30"})  # fmt: skip
    bad = mentor.post(reverse("mentoring:time"), {"programme": world.programme.pk, "kind": "session",
                                                  "on": today.isoformat(), "minutes": "30"})  # fmt: skip
    assert bad.status_code == 400
    future = mentor.post(reverse("mentoring:time"), {"programme": world.programme.pk, "kind": "other",
                                                     "on": (today + timedelta(days=3)).isoformat(), "minutes": "30"})  # fmt: skip
    assert future.status_code == 400
    assert "today or earlier" in future.content.decode()
    page = mentor.get(reverse("mentoring:time")).content.decode()
    assert "1 h 15 min" in page  # the month's total
    # A mentee in no mentoring role cannot log time.
    assert (
        "Add time" not in world.client(world.mentee).get(reverse("mentoring:time")).content.decode()
    )
    world.mentor.display_name = '=HYPERLINK("x")'
    world.mentor.save()
    export = reverse("mentoring:time_export", args=[world.programme.slug])
    span = f"?start={today.replace(day=1).isoformat()}&end={today.isoformat()}"
    rows = list(
        csv.reader(
            io.StringIO(
                world.client(world.lead).get(export + span + "&format=csv").content.decode()
            )
        )
    )
    assert rows[0][:3] == ["Mentor", "E-mail", "Month"]
    assert sorted(int(r[4]) for r in rows[1:]) == [30, 45]
    assert rows[1][0].startswith("'=")  # no formula injection
    book = load_workbook(
        io.BytesIO(world.client(world.lead).get(export + span + "&format=xlsx").content)
    )
    assert sum(row[4] for row in book.active.iter_rows(min_row=2, values_only=True)) == 75
    wrong = world.client(world.lead).get(export + "?start=2026-05-01&end=2026-01-01&format=csv")
    assert wrong.status_code == 302
    assert TimeEntry.objects.count() == 2


def test_home_lists_a_few_relationships_and_summarises_a_large_caseload(world: World) -> None:
    first = make_relationships(world, 2)
    home = world.client(world.mentor).get(reverse("home")).content.decode()
    assert first[0].participants.get(role="mentee").user.display_name in home
    make_relationships(world, 6)
    home = world.client(world.mentor).get(reverse("home")).content.decode()
    assert "You mentor in 8 relationships." in home
    assert "Open my caseload" in home
    assert first[0].participants.get(role="mentee").user.display_name not in home


def test_a_lead_starts_a_relationship_and_assigns_supervision(world: World) -> None:
    lead = world.client(world.lead)
    slug = world.programme.slug
    make_relationships(world, 1)
    busy = Participant.objects.get(role="mentee").user
    people = reverse("mentoring:people", args=[slug])
    # Suggestions come as one types: free mentees only, matched by name or e-mail.
    offered = lead.get(people, {"mentee": ""}).content.decode()
    assert world.other_mentee.email in offered
    assert busy.email not in offered
    assert world.mentor.email not in offered
    part = world.other_mentee.display_name.split()[-1][:4]
    assert world.other_mentee.email in lead.get(people, {"mentee": part}).content.decode()
    assert world.mentor.email in lead.get(people, {"mentor": ""}).content.decode()
    assert world.supervisor.email in lead.get(people, {"supervisor": ""}).content.decode()
    # The programme page itself never lists the people (10,000 would not fit).
    page = lead.get(reverse("mentoring:programme", args=[slug])).content.decode()
    assert world.other_mentee.email not in page
    assert 'hx-get="' + people in page

    response = lead.post(reverse("mentoring:start", args=[slug]),
                         {"mentor": world.mentor.display_name, "mentee": world.other_mentee.email.upper(),
                          "kind": "one_to_one"})  # fmt: skip
    assert response.status_code == 302
    rel = Relationship.objects.get(participants__user=world.other_mentee)
    assert set(rel.participants.values_list("user_id", "role")) == {
        (world.mentor.pk, "mentor"),
        (world.other_mentee.pk, "mentee"),
    }
    # Someone outside the programme cannot be slipped in, nor a mentee twice.
    response = lead.post(reverse("mentoring:start", args=[slug]),
                         {"mentor": world.outsider.email, "mentee": world.mentee.email, "kind": "one_to_one"},
                         follow=True)  # fmt: skip
    assert (
        f"No one in this programme with that role is called or reached at “{world.outsider.email}”"
        in (response.content.decode())
    )
    assert not Relationship.objects.filter(participants__user=world.outsider).exists()
    response = lead.post(reverse("mentoring:start", args=[slug]),
                         {"mentor": world.mentor.email, "mentee": busy.email, "kind": "one_to_one"},
                         follow=True)  # fmt: skip
    assert "already has a live relationship in this programme" in response.content.decode()
    assert Relationship.objects.filter(participants__user=busy).count() == 1

    lead.post(reverse("mentoring:supervision", args=[slug]),
              {"supervisor": world.supervisor.email, "mentor": world.mentor.email})  # fmt: skip
    services.practice_reflection_save(actor=world.mentor, reflection=None, title="On silence",
                                      body="Waiting longer.", shared=True)  # fmt: skip
    assert (
        "On silence"
        in world.client(world.supervisor).get(reverse("mentoring:practice")).content.decode()
    )


def test_a_shared_name_asks_for_the_e_mail_address(world: World) -> None:
    twin = UserFactory(display_name=world.mentor.display_name)
    add_member(world.programme, twin, Role.MENTOR)
    response = world.client(world.lead).post(
        reverse("mentoring:start", args=[world.programme.slug]),
        {"mentor": world.mentor.display_name, "mentee": world.other_mentee.email, "kind": "one_to_one"},
        follow=True,
    )  # fmt: skip
    assert "type the e-mail address instead" in response.content.decode()
    assert not Relationship.objects.filter(participants__user=world.other_mentee).exists()


def test_a_leads_home_links_to_each_programmes_relationships(world: World) -> None:
    make_relationships(world, 2, started_days_ago=60)
    home = world.client(world.lead).get(reverse("home")).content.decode()
    assert reverse("mentoring:programme", args=[world.programme.slug]) in home
    assert "2 live: 2 overdue, 0 due soon." in home
    assert reverse("mentoring:programme", args=[world.programme.slug]) not in (
        world.client(world.facilitator).get(reverse("home")).content.decode()
    )
