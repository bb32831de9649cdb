from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "tandem.intake"
    label = "intake"
    verbose_name = "Cohorts, applications and committee review"

    def ready(self) -> None:
        from tandem.core import demo as demo_steps

        from . import audit_verbs, demo  # noqa: F401

        demo_steps.register(demo.seed, order=20)
        from tandem.core import navigation

        from .nav import intake_items

        navigation.register(intake_items)
