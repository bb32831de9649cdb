"""Community figures: members over time and contributions per period, split
between mentors/facilitators and participants, in the viewer's zone; CSV and
XLSX downloads; a constant number of queries."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tandem.blogs import services as blogs
from tandem.blogs.models import Comment
from tandem.blogs.models import Post as BlogPost
from tandem.community.figures import figures_for, period_starts
from tandem.forums import services as forums
from tandem.forums.models import Post, Topic
from tandem.programmes.models import Membership
from tandem.resources import services as resources
from tandem.resources.models import Resource

from ..conftest import World
from ..helpers import community_root

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def _at(model: Any, obj: Any, when: datetime, field: str = "created_at") -> None:
    model.objects.filter(pk=obj.pk).update(**{field: when})


def _topic(world: World, who: Any, when: datetime) -> Topic:
    topic = forums.topic_start(actor=who, space=community_root(world), title="T", body="B",
                               kind="discussion")  # fmt: skip
    _at(Topic, topic, when)
    return topic


def test_periods() -> None:
    assert period_starts(date(2026, 11, 5), date(2027, 2, 1), "month") == [
        date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1)
    ]  # fmt: skip
    assert period_starts(date(2026, 5, 1), date(2027, 1, 1), "quarter") == [
        date(2026, 4, 1), date(2026, 7, 1), date(2026, 10, 1), date(2027, 1, 1)
    ]  # fmt: skip
    assert period_starts(date(2025, 3, 1), date(2026, 1, 1), "year") == [
        date(2025, 1, 1), date(2026, 1, 1)
    ]  # fmt: skip


def test_contributions_per_period_with_the_mentors_share(world: World) -> None:
    root = community_root(world)
    october, november = datetime(2026, 10, 10, tzinfo=UTC), datetime(2026, 11, 10, tzinfo=UTC)
    _topic(world, world.mentor, october)
    _topic(world, world.mentee, november)
    opening = _topic(world, world.other_mentee, november)
    reply = forums.reply_add(actor=world.facilitator, topic=opening, body="Welcome")
    _at(Post, reply, november)
    post = blogs.post_save(actor=world.mentee, post=None, title="Week one", body="Words",
                           visibility="community", space=root)  # fmt: skip
    _at(BlogPost, post, november, "published_at")
    comment = blogs.comment_add(actor=world.mentor, post=post, body="Lovely")
    _at(Comment, comment, november)
    blogs.post_save(actor=world.mentee, post=None, title="Mine only", body="Private",
                    visibility="private")  # fmt: skip
    video = resources.resource_add(
        actor=world.mentor, space=root, kind="video", title="Clip",
        upload=SimpleUploadedFile("a.webm", b"\x1a\x45\xdf\xa3" + b"\x00" * 32),
    )  # fmt: skip
    _at(Resource, video, october)
    found = figures_for(root, first=date(2026, 10, 1), last=date(2026, 11, 1), period="month",
                        zone="UTC")  # fmt: skip
    oct_row, nov_row = found.rows
    assert (oct_row.label, nov_row.label) == ("2026-10", "2026-11")
    assert (oct_row.counts["topics"].total, oct_row.counts["topics"].guides) == (1, 1)
    assert (nov_row.counts["topics"].total, nov_row.counts["topics"].guides) == (2, 0)
    assert found.totals["topics"].total == 3
    assert found.totals["topics"].guide_share == 33
    assert (found.totals["replies"].total, found.totals["replies"].guides) == (1, 1)
    assert (found.totals["blog_posts"].total, found.totals["blog_posts"].others) == (1, 1)
    assert found.totals["blog_comments"].guides == 1
    assert (oct_row.counts["videos"].total, oct_row.counts["videos"].guide_share) == (1, 100)
    assert found.totals["resources"].total == 0
    assert found.totals["resources"].guide_share is None


def test_periods_are_cut_in_the_viewers_zone(world: World) -> None:
    root = community_root(world)
    # 31 October 23:30 in UTC is already 1 November in Auckland
    _topic(world, world.mentee, datetime(2026, 10, 31, 23, 30, tzinfo=UTC))
    in_utc = figures_for(root, first=date(2026, 10, 1), last=date(2026, 11, 1), period="month",
                         zone="UTC")  # fmt: skip
    in_auckland = figures_for(root, first=date(2026, 10, 1), last=date(2026, 11, 1),
                              period="month", zone="Pacific/Auckland")  # fmt: skip
    assert [r.counts["topics"].total for r in in_utc.rows] == [1, 0]
    assert [r.counts["topics"].total for r in in_auckland.rows] == [0, 1]


def test_members_over_time(world: World) -> None:
    root = community_root(world)
    rows = Membership.objects.filter(programme=world.programme)
    rows.update(joined_at=datetime(2026, 1, 15, tzinfo=UTC))
    Membership.objects.filter(user=world.mentee, programme=world.programme).update(
        joined_at=datetime(2026, 3, 2, tzinfo=UTC)
    )
    Membership.objects.filter(user=world.other_mentee, programme=world.programme).update(
        status="ended", ended_at=datetime(2026, 2, 20, tzinfo=UTC)
    )
    everyone = rows.count()
    found = figures_for(root, first=date(2026, 1, 1), last=date(2026, 3, 1), period="month",
                        zone="UTC")  # fmt: skip
    assert [r.members for r in found.rows] == [everyone - 1, everyone - 2, everyone - 1]
    assert [r.joined for r in found.rows] == [everyone - 1, 0, 1]


def test_the_page_and_its_downloads(world: World) -> None:
    root = community_root(world)
    _topic(world, world.mentor, datetime.now(UTC) - timedelta(days=1))
    url = reverse("community:figures", args=[root.pk])
    client = world.client(world.facilitator)
    page = client.get(url)
    assert page.status_code == 200
    assert "Discussions started" in page.content.decode()
    assert world.client(world.mentee).get(url).status_code == 404
    month = f"{date.today():%Y-%m}"
    csv_text = client.get(url, {"first": month, "last": month, "format": "csv"}).content.decode()
    header, first, total = csv_text.strip().splitlines()
    assert header.startswith("Period,Members at the end,Joined,Reflections (blog posts)")
    assert first.startswith(month)
    assert total.startswith("Total")
    book = load_workbook(io.BytesIO(client.get(url, {"first": month, "last": month,
                                                     "format": "xlsx"}).content))  # fmt: skip
    sheet = book.active
    assert sheet is not None
    assert sheet["A2"].value == month
    bad = client.get(url, {"first": "2026-13", "last": "2026-01"})
    assert bad.status_code == 400
    assert "year-month" in bad.content.decode()
    backwards = client.get(url, {"first": "2026-05", "last": "2026-01"})
    assert "before the start" in backwards.content.decode()
    too_long = client.get(url, {"first": "2000-01", "last": "2026-01"})
    assert "at most" in too_long.content.decode()


def test_the_figures_cost_the_same_for_a_year_as_for_a_month(world: World) -> None:
    root = community_root(world)
    for days in (1, 40, 200):
        _topic(world, world.mentee, datetime.now(UTC) - timedelta(days=days))
    with CaptureQueriesContext(connection) as one:
        month = figures_for(root, first=date(2026, 11, 1), last=date(2026, 11, 1),
                            period="month", zone="UTC")  # fmt: skip
    with CaptureQueriesContext(connection) as three_years:
        years = figures_for(root, first=date(2024, 1, 1), last=date(2026, 12, 1), period="month",
                            zone="UTC")  # fmt: skip
    assert (len(month.rows), len(years.rows)) == (1, 36)
    assert len(three_years.captured_queries) == len(one.captured_queries) <= 30
