"""Demo discussions: a welcome thread pinned for everyone, answered and open
questions, a long threaded conversation with quotes and an edit, a closed
thread, a post flagged for review and one awaiting approval."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from tandem.community.handles import handle_for
from tandem.moderation.registry import flaggable
from tandem.moderation.services import flag_add
from tandem.notifications.models import Notification
from tandem.notifications.services import no_email

from . import search, services
from .models import PinScope, Post, ReadState, State, Topic, WatchLevel

# (key, space, author, days ago, kind, title, opening)
TOPICS = [
    ("welcome", "community", "facilitator", 60, "discussion",
     "Welcome — say kia ora and tell us where you teach",
     "Nau mai, haere mai. This is the place to introduce yourself: where you teach, what you "
     "teach, and one thing you'd like help with this year.\n\nI'll start: I'm Sione, I look "
     "after this community, and I'd like help getting more of you posting!"),
    ("satellite", "community", "liam", 21, "question",
     "Which video tool copes best with a satellite connection?",
     "Our school is on satellite broadband and every afternoon video calls freeze. Has anyone "
     "found settings or a tool that holds up? We can't change providers until next year."),
    ("webinars", "community", "facilitator", 45, "discussion",
     "Term 3 webinar times — vote closed",
     "Thanks for voting. Webinars will be on **Wednesdays at 3:45pm** so those on the Chathams "
     "and in Alaska can both join. I've closed this thread; questions go in a new one."),
    ("manipulatives", "Maths across the distance", "priya", 14, "discussion",
     "Maths manipulatives when students are at home",
     "Half my Year 4 class learns from home two days a week. Place-value blocks don't post "
     "well. What do you use instead?"),
    ("number-talks", "Maths across the distance", "ben", 4, "question",
     "Number talk prompts that work for Years 3 to 8 together?",
     "Composite class of eleven, Years 3 to 8. I want one number talk everyone can enter. "
     "Dot images work for the young ones; the older ones finish in seconds. Ideas?"),
    ("karakia", "Te reo Māori in every classroom", "anahera", 10, "discussion",
     "Opening an online class with karakia",
     "I've started opening our video lessons with a short karakia. A few whānau asked for the "
     "words so they can join from home. Does anyone share a written version in the chat?"),
    ("duties", "Early-career teachers", "anahera", 7, "question",
     "How do you say no to extra duties in your first year?",
     "I've been asked to run sports, the newsletter and the kapa haka trip. I want to help but "
     "I'm drowning. How have others handled this kindly?"),
    ("quiet", "Mentors' room", "mentor", 5, "discussion",
     "When a mentee goes quiet",
     "One of my mentees has missed two sessions and isn't answering messages. I don't want "
     "to chase too hard. What has worked for you?"),
]  # fmt: skip

# (topic key, author, hours after the opening, reply to (reply index in this topic or None), quote?, body)
REPLIES = [
    ("welcome", "outsider", 30, None, False,
     "Hi from Tomás! Science in a virtual school in Alaska. I'd like help keeping labs "
     "hands-on when nobody is in the same room."),
    ("welcome", "anahera", 50, None, False,
     "Kia ora koutou, Anahera here — Year 5/6 at a small school on the East Coast. This year: "
     "parent conversations by video."),
    ("welcome", "ben", 70, None, False,
     "Ben, composite Years 3–8 on the West Coast. Help wanted: one lesson, eight year levels."),
    ("welcome", "mentor2", 75, 2, False,
     "Ben, eight year levels! Look at the number talks thread in the maths space."),
    ("satellite", "mentor2", 5, None, False,
     "Turn video off for everyone except whoever is sharing, and set the call to low bandwidth "
     "before it starts. Audio plus a shared document beats frozen faces."),
    ("satellite", "outsider", 9, None, False,
     "Same trouble here. We schedule live calls before noon, when the link is quieter, and "
     "record short explanations for the afternoon."),
    ("satellite", "liam", 26, 0, True,
     "This fixed it. Two calls this week without a freeze. Thank you!"),
    ("manipulatives", "kiri", 3, None, False,
     "Paper strips! I post a set of tens strips and ones squares in the first week, and we "
     "use them on camera."),
    ("manipulatives", "mentor", 6, 0, False,
     "Kiri, do you send a spare set? Mine always go missing by week three."),
    ("manipulatives", "kiri", 8, 1, True, "Two sets each, and a zip bag. Still lose some!"),
    ("manipulatives", "ben", 20, None, False,
     "We use dried beans and egg cartons — every house has them. Ten beans in a cup is a ten."),
    ("manipulatives", "liam", 40, None, False,
     "The free virtual base-ten blocks are fine on a good day, but paper works on every day."),
    ("manipulatives", "priya", 60, 3, False,
     "Beans it is. My class loved it, and a few parents joined in."),
    ("number-talks", "mentor", 6, None, False,
     "Try \"Which one doesn't belong?\" with four numbers. Young ones notice odd and even; "
     "older ones find primes and square numbers. Every answer can be right."),
    ("karakia", "mentor2", 4, None, False,
     "I paste the words in the chat and leave them there. Whānau joining late can still follow."),
    ("karakia", "kiri", 9, None, False, "Mine learn a new one each term — they lead it now."),
    ("duties", "priya", 3, None, False,
     "I said yes to one and asked my mentor how to say no to the others. Practise the words "
     "before the conversation."),
    ("duties", "liam", 12, None, False,
     "Ask which one matters most to the principal. Saying \"I can do this one well\" lands "
     "better than a flat no."),
    ("quiet", "mentor2", 4, None, False,
     "A short message with no question in it helped me: \"Thinking of you, here when you're "
     "ready.\" No pressure to reply."),
    ("quiet", "mentor3", 10, None, False,
     "I let the facilitator know after two missed sessions. Sometimes it's more than we see."),
]  # fmt: skip


def seed(context: dict[str, Any]) -> None:
    with no_email():  # past activity: shown in Tandem, never e-mailed
        _seed(context)


def _date(post: Post, when: Any) -> None:
    Post.objects.filter(pk=post.pk).update(created_at=when)
    Notification.objects.filter(
        target_type=ContentType.objects.get_for_model(Post), target_id=post.pk
    ).update(created_at=when)


def _seed(context: dict[str, Any]) -> None:
    people, mentees, spaces = context["people"], context["mentees"], context["spaces"]
    by_name = {m.display_name.split()[0].lower(): m for m in mentees}
    authors = {**by_name, **people}
    now = timezone.now()
    topics: dict[str, Topic] = {}
    openings: dict[str, Any] = {}
    for key, place, author, days, kind, title, body in TOPICS:
        space = context["community"] if place == "community" else spaces[place]
        topic = services.topic_start(
            actor=authors[author], space=space, title=title, body=body, kind=kind
        )
        openings[key] = now - timedelta(days=days)
        _date(topic.posts.get(number=1), openings[key])
        topics[key] = topic
    made: dict[str, list[Post]] = {}
    for key, author, hours, to, quote, body in REPLIES:
        topic = Topic.objects.get(pk=topics[key].pk)
        parent = made[key][to] if to is not None else None
        if quote and parent is not None:
            quoted = "\n".join(f"> {line}" for line in parent.body.splitlines())
            body = f"> @{handle_for(parent.author)} wrote:\n>\n{quoted}\n\n{body}"
        post = services.reply_add(actor=authors[author], topic=topic, body=body, parent=parent)
        _date(post, min(openings[key] + timedelta(hours=hours), now))
        made.setdefault(key, []).append(post)
    facilitator = people["facilitator"]
    # Pinned for everyone, and answered, closed and edited threads.
    services.topic_pin(actor=facilitator, topic=topics["welcome"], scope=PinScope.GLOBAL,
                       until=None)  # fmt: skip
    services.topic_pin(actor=facilitator, topic=topics["manipulatives"], scope=PinScope.SPACE,
                       until=now + timedelta(days=21))  # fmt: skip
    services.topic_mark_answer(
        actor=authors["liam"], topic=Topic.objects.get(pk=topics["satellite"].pk),
        post=made["satellite"][0],
    )  # fmt: skip
    services.topic_lock(actor=facilitator, topic=topics["webinars"], locked=True)
    first = made["manipulatives"][0]
    services.post_edit(
        actor=authors["kiri"], post=Post.objects.select_related("topic__space").get(pk=first.pk),
        body=first.body + "\n\n*Edit:* the strips are printed on card, so they survive the post.",
    )  # fmt: skip
    # A reply that names a learner, flagged by a member for the moderators to review.
    naming = services.reply_add(
        actor=authors["ben"], topic=Topic.objects.get(pk=topics["number-talks"].pk),
        body="Tried it today. Aroha Te Rangi in Year 3 spotted that 9 is the only square "
        "number before anyone in Year 8 did! Her mum was thrilled.",
    )  # fmt: skip
    _date(naming, now - timedelta(days=1))
    post_kind = flaggable(services.FLAG_KEY)
    assert post_kind is not None
    flag_add(actor=authors["mentor"], flaggable=post_kind, target=naming, reason="privacy",
             note="Lovely story, but it names a student and her mum. Could it say 'a Year 3 "
             "student' instead?")  # fmt: skip
    # The maths space now approves new members' first posts: Tomás's waits.
    maths = spaces["Maths across the distance"]
    maths.approve_new_posts = True
    maths.save(update_fields=["approve_new_posts"])
    services.reply_add(
        actor=people["outsider"], topic=Topic.objects.get(pk=topics["number-talks"].pk),
        body="In Alaska we use \"estimation 180\" style photos: how many apples in the crate? "
        "Every age can guess, and the older ones justify.",
    )  # fmt: skip
    # Kiri follows the maths space, has read part of the manipulatives thread.
    services.watch_set(actor=authors["kiri"], space=maths, level=WatchLevel.WATCHING)
    ReadState.objects.update_or_create(
        user=authors["kiri"], topic=topics["manipulatives"], defaults={"last_read": 3}
    )
    latest = Post.objects.filter(topic=OuterRef("pk"), state=State.VISIBLE).order_by("-created_at")
    opening = Post.objects.filter(topic=OuterRef("pk"), number=1)
    Topic.objects.filter(pk__in=[t.pk for t in topics.values()]).update(
        last_posted_at=Subquery(latest.values("created_at")[:1]),
        created_at=Subquery(opening.values("created_at")[:1]),
    )
    for post in Post.objects.select_related("topic").filter(topic__in=topics.values()):
        search.put(post)  # with the dates set above
    context["topics"] = topics
