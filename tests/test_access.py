"""Every view refuses outsiders and anonymous people: 404 or a login redirect,
never another person's data. A new URL without a row here fails the suite."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tandem.blogs import services as blogs
from tandem.blogs.models import Post
from tandem.community import services as community
from tandem.community.handles import handle_for
from tandem.community.models import Space, SpaceMember
from tandem.core.calendar import feed_token
from tandem.events import services as events
from tandem.events.models import ChatLine, Event
from tandem.forums import services as forums
from tandem.forums.models import Topic
from tandem.intake.models import Application, Cohort
from tandem.matching.models import MatchRun
from tandem.mentoring import services as mentoring
from tandem.mentoring.models import PracticeReflection, Relationship, TimeEntry
from tandem.mentoring.services import relationship_create
from tandem.messaging import services as messaging
from tandem.moderation.models import ReviewItem
from tandem.moderation.registry import flaggable
from tandem.moderation.services import flag_add
from tandem.newsletter import services as newsletter
from tandem.newsletter.models import Issue, IssueState
from tandem.newsletter.tokens import unsubscribe_path
from tandem.notifications.models import Notification
from tandem.notifications.tokens import unsubscribe_token
from tandem.programmes.models import Membership
from tandem.resources import services as resources
from tandem.resources.models import Resource
from tandem.showcase import services as showcase
from tandem.showcase.models import Feature

from .conftest import World

PROJECT_NAMESPACES = {
    "accounts", "programmes", "intake", "matching", "mentoring", "messaging", "liveroom",
    "notifications", "community", "blogs", "forums", "moderation", "search", "newsletter",
    "resources", "showcase", "events",
}  # fmt: skip
WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 64
PUBLIC = "public"  # anyone may open it
OWN = "own"  # signed-in people see only their own data; anonymous → login
PROTECTED = "protected"  # someone else's data: outsider → 404, anonymous → login or 404


@dataclass
class Case:
    kind: str
    url: Callable[[World], str]
    method: str = "get"
    allowed: str = "mentee"  # a persona who may use it (proves the URL is real)


def _community(world: World) -> Space:
    return community.community_of(programme=world.programme)


def _group(world: World) -> int:
    """A restricted space of the programme: the mentee is in it, the lead is not."""
    existing = Space.objects.filter(programme=world.programme, name="Quiet room").first()
    if existing:
        return existing.pk
    space = community.space_create(
        actor=world.facilitator, community=_community(world), name="Quiet room",
        summary="Restricted", kind="restricted",
    )  # fmt: skip
    community.member_invite(actor=world.facilitator, space=space, user=world.mentee)
    community.space_join(actor=world.mentee, space=space)
    return space.pk


def _issue(world: World, *, sent: bool) -> int:
    """A newsletter issue of the programme's community: sent, or a draft."""
    root = _community(world)
    state = IssueState.SENT if sent else IssueState.DRAFT
    existing = Issue.objects.filter(community=root, state=state).first()
    if existing:
        return existing.pk
    issue = newsletter.issue_draft(actor=world.facilitator, community=root, month=date(2026, 10, 1))
    if sent:
        Issue.objects.filter(pk=issue.pk).update(state=IssueState.SENT, sent_at=timezone.now())
    return issue.pk


def _resource(world: World) -> int:
    """The mentee's captioned video in the restricted Quiet room."""
    existing = Resource.objects.filter(added_by=world.mentee).first()
    if existing:
        return existing.pk
    return resources.resource_add(
        actor=world.mentee, space=Space.objects.get(pk=_group(world)), kind="video",
        title="My lesson opening", upload=SimpleUploadedFile("a.webm", WEBM),
        captions=SimpleUploadedFile("a.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nKia ora\n"),
    ).pk  # fmt: skip


def _event(world: World) -> int:
    """A live chat in the restricted Quiet room, planned by the facilitator."""
    existing = Event.objects.filter(space_id=_group(world)).first()
    return (existing or events.event_create(
        actor=world.facilitator, space=Space.objects.get(pk=_group(world)), title="Quiet chat",
        format="chat", starts_at=timezone.now() + timedelta(days=2), minutes=45,
    )).pk  # fmt: skip


def _chat_line(world: World) -> list[int]:
    event = _event(world)
    line = ChatLine.objects.filter(event_id=event).first() or ChatLine.objects.create(
        event_id=event, author=world.mentee, text="Kia ora"
    )
    return [event, line.pk]


def _root_topic(world: World) -> int:
    """The mentee's discussion in the programme's community."""
    existing = Topic.objects.filter(space=_community(world)).first()
    return (existing or forums.topic_start(
        actor=world.mentee, space=_community(world), title="Hello all", body="Kia ora",
        kind="discussion",
    )).pk  # fmt: skip


def _feature(world: World) -> int:
    """A celebration on the community's front page."""
    existing = Feature.objects.first()
    return (existing or showcase.feature_add(
        actor=world.facilitator, space=_community(world), title="A year of mentoring"
    )).pk  # fmt: skip


def _community_row(world: World) -> list[int]:
    root = _community(world)
    row, _ = SpaceMember.objects.get_or_create(
        space=root, user=world.other_mentee, defaults={"status": "active"}
    )
    return [root.pk, row.pk]


def _notification(world: World) -> int:
    return Notification.objects.create(
        recipient=world.mentee,
        kind="community.invited",
        summary="Private",
        url="/",
        target_type=None,
    ).pk


def _post(world: World) -> Post:
    """The mentee's post for their mentors only."""
    existing = Post.objects.filter(author=world.mentee).first()
    return existing or blogs.post_save(
        actor=world.mentee, post=None, title="After my observation", body="Private thoughts",
        visibility="mentors",
    )  # fmt: skip


def _post_args(world: World) -> list[str]:
    return [handle_for(world.mentee), _post(world).slug]


def _comment_args(world: World) -> list[Any]:
    post = _post(world)
    comment = post.comments.first() or blogs.comment_add(actor=world.mentee, post=post, body="Mine")
    return [*_post_args(world), comment.pk]


def _topic(world: World) -> Topic:
    """The mentee's discussion in the restricted Quiet room."""
    existing = Topic.objects.filter(author=world.mentee).first()
    return existing or forums.topic_start(
        actor=world.mentee, space=Space.objects.get(pk=_group(world)), title="Quiet worries",
        body="Private words", kind="question",
    )  # fmt: skip


def _forum_post(world: World) -> list[int]:
    topic = _topic(world)
    return [topic.pk, topic.posts.get(number=1).pk]


def _review_item(world: World) -> int:
    existing = ReviewItem.objects.first()
    if existing:
        return existing.pk
    topic = _topic(world)
    kind = flaggable("forum-post")
    assert kind is not None
    return flag_add(
        actor=world.facilitator, flaggable=kind, target=topic.posts.get(number=1), reason="other"
    ).pk


def _membership(world: World) -> int:
    return Membership.objects.get(programme=world.programme, user=world.mentee).pk


def _cohort(world: World) -> Cohort:
    cohort, _ = Cohort.objects.get_or_create(
        programme=world.programme, name="2027 intake", defaults={"rolling": True}
    )
    return cohort


def _application(world: World) -> int:
    application, _ = Application.objects.get_or_create(
        cohort=_cohort(world), applicant=world.outsider, kind="mentee",
        defaults={"status": "submitted", "answers": {"interests": "Outsider's private answer"}},
    )  # fmt: skip
    return application.pk


def _run(world: World) -> int:
    run, _ = MatchRun.objects.get_or_create(
        cohort=_cohort(world), defaults={"result": {"pairs": [], "unmatched": [], "co_mentors": []}}
    )
    return run.pk


def _relationship(world: World) -> int:
    existing = Relationship.objects.filter(participants__user=world.mentee).first()
    if existing:
        return existing.pk
    return relationship_create(
        actor=world.lead, programme=world.programme, kind="one_to_one",
        mentors=[world.mentor], mentees=[world.mentee],
    ).pk  # fmt: skip


def _conversation(world: World) -> int:
    rel = Relationship.objects.get(pk=_relationship(world))
    return messaging.conversation_for_relationship(relationship=rel).pk


def _message(world: World) -> tuple[int, int]:
    from tandem.messaging.models import Conversation

    conversation = Conversation.objects.get(pk=_conversation(world))
    message = conversation.messages.filter(author=world.mentee).first() or messaging.message_post(
        actor=world.mentee, conversation=conversation, body="Private words between us."
    )
    return conversation.pk, message.pk


def _attachment(world: World) -> int:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tandem.messaging.models import Attachment, Conversation

    existing = Attachment.objects.first()
    if existing:
        return existing.pk
    conversation = Conversation.objects.get(pk=_conversation(world))
    message = messaging.message_post(
        actor=world.mentee, conversation=conversation, body="Notes attached",
        files=[SimpleUploadedFile("notes.txt", b"My private notes", "text/plain")],
    )  # fmt: skip
    return message.attachments.get().pk


def _session(world: World) -> int:
    rel = Relationship.objects.get(pk=_relationship(world))
    existing = rel.sessions.first()
    if existing:
        return existing.pk
    return mentoring.session_schedule(
        actor=world.mentor, relationship=rel, duration_minutes=60,
        starts_at=timezone.now() - timedelta(hours=2),
    ).pk  # fmt: skip


def _recording(world: World) -> tuple[int, int, int]:
    """A saved recording of the relationship's session (the mentor made it)."""
    from django.core.files.base import ContentFile

    from tandem.liveroom.models import Recording, RecordingStatus

    session = _session(world)
    rel = _relationship(world)
    recording = Recording.objects.filter(session_id=session).first()
    if recording is None:
        recording = Recording(session_id=session, requested_by=world.mentor, recorder_peer="p",
                              status=RecordingStatus.SAVED, content_type="audio/webm",
                              required_user_ids=[world.mentor.pk, world.mentee.pk])  # fmt: skip
        recording.file.save("r.webm", ContentFile(b"\x1a\x45\xdf\xa3private voices"))
    return rel, session, recording.pk


def _goal(world: World) -> int:
    rel = Relationship.objects.get(pk=_relationship(world))
    existing = rel.goals.first()
    if existing:
        return existing.pk
    return mentoring.goal_create(
        actor=world.mentee, relationship=rel, fields={"title": "Kiri's private goal"}
    ).pk


def _step(world: World) -> int:
    goal = Relationship.objects.get(pk=_relationship(world)).goals.get(pk=_goal(world))
    step = goal.steps.first() or mentoring.goal_step_add(
        actor=world.mentee, goal=goal, title="First step", due_on=None
    )
    return step.pk


def _action(world: World) -> int:
    rel = Relationship.objects.get(pk=_relationship(world))
    action = rel.action_points.first() or mentoring.action_add(
        actor=world.mentee, relationship=rel, text="Kiri's action", owner=world.mentee
    )
    return action.pk


def _reflection(world: World) -> int:
    reflection = PracticeReflection.objects.filter(author=world.mentor).first()
    return (reflection or PracticeReflection.objects.create(
        author=world.mentor, title="On listening", body="Mere's reflection")).pk  # fmt: skip


def _time_entry(world: World) -> int:
    entry = TimeEntry.objects.filter(mentor=world.mentor).first() or TimeEntry.objects.create(
        mentor=world.mentor, programme=world.programme, kind="preparation",
        on=timezone.localdate(), minutes=30,
    )  # fmt: skip
    return entry.pk


def _rel_url(name: str, *extra: Callable[[World], object]) -> Callable[[World], str]:
    return lambda w: reverse(f"mentoring:{name}", args=[_relationship(w), *(f(w) for f in extra)])


def _cohort_url(name: str, *extra: Callable[[World], object]) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.programme.slug, _cohort(w).pk, *(f(w) for f in extra)])


def _programme_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(f"programmes:{name}", args=[w.programme.slug])


CASES: dict[str, Case] = {
    "home": Case(PUBLIC, lambda w: reverse("home")),
    "accounts:profile_edit": Case(OWN, lambda w: reverse("accounts:profile_edit")),
    "accounts:privacy": Case(OWN, lambda w: reverse("accounts:privacy")),
    "accounts:data_export": Case(OWN, lambda w: reverse("accounts:data_export"), "post"),
    "accounts:account_delete": Case(OWN, lambda w: reverse("accounts:account_delete"), "post"),
    "accounts:person_detail": Case(
        PROTECTED, lambda w: reverse("accounts:person_detail", args=[w.mentee.pk]), allowed="mentor"
    ),
    "accounts:person_avatar": Case(
        PROTECTED, lambda w: reverse("accounts:person_avatar", args=[w.mentee.pk]), allowed="mentor"
    ),
    "programmes:list": Case(OWN, lambda w: reverse("programmes:list")),
    "programmes:detail": Case(
        PROTECTED, lambda w: reverse("programmes:detail", args=[w.programme.slug])
    ),
    "programmes:members": Case(
        PROTECTED, lambda w: reverse("programmes:members", args=[w.programme.slug]), allowed="lead"
    ),
    "programmes:membership_edit": Case(
        PROTECTED,
        lambda w: reverse("programmes:membership_edit", args=[w.programme.slug, _membership(w)]),
        allowed="lead",
    ),
    "programmes:membership_end": Case(
        PROTECTED,
        lambda w: reverse("programmes:membership_end", args=[w.programme.slug, _membership(w)]),
        "post",
        allowed="lead",
    ),
    "programmes:history": Case(
        PROTECTED, lambda w: reverse("programmes:history", args=[w.programme.slug]), allowed="lead"
    ),
    "intake:landing": Case(PUBLIC, lambda w: reverse("intake:landing", args=[w.programme.slug])),
    "intake:open": Case(PUBLIC, lambda w: reverse("intake:open")),
    "mentoring:relationship": Case(
        PROTECTED, lambda w: reverse("mentoring:relationship", args=[_relationship(w)])
    ),
    "mentoring:agreement": Case(
        PROTECTED, lambda w: reverse("mentoring:agreement", args=[_relationship(w)])
    ),
    **{
        f"mentoring:{name}": Case(PROTECTED, _rel_url(name, *extra), method)
        for name, method, extra in [
            ("contact_add", "post", ()),
            ("action_add", "post", ()),
            ("action_toggle", "post", (_action,)),
            ("pause_resume", "post", ()),
            ("end", "get", ()),
            ("advance", "post", ()),
            ("milestone", "post", (lambda w: "goals",)),
            ("search", "get", ()),
            ("export", "get", ()),
            ("schedule", "get", ()),
            ("session", "get", (_session,)),
            ("record_save", "post", (_session,)),
            ("record_draft", "post", (_session,)),
            ("private_note", "post", (_session,)),
            ("outcome", "post", (_session,)),
            ("reschedule", "get", (_session,)),
            ("cancel", "get", (_session,)),
            ("link_goals", "post", (_session,)),
            ("session_ics", "get", (_session,)),
            ("goal_new", "get", ()),
            ("goal", "get", (_goal,)),
            ("goal_edit", "post", (_goal,)),
            ("goal_status", "post", (_goal,)),
            ("goal_note", "post", (_goal,)),
            ("goal_step", "post", (_goal,)),
            ("goal_step_toggle", "post", (_goal, _step)),
        ]
    },
    "mentoring:caseload": Case(OWN, lambda w: reverse("mentoring:caseload"), allowed="mentor"),
    "mentoring:time": Case(OWN, lambda w: reverse("mentoring:time"), allowed="mentor"),
    "mentoring:practice": Case(OWN, lambda w: reverse("mentoring:practice"), allowed="mentor"),
    "mentoring:practice_edit": Case(
        PROTECTED,
        lambda w: reverse("mentoring:practice_edit", args=[_reflection(w)]),
        allowed="mentor",
    ),
    "mentoring:time_delete": Case(
        PROTECTED,
        lambda w: reverse("mentoring:time_delete", args=[_time_entry(w)]),
        "post",
        allowed="mentor",
    ),
    "mentoring:programme": Case(
        PROTECTED, lambda w: reverse("mentoring:programme", args=[w.programme.slug]), allowed="lead"
    ),
    "mentoring:people": Case(
        PROTECTED,
        lambda w: reverse("mentoring:people", args=[w.programme.slug]) + "?mentee=",
        allowed="lead",
    ),
    "mentoring:time_export": Case(
        PROTECTED,
        lambda w: (
            reverse("mentoring:time_export", args=[w.programme.slug])
            + "?start=2026-01-01&end=2026-12-31&format=csv"
        ),
        allowed="lead",
    ),
    **{
        f"mentoring:{name}": Case(
            PROTECTED,
            lambda w, n=name: reverse(f"mentoring:{n}", args=[w.programme.slug]),
            "post",
            allowed="lead",
        )
        for name in ("start", "supervision")
    },
    "messaging:inbox": Case(OWN, lambda w: reverse("messaging:inbox")),
    "messaging:search": Case(OWN, lambda w: reverse("messaging:search") + "?q=private"),
    "messaging:group_new": Case(
        OWN, lambda w: reverse("messaging:group_new"), "post", allowed="mentor"
    ),
    "messaging:for_relationship": Case(
        PROTECTED, lambda w: reverse("messaging:for_relationship", args=[_relationship(w)])
    ),
    "messaging:conversation": Case(
        PROTECTED, lambda w: reverse("messaging:conversation", args=[_conversation(w)])
    ),
    "messaging:members": Case(
        PROTECTED, lambda w: reverse("messaging:members", args=[_conversation(w)]), "post"
    ),
    "messaging:edit": Case(PROTECTED, lambda w: reverse("messaging:edit", args=_message(w))),
    "messaging:delete": Case(
        PROTECTED, lambda w: reverse("messaging:delete", args=_message(w)), "post"
    ),
    "messaging:attachment": Case(
        PROTECTED, lambda w: reverse("messaging:attachment", args=[_attachment(w)])
    ),
    "liveroom:room": Case(
        PROTECTED, lambda w: reverse("liveroom:room", args=[_relationship(w), _session(w)])
    ),
    "liveroom:recording": Case(
        PROTECTED, lambda w: reverse("liveroom:recording", args=_recording(w))
    ),
    "liveroom:recording_upload": Case(
        PROTECTED,
        lambda w: reverse("liveroom:recording_upload", args=_recording(w)),
        "post",
        allowed="mentor",
    ),
    "accounts:calendar": Case(OWN, lambda w: reverse("accounts:calendar")),
    # Calendar apps cannot sign in: the secret token is the credential.
    "accounts:calendar_feed": Case(
        PUBLIC, lambda w: reverse("accounts:calendar_feed", args=[feed_token(w.mentee)])
    ),
    "notifications:list": Case(OWN, lambda w: reverse("notifications:list")),
    "notifications:settings": Case(OWN, lambda w: reverse("notifications:settings")),
    "notifications:read_all": Case(OWN, lambda w: reverse("notifications:read_all"), "post"),
    "notifications:open": Case(
        PROTECTED, lambda w: reverse("notifications:open", args=[_notification(w)]), "post"
    ),
    # The signed token is the credential (links in e-mails work without signing in).
    "notifications:unsubscribe": Case(
        PUBLIC,
        lambda w: reverse("notifications:unsubscribe", args=[unsubscribe_token(w.mentee, "all")]),
    ),
    "community:home": Case(OWN, lambda w: reverse("community:home")),
    "blogs:home": Case(OWN, lambda w: reverse("blogs:home")),
    "blogs:new": Case(OWN, lambda w: reverse("blogs:new")),
    "blogs:edit": Case(PROTECTED, lambda w: reverse("blogs:edit", args=[_post(w).pk])),
    "blogs:delete": Case(PROTECTED, lambda w: reverse("blogs:delete", args=[_post(w).pk]), "post"),
    # A person's blog lists what the viewer may read: public posts for everyone.
    "blogs:author": Case(PUBLIC, lambda w: reverse("blogs:author", args=[handle_for(w.mentee)])),
    "blogs:feed": Case(PUBLIC, lambda w: reverse("blogs:feed", args=[handle_for(w.mentee)])),
    "blogs:post": Case(PROTECTED, lambda w: reverse("blogs:post", args=_post_args(w))),
    "blogs:comment": Case(
        PROTECTED, lambda w: reverse("blogs:comment", args=_post_args(w)), "post"
    ),
    "blogs:react": Case(PROTECTED, lambda w: reverse("blogs:react", args=_post_args(w)), "post"),
    "blogs:comment_remove": Case(
        PROTECTED, lambda w: reverse("blogs:comment_remove", args=_comment_args(w)), "post"
    ),
    **{
        f"community:{name}": Case(
            PROTECTED, lambda w, n=name: reverse(f"community:{n}", args=[_group(w)]), method
        )
        for name, method in [
            ("space", "get"),
            ("members", "get"),
            ("join", "post"),
            ("leave", "post"),
        ]
    },
    **{
        f"community:{name}": Case(
            PROTECTED,
            lambda w, n=name: reverse(f"community:{n}", args=[_community(w).pk]),
            method,
            allowed="lead",
        )
        for name, method in [
            ("space_new", "get"),
            ("space_edit", "get"),
            ("invite", "post"),
            ("figures", "get"),
        ]
    },
    "community:member_action": Case(
        PROTECTED,
        lambda w: reverse("community:member_action", args=_community_row(w)),
        "post",
        allowed="lead",
    ),
    "newsletter:archive": Case(
        PROTECTED, lambda w: reverse("newsletter:archive", args=[_community(w).pk])
    ),
    "newsletter:subscription": Case(
        PROTECTED, lambda w: reverse("newsletter:subscription", args=[_community(w).pk]), "post"
    ),
    "newsletter:new": Case(
        PROTECTED,
        lambda w: reverse("newsletter:new", args=[_community(w).pk]),
        "post",
        allowed="facilitator",
    ),
    "newsletter:issue": Case(
        PROTECTED, lambda w: reverse("newsletter:issue", args=[_issue(w, sent=True)])
    ),
    **{
        f"newsletter:{name}": Case(
            PROTECTED,
            lambda w, n=name: reverse(f"newsletter:{n}", args=[_issue(w, sent=False)]),
            method,
            allowed="facilitator",
        )
        for name, method in [("edit", "get"), ("send", "post"), ("discard", "post")]
    },
    "newsletter:unsubscribe": Case(
        PUBLIC,
        lambda w: unsubscribe_path(w.mentee.pk, _community(w).pk),
    ),
    **{
        f"resources:{name}": Case(
            PROTECTED, lambda w, n=name: reverse(f"resources:{n}", args=[_group(w)]), method
        )
        for name, method in [("library", "get"), ("new", "get")]
    },
    **{
        f"resources:{name}": Case(
            PROTECTED, lambda w, n=name: reverse(f"resources:{n}", args=[_resource(w)]), method
        )
        for name, method in [
            ("resource", "get"),
            ("edit", "get"),
            ("delete", "post"),
            ("file", "get"),
            ("captions", "get"),
        ]
    },
    "showcase:new": Case(
        PROTECTED,
        lambda w: reverse("showcase:new") + f"?kind=forum-topic&id={_root_topic(w)}",
        allowed="facilitator",
    ),
    "showcase:space": Case(PROTECTED, lambda w: reverse("showcase:space", args=[_group(w)])),
    "showcase:remove": Case(
        PROTECTED,
        lambda w: reverse("showcase:remove", args=[_feature(w)]),
        "post",
        allowed="facilitator",
    ),
    "search:search": Case(OWN, lambda w: reverse("search:search") + "?q=quiet"),
    "events:home": Case(OWN, lambda w: reverse("events:home")),
    "events:space": Case(PROTECTED, lambda w: reverse("events:space", args=[_group(w)])),
    "events:new": Case(
        PROTECTED, lambda w: reverse("events:new", args=[_group(w)]), allowed="facilitator"
    ),
    **{
        f"events:{name}": Case(
            PROTECTED, lambda w, n=name: reverse(f"events:{n}", args=[_event(w)]), method
        )
        for name, method in [
            ("event", "get"),
            ("ics", "get"),
            ("chat", "get"),
            ("register", "post"),
            ("unregister", "post"),
            ("join", "post"),
        ]
    },
    **{
        f"events:{name}": Case(
            PROTECTED,
            lambda w, n=name: reverse(f"events:{n}", args=[_event(w)]),
            method,
            allowed="facilitator",
        )
        for name, method in [
            ("edit", "get"),
            ("cancel", "get"),
            ("attendance", "get"),
            ("recording", "post"),
        ]
    },
    "events:chat_hide": Case(
        PROTECTED,
        lambda w: reverse("events:chat_hide", args=_chat_line(w)),
        "post",
        allowed="facilitator",
    ),
    "moderation:queue": Case(OWN, lambda w: reverse("moderation:queue")),
    "moderation:flag": Case(
        PROTECTED, lambda w: reverse("moderation:flag", args=["forum-post", _forum_post(w)[1]])
    ),
    "moderation:review": Case(
        PROTECTED,
        lambda w: reverse("moderation:review", args=[_review_item(w)]),
        "post",
        allowed="facilitator",
    ),
    **{
        f"forums:{name}": Case(
            PROTECTED, lambda w, n=name: reverse(f"forums:{n}", args=[_group(w)]), method
        )
        for name, method in [("list", "get"), ("new", "get"), ("space_watch", "post")]
    },
    **{
        f"forums:{name}": Case(
            PROTECTED,
            lambda w, n=name: reverse(f"forums:{n}", args=[_topic(w).pk]),
            method,
            allowed=allowed,
        )
        for name, method, allowed in [
            ("topic", "get", "mentee"),
            ("reply", "post", "mentee"),
            ("watch", "post", "mentee"),
            ("answer", "post", "mentee"),
            ("moderate", "post", "facilitator"),
        ]
    },
    "forums:post": Case(PROTECTED, lambda w: reverse("forums:post", args=[_topic(w).pk, 1])),
    **{
        f"forums:{name}": Case(
            PROTECTED,
            lambda w, n=name: reverse(f"forums:{n}", args=_forum_post(w)),
            method,
            allowed=allowed,
        )
        for name, method, allowed in [
            ("edit", "get", "mentee"),
            ("history", "get", "mentee"),
            ("delete", "post", "mentee"),
            ("post_moderate", "post", "facilitator"),
        ]
    },
    "intake:apply": Case(OWN, _cohort_url("intake:apply", lambda w: "mentee")),
    "intake:apply_draft": Case(OWN, _cohort_url("intake:apply_draft", lambda w: "mentee"), "post"),
    "intake:review_home": Case(
        PROTECTED, lambda w: reverse("intake:review_home", args=[w.programme.slug]), allowed="lead"
    ),
    "intake:cohort_new": Case(
        PROTECTED, lambda w: reverse("intake:cohort_new", args=[w.programme.slug]), allowed="lead"
    ),
    "intake:review_list": Case(PROTECTED, _cohort_url("intake:review_list"), allowed="lead"),
    "intake:review_application": Case(
        PROTECTED, _cohort_url("intake:review_application", _application), allowed="lead"
    ),
    "matching:cohort": Case(PROTECTED, _cohort_url("matching:cohort"), allowed="lead"),
    "matching:rule": Case(PROTECTED, _cohort_url("matching:rule"), "post", allowed="lead"),
    "matching:approve": Case(
        PROTECTED, _cohort_url("matching:approve", _run), "post", allowed="lead"
    ),
    **{
        f"programmes:{name}": Case(PROTECTED, _programme_url(name), method, allowed="lead")
        for name, method in [
            ("model", "get"),
            ("model_export", "get"),
            ("model_import", "post"),
            ("model_preset", "post"),
        ]
    },
}


def _project_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif (
                isinstance(pattern, URLPattern) and pattern.name and namespace in PROJECT_NAMESPACES
            ):
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    return names | {"home"}


def test_every_project_view_has_an_access_case() -> None:
    missing = _project_url_names() - set(CASES)
    assert missing == set(), f"views without an access test: {sorted(missing)}"


def _is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_anonymous_is_sent_to_sign_in_or_refused(world: World, name: str) -> None:
    case = CASES[name]
    response = getattr(world.client(None), case.method)(case.url(world))
    if case.kind == PUBLIC:
        assert response.status_code == 200
    else:
        assert _is_login_redirect(response) or response.status_code == 404, response.status_code


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c.kind == PROTECTED))
def test_outsider_gets_404(world: World, name: str) -> None:
    case = CASES[name]
    response = getattr(world.client(world.outsider), case.method)(case.url(world))
    assert response.status_code == 404
    assert world.mentee.display_name not in response.content.decode()


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c.allowed == "lead"))
def test_a_member_without_the_role_gets_404(world: World, name: str) -> None:
    case = CASES[name]
    response = getattr(world.client(world.other_mentee), case.method)(case.url(world))
    assert response.status_code == 404


# The photo view needs a stored image: tests/accounts/test_profile.py covers it.
@pytest.mark.parametrize(
    "name",
    sorted(n for n, c in CASES.items() if c.method == "get" and n != "accounts:person_avatar"),
)
def test_the_allowed_persona_gets_the_page(world: World, name: str) -> None:
    case = CASES[name]
    response = world.client(getattr(world, case.allowed)).get(case.url(world), follow=True)
    assert response.status_code == 200


def test_malformed_ids_are_404_not_500(world: World) -> None:
    client = world.client(world.lead)
    for url in [
        "/people/99999999999999999999999/",
        "/programmes/rural-2026/members/0/",
        "/programmes/rural-2026/members/99999999999999999999/",
        "/programmes/no-such-programme/",
        "/programmes/%00/",
    ]:
        assert client.get(url).status_code == 404, url
