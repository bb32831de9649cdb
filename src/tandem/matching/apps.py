from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "tandem.matching"
    label = "matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from tandem.core import demo as demo_steps

        from . import audit_verbs, demo  # noqa: F401

        demo_steps.register(demo.seed, order=30)
