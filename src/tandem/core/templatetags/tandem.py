from typing import Any

from django import template
from django.utils.safestring import SafeString

from tandem.core import richtext
from tandem.core.audit import describe

register = template.Library()


@register.filter
def markdown(source: str | None) -> SafeString:
    return richtext.render(source)


@register.filter
def audit_sentence(entry: Any) -> str:
    return describe(entry)
