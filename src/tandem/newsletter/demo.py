"""Demo newsletter: most members have asked for it; last month's issue went
out (written by the facilitator) and this month's is a draft made from the
month's highlights."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone

from tandem.community.models import Space
from tandem.core import richtext

from . import highlights, services
from .models import Delivery, DeliveryState, Issue, IssueState, Subscription

SENT_BODY = """\
Kia ora koutou,

{month} was the month the maths space found its voice. Thirty of you tried a
number talk over a phone line, and where the sound dropped out, students
wrote their strategies in the chat instead. Thank you to everyone who posted
a photo of a paper-plate fraction wall.

## Most discussed

- [Which video tool copes best with a satellite connection?]({satellite})
  now has an answer, thanks to three schools that tested on the same
  afternoon.
- [Maths manipulatives when students are at home]({manipulatives}):
  what to post home in a term pack, and what a family already has in the
  kitchen drawer.

## From members' blogs

- Kiri Walker wrote about [the week the internet went out]({blackout})
  and how her class kept going on paper and the radio.

## Celebrations

- Anahera Pōtae finished her first full year teaching online. Ka rawe!
- The Te reo Māori space passed fifty members.

## Coming up

- **Reading aloud on a slow connection**, a webinar with Mere Tākao,
  on the second Tuesday of next month. Times are on the events page in your
  own time zone.

See you in the community,

Sione Taufa
"""


def seed(context: dict[str, Any]) -> None:
    programme, people = context["programme"], context["people"]
    facilitator = people["facilitator"]
    community = Space.objects.get(programme=programme, parent__isnull=True)
    everyone = list(programme.memberships.values_list("user_id", flat=True).distinct())
    # A few have not opted in: the newsletter goes only to those who asked.
    declined = set(everyone[3::7])
    Subscription.objects.bulk_create(
        [Subscription(community=community, user_id=uid, subscribed=uid not in declined)
         for uid in everyone]
    )  # fmt: skip

    today = timezone.localdate()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    sent = services.issue_draft(actor=facilitator, community=community, month=last_month)
    month_name = formats.date_format(last_month, "F")
    site = settings.TANDEM_SITE_URL
    body = SENT_BODY.format(
        month=month_name,
        satellite=site + _link(community, "satellite"),
        manipulatives=site + _link(community, "manipulatives"),
        blackout=site + _link(community, "internet went out"),
    )  # fmt: skip
    sent_at = timezone.now() - timedelta(days=today.day - 1, hours=3)
    Issue.objects.filter(pk=sent.pk).update(
        subject=f"{community.name}: {month_name} highlights",
        body=body, html=str(richtext.render(body)), state=IssueState.SENT,
        sent_by=facilitator, send_started_at=sent_at, sent_at=sent_at,
        recipient_count=len(everyone) - len(declined),
    )  # fmt: skip
    Delivery.objects.bulk_create(
        [Delivery(issue=sent, user_id=uid, state=DeliveryState.SENT, sent_at=sent_at)
         for uid in everyone if uid not in declined]
    )  # fmt: skip
    services.issue_draft(
        actor=facilitator, community=community, month=date(today.year, today.month, 1)
    )


def _link(community: Space, words: str) -> str:
    """The address of a highlight of this month's demo activity whose title has ``words``."""
    start, end = services.month_bounds(timezone.localdate().replace(day=1))
    for section in highlights.sections(community, start, end):
        for item in section.items:
            if words in item.title.lower() and item.url:
                return item.url
    return reverse("community:space", args=[community.pk])
