"""Shared form pieces."""

from __future__ import annotations

import pytest
from django import forms
from django.test.html import parse_html

from tandem.core.forms import LongSelect, TagsField

CHOICES = [("", "—"), ("NZ", "New Zealand"), ("CI", "Côte d'Ivoire"), ("X", "<b>Bold</b> & co")]


class Both(forms.Form):
    fast = forms.ChoiceField(choices=CHOICES, widget=LongSelect, help_text="Pick one.")
    slow = forms.ChoiceField(choices=CHOICES, help_text="Pick one.")


@pytest.mark.parametrize("data", [None, {"fast": "CI", "slow": "CI"}, {"fast": "??", "slow": "??"}])
def test_long_select_renders_what_djangos_select_renders(data: dict[str, str] | None) -> None:
    form = Both(data)
    form.is_valid()
    fast = str(form["fast"]).replace("fast", "FIELD")
    slow = str(form["slow"]).replace("slow", "FIELD")
    assert parse_html(fast) == parse_html(slow)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in fast
    if data and data["fast"] == "??":
        assert 'aria-invalid="true"' in fast


def test_long_select_marks_the_chosen_option() -> None:
    html = str(Both(initial={"fast": "NZ"})["fast"])
    assert '<option value="NZ" selected>New Zealand</option>' in html


def test_tags_field_cleans_and_deduplicates() -> None:
    field = TagsField()
    assert field.clean(" Maths,  maths , Te reo   Māori,, ") == ["Maths", "Te reo Māori"]
    with pytest.raises(forms.ValidationError, match="too long"):
        field.clean("x" * 41)
