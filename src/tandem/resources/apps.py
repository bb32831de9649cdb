from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "tandem.resources"
    label = "resources"
    verbose_name = "Library"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tandem.community.figures import Measure, register_measure
        from tandem.core import demo as demo_steps
        from tandem.core import panels
        from tandem.search.registry import register_searchable
        from tandem.showcase.registry import register_featurable

        from . import audit_verbs, demo, privacy, search, selectors, showcase, views  # noqa: F401

        demo_steps.register(demo.seed, order=76)
        panels.register("space", views.space_panel)
        register_featurable(showcase.RESOURCE)
        # fmt: off
        register_measure(Measure("videos", _("Videos shared"), selectors.videos_in_community,
                                 "created_at", "added_by_id", order=30))
        register_measure(Measure("resources", _("Files and links shared"),
                                 selectors.other_resources_in_community, "created_at",
                                 "added_by_id", order=35))
        # fmt: on
        register_searchable(search.SEARCHABLE)
