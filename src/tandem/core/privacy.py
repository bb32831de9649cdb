"""The privacy registry: what personal data each app holds, and how to
export and erase it (after Moodle's privacy API).

Each app's ``privacy.py`` defines a :class:`PrivacyProvider` subclass and
calls :func:`register`. "Download my data" asks every provider for its part
of the export; "Delete my account" asks every provider, in ``order``, to
erase or anonymise. A test fails if a model pointing at the user model is
declared by no provider.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import zipfile
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .audit import log_action, user_label
from .models import AuditEntry


@dataclass
class ExportPart:
    data: dict[str, Any] = field(default_factory=dict)
    files: list[tuple[str, File]] = field(default_factory=list)  # (name inside ZIP, file)


class PrivacyProvider(ABC):
    """Subclass per app. ``models`` lists every model holding personal data."""

    app_label: ClassVar[str]
    models: ClassVar[list[type[models.Model]]] = []
    description: ClassVar[str] = ""
    #: erase order: content first, the account itself last
    order: ClassVar[int] = 50

    @abstractmethod
    def export(self, user: Any) -> ExportPart:
        """Everything this app holds about ``user``, as JSON-ready data and files."""

    @abstractmethod
    def erase(self, user: Any, *, pseudonym: str) -> None:
        """Delete private content; anonymise authored content as ``pseudonym``."""


_PROVIDERS: dict[str, PrivacyProvider] = {}


def register(provider_class: type[PrivacyProvider]) -> type[PrivacyProvider]:
    _PROVIDERS[provider_class.app_label] = provider_class()
    return provider_class


def autodiscover() -> None:
    autodiscover_modules("privacy")


def providers() -> list[PrivacyProvider]:
    return sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.app_label))


def declared_models() -> set[type[models.Model]]:
    return {model for provider in _PROVIDERS.values() for model in provider.models}


def pseudonym_for(user_id: int) -> str:
    """A stable stand-in for a deleted person: the same user always maps to
    the same label, so research sequences stay coherent without the name."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"user:{user_id}".encode(), hashlib.sha256
    ).hexdigest()
    return f"Former member {digest[:8]}"


def export_zip(user: Any) -> bytes:
    buffer = io.BytesIO()
    manifest: dict[str, Any] = {
        "generated_at": timezone.now().isoformat(),
        "account": user.email,
        "parts": [],
    }
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for provider in providers():
            part = provider.export(user)
            name = f"{provider.app_label}.json"
            archive.writestr(name, json.dumps(part.data, cls=DjangoJSONEncoder, indent=2))
            manifest["parts"].append({"file": name, "about": provider.description})
            for inner_name, file in part.files:
                with file.open("rb") as handle:
                    archive.writestr(f"files/{provider.app_label}/{inner_name}", handle.read())
        archive.writestr("README.json", json.dumps(manifest, indent=2))
    return buffer.getvalue()


def erase_user(user: Any) -> str:
    """Erase or anonymise everything every app holds about ``user``."""
    pseudonym = pseudonym_for(user.pk)
    with transaction.atomic():
        log_action(user, "account.deleted", None, {"pseudonym": pseudonym})
        for provider in providers():
            provider.erase(user, pseudonym=pseudonym)
    return pseudonym


def audit_rows_for(user: Any) -> list[dict[str, Any]]:
    return [
        dict(row)
        for row in AuditEntry.objects.filter(actor=user).values(
            "created_at", "verb", "target_label", "data"
        )
    ]


@register
class CorePrivacy(PrivacyProvider):
    app_label = "core"
    models = [AuditEntry]
    description = "What you did that the audit log recorded."
    order = 90  # after feature apps, so their own erasures are logged first

    def export(self, user: Any) -> ExportPart:
        return ExportPart(data={"audit_log": list(audit_rows_for(user))})

    def erase(self, user: Any, *, pseudonym: str) -> None:
        # The audit log is kept (it is the programme's record), pseudonymised.
        AuditEntry.objects.filter(actor=user).update(actor=None, actor_label=pseudonym)
        ct = ContentType.objects.get_for_model(user)
        AuditEntry.objects.filter(target_type=ct, target_id=str(user.pk)).update(
            target_label=pseudonym
        )
        label = user_label(user)
        if label:
            # Entries about other objects may still carry the name in their label.
            for entry in AuditEntry.objects.filter(target_label__contains=label):
                entry.target_label = entry.target_label.replace(label, pseudonym)
                entry.save(update_fields=["target_label"])
