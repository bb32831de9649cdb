from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "tandem.mentoring"
    label = "mentoring"
    verbose_name = "Mentoring and coaching relationships"

    def ready(self) -> None:
        from tandem.core import calendar, dashboard, navigation, periodic, visibility
        from tandem.core import demo as demo_steps
        from tandem.programmes.signals import programme_model_changed

        from . import audit_verbs, demo, demo_scale, invitations, nav, selectors, tasks  # noqa: F401
        from .services import programme_cadence_refresh

        dashboard.register(selectors.home_panels)
        navigation.register(nav.mentoring_items)
        calendar.register(invitations.feed_items)
        visibility.register_audience("mentees", selectors.mentee_ids_of)
        periodic.register("session reminders", tasks.send_reminders)
        periodic.register("mentor digests", tasks.send_digests)
        programme_model_changed.connect(
            lambda sender, programme, **kw: programme_cadence_refresh(programme=programme),
            weak=False, dispatch_uid="mentoring-cadence-refresh",
        )  # fmt: skip
        demo_steps.register(demo.seed, order=40)
        demo_steps.register_scale(demo_scale.seed_scale, name="mentoring", order=40)
