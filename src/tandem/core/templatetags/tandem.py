from datetime import datetime
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


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ counts|get_item:state }}``: a dictionary value by a variable key."""
    try:
        return mapping.get(key, "") if mapping is not None else ""
    except AttributeError:
        return ""


@register.filter
def minutes(value: Any) -> str:
    """Minutes as "1 h 30 min"; empty for nothing."""
    if not value:
        return ""
    hours, rest = divmod(int(value), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


@register.filter
def iso_datetime(value: Any) -> Any:
    """An ISO date-time string (as tasks pass them) as a datetime, for ``|date``."""
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return ""
