"""``{% feature_link "forum-topic" topic.pk %}``: the "Feature or celebrate"
link on a content page, shown only to people who moderate some space."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ..access import feature_places

register = template.Library()


@register.simple_tag(takes_context=True)
def feature_link(context: dict[str, Any], kind: str, object_id: int) -> SafeString | str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not feature_places(user).exists():
        return ""
    url = reverse("showcase:new") + "?" + urlencode({"kind": kind, "id": str(object_id)})
    return format_html('<a href="{}">{}</a>', url, _("Feature or celebrate"))
