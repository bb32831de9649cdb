from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "tandem.forums"
    label = "forums"
    verbose_name = "Discussions"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tandem.community.figures import Measure, register_measure
        from tandem.core import demo as demo_steps
        from tandem.core import panels
        from tandem.moderation.registry import register_contributions, register_flaggable
        from tandem.newsletter.highlights import register_source
        from tandem.notifications.kinds import Kind, register_kind
        from tandem.notifications.models import Channel
        from tandem.search.registry import register_searchable
        from tandem.showcase.registry import register_featurable

        from . import (  # noqa: F401
            access,
            audit_verbs,
            demo,
            demo_scale,
            flaggable,
            newsletter,
            search,
            selectors,
            showcase,
            views,
        )

        demo_steps.register(demo.seed, order=72)
        demo_steps.register_scale(demo_scale.seed_scale, name="community", order=60)
        panels.register("space", views.space_panel)
        register_featurable(showcase.TOPIC)
        # fmt: off
        register_measure(Measure("topics", _("Discussions started"), selectors.topics_in_community,
                                 "created_at", "author_id", order=20))
        register_measure(Measure("replies", _("Replies in discussions"),
                                 selectors.replies_in_community, "created_at", "author_id", order=40))
        # fmt: on
        register_flaggable(flaggable.FORUM_POST)
        register_contributions(selectors.contributions)
        register_source(newsletter.most_discussed, order=20)
        for kind in search.SEARCHABLE:
            register_searchable(kind)

        for key, label, channel in [
            ("forums.mention", _("Someone mentions me in a discussion"), Channel.INSTANT),
            ("forums.replied", _("Replies to my discussion posts"), Channel.INSTANT),
            ("forums.reply", _("New posts in discussions I follow"), Channel.DIGEST),
            ("forums.topic", _("New discussions in spaces I follow"), Channel.DIGEST),
        ]:
            register_kind(Kind(key, label, channel, access.visible_ids))
