from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tandem.accounts.models import Profile
from tandem.core.models import AuditEntry
from tandem.core.visibility import Visibility

from ..conftest import World

BASE = {"display_name": "Kiri Walker", "time_zone": "Pacific/Auckland", "language": "en",
        "visibility": "community", "digest_frequency": "weekly"}  # fmt: skip


def image_upload(
    fmt: str = "PNG", size: tuple[int, int] = (640, 480), name: str = "me.png"
) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_profile_edit_saves_every_field_and_is_audited(world: World) -> None:
    client = world.client(world.mentee)
    response = client.post(
        reverse("accounts:profile_edit"),
        {**BASE, "pronouns": "she/her", "time_zone": "Pacific/Chatham", "language": "fr",
         "organisation_name": "Ruatoria Area School", "sector": "secondary",
         "position": "Beginning teacher", "subjects": "Biology,  science, Biology",
         "region": "  Gisborne ", "country": "NZ", "years_experience": "1",
         "interests": "Hybrid classes", "interest_tags": "workload, practicals",
         "bio": "Hi *there*", "show_email": "on", "notify_by_email": "", "digest_frequency": "daily"},
    )  # fmt: skip
    assert response.status_code == 302
    world.mentee.refresh_from_db()
    profile = world.mentee.profile
    assert world.mentee.time_zone == "Pacific/Chatham"
    assert world.mentee.language == "fr"
    assert profile.subjects == ["Biology", "science"]
    assert profile.interest_tags == ["workload", "practicals"]
    assert profile.region == "Gisborne"
    assert profile.years_experience == 1
    assert profile.show_email
    assert not profile.notify_by_email
    entry = AuditEntry.objects.get(verb="profile.updated", actor=world.mentee)
    assert "time_zone" in entry.data["fields"]


def test_avatar_is_checked_by_content_and_cropped(world: World) -> None:
    client = world.client(world.mentee)
    fake = SimpleUploadedFile("evil.png", b"<?php echo 'hi'; ?>", content_type="image/png")
    response = client.post(reverse("accounts:profile_edit"), {**BASE, "avatar": fake})
    assert response.status_code == 200
    assert (
        "Upload a valid image" in response.content.decode()
        or "not a picture" in response.content.decode()
    )

    response = client.post(
        reverse("accounts:profile_edit"), {**BASE, "avatar": image_upload("JPEG", name="x.jpg")}
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=world.mentee)
    with Image.open(profile.avatar.path) as stored:
        assert stored.size == (256, 256)
        assert stored.format == "PNG"
    photo = world.client(world.mentor).get(
        reverse("accounts:person_avatar", args=[world.mentee.pk])
    )
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/png"
    assert (
        world.client(world.outsider)
        .get(reverse("accounts:person_avatar", args=[world.mentee.pk]))
        .status_code
        == 404
    )


def test_oversized_avatar_is_refused(world: World, settings: object) -> None:
    settings.TANDEM_AVATAR_MAX_BYTES = 1000  # type: ignore[attr-defined]
    response = world.client(world.mentee).post(
        reverse("accounts:profile_edit"), {**BASE, "avatar": image_upload(size=(900, 900))}
    )
    assert "the limit is" in response.content.decode()
    assert not Profile.objects.get(user=world.mentee).avatar


@pytest.mark.parametrize(
    ("visibility", "viewer", "visible"),
    [
        (Visibility.PRIVATE, "mentor", False),
        (Visibility.PRIVATE, "mentee", True),
        (Visibility.COMMUNITY, "mentor", True),
        (Visibility.COMMUNITY, "outsider", False),
        (Visibility.PUBLIC, "outsider", True),
    ],
)
def test_profile_visibility_decides_who_sees_it(
    world: World, visibility: str, viewer: str, visible: bool
) -> None:
    Profile.objects.filter(user=world.mentee).update(visibility=visibility, bio="Secret-ish bio")
    response = world.client(getattr(world, viewer)).get(
        reverse("accounts:person_detail", args=[world.mentee.pk])
    )
    assert (response.status_code == 200) is visible
    assert ("Secret-ish bio" in response.content.decode()) is visible


def test_email_shown_only_when_chosen(world: World) -> None:
    url = reverse("accounts:person_detail", args=[world.mentee.pk])
    assert "mentee@example.test" not in world.client(world.mentor).get(url).content.decode()
    Profile.objects.filter(user=world.mentee).update(show_email=True)
    assert "mentee@example.test" in world.client(world.mentor).get(url).content.decode()


def test_times_are_shown_in_the_viewers_and_persons_zone(world: World) -> None:
    world.mentee.time_zone = "America/Anchorage"
    world.mentee.save()
    response = world.client(world.mentor).get(
        reverse("accounts:person_detail", args=[world.mentee.pk])
    )
    body = response.content.decode()
    anchorage = timezone.localtime(
        timezone.now(), timezone=__import__("zoneinfo").ZoneInfo("America/Anchorage")
    )
    assert anchorage.strftime("%H:") in body
    assert "America/Anchorage" in body
    assert "Times are shown in Pacific/Auckland" in body  # the viewer's own zone
