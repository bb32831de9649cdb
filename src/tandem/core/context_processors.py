from typing import Any

from django.conf import settings
from django.http import HttpRequest

from . import navigation


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_name": settings.SITE_NAME,
        "nav_items": lambda: navigation.items_for(request),  # computed only if rendered
    }
