"""Demo reflections: posts at every visibility, comments with @mentions and reactions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from tandem.community.handles import handle_for
from tandem.notifications.models import Notification
from tandem.notifications.services import no_email

from . import search, services
from .models import Comment, Post

# (author key, days ago, visibility, place, title, body)
POSTS = [
    ("kiri", 40, "public", None, "What ten seconds of wait time did",
     "I teach Years 5–8 in a two-teacher school, and most of my maths group joins from "
     "home on two days a week.\n\nMy mentor suggested I count to ten after asking a question. "
     "It felt like forever. On the third day **Hemi explained his strategy** out loud — the "
     "first time all term.\n\nWhat I'm trying next: writing the question in the chat as well, "
     "so the ones whose audio drops still have it."),
    ("kiri", 12, "community", "community", "The week the internet went out",
     "Storm on Tuesday, no connection until Friday. I printed the week's tasks at the "
     "marae office and dropped them off.\n\nQuestion for the community: how do you keep "
     "learners who are offline for a week feeling part of the class?"),
    ("kiri", 3, "mentors", None, "Before Thursday's session",
     "Mereana — I want to talk about my Year 8s who have stopped turning their cameras on. "
     "I don't want to force it, but I can't see who's lost."),
    ("kiri", 1, "private", None, "Draft: goals for next term",
     "- More student talk in maths\n- One reo phrase a day\n- Ask for help sooner"),
    ("mentor", 20, "group", "Mentors' room", "Listening more than telling",
     "Three sessions in a row I noticed I was solving my mentee's problems for her. "
     "This week I only asked questions. Harder — and she came up with a better plan than mine."),
    ("mentor2", 16, "community", "community", "Breakout rooms with a 1 Mbps connection",
     "Audio only, one shared document, and a two-minute timer in the chat. Cameras off is "
     "fine. Here's the routine I use with my Year 10 science class..."),
    ("anahera", 9, "group", "Early-career teachers", "I cried in the car park (and that's OK)",
     "First parent interviews by video. One went badly. My mentor reminded me that a hard "
     "conversation handled honestly is still a good conversation."),
    ("outsider", 6, "community", "community", "Hello from a virtual school in Alaska",
     "I teach science to students spread over 300 miles. I found this community through "
     "a colleague and I'm glad it's open — our challenges sound very alike."),
]  # fmt: skip

COMMENTS = [
    (0, "mentor", "So glad, Kiri. @{anahera} — this might help with your Year 6 group too."),
    (0, "mentor2", "Putting the question in the chat is a great idea for patchy audio."),
    (1, "facilitator", "Great question. @{mentor2} wrote about low-bandwidth routines — worth a read."),
    (1, "outsider", "We mail USB sticks with recorded lessons. Not elegant, but it works."),
    (6, "kiri", "Thank you for writing this. Same here last week."),
    (7, "facilitator", "Nau mai, haere mai! Glad you found us, @{outsider}."),
]  # fmt: skip


def seed(context: dict[str, Any]) -> None:
    with no_email():  # past activity: shown in Tandem, never e-mailed
        _seed(context)


def _seed(context: dict[str, Any]) -> None:
    people, mentees, spaces = context["people"], context["mentees"], context["spaces"]
    authors = {
        "kiri": next(m for m in mentees if m.email.startswith("mentee@")),
        "anahera": next(m for m in mentees if m.display_name.startswith("Anahera")),
        **people,
    }
    now = timezone.now()
    posts: list[Post] = []
    for key, days, visibility, place, title, body in POSTS:
        space = (
            context["community"] if place == "community" else spaces.get(place) if place else None
        )
        post = services.post_save(
            actor=authors[key], post=None, title=title, body=body, visibility=visibility,
            space=space,
        )  # fmt: skip
        when = now - timedelta(days=days)
        Post.objects.filter(pk=post.pk).update(
            created_at=when, published_at=when if post.published_at else None
        )
        Notification.objects.filter(dedupe_key__startswith=f"post:{post.pk}:").update(
            created_at=when
        )
        post.refresh_from_db()
        search.put(post)  # with its date
        posts.append(post)
    for n, (index, key, text) in enumerate(COMMENTS):
        body = text.format(**{k: handle_for(v) for k, v in authors.items()})
        made = services.comment_add(actor=authors[key], post=posts[index], body=body)
        when = now - timedelta(days=POSTS[index][1]) + timedelta(hours=3 + 5 * n)
        when = min(when, now)
        Comment.objects.filter(pk=made.pk).update(created_at=when)
        Notification.objects.filter(
            Q(dedupe_key__startswith=f"comment:{made.pk}:") | Q(url__endswith=f"#c-{made.pk}")
        ).update(created_at=when)
    for key in ("mentor", "mentor2", "facilitator", "outsider"):
        services.reaction_toggle(actor=authors[key], post=posts[0], kind="celebrate")
    for key in ("kiri", "mentor3", "facilitator"):
        services.reaction_toggle(actor=authors[key], post=posts[5], kind="helpful")
