from typing import Any

from django.core.management.base import BaseCommand

from .seed_demo import print_logins


class Command(BaseCommand):
    help = "Print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        print_logins(self.stdout)
