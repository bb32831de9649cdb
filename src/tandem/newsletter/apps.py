from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "tandem.newsletter"
    label = "newsletter"
    verbose_name = "Newsletter"

    def ready(self) -> None:
        from tandem.core import demo as demo_steps
        from tandem.core import panels, periodic

        from . import audit_verbs, demo, privacy, tasks, views  # noqa: F401

        demo_steps.register(demo.seed, order=90)
        panels.register("space", views.space_panel)
        periodic.register("newsletter.resume", tasks.resume_stalled)
