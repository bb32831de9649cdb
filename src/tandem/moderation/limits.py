"""Limits on new accounts, against spam and drive-by abuse in open communities.

People who came in through a programme (vetted at intake) and moderators are
never limited. Anyone else is *new* until their account is a few days old and
they have a few contributions others can see; until then each post may carry
only a few links and mentions, no attachments, and only so many posts a day.
The numbers are settings (``TANDEM_NEW_ACCOUNT_*``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.community.access import moderated_spaces
from tandem.community.handles import handles_in
from tandem.programmes.selectors import programme_ids_of

from .registry import contributions

LINK = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)


@dataclass(frozen=True)
class NewAccountLimits:
    days: int = 3
    contributions: int = 3
    links: int = 2
    mentions: int = 2
    attachments: int = 0
    per_day: int = 10


def limits() -> NewAccountLimits:
    return NewAccountLimits(**getattr(settings, "TANDEM_NEW_ACCOUNT_LIMITS", {}))


def is_new(user: Any) -> bool:
    rules = limits()
    if programme_ids_of(user).exists() or moderated_spaces(user).exists():
        return False
    joined = getattr(user, "date_joined", None) or timezone.now()
    if joined > timezone.now() - timedelta(days=rules.days):
        return True
    return contributions(user) < rules.contributions


def check_new_account(user: Any, *, text: str, attachments: int = 0) -> None:
    """Raise a ValidationError naming every limit this post would break."""
    if not is_new(user):
        return
    rules = limits()
    problems = []
    if len(LINK.findall(text or "")) > rules.links:
        problems.append(
            ngettext(
                "New members may include at most %(n)d link in a post.",
                "New members may include at most %(n)d links in a post.",
                rules.links,
            ) % {"n": rules.links}
        )  # fmt: skip
    if len(handles_in(text or "")) > rules.mentions:
        problems.append(
            ngettext(
                "New members may mention at most %(n)d person in a post.",
                "New members may mention at most %(n)d people in a post.",
                rules.mentions,
            ) % {"n": rules.mentions}
        )  # fmt: skip
    if attachments > rules.attachments:
        problems.append(_("New members cannot attach files yet."))
    if contributions(user, timezone.now() - timedelta(days=1)) >= rules.per_day:
        problems.append(
            _("New members may post %(n)d times a day; please come back tomorrow.")
            % {"n": rules.per_day}
        )
    if problems:
        problems.append(_("These limits lift once you have taken part for a few days."))
        raise ValidationError(problems)
