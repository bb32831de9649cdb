"""The monthly newsletter: a draft from the month's highlights (only what every
member may read), editing and preview, sending through the task queue to those
who asked, a crash mid-batch, one-click unsubscribe and who may see what."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from tandem.blogs import services as blogs
from tandem.community import services as community
from tandem.community.models import Space
from tandem.core.models import AuditEntry
from tandem.forums import services as forums
from tandem.newsletter import services
from tandem.newsletter.models import Delivery, DeliveryState, Issue, IssueState
from tandem.newsletter.tasks import LEASE, resume_stalled, send_batches, send_issue
from tandem.newsletter.tokens import unsubscribe_path

from ..conftest import World
from ..factories import UserFactory
from ..helpers import XSS, assert_inert, queries_at_most

pytestmark = pytest.mark.django_db


def _root(world: World) -> Space:
    return community.community_of(programme=world.programme)


def _this_month() -> date:
    return timezone.localdate().replace(day=1)


def _subscribe(root: Space, *people: Any) -> None:
    for person in people:
        services.subscription_set(user=person, community=root, subscribed=True)


def _draft(world: World) -> Issue:
    return services.issue_draft(
        actor=world.facilitator, community=_root(world), month=_this_month()
    )


def test_draft_gathers_the_months_highlights_everyone_may_read(world: World) -> None:
    root = _root(world)
    open_space = community.space_create(
        actor=world.facilitator, community=root, name="Maths", summary="", kind="open"
    )
    hidden = community.space_create(
        actor=world.facilitator, community=root, name="Mentors' room", summary="", kind="restricted"
    )
    community.member_invite(actor=world.facilitator, space=hidden, user=world.mentor)
    community.space_join(actor=world.mentor, space=hidden)
    for person in (world.mentee, world.mentor, world.other_mentee):
        community.space_join(actor=person, space=open_space)
    busy = forums.topic_start(
        actor=world.mentee, space=open_space, title="Fraction walls", body="?"
    )
    forums.reply_add(actor=world.mentor, topic=busy, body="Paper plates.")
    forums.reply_add(actor=world.other_mentee, topic=busy, body="Egg cartons.")
    forums.topic_start(actor=world.mentor, space=hidden, title="A hard case", body="Private.")
    shared = blogs.post_save(
        actor=world.mentee, post=None, title="Radio maths", body="On air.",
        visibility="community", space=root,
    )  # fmt: skip
    blogs.post_save(
        actor=world.mentee, post=None, title="Only for my mentor", body="Hm.", visibility="mentors"
    )
    blogs.comment_add(actor=world.mentor, post=shared, body="Lovely.")

    issue = _draft(world)
    assert issue.state == IssueState.DRAFT
    assert "Fraction walls" in issue.body
    assert "2 replies this month in Maths" in issue.body
    assert "Radio maths" in issue.body
    assert "1 comment" in issue.body
    assert "A hard case" not in issue.body  # restricted: not every reader may open it
    assert "Only for my mentor" not in issue.body
    assert "Welcome to new members" in issue.body
    assert "Kiri Mentee" in issue.body
    assert str(world.facilitator) in issue.body  # signed
    assert AuditEntry.objects.filter(verb="newsletter.drafted").count() == 1


def test_titles_stay_words_in_the_draft(world: World) -> None:
    root = _root(world)
    forums.topic_start(
        actor=world.mentee, space=root, title="[click](javascript:alert(1)) **bold**", body="x"
    )
    issue = _draft(world)
    assert_inert(issue.html, "draft")
    assert "**bold**" in issue.html  # shown as typed, not emphasis
    assert "javascript:" not in issue.html.split("href=")[-1].split(">")[0]


def test_edit_preview_and_errors_keep_what_was_typed(world: World) -> None:
    issue = _draft(world)
    client = world.client(world.facilitator)
    url = reverse("newsletter:edit", args=[issue.pk])
    response = client.post(url, {"subject": "", "body": "My own words"})
    assert response.status_code == 400
    assert "My own words" in response.content.decode()
    response = client.post(url, {"subject": "November", "body": "## Hello\n\n" + "\n\n".join(XSS)})
    assert response.status_code == 302
    preview = client.get(reverse("newsletter:issue", args=[issue.pk])).content.decode()
    assert "Preview of a draft" in preview
    assert "<h2>Hello</h2>" in preview
    assert_inert(preview, "preview")


def test_send_reaches_exactly_the_members_who_asked(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    root = _root(world)
    declined = UserFactory(display_name="Dana Declined")
    left = UserFactory(display_name="Lou Left")
    for person in (declined, left):
        community.space_join(actor=person, space=_open_root(root))
    _subscribe(root, world.mentee, world.mentor, world.facilitator, left, world.outsider)
    services.subscription_set(user=declined, community=root, subscribed=False)
    community.space_leave(actor=left, space=root)
    issue = _draft(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client(world.facilitator).post(reverse("newsletter:send", args=[issue.pk]))
    assert response.status_code == 302
    to = sorted(m.to[0] for m in mail.outbox)
    # the outsider (not a member) asked but is not in the community; Dana said no; Lou left
    assert to == sorted(p.email for p in (world.mentee, world.mentor, world.facilitator))
    message = mail.outbox[0]
    assert message.subject == issue.subject
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/newsletter/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    html = message.alternatives[0].content  # type: ignore[attr-defined]
    assert "Here is what happened" in html
    assert_inert(html, "e-mail")
    issue.refresh_from_db()
    assert issue.state == IssueState.SENT
    assert issue.recipient_count == 3
    assert AuditEntry.objects.filter(verb="newsletter.sent").count() == 1
    with pytest.raises(ValidationError):  # a second press sends nothing
        services.issue_send(actor=world.facilitator, issue=issue)
    page = world.client(world.facilitator).get(reverse("newsletter:issue", args=[issue.pk]))
    assert "E-mailed to 3 of 3 members." in page.content.decode()


def _open_root(root: Space) -> Space:
    Space.objects.filter(pk=root.pk).update(kind="open")
    root.refresh_from_db()
    return root


def test_nobody_subscribed_is_a_clear_error(world: World) -> None:
    issue = _draft(world)
    response = world.client(world.facilitator).post(
        reverse("newsletter:send", args=[issue.pk]), follow=True
    )
    assert "Nobody receives the newsletter yet" in response.content.decode()
    issue.refresh_from_db()
    assert issue.state == IssueState.DRAFT


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it runs, no handler sees it."""


@pytest.fixture
def dies_on_message(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker dies while handing its n-th message (counted from 1) to the relay."""
    die_at: list[int] = []
    original = EmailMessage.send
    calls = {"n": 0}

    def send(self: EmailMessage, fail_silently: bool = False) -> int:
        calls["n"] += 1
        if die_at and calls["n"] == die_at[0]:
            raise WorkerKilled
        return original(self, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", send)
    return die_at


def test_a_worker_killed_mid_batch_resumes_nobody_missed_nobody_twice(
    world: World, settings: Any, dies_on_message: list[int]
) -> None:
    settings.TANDEM_NEWSLETTER_BATCH = 4
    root = _open_root(_root(world))
    members = [UserFactory(display_name=f"Member {n}") for n in range(11)]
    for person in members:
        community.space_join(actor=person, space=root)
    _subscribe(root, *members)
    issue = services.issue_send(actor=world.facilitator, issue=_draft(world))
    # (the on-commit enqueue does not run inside a test transaction: the test is the worker)
    mail.outbox.clear()
    dies_on_message.append(6)  # first batch of 4 sent; dies on the 2nd of the 2nd batch
    with pytest.raises(WorkerKilled):
        send_batches(issue.pk)
    assert len(mail.outbox) == 5
    states = list(Delivery.objects.filter(issue=issue).values_list("state", flat=True))
    assert states.count(DeliveryState.SENT) == 5
    assert states.count(DeliveryState.CLAIMED) == 3  # the dead worker's rest of the batch

    dies_on_message.clear()
    # A second worker carries on at once with what nobody holds…
    assert send_batches(issue.pk) is False
    assert len(mail.outbox) == 5 + 3
    assert resume_stalled(timezone.now()) == 0  # …and the dead claims are still young.
    with time_machine.travel(timezone.now() + LEASE + timedelta(minutes=1)):
        assert resume_stalled(timezone.now()) == 1  # the periodic job re-queues the issue
        assert send_batches(issue.pk) is True
    recipients = [m.to[0] for m in mail.outbox]
    assert sorted(recipients) == sorted(p.email for p in members)  # each exactly once
    issue.refresh_from_db()
    assert issue.state == IssueState.SENT
    assert not Delivery.objects.filter(issue=issue).exclude(state=DeliveryState.SENT).exists()
    assert send_batches(issue.pk) is True
    assert len(mail.outbox) == 11  # a late rerun sends nothing


def test_someone_who_unsubscribes_while_sending_is_skipped(
    world: World, settings: Any, dies_on_message: list[int]
) -> None:
    settings.TANDEM_NEWSLETTER_BATCH = 2
    root = _root(world)
    _subscribe(root, world.mentee, world.mentor, world.other_mentee)
    issue = services.issue_send(actor=world.facilitator, issue=_draft(world))
    services.subscription_set(user=world.other_mentee, community=root, subscribed=False)
    mail.outbox.clear()
    assert send_batches(issue.pk) is True
    assert world.other_mentee.email not in [m.to[0] for m in mail.outbox]
    assert len(mail.outbox) == 2
    assert Delivery.objects.get(issue=issue, user=world.other_mentee).state == DeliveryState.SKIPPED


def test_sending_a_batch_costs_a_constant_number_of_queries_per_message(
    world: World, settings: Any
) -> None:
    settings.TANDEM_NEWSLETTER_BATCH = 100
    root = _open_root(_root(world))
    members = [UserFactory() for _n in range(12)]
    for person in members:
        community.space_join(actor=person, space=root)
    _subscribe(root, *members)
    issue = services.issue_send(actor=world.facilitator, issue=_draft(world))
    with queries_at_most(
        8 + 3 * 12
    ):  # claim once; per message: refresh claim, mark sent (+1 spare)
        assert send_batches(issue.pk) is True


def test_task_runs_through_the_queue(world: World, django_capture_on_commit_callbacks: Any) -> None:
    root = _root(world)
    _subscribe(root, world.mentee)
    issue = services.issue_send(actor=world.facilitator, issue=_draft(world))
    mail.outbox.clear()
    send_issue.enqueue(issue_id=issue.pk)  # immediate backend in tests
    assert [m.to[0] for m in mail.outbox] == [world.mentee.email]


def test_one_click_unsubscribe_needs_no_sign_in(world: World, anonymous: Any) -> None:
    root = _root(world)
    _subscribe(root, world.mentee)
    url = unsubscribe_path(world.mentee.pk, root.pk)
    page = anonymous.get(url)
    assert page.status_code == 200
    assert "Stop receiving" in page.content.decode()
    response = anonymous.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Done" in response.content.decode()
    from tandem.newsletter.selectors import is_subscribed

    assert not is_subscribed(world.mentee, root)
    assert anonymous.get(url[:-6] + "XXXXX/").status_code == 404
    assert anonymous.post("/newsletter/unsubscribe/not-a-token/").status_code == 404


def test_who_sees_what(world: World) -> None:
    root = _root(world)
    _subscribe(root, world.mentee)
    draft = _draft(world)
    sent = services.issue_send(actor=world.facilitator, issue=_draft(world))
    send_batches(sent.pk)
    member, outsider = world.client(world.mentee), world.client(world.outsider)
    archive = reverse("newsletter:archive", args=[root.pk])
    page = member.get(archive).content.decode()
    assert sent.subject in page
    assert "Start a draft" not in page
    assert reverse("newsletter:issue", args=[draft.pk]) not in page
    assert member.get(reverse("newsletter:issue", args=[draft.pk])).status_code == 404
    assert member.get(reverse("newsletter:edit", args=[draft.pk])).status_code == 404
    assert member.post(reverse("newsletter:send", args=[draft.pk])).status_code == 404
    assert (
        member.post(reverse("newsletter:new", args=[root.pk]), {"month": "2026-10"}).status_code
        == 404
    )
    for url in (archive, reverse("newsletter:issue", args=[sent.pk])):
        assert outsider.get(url).status_code == 404  # not in this programme's community
    assert world.client(None).get(archive).status_code == 302
    staff = world.client(world.facilitator)
    assert "Start a draft" in staff.get(archive).content.decode()
    assert (
        staff.post(reverse("newsletter:new", args=[root.pk]), {"month": "nope"}).status_code == 302
    )
    assert (
        staff.get(reverse("newsletter:edit", args=[sent.pk])).status_code == 302
    )  # sent: read-only


def test_the_community_page_offers_the_newsletter(world: World) -> None:
    root = _root(world)
    client = world.client(world.mentee)
    page = client.get(reverse("community:space", args=[root.pk])).content.decode()
    assert "Monthly newsletter" in page
    assert "Receive the newsletter" in page
    client.post(
        reverse("newsletter:subscription", args=[root.pk]), {"subscribe": "1", "back": "space"}
    )
    page = client.get(reverse("community:space", args=[root.pk])).content.decode()
    assert "You receive it by e-mail." in page
    assert AuditEntry.objects.filter(verb="newsletter.subscribed").count() == 1
