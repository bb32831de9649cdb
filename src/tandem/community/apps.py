from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "tandem.community"
    label = "community"
    verbose_name = "Community spaces"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tandem.core import demo as demo_steps
        from tandem.core import navigation, visibility
        from tandem.newsletter.highlights import register_source
        from tandem.notifications.kinds import Kind, register_kind
        from tandem.notifications.models import Channel

        from . import access, audit_verbs, demo, nav, newsletter  # noqa: F401

        demo_steps.register(demo.seed, order=70)
        demo_steps.register(demo.seed_history, order=85)
        register_source(newsletter.new_members, order=40)
        navigation.register(nav.community_items)
        visibility.register_audience("groups", access.readable_space_ids)
        visibility.register_audience("programmes", access.community_programme_ids)

        def listed(user: Any, ids: list[int]) -> Iterable[int]:
            return access.listed_spaces(user).filter(pk__in=ids).values_list("pk", flat=True)

        for key, label in [
            ("community.invited", _("Invitations to a space")),
            ("community.approved", _("My request to join a space was approved")),
            ("community.request", _("Someone asks to join a space I moderate")),
        ]:
            register_kind(Kind(key, label, Channel.INSTANT, listed))
