"""E-mail to one person, in their language and time zone, sent through the task queue.

Callers pass ids and plain values (the task backend stores its arguments as
JSON). Context values whose key ends in ``_at`` may be ISO datetimes; they
reach the template as aware datetimes shown in the recipient's zone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template import Context, engines
from django.utils import timezone, translation


def _plain(name: str, values: dict[str, Any]) -> str:
    """A plain-text template: no HTML escaping ("O'Sullivan", not "O&#x27;Sullivan")."""
    engine = engines["django"].engine  # type: ignore[attr-defined]
    return str(engine.get_template(name).render(Context(values, autoescape=False)))


def render_for(user: Any, template_prefix: str, context: dict[str, Any]) -> tuple[str, str]:
    """Subject and body of ``<prefix>_subject.txt`` / ``<prefix>_body.txt`` for ``user``."""
    values = {
        key: datetime.fromisoformat(value)
        if key.endswith("_at") and isinstance(value, str)
        else value
        for key, value in context.items()
    }
    values.update(user=user, site_name=settings.SITE_NAME, site_url=settings.TANDEM_SITE_URL)
    with (
        translation.override(user.language or settings.LANGUAGE_CODE),
        timezone.override(user.time_zone or settings.TIME_ZONE),
    ):
        subject = " ".join(_plain(f"{template_prefix}_subject.txt", values).split())
        body = _plain(f"{template_prefix}_body.txt", values)
    return subject, body


@task
def send_user_mail(
    *,
    user_id: int,
    template_prefix: str,
    context: dict[str, Any],
    attachments: list[list[str]] | None = None,
    reply_to: str = "",
    headers: dict[str, str] | None = None,
) -> None:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:  # deleted or deactivated since: nothing to send
        return
    deliver(user, template_prefix, context, attachments=attachments, reply_to=reply_to,
            headers=headers)  # fmt: skip


def deliver(
    user: Any,
    template_prefix: str,
    context: dict[str, Any],
    *,
    attachments: list[list[str]] | None = None,
    reply_to: str = "",
    headers: dict[str, str] | None = None,
) -> None:
    """Render and send now (inside a task). ``headers`` e.g. List-Unsubscribe."""
    subject, body = render_for(user, template_prefix, context)
    message = EmailMessage(
        subject, body, None, [user.email], reply_to=[reply_to] if reply_to else None,
        headers=headers or None,
    )  # fmt: skip
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()


def queue_user_mail(
    *,
    user_id: int,
    template_prefix: str,
    context: dict[str, Any],
    attachments: list[list[str]] | None = None,
    reply_to: str = "",
    headers: dict[str, str] | None = None,
) -> None:
    """Send after the current transaction commits (never for a rolled-back change).

    ``attachments`` are ``[filename, text, mimetype]`` triples (JSON for the queue);
    ``reply_to`` routes replies somewhere other than the sender."""
    transaction.on_commit(
        lambda: send_user_mail.enqueue(
            user_id=user_id,
            template_prefix=template_prefix,
            context=context,
            attachments=attachments or [],
            reply_to=reply_to,
            headers=headers or {},
        )
    )
