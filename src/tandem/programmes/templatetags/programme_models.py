from typing import Any

from django import template

from tandem.programmes import programme_models

register = template.Library()


@register.filter
def relationship_labels(model: dict[str, Any]) -> str:
    """The model's relationship kinds as the sentence a member reads."""
    kinds = model.get("relationship_kinds") or []
    return "; ".join(programme_models.RELATIONSHIP_KINDS.get(k, k) for k in kinds)
