from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "tandem.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tandem.core import navigation
        from tandem.notifications.kinds import Kind, register_kind
        from tandem.notifications.models import Channel

        from . import access, audit_verbs, nav  # noqa: F401

        navigation.register(nav.moderation_items)

        def still_open(user: Any, ids: list[int]) -> Iterable[int]:
            return access.open_items(user).filter(pk__in=ids).values_list("pk", flat=True)

        register_kind(
            Kind("moderation.review", _("Posts to review in spaces I moderate"),
                 Channel.INSTANT, still_open)
        )  # fmt: skip
        register_kind(
            Kind("moderation.outcome", _("Moderators hide, restore or approve my posts"),
                 Channel.INSTANT)
        )  # fmt: skip
