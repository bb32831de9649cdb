from django.apps import AppConfig


class BlogsConfig(AppConfig):
    name = "tandem.blogs"
    label = "blogs"
    verbose_name = "Reflective blogs"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tandem.community.figures import Measure, register_measure
        from tandem.core import demo as demo_steps
        from tandem.core import navigation, panels
        from tandem.moderation.registry import register_contributions
        from tandem.newsletter.highlights import register_source
        from tandem.notifications.kinds import Kind, register_kind
        from tandem.notifications.models import Channel
        from tandem.search.registry import register_searchable
        from tandem.showcase.registry import register_featurable

        from . import access, audit_verbs, demo, nav, newsletter, search, selectors, showcase, views  # noqa: F401

        demo_steps.register(demo.seed, order=75)
        navigation.register(nav.blog_items)
        panels.register("space", views.space_panel)
        register_featurable(showcase.POST)
        # fmt: off
        register_measure(Measure("blog_posts", _("Reflections (blog posts)"),
                                 selectors.posts_in_community, "published_at", "author_id", order=10))
        register_measure(Measure("blog_comments", _("Comments on reflections"),
                                 selectors.comments_in_community, "created_at", "author_id", order=50))
        # fmt: on
        register_contributions(selectors.contributions)
        register_searchable(search.SEARCHABLE)
        register_source(newsletter.most_engaged, order=30)

        register_kind(
            Kind("blogs.mention", _("Someone mentions me"), Channel.INSTANT, access.visible_ids)
        )
        register_kind(
            Kind(
                "blogs.comment", _("Comments on my blog posts"), Channel.DIGEST, access.visible_ids
            )
        )
