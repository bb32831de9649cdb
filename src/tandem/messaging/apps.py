from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "tandem.messaging"
    label = "messaging"
    verbose_name = "Messages between sessions"

    def ready(self) -> None:
        from tandem.core import demo as demo_steps
        from tandem.core import navigation, periodic

        from . import audit_verbs, demo, nav, tasks  # noqa: F401

        navigation.register(nav.messaging_items)
        periodic.register("unread message e-mails", tasks.send_unread_emails)
        demo_steps.register(demo.seed, order=50)
