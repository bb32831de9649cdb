from django.apps import AppConfig


class ShowcaseConfig(AppConfig):
    name = "tandem.showcase"
    label = "showcase"
    verbose_name = "Showcase"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tandem.core import demo as demo_steps
        from tandem.core import panels
        from tandem.newsletter.highlights import register_source
        from tandem.notifications.kinds import Kind, register_kind
        from tandem.notifications.models import Channel

        from . import audit_verbs, demo, newsletter, privacy, selectors, views  # noqa: F401

        demo_steps.register(demo.seed, order=80)
        panels.register("space", views.space_panel, order=10)
        register_source(newsletter.featured, order=10)
        register_source(newsletter.celebrations, order=15)
        register_kind(
            Kind("showcase.featured", _("Something of mine is featured or celebrated"),
                 Channel.INSTANT, selectors.visible_ids)
        )  # fmt: skip
