from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "tandem.mentoring"
    label = "mentoring"
    verbose_name = "Mentoring and coaching relationships"

    def ready(self) -> None:
        from tandem.core import dashboard

        from . import audit_verbs, selectors  # noqa: F401

        dashboard.register(selectors.home_panels)
