"""Demo conversations: what passes between sessions in a few relationships,
a facilitator's mentor circle, and an unread message waiting for Kiri."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from django.utils import timezone

from tandem.mentoring.models import Participant, ParticipantRole, Relationship
from tandem.mentoring.selectors import LIVE

from .models import Conversation, ConversationKind, Member, Message, Via

# (who: "mentee"/"mentor", days ago, minutes past 08:00 that day, text)
KIRI_AND_MEREANA = [
    (
        "mentee",
        26,
        540,
        "Kia ora Mereana — the Year 7 maths group tried the number talk you suggested. "
        "Three of them explained their thinking out loud for the first time, over a very shaky connection.",
    ),
    (
        "mentor",
        26,
        610,
        "That is lovely to hear. Which three? It would be worth noting what made it "
        "safe for them to speak — we can pick it up on Thursday.",
    ),
    (
        "mentee",
        25,
        45,
        "Hemi, Aroha and Jayden. I think it was the wait time. I counted to ten in my head "
        "and it felt like forever.",
    ),
    (
        "mentor",
        18,
        520,
        "Before our session: could you bring one piece of student work from the fractions "
        "unit? A photo is fine. We'll use it for the *Reality* part of GROW.",
    ),
    ("mentee", 18, 600, "Will do. Attaching the planning doc too in case it helps."),
    (
        "mentee",
        11,
        75,
        "Quick question — is it OK to ask the principal for release time to observe "
        "another teacher online, or is that something the programme arranges?",
    ),
    (
        "mentor",
        10,
        30,
        "Good question. Ask your principal first; Ruth (the programme lead) can help "
        "find a teacher to observe if the school agrees. Happy to talk through how to ask.",
    ),
    (
        "mentee",
        4,
        500,
        "The parent evening went better than I feared. I used the three-sentence "
        "structure we practised.",
    ),
    (
        "mentor",
        3,
        700,
        "Ka pai! Tell me more at our next session — especially what you would keep.",
    ),
    (
        "mentor",
        0,
        0,
        "Reminder for Thursday: we said we'd look at your goal on questioning again. "
        "No need to prepare anything new.",
    ),
]

OTHER_PAIRS = [
    [
        ("mentor", 20, 500, "How did the first week of the new timetable go?"),
        ("mentee", 19, 620, "Busy! The Year 10s are settling. I'll write more before our session."),
    ],
    [
        (
            "mentee",
            15,
            430,
            "I had to cancel Tuesday's lesson because the satellite link dropped again. "
            "Can we move our session to the afternoon?",
        ),
        (
            "mentor",
            15,
            520,
            "Of course — I have moved it to 3.30 pm. Let me know if the link is still patchy; "
            "we can talk by phone instead.",
        ),
    ],
    [
        (
            "mentor",
            9,
            610,
            "I found the article on retrieval practice I mentioned. It's short — see what you think.",
        ),
        (
            "mentee",
            8,
            560,
            "Read it on the bus. I'm going to try the low-stakes quiz idea with my seniors.",
        ),
    ],
]

CIRCLE = [
    (
        "facilitator",
        12,
        60,
        "Welcome to the Term 4 mentor circle. A space to swap what is working "
        "between sessions. First question: how are you handling mentees who go quiet?",
    ),
    (
        "mentor2",
        12,
        200,
        "I send one short message with a concrete question rather than “how are you going?”. "
        "It tends to get an answer.",
    ),
    (
        "mentor",
        11,
        90,
        "Same here, and I mention the next session date in it. Also: checking the "
        "agreement's quiet hours before I message in the evening.",
    ),
    (
        "mentor3",
        10,
        400,
        "I've started offering a ten-minute phone call instead of video when the "
        "connection is bad. Much less pressure.",
    ),
    (
        "facilitator",
        2,
        300,
        "Thank you all. I'll gather these into a short note for the newsletter.",
    ),
]


def _conversation(relationship: Relationship) -> Conversation:
    conversation, _created = Conversation.objects.get_or_create(
        relationship=relationship,
        defaults={"kind": ConversationKind.RELATIONSHIP, "programme_id": relationship.programme_id},
    )  # fmt: skip
    for p in relationship.participants.all():
        Member.objects.get_or_create(conversation=conversation, user_id=p.user_id)
    return conversation


def _write(conversation: Conversation, lines: list[tuple[str, int, int, str]], who: dict[str, Any],
           *, read_by_all_but_last: bool = False) -> None:  # fmt: skip
    # 19:00 UTC is 08:00 the next morning in Aotearoa, where the demo programme runs.
    today = timezone.now().replace(hour=19, minute=0, second=0, microsecond=0) - timedelta(days=1)
    made = []
    for role, days, minutes, text in lines:
        at = min(today - timedelta(days=days) + timedelta(minutes=minutes), timezone.now())
        made.append(Message.objects.create(conversation=conversation, author=who[role], body=text,
                                           via=Via.WEB, created_at=at))  # fmt: skip
    conversation.last_message_at = made[-1].created_at
    conversation.save(update_fields=["last_message_at"])
    last = made[-1]
    for member in conversation.members.all():
        read_to = (
            made[-2].pk if read_by_all_but_last and member.user_id != last.author_id else last.pk
        )
        member.last_read_id = member.emailed_upto_id = read_to
        member.save(update_fields=["last_read_id", "emailed_upto_id"])


def seed(context: dict[str, Any]) -> None:
    programme, people = context["programme"], context["people"]
    relationships = list(
        Relationship.objects.filter(programme=programme, status__in=LIVE)
        .prefetch_related("participants__user")
        .order_by("pk")
    )
    others = iter(OTHER_PAIRS)
    for rel in relationships:
        parts = {p.role: p for p in rel.participants.all()}
        mentee, mentor = parts.get(ParticipantRole.MENTEE), parts.get(ParticipantRole.MENTOR)
        if mentee is None or mentor is None:
            continue
        who = {"mentee": mentee.user, "mentor": mentor.user}
        if mentee.user.email == "mentee@demo.test" and mentor.user.email == "mentor@demo.test":
            _write(_conversation(rel), KIRI_AND_MEREANA, who, read_by_all_but_last=True)
            Participant.objects.filter(pk=mentee.pk).update(
                quiet_from=time(21, 0), quiet_until=time(7, 0), reply_within_hours=24
            )
            Participant.objects.filter(pk=mentor.pk).update(
                quiet_from=time(20, 0), quiet_until=time(6, 30), reply_within_hours=48
            )
            continue
        lines = next(others, None)
        if lines:
            _write(_conversation(rel), lines, who)
    circle = Conversation.objects.create(
        kind=ConversationKind.GROUP, programme=programme, title="Term 4 mentor circle",
        started_by=people["facilitator"],
    )  # fmt: skip
    for key in ("facilitator", "mentor", "mentor2", "mentor3"):
        Member.objects.create(conversation=circle, user=people[key])
    _write(circle, CIRCLE, people, read_by_all_but_last=True)
