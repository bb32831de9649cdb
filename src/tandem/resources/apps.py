from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "tandem.resources"
    label = "resources"
    verbose_name = "Library"

    def ready(self) -> None:
        from tandem.core import demo as demo_steps
        from tandem.core import panels
        from tandem.search.registry import register_searchable
        from tandem.showcase.registry import register_featurable

        from . import audit_verbs, demo, privacy, search, showcase, views  # noqa: F401

        demo_steps.register(demo.seed, order=76)
        panels.register("space", views.space_panel)
        register_featurable(showcase.RESOURCE)
        register_searchable(search.SEARCHABLE)
