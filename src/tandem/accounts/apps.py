from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tandem.accounts"
    label = "accounts"
    verbose_name = "Accounts and profiles"

    def ready(self) -> None:
        from tandem.core import navigation

        from . import audit_verbs, nav, signals  # noqa: F401

        navigation.register(nav.account_items)
