"""Benchmark data for ``seed_demo --scale N --only community``: one open
community whose N × 1,000 members are the synthetic people, a dozen spaces,
and N × 10,000 discussion posts (one discussion with 500 replies, the rest
in discussions of about 25 posts), every post in the search index — written
with bulk inserts, numbered, counted and rendered as the services would."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from tandem.community.models import MemberStatus, Space, SpaceKind, SpaceMember
from tandem.core import richtext
from tandem.programmes.demo_scale import synthetic_organisation
from tandem.programmes.models import (
    Membership,
    MembershipRole,
    Programme,
    ProgrammeStatus,
    Role,
)
from tandem.search import index

from .models import Post, State, Topic
from .search import REPLY, TOPIC

BATCH = 2000
BIG_TOPIC_REPLIES = 500
POSTS_PER_TOPIC = 25
SPACES = [
    "Early years online", "Secondary science at a distance", "Literacy on a slow line",
    "Maths across the distance", "Wellbeing and workload", "Virtual school leaders",
    "Assessment without a classroom", "Te reo Māori in every classroom", "Inclusive learning",
    "Digital tools that work offline", "First-year teachers", "Multigrade classes",
]  # fmt: skip
OPENINGS = [
    "How do you run {x} when half the class is on a phone connection?",
    "What has worked for {x} this term?",
    "Looking for ideas: {x} with students in three time zones.",
    "Our school is trying {x} — has anyone done this before?",
    "Question about {x} for multigrade classes.",
]
THINGS = [
    "number talks", "guided reading", "science investigations", "peer feedback",
    "exit tickets", "breakout rooms", "project-based learning", "parent conferences",
    "formative assessment", "oral language", "wellbeing check-ins", "fieldwork",
    "kapa haka practice", "reading aloud", "coding clubs", "lab simulations",
]  # fmt: skip
SENTENCES = [
    "We tried this with a class of fourteen spread over two islands.",
    "Recording the instructions first meant students on a bad line could catch up.",
    "Paper packs posted home a week ahead made the live lesson much calmer.",
    "The satellite link drops at lunchtime, so we moved the discussion to the morning.",
    "Students answered in the chat when audio failed, and it turned out richer.",
    "I keep a shared document open so nobody loses their work when the call drops.",
    "Our mentor suggested starting with a two-minute check-in; it changed the tone.",
    "Short videos under three minutes load even on the school's slowest connection.",
    "The whānau liked seeing the weekly plan on Sunday night.",
    "We used think-pair-share with pairs in the same town.",
    "Cameras off is fine; we use reactions and the chat to see who is with us.",
    "A printed rubric on the fridge helped families know what good looks like.",
    "The radio lesson format works surprisingly well for mental maths.",
    "I would love to see an example of feedback you give on written work.",
    "Thank you, this is exactly what I needed for next week.",
    "We found that asynchronous discussion boards suited the senior students best.",
]  # fmt: skip


def _bodies(rng: random.Random, count: int) -> list[tuple[str, str]]:
    bodies = []
    for _n in range(count):
        text = " ".join(rng.sample(SENTENCES, rng.randint(2, 4)))
        if rng.random() < 0.3:
            text += "\n\n" + " ".join(rng.sample(SENTENCES, 2))
        bodies.append((text, str(richtext.render(text))))
    return bodies


def seed_scale(context: dict[str, Any]) -> None:
    scale = context["scale"]
    rng = random.Random(1000)
    tag = uuid.uuid4().hex[:6]
    now = timezone.now()
    User = get_user_model()
    member_ids = list(
        User.objects.filter(email__endswith="@synthetic.test")
        .order_by("pk")
        .values_list("pk", flat=True)[: scale * 1000]
    )
    organisation = synthetic_organisation()
    with transaction.atomic():
        programme = Programme.objects.create(
            organisation=organisation, name=f"Synthetic community {tag}",
            slug=f"synthetic-community-{tag}", status=ProgrammeStatus.ACTIVE,
        )  # fmt: skip
        facilitator = Membership.objects.create(user_id=member_ids[0], programme=programme)
        MembershipRole.objects.create(membership=facilitator, role=Role.FACILITATOR)
        root = Space.objects.create(
            programme=programme, name=f"Synthetic community {tag}", kind=SpaceKind.OPEN,
            summary="Educators anywhere, learning from each other.",
        )  # fmt: skip
        spaces = [root] + [
            Space.objects.create(programme=programme, parent=root, name=name, kind=SpaceKind.OPEN)
            for name in SPACES
        ]
        joined = now - timedelta(days=400)
        for start in range(0, len(member_ids), BATCH):
            SpaceMember.objects.bulk_create(
                [SpaceMember(space=root, user_id=uid, status=MemberStatus.ACTIVE, joined_at=joined)
                 for uid in member_ids[start : start + BATCH]]
            )  # fmt: skip
        for space in spaces[1:]:
            SpaceMember.objects.bulk_create(
                [SpaceMember(space=space, user_id=uid, status=MemberStatus.ACTIVE, joined_at=joined)
                 for uid in rng.sample(member_ids, min(len(member_ids), 2000))]
            )  # fmt: skip

    bodies = _bodies(rng, 400)
    total_posts = scale * 10_000
    # The big discussion first, then discussions of about 25 posts until the total is reached.
    sizes = [BIG_TOPIC_REPLIES + 1]
    remaining = total_posts - sizes[0]
    while remaining > 0:
        size = min(remaining, rng.randint(POSTS_PER_TOPIC - 15, POSTS_PER_TOPIC + 15))
        sizes.append(size)
        remaining -= size
    url = reverse("forums:post", args=[111111, 222222])
    for start in range(0, len(sizes), 200):
        with transaction.atomic():
            _topics(spaces, root, sizes[start : start + 200], member_ids, bodies, rng, now, url,
                    big=start == 0)  # fmt: skip
    if connection.vendor == "postgresql":
        # The same weights as index.vector_of, for every new entry at once.
        with connection.cursor() as cursor:
            config = index.config()
            cursor.execute(
                "UPDATE search_searchentry SET vector = "
                "setweight(to_tsvector(%s::regconfig, title), 'A') || "
                "setweight(to_tsvector(%s::regconfig, body), 'B') WHERE vector IS NULL",
                [config, config],
            )


def _topics(
    spaces: list[Space], root: Space, sizes: list[int], member_ids: list[int],
    bodies: list[tuple[str, str]], rng: random.Random, now: Any, url: str, *, big: bool,
) -> None:  # fmt: skip
    topics = []
    for n, size in enumerate(sizes):
        space = root if big and n == 0 else rng.choice(spaces)
        started = now - timedelta(days=rng.uniform(1, 365))
        title = (
            "Keeping students connected when the internet fails"
            if big and n == 0
            else rng.choice(OPENINGS).format(x=rng.choice(THINGS))
        )
        topics.append(
            Topic(
                space=space, community=root, author_id=rng.choice(member_ids), title=title,
                state=State.VISIBLE, last_posted_at=started + timedelta(hours=size),
                last_number=size, reply_count=size - 1,
            )
        )  # fmt: skip
    topics = Topic.objects.bulk_create(topics, batch_size=BATCH)
    # A million rows: plain parameterised INSERTs, without building model instances.
    moment = connection.ops.adapt_datetimefield_value
    created = {t.pk: moment(t.last_posted_at) for t in topics}
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO forums_post (topic_id, number, author_id, body, html, state, created_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                (topic.pk, number, rng.choice(member_ids), *rng.choice(bodies), State.VISIBLE,
                 created[topic.pk])
                for topic, size in zip(topics, sizes, strict=True)
                for number in range(1, size + 1)
            ],
        )  # fmt: skip
        by_topic = {t.pk: t for t in topics}
        posts = Post.objects.filter(topic__in=topics).values_list(
            "pk", "topic_id", "number", "author_id", "body"
        )
        cursor.executemany(
            "INSERT INTO search_searchentry"
            " (kind, object_id, space_id, author_id, title, heading, body, url, created_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (TOPIC if number == 1 else REPLY, pk, by_topic[topic_id].space_id, author_id,
                 by_topic[topic_id].title if number == 1 else "", by_topic[topic_id].title, body,
                 url.replace("111111", str(topic_id)).replace("222222", str(number)),
                 created[topic_id])
                for pk, topic_id, number, author_id, body in posts.iterator(chunk_size=BATCH)
            ],
        )  # fmt: skip
