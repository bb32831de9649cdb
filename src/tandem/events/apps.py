from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "tandem.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tandem.core import calendar, navigation, panels, periodic
        from tandem.core import demo as demo_steps
        from tandem.newsletter.highlights import register_source
        from tandem.notifications.kinds import Kind, register_kind
        from tandem.notifications.models import Channel
        from tandem.search.registry import register_searchable

        from . import access, audit_verbs, demo, nav, privacy, search, selectors, tasks, views  # noqa: F401

        demo_steps.register(demo.seed, order=78)
        panels.register("space", views.space_panel, order=20)
        navigation.register(nav.event_items)
        calendar.register(selectors.feed_items)
        periodic.register("event reminders", tasks.send_reminders)
        register_source(selectors.coming_up, order=40)
        register_searchable(search.SEARCHABLE)
        register_kind(
            Kind("events.recording", _("The recording of an event I registered for is ready"),
                 Channel.INSTANT, access.visible_ids)
        )  # fmt: skip
