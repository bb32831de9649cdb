from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "tandem.programmes"
    label = "programmes"
    verbose_name = "Organisations and programmes"

    def ready(self) -> None:
        from tandem.core import navigation, visibility

        from . import audit_verbs, nav, selectors  # noqa: F401

        visibility.register_audience("programmes", selectors.programme_ids_of)
        visibility.register_audience("peers", selectors.peer_ids_of)
        navigation.register(nav.programme_items)
