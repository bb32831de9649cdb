from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "tandem.mentoring"
    label = "mentoring"
    verbose_name = "Mentoring and coaching relationships"

    def ready(self) -> None:
        from tandem.core import dashboard
        from tandem.core import demo as demo_steps

        from . import audit_verbs, demo, selectors  # noqa: F401

        dashboard.register(selectors.home_panels)
        demo_steps.register(demo.seed, order=40)
