"""Intake, committee review and matching, end to end through HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem.core.models import AuditEntry
from tandem.intake.availability import utc_hours
from tandem.intake.models import Application, ApplicationStatus, Cohort
from tandem.matching.models import MatchRun
from tandem.mentoring.models import Participant, Relationship
from tandem.programmes.models import Role
from tandem.programmes.programme_models import preset
from tandem.programmes.selectors import roles_in

from ..conftest import World
from ..factories import UserFactory, add_member


@pytest.fixture
def cohort(world: World) -> Cohort:
    cohort = Cohort.objects.create(programme=world.programme, name="2027 intake", rolling=True)
    cohort.committee.add(world.mentor)
    return cohort


def apply_url(world: World, cohort: Cohort, kind: str = "mentee", draft: bool = False) -> str:
    name = "intake:apply_draft" if draft else "intake:apply"
    return reverse(name, args=[world.programme.slug, cohort.pk, kind])


MENTEE_ANSWERS = {
    "interests": "Keeping senior chemistry practical when my students are online",
    "experiences": "Two years teaching at a small rural school",
    "challenges": "Labs without a lab",
    "hopes": "More hands-on work",
    "subjects": "Chemistry, Science",
    "sector": "secondary",
    "role": "beginning teacher",
    "region": "Gisborne",
    "country": "NZ",
    "time_zone": "Pacific/Auckland",
    "language": "English",
    "availability": ["1-4", "3-4"],
    "co_mentor_request": "",
    "research_consent": "yes",
}


def test_the_public_page_invites_signed_out_visitors(world: World, cohort: Cohort) -> None:
    body = (
        world.client(None)
        .get(reverse("intake:landing", args=[world.programme.slug]))
        .content.decode()
    )
    assert "2027 intake" in body
    assert "Create an account to apply" in body


def test_a_draft_survives_leaving_the_page(world: World, cohort: Cohort) -> None:
    applicant = UserFactory(display_name="Aroha Ngata")
    client = world.client(applicant)
    partial = {
        "interests": "Half a thought about",
        "availability": ["2-4"],
        "capacity": "not-a-number",
    }
    response = client.post(
        apply_url(world, cohort, draft=True), partial, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "Draft saved at" in response.content.decode()
    page = client.get(apply_url(world, cohort)).content.decode()
    assert "Half a thought about" in page
    assert '<option value="Pacific/Auckland" selected>' in page  # from the profile
    assert 'value="2-4" id="id_availability_12" checked' in page or 'value="2-4"' in page
    assert Application.objects.get(applicant=applicant).status == ApplicationStatus.DRAFT


def test_sending_checks_the_answers_and_keeps_them(world: World, cohort: Cohort) -> None:
    applicant = UserFactory()
    client = world.client(applicant)
    response = client.post(
        apply_url(world, cohort), {**MENTEE_ANSWERS, "time_zone": "Mars/Base", "interests": ""}
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    saved = Application.objects.get(applicant=applicant)
    assert saved.status == ApplicationStatus.DRAFT
    assert saved.answers["challenges"] == "Labs without a lab"  # nothing typed is lost


def test_sending_a_valid_application_confirms_by_email(
    world: World, cohort: Cohort, django_capture_on_commit_callbacks: Any
) -> None:
    applicant = UserFactory(time_zone="Pacific/Chatham")
    client = world.client(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(world, cohort), MENTEE_ANSWERS)
    assert response.status_code == 302
    application = Application.objects.get(applicant=applicant)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.answers["subjects"] == ["Chemistry", "Science"]
    assert application.research_consent is True
    assert "research_consent" not in application.answers
    assert mail.outbox[-1].to == [applicant.email]
    assert "Pacific/Chatham" in mail.outbox[-1].body
    # Sent applications cannot be changed any more, only seen.
    assert "Waiting for review" in client.get(apply_url(world, cohort)).content.decode()


def test_a_closed_cohort_takes_no_applications(world: World) -> None:
    now = timezone.now()
    closed = Cohort.objects.create(
        programme=world.programme, name="2025", opens_at=now - timezone.timedelta(days=60),
        closes_at=now - timezone.timedelta(days=30),
    )  # fmt: skip
    client = world.client(UserFactory())
    assert "Applications are closed" in client.get(apply_url(world, closed)).content.decode()
    response = client.post(apply_url(world, closed, draft=True), {"interests": "x"})
    assert "closed" in response.content.decode()
    assert not Application.objects.exists()


def test_unknown_kind_and_cohort_are_404(world: World, cohort: Cohort) -> None:
    client = world.client(UserFactory())
    assert (
        client.get(
            reverse("intake:apply", args=[world.programme.slug, cohort.pk, "boss"])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("intake:apply", args=[world.programme.slug, 999, "mentee"])).status_code
        == 404
    )


def submitted(cohort: Cohort, user: Any, kind: str = "mentee", **answers: Any) -> Application:
    base = {"subjects": ["Chemistry"], "sector": "secondary", "time_zone": "Pacific/Auckland",
            "availability": ["1-4"], "interests": "practical chemistry online"}  # fmt: skip
    if kind == "mentor":
        base |= {"capacity": 2, "expertise": "chemistry practicals online"}
    return Application.objects.create(
        cohort=cohort, applicant=user, kind=kind, status=ApplicationStatus.SUBMITTED,
        submitted_at=timezone.now(), answers=base | answers,
    )  # fmt: skip


def test_committee_lists_filters_comments_and_decides(
    world: World, cohort: Cohort, django_capture_on_commit_callbacks: Any
) -> None:
    ana = submitted(cohort, UserFactory(display_name="Ana Folau"), research_consent=None)
    submitted(cohort, UserFactory(display_name="Ben Okafor"), "mentor")
    client = world.client(world.mentor)  # on the committee
    list_url = reverse("intake:review_list", args=[world.programme.slug, cohort.pk])
    assert "Ana Folau" in client.get(list_url, {"kind": "mentee"}).content.decode()
    assert "Ben Okafor" not in client.get(list_url, {"kind": "mentee"}).content.decode()
    assert "Ana Folau" in client.get(list_url, {"q": "PRACTICAL chem"}).content.decode()
    url = reverse("intake:review_application", args=[world.programme.slug, cohort.pk, ana.pk])
    page = client.get(url).content.decode()
    assert "practical chemistry online" in page
    assert "research" not in page.lower()  # consent is never shown to the committee
    client.post(url, {"comment": "1", "body": "Strong fit for Mereana."})
    assert "Strong fit for Mereana." in client.get(url).content.decode()
    assert (
        client.post(url, {"decide": "1", "decision": "accepted", "reason": ""}).status_code == 400
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"decide": "1", "decision": "accepted", "reason": "Welcome aboard."}
        )
    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.status == ApplicationStatus.ACCEPTED
    assert Role.MENTEE in roles_in(ana.applicant, world.programme)
    assert "Welcome aboard." in mail.outbox[-1].body
    assert AuditEntry.objects.filter(verb="application.decided").exists()


def test_a_mentor_not_on_the_committee_cannot_review(world: World, cohort: Cohort) -> None:
    other = UserFactory()
    add_member(world.programme, other, Role.MENTOR)
    url = reverse("intake:review_list", args=[world.programme.slug, cohort.pk])
    assert world.client(other).get(url).status_code == 404


def accepted(cohort: Cohort, user: Any, kind: str = "mentee", **answers: Any) -> Application:
    application = submitted(cohort, user, kind, **answers)
    application.status = ApplicationStatus.ACCEPTED
    application.save()
    add_member(cohort.programme, user, Role.MENTEE if kind == "mentee" else Role.MENTOR)
    return application


def test_run_lock_rerun_approve_and_see_each_other(world: World, cohort: Cohort) -> None:
    kiri, sam = UserFactory(display_name="Kiri Walker"), UserFactory(display_name="Sam Adeyemi")
    mere, hyun = (
        UserFactory(display_name="Mereana Tākao"),
        UserFactory(display_name="Hyun-woo Park"),
    )
    accepted(cohort, kiri, subjects=["Chemistry"])
    accepted(cohort, sam, subjects=["History"], interests="history podcasts")
    accepted(cohort, mere, "mentor", subjects=["Chemistry"], capacity=1)
    accepted(cohort, hyun, "mentor", subjects=["History"], capacity=1, expertise="history")
    client = world.client(world.lead)
    page_url = reverse("matching:cohort", args=[world.programme.slug, cohort.pk])
    client.post(page_url)
    run = MatchRun.objects.get()
    pairs = {(p["mentee"], p["mentor"]) for p in run.result["pairs"]}
    assert pairs == {(kiri.pk, mere.pk), (sam.pk, hyun.pk)}
    page = client.get(page_url).content.decode()
    assert "Subjects or disciplines in common" in page  # the explanation
    rule_url = reverse("matching:rule", args=[world.programme.slug, cohort.pk])
    client.post(rule_url, {"mentee": kiri.pk, "mentor": hyun.pk, "rule": "lock"})
    client.post(page_url)
    rerun = MatchRun.objects.order_by("-pk").first()
    assert rerun is not None
    assert {(p["mentee"], p["mentor"]) for p in rerun.result["pairs"]} >= {(kiri.pk, hyun.pk)}
    assert "Compared with proposal" in client.get(page_url).content.decode()
    approve = reverse("matching:approve", args=[world.programme.slug, cohort.pk, rerun.pk])
    assert client.post(approve).status_code == 302
    assert Relationship.objects.count() == len(rerun.result["pairs"])
    assert Participant.objects.filter(user=kiri, role="mentee").exists()
    assert "Hyun-woo Park" in world.client(kiri).get(reverse("home")).content.decode()
    assert "Kiri Walker" in world.client(hyun).get(reverse("home")).content.decode()
    client.post(approve)  # a second approval starts nothing new
    assert Relationship.objects.count() == len(rerun.result["pairs"])
    # Matched mentees are not proposed again: only the newcomer is.
    newcomer = UserFactory(display_name="Tia Ruru")
    accepted(cohort, newcomer, subjects=["Chemistry"])
    client.post(page_url)
    latest = MatchRun.objects.order_by("-pk").first()
    assert latest is not None
    assert {p["mentee"] for p in latest.result["pairs"]} | {
        u["mentee"] for u in latest.result["unmatched"]
    } == {newcomer.pk}


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("nobody", "There is nobody to match"),
        ("no_mentors", "no mentors to match with"),
        ("impossible_lock", "room for 0"),
        ("help_pool", "help pool"),
    ],
)
def test_matching_explains_what_stops_it(
    world: World, cohort: Cohort, setup: str, message: str
) -> None:
    if setup != "nobody":
        mentee = UserFactory()
        accepted(cohort, mentee)
    if setup == "impossible_lock":
        mentor = UserFactory()
        accepted(cohort, mentor, "mentor", capacity=0)
        cohort.pair_rules.create(mentee=mentee, mentor=mentor, rule="lock")
    if setup == "help_pool":
        world.programme.programme_model = preset("colorado-online")
        world.programme.save()
    client = world.client(world.lead)
    url = reverse("matching:cohort", args=[world.programme.slug, cohort.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MatchRun.objects.exists()


def test_availability_grid_becomes_utc_hours() -> None:
    # Tuesday 18:00–21:00 in Auckland (UTC+13 in March) is Tuesday 05:00–08:00 UTC.
    assert utc_hours(["1-4"], "Pacific/Auckland") == frozenset({24 + 5, 24 + 6, 24 + 7})
    assert utc_hours(["0-0", "bad", "9-9"], "Not/AZone") == frozenset({6, 7, 8})


def test_a_line_manager_is_never_proposed_as_mentor(world: World, cohort: Cohort) -> None:
    principal = UserFactory(display_name="Graham Whitcombe", email="graham@school.test")
    other = UserFactory(display_name="Hana Kawhia")
    teacher = UserFactory()
    accepted(cohort, teacher, line_manager="GRAHAM@school.test ")
    accepted(cohort, principal, "mentor", capacity=3)
    accepted(cohort, other, "mentor", capacity=3, subjects=["History"])
    world.client(world.lead).post(
        reverse("matching:cohort", args=[world.programme.slug, cohort.pk])
    )
    run = MatchRun.objects.get()
    assert [(p["mentee"], p["mentor"]) for p in run.result["pairs"]] == [(teacher.pk, other.pk)]


def test_open_programmes_are_listed_for_everyone(world: World, cohort: Cohort) -> None:
    body = world.client(None).get(reverse("intake:open")).content.decode()
    assert world.programme.name in body
    assert "Join a programme" in body
    cohort.rolling = False
    cohort.save()  # no dates and not rolling: closed
    assert (
        world.programme.name not in world.client(None).get(reverse("intake:open")).content.decode()
    )
