from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "tandem.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from tandem.core import navigation, periodic

        from . import audit_verbs, nav, tasks  # noqa: F401

        navigation.register(nav.notification_items)
        periodic.register("notification digests", tasks.send_digests)
