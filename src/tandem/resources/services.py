"""Writes for a space's library. Files are judged by their content; captions
must be WebVTT or SubRip (converted to WebVTT); a link must be a web address."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tandem.community.access import member_space_ids
from tandem.community.models import Space
from tandem.core.audit import log_action
from tandem.core.richtext import render
from tandem.core.uploads import DOCUMENTS, check_upload
from tandem.moderation.limits import check_new_account

from . import search
from .models import Resource, ResourceKind, Tag

VIDEOS = frozenset({"video/webm", "video/mp4"})
MAX_TAGS = 8
CAPTION_BYTES = 1024 * 1024
_SRT_TIME = re.compile(r"(\d{1,2}:\d{2}:\d{2}),(\d{3})")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def resource_url(resource: Resource) -> str:
    return reverse("resources:resource", args=[resource.pk])


def community_of(space: Space) -> Space:
    return space.parent if space.parent_id else space  # type: ignore[return-value]


def tag_names(text: str) -> list[str]:
    """The distinct tags in a comma-separated line, as typed (first spelling wins)."""
    names: dict[str, str] = {}
    for raw in (text or "").split(","):
        name = " ".join(raw.split())
        if not name:
            continue
        if len(name) > 40:
            raise ValidationError(
                _("A tag can be at most 40 characters: “%(tag)s”.") % {"tag": name}
            )
        if not slugify(name):
            raise ValidationError(
                _("“%(tag)s” needs at least one letter or digit to be a tag.") % {"tag": name}
            )
        names.setdefault(slugify(name), name)
    if len(names) > MAX_TAGS:
        raise ValidationError(_("Use at most %(n)d tags.") % {"n": MAX_TAGS})
    return list(names.values())


def _set_tags(resource: Resource, names: list[str]) -> None:
    community = community_of(resource.space)
    tags = []
    for name in names:
        tag, _made = Tag.objects.get_or_create(
            community=community, slug=slugify(name), defaults={"name": name}
        )
        tags.append(tag)
    resource.tags.set(tags)


def captions_file(upload: Any) -> ContentFile[bytes]:
    """WebVTT captions from an uploaded .vtt or .srt file, or a ValidationError."""
    if upload.size > CAPTION_BYTES:
        raise ValidationError(_("A captions file can be at most 1 MB."))
    upload.seek(0)
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Save the captions file as UTF-8 text.")) from error
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("WEBVTT"):
        return ContentFile(text.encode(), name="captions.vtt")
    if "-->" in text and _SRT_TIME.search(text):
        cues = _SRT_TIME.sub(r"\1.\2", text.strip())
        return ContentFile(f"WEBVTT\n\n{cues}\n".encode(), name="captions.vtt")
    raise ValidationError(
        _("Captions must be a WebVTT (.vtt) or SubRip (.srt) file; this one is neither.")
    )


def _check_language(language: str) -> str:
    language = language.strip()
    if language and not _LANGUAGE.match(language):
        raise ValidationError(_("Write the captions' language as a code such as en, mi or fr-CA."))
    return language


def _store(resource: Resource, kind: str, upload: Any) -> None:
    if kind == ResourceKind.VIDEO:
        allowed, limit = VIDEOS, settings.TANDEM_VIDEO_MAX_BYTES
    else:
        allowed, limit = DOCUMENTS, settings.TANDEM_RESOURCE_MAX_BYTES
    content_type = check_upload(upload, allowed=allowed, max_bytes=limit)
    old = resource.file.name if resource.file else ""
    resource.file.save(upload.name, upload, save=False)
    resource.filename = str(upload.name)[:200]
    resource.content_type, resource.size = content_type, upload.size
    if old:
        storage = resource.file.storage
        transaction.on_commit(lambda: storage.delete(old))


def _check(kind: str, title: str, url: str, upload: Any, has_file: bool) -> None:
    if not title:
        raise ValidationError(_("Give the resource a title."))
    if kind not in ResourceKind.values:
        raise ValidationError(_("Choose whether it is a file, a link or a video."))
    if kind == ResourceKind.LINK:
        if not url:
            raise ValidationError(_("Give the link's address."))
        if not url.lower().startswith(("https://", "http://")):
            raise ValidationError(_("A link must be a web address starting with https://."))
    elif upload is None and not has_file:
        raise ValidationError(
            _("Choose the video to upload.") if kind == ResourceKind.VIDEO
            else _("Choose the file to upload.")
        )  # fmt: skip


@transaction.atomic
def resource_add(
    *,
    actor: Any,
    space: Space,
    kind: str,
    title: str,
    description: str = "",
    url: str = "",
    tags: str = "",
    upload: Any = None,
    captions: Any = None,
    captions_language: str = "",
) -> Resource:
    """Add a file, link or video to ``space``'s library (members only)."""
    title, url = title.strip(), url.strip() if kind == ResourceKind.LINK else ""
    if not Space.objects.filter(pk=space.pk, pk__in=member_space_ids(actor)).exists():
        raise ValidationError(_("Only members of this space can add to its library."))
    _check(kind, title, url, upload, has_file=False)
    check_new_account(actor, text=f"{description}\n{url}", attachments=0 if upload is None else 1)
    resource = Resource(
        space=space, kind=kind, title=title, description=description, html=render(description),
        url=url, added_by=actor, captions_language=_check_language(captions_language),
    )  # fmt: skip
    names = tag_names(tags)  # every problem before anything is stored
    if upload is not None:
        _store(resource, kind, upload)
    if captions is not None and kind == ResourceKind.VIDEO:
        resource.captions.save("captions.vtt", captions_file(captions), save=False)
        resource.captions_language = resource.captions_language or "en"
    resource.save()
    _set_tags(resource, names)
    search.put(resource)
    log_action(actor, "resource.added", resource, {"kind": kind}, scope=space.programme)
    return resource


@transaction.atomic
def resource_update(
    *,
    actor: Any,
    resource: Resource,
    title: str,
    description: str = "",
    url: str = "",
    tags: str = "",
    upload: Any = None,
    captions: Any = None,
    captions_language: str = "",
    remove_captions: bool = False,
) -> Resource:
    """Change a resource (its kind stays); a new file or captions replace the old."""
    title, url = title.strip(), url.strip() if resource.kind == ResourceKind.LINK else ""
    _check(resource.kind, title, url, upload, has_file=bool(resource.file))
    check_new_account(actor, text=f"{description}\n{url}", attachments=0 if upload is None else 1)
    language = _check_language(captions_language)
    names = tag_names(tags)
    new_captions = captions_file(captions) if captions is not None and resource.is_video else None
    if upload is not None:
        _store(resource, resource.kind, upload)
    old_captions = resource.captions.name if resource.captions else ""
    if new_captions is not None:
        resource.captions.save("captions.vtt", new_captions, save=False)
    elif remove_captions and old_captions:
        resource.captions = ""
    if old_captions and (new_captions is not None or remove_captions):
        storage = resource.captions.storage
        transaction.on_commit(lambda: storage.delete(old_captions))
    resource.title, resource.description, resource.url = title, description, url
    resource.html = render(description)
    resource.captions_language = (language or "en") if resource.captions else ""
    resource.save()
    _set_tags(resource, names)
    search.put(resource)
    log_action(actor, "resource.changed", resource, scope=resource.space.programme)
    return resource


@transaction.atomic
def resource_remove(*, actor: Any, resource: Resource) -> None:
    files = [f.name for f in (resource.file, resource.captions) if f]
    storage = resource.file.storage
    log_action(actor, "resource.removed", resource.space, {"kind": resource.kind},
               scope=resource.space.programme)  # fmt: skip
    search.remove(resource.pk)
    resource.delete()
    for name in files:
        transaction.on_commit(lambda name=name: storage.delete(name))  # type: ignore[misc]
