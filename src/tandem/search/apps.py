from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "tandem.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from tandem.core import navigation

        from . import nav

        navigation.register(nav.search_items)
