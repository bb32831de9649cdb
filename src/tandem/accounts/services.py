"""Writes about accounts and profiles."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from tandem.core import privacy
from tandem.core.audit import log_action

from .models import Profile, User

USER_FIELDS = ("display_name", "time_zone", "language")


def profile_update(
    *,
    actor: User,
    user: User,
    values: dict[str, Any],
    avatar: UploadedFile | bool | None = None,
) -> Profile:
    """Save a profile edit. ``avatar`` is a new file, ``False`` to remove, None to keep."""
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(user=user)
        changed: list[str] = []
        for field in USER_FIELDS:
            if field in values and getattr(user, field) != values[field]:
                setattr(user, field, values[field])
                changed.append(field)
        if changed:
            user.full_clean(exclude=["password"], validate_unique=False)
            user.save(update_fields=changed)
        for field, value in values.items():
            if field in USER_FIELDS or field == "avatar":
                continue
            if getattr(profile, field) != value:
                setattr(profile, field, value)
                changed.append(field)
        old_avatar = profile.avatar.name if profile.avatar else ""
        if isinstance(avatar, UploadedFile):
            profile.avatar.save("avatar.png", avatar, save=False)
            changed.append("avatar")
        elif avatar is False and old_avatar:
            profile.avatar = ""
            changed.append("avatar")
        profile.full_clean()
        profile.save()
        if changed:
            log_action(actor, "profile.updated", user, {"fields": sorted(set(changed))})
        if old_avatar and "avatar" in changed:
            storage = profile.avatar.storage
            transaction.on_commit(lambda: storage.delete(old_avatar))
    return profile


def account_export(*, user: User) -> bytes:
    data = privacy.export_zip(user)
    log_action(user, "account.data_exported", user)
    return data


def account_delete(*, user: User) -> str:
    """Erase the account and everything personal; returns the pseudonym left behind."""
    return privacy.erase_user(user)
