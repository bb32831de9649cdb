"""Download my data and Delete my account, and the privacy registry's coverage."""

from __future__ import annotations

import io
import json
import zipfile

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from PIL import Image

from tandem.accounts.models import Profile
from tandem.core.models import AuditEntry
from tandem.core.privacy import declared_models, pseudonym_for
from tandem.programmes import services
from tandem.programmes.models import Membership, Role

from ..conftest import World
from ..factories import PASSWORD


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


def test_every_model_pointing_at_a_user_is_declared_by_a_privacy_provider() -> None:
    user_model = get_user_model()
    declared = declared_models()
    missing = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            if (
                isinstance(field, models.ForeignKey | models.OneToOneField | models.ManyToManyField)
                and related is user_model
                and not field.auto_created
            ):
                label = f"{model._meta.app_label}.{model.__name__}"
                # Auto-created through tables (user ↔ groups) go with the user's own row.
                if model not in declared and not model._meta.auto_created:
                    missing.append(f"{label}.{field.name}")
    assert missing == [], f"declare these in the app's privacy.py: {missing}"


def test_user_model_itself_is_declared() -> None:
    assert get_user_model() in declared_models()


def test_download_my_data_is_a_zip_of_everything(world: World) -> None:
    client = world.client(world.mentee)
    client.post(
        reverse("accounts:profile_edit"),
        {"display_name": "Kiri Walker", "time_zone": "Pacific/Auckland", "language": "en",
         "bio": "Science teacher", "visibility": "community", "digest_frequency": "weekly",
         "avatar": _png()},
    )  # fmt: skip
    response = client.post(reverse("accounts:data_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"README.json", "accounts.json", "programmes.json", "core.json"} <= names
    assert "files/accounts/photo.png" in names
    account = json.loads(archive.read("accounts.json"))
    assert account["account"]["email"] == "mentee@example.test"
    assert account["profile"]["bio"] == "Science teacher"
    programmes = json.loads(archive.read("programmes.json"))
    assert programmes["memberships"][0]["roles"] == ["mentee"]
    core = json.loads(archive.read("core.json"))
    assert any(row["verb"] == "profile.updated" for row in core["audit_log"])
    # Nobody else's data is in it.
    assert b"mentor@example.test" not in b"".join(archive.read(n) for n in names)


def test_download_needs_post(world: World) -> None:
    assert world.client(world.mentee).get(reverse("accounts:data_export")).status_code == 405


def test_delete_my_account_anonymises_and_signs_out(world: World) -> None:
    mentee = world.mentee
    services.membership_set_roles(
        actor=world.lead,
        membership=Membership.objects.get(user=mentee, programme=world.programme),
        roles=[Role.MENTEE, Role.DEVELOPING_MENTOR],
    )
    client = world.client(mentee)
    client.post(
        reverse("accounts:profile_edit"),
        {"display_name": "Kiri Mentee", "time_zone": "UTC", "language": "en",
         "visibility": "public", "digest_frequency": "weekly", "avatar": _png()},
    )  # fmt: skip
    avatar_name = Profile.objects.get(user=mentee).avatar.name
    storage = Profile._meta.get_field("avatar").storage  # type: ignore[attr-defined]
    assert storage.exists(avatar_name)

    response = client.post(
        reverse("accounts:account_delete"), {"password": PASSWORD, "confirm": "DELETE"}
    )
    assert response.status_code == 302

    mentee.refresh_from_db()
    pseudonym = pseudonym_for(mentee.pk)
    assert mentee.display_name == pseudonym
    assert "mentee@example.test" not in mentee.email
    assert not mentee.is_active
    assert not mentee.has_usable_password()
    assert not Profile.objects.filter(user=mentee).exists()
    assert not storage.exists(avatar_name)
    assert not Membership.objects.filter(user=mentee).exists()
    # The audit log keeps the record, pseudonymised.
    assert AuditEntry.objects.filter(verb="account.deleted", actor_label=pseudonym).exists()
    assert not AuditEntry.objects.filter(actor=mentee).exists()
    assert not AuditEntry.objects.filter(target_label__contains="Kiri Mentee").exists()
    assert AuditEntry.objects.filter(verb="membership.roles_set", target_label=pseudonym).exists()
    # Signed out, and cannot sign in again.
    assert client.get(reverse("accounts:profile_edit")).status_code == 302
    assert not client.login(email="mentee@example.test", password=PASSWORD)
    # The old profile URL is gone for others.
    assert (
        world.client(world.mentor)
        .get(reverse("accounts:person_detail", args=[mentee.pk]))
        .status_code
        == 404
    )


def test_delete_needs_the_password_and_the_word(world: World) -> None:
    client = world.client(world.mentee)
    wrong = client.post(
        reverse("accounts:account_delete"), {"password": "nope", "confirm": "delete"}
    )
    assert wrong.status_code == 400
    body = wrong.content.decode()
    assert "That is not your current password" in body
    assert "Type the word DELETE" in body
    world.mentee.refresh_from_db()
    assert world.mentee.is_active


def test_pseudonym_is_stable_and_reveals_nothing() -> None:
    assert pseudonym_for(7) == pseudonym_for(7)
    assert pseudonym_for(7) != pseudonym_for(8)
    assert settings.SECRET_KEY not in pseudonym_for(7)
