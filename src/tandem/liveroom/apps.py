from django.apps import AppConfig


class LiveroomConfig(AppConfig):
    name = "tandem.liveroom"
    label = "liveroom"
    verbose_name = "Live room"

    def ready(self) -> None:
        from tandem.core import demo as demo_steps
        from tandem.core import panels

        from . import audit_verbs, demo, views  # noqa: F401

        panels.register("session", views.session_panel)
        demo_steps.register(demo.seed, order=60)
