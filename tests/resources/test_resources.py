"""Space libraries: files, links and captioned videos; who sees them, their
files and search hits; byte ranges for the player; edits and removal."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.community import services as community
from tandem.community.models import Space
from tandem.core.http import byte_range
from tandem.core.models import AuditEntry
from tandem.core.privacy import export_zip
from tandem.resources import services
from tandem.resources.models import Resource, Tag
from tandem.resources.privacy import ResourcesPrivacy
from tandem.search.selectors import search

from ..conftest import World
from ..helpers import XSS, assert_inert, quiet_room

pytestmark = pytest.mark.django_db

WEBM = b"\x1a\x45\xdf\xa3" + bytes(range(256)) * 4
SRT = b"1\r\n00:00:01,500 --> 00:00:04,000\r\nKia ora koutou\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,250\r\nWait time\r\n"


def _root(world: World) -> Space:
    return community.community_of(programme=world.programme)


def _space(world: World, kind: str = "open", name: str = "Maths") -> Space:
    return community.space_create(
        actor=world.facilitator, community=_root(world), name=name, summary="", kind=kind
    )


def _video(world: World, space: Space, **kw: Any) -> Resource:
    values: dict[str, Any] = {
        "title": "Wait time", "description": "Three habits", "tags": "wait time, Maths",
        "upload": SimpleUploadedFile("lesson.webm", WEBM),
        "captions": SimpleUploadedFile("lesson.srt", SRT), **kw,
    }  # fmt: skip
    return services.resource_add(actor=world.mentee, space=space, kind="video", **values)


def test_a_member_adds_a_link_a_file_and_a_captioned_video(world: World) -> None:
    root = _root(world)
    client = world.client(world.mentee)
    response = client.post(
        reverse("resources:new", args=[root.pk]),
        {"kind": "link", "title": "NRICH", "url": "https://nrich.maths.org/",
         "tags": "maths, Problem solving, maths", "description": "Low threshold tasks."},
    )  # fmt: skip
    assert response.status_code == 302
    link = Resource.objects.get(title="NRICH")
    assert sorted(t.name for t in link.tags.all()) == ["Problem solving", "maths"]
    response = client.post(
        reverse("resources:new", args=[root.pk]),
        {"kind": "file", "title": "Checklist", "upload": SimpleUploadedFile("checklist.txt", b"Before the call")},
    )  # fmt: skip
    assert response.status_code == 302
    checklist = Resource.objects.get(title="Checklist")
    assert (checklist.content_type, checklist.size, checklist.filename) == (
        "text/plain",
        15,
        "checklist.txt",
    )
    assert "checklist" not in checklist.file.name  # stored under a random name
    video = _video(world, root)
    assert video.captions.read().decode().startswith("WEBVTT\n\n1\n00:00:01.500 --> 00:00:04.000")
    page = client.get(reverse("resources:resource", args=[video.pk])).content.decode()
    assert f'src="{reverse("resources:captions", args=[video.pk])}"' in page
    assert 'kind="captions"' in page
    assert "<video" in page
    library = client.get(
        reverse("resources:library", args=[root.pk]) + "?tag=maths"
    ).content.decode()
    assert "NRICH" in library
    assert "Wait time" in library
    assert "Checklist" not in library
    only_files = client.get(reverse("resources:library", args=[root.pk]) + "?kind=file&q=check")
    assert "Checklist" in only_files.content.decode()
    assert "NRICH" not in only_files.content.decode()
    assert AuditEntry.objects.filter(verb="resource.added").count() == 3
    assert Tag.objects.filter(community=root, slug="maths").count() == 1


def test_uploads_are_judged_by_their_content_and_size(world: World, settings: Any) -> None:
    root = _root(world)
    client = world.client(world.mentee)
    fake = SimpleUploadedFile("lesson.mp4", b"MZ\x90\x00" + b"\x00" * 100)
    response = client.post(
        reverse("resources:new", args=[root.pk]),
        {"kind": "video", "title": "My lesson", "upload": fake, "description": "What I typed"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "not a file of a kind allowed here" in body
    assert "What I typed" in body  # nothing typed is lost
    settings.TANDEM_RESOURCE_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="at most 10"):
        services.resource_add(
            actor=world.mentee, space=root, kind="file", title="Big",
            upload=SimpleUploadedFile("big.txt", b"x" * 11),
        )  # fmt: skip
    with pytest.raises(ValidationError, match="WebVTT"):
        _video(world, root, captions=SimpleUploadedFile("c.vtt", b"just words"))
    with pytest.raises(ValidationError, match="https://"):
        services.resource_add(
            actor=world.mentee, space=root, kind="link", title="Bad", url="javascript:alert(1)"
        )
    with pytest.raises(ValidationError, match="language"):
        _video(world, root, captions_language="<b>")
    assert not Resource.objects.exists()


def test_only_members_add_and_only_the_author_or_a_moderator_change(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    maths = _space(world)
    with pytest.raises(ValidationError, match="Only members"):
        services.resource_add(
            actor=world.mentee, space=maths, kind="link", title="X", url="https://example.org/"
        )
    community.space_join(actor=world.mentee, space=maths)
    video = _video(world, maths)
    url = reverse("resources:edit", args=[video.pk])
    assert world.client(world.other_mentee).get(url).status_code == 404
    response = world.client(world.facilitator).post(
        url, {"title": "Wait time (captioned)", "description": "Edited", "tags": "maths",
              "captions_language": "en", "remove_captions": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    video.refresh_from_db()
    assert (video.title, bool(video.captions), video.captions_language) == (
        "Wait time (captioned)",
        False,
        "",
    )
    stored = video.file.name
    storage = video.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client(world.mentee).post(reverse("resources:delete", args=[video.pk]))
    assert response.status_code == 302
    assert not Resource.objects.exists()
    assert not storage.exists(stored)


def test_a_restricted_library_never_reaches_non_members(world: World) -> None:
    quiet = quiet_room(world)
    video = _video(world, quiet, title="Quiet lesson", description="Whisperword")
    for name in ("resource", "file", "captions", "edit"):
        url = reverse(f"resources:{name}", args=[video.pk])
        assert world.client(world.other_mentee).get(url).status_code == 404, name
        assert world.client(world.outsider).get(url).status_code == 404, name
        assert world.client(world.mentee).get(url).status_code == 200, name
    assert (
        world.client(world.other_mentee)
        .get(reverse("resources:library", args=[quiet.pk]))
        .status_code
        == 404
    )
    assert search(world.other_mentee, "whisperword").total == 0
    hits = search(world.mentee, "whisperword")
    assert [h.entry.object_id for h in hits.hits] == [video.pk]
    space_page = world.client(world.other_mentee).get(
        reverse("community:space", args=[_root(world).pk])
    )
    assert "Quiet lesson" not in space_page.content.decode()


def test_the_player_gets_byte_ranges(world: World) -> None:
    video = _video(world, _root(world))
    client = world.client(world.mentee)
    url = reverse("resources:file", args=[video.pk])
    whole = client.get(url)
    assert whole.status_code == 200
    assert whole["Accept-Ranges"] == "bytes"
    assert whole["X-Content-Type-Options"] == "nosniff"
    part = client.get(url, headers={"Range": "bytes=4-9"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 4-9/{len(WEBM)}"
    assert b"".join(part.streaming_content) == WEBM[4:10]
    tail = client.get(url, headers={"Range": "bytes=-3"})
    assert b"".join(tail.streaming_content) == WEBM[-3:]
    beyond = client.get(url, headers={"Range": f"bytes={len(WEBM)}-"})
    assert beyond.status_code == 416
    assert client.get(url, headers={"Range": "bytes=1-2,5-6"}).status_code == 200  # whole file


def test_byte_range_parsing() -> None:
    assert byte_range("bytes=0-", 10) == (0, 9)
    assert byte_range("bytes=2-100", 10) == (2, 9)
    assert byte_range("bytes=-4", 10) == (6, 9)
    assert byte_range("items=0-1", 10) is None
    assert byte_range("bytes=-", 10) is None
    with pytest.raises(ValueError, match="bytes=5-2"):
        byte_range("bytes=5-2", 10)


@pytest.mark.parametrize("payload", XSS)
def test_library_text_renders_inert(world: World, payload: str) -> None:
    root = _root(world)
    resource = services.resource_add(
        actor=world.mentee, space=root, kind="link", title=f"T {payload}",
        url="https://example.org/", description=f"D {payload}", tags=f"tag {payload}"[:40],
    )  # fmt: skip
    client = world.client(world.mentee)
    for url in [
        reverse("resources:resource", args=[resource.pk]),
        reverse("resources:library", args=[root.pk]),
        reverse("community:space", args=[root.pk]),
        reverse("resources:edit", args=[resource.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert_inert(response.content.decode(), payload)


def test_the_library_page_costs_the_same_for_many(world: World) -> None:
    root = _root(world)
    for n in range(3):
        services.resource_add(actor=world.mentee, space=root, kind="link", title=f"L{n}",
                              url="https://example.org/", tags="a, b")  # fmt: skip
    client = world.client(world.mentee)
    url = reverse("resources:library", args=[root.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(12):
        services.resource_add(actor=world.mentee, space=root, kind="link", title=f"M{n}",
                              url="https://example.org/", tags=f"c{n}, b")  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count('class="resource"') == 15
    assert len(many.captured_queries) == len(few.captured_queries) <= 60


def test_privacy_exports_and_erases_what_a_person_shared(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    video = _video(world, _root(world))
    stored = video.file.name
    storage = video.file.storage
    names = zipfile.ZipFile(io.BytesIO(export_zip(world.mentee))).namelist()
    assert any(name.endswith("lesson.webm") for name in names)
    part = ResourcesPrivacy().export(world.mentee)
    assert part.data["resources"][0]["title"] == "Wait time"
    assert part.files[0][0].endswith("lesson.webm")
    with django_capture_on_commit_callbacks(execute=True):
        ResourcesPrivacy().erase(world.mentee, pseudonym="x")
    assert not Resource.objects.exists()
    assert not storage.exists(stored)
